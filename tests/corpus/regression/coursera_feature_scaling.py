import numpy as np
np.set_printoptions(precision=2)


def zscore_normalize_features(X):
    """
    computes  X, zcore normalized by column

    Args:
      X (ndarray (m,n))     : input data, m examples, n features

    Returns:
      X_norm (ndarray (m,n)): input normalized by column
      mu (ndarray (n,))     : mean of each feature
      sigma (ndarray (n,))  : standard deviation of each feature
    """
    mu = np.mean(X, axis=0)
    sigma = np.std(X, axis=0)
    X_norm = (X - mu) / sigma
    return (X_norm, mu, sigma)


def mean_normalize_features(X):
    """
    mean normalization: (x - mu) / (max - min), per feature

    Args:
      X (ndarray (m,n))     : input data, m examples, n features

    Returns:
      X_norm (ndarray (m,n)): input normalized by column
    """
    # axis=1 averages each example over its features: a per-row statistic broadcast along the columns
    mu = np.mean(X, axis=1)
    X_norm = (X - mu) / (np.max(X, axis=0) - np.min(X, axis=0))  # expect: S106
    return X_norm


def compute_cost(X, y, w, b):
    """
    compute cost
    Args:
      X (ndarray (m,n)): Data, m examples with n features
      y (ndarray (m,)) : target values
      w (ndarray (n,)) : model parameters
      b (scalar)       : model parameter

    Returns:
      cost (scalar): cost
    """
    m = X.shape[0]
    cost = 0.0
    for i in range(m):
        f_wb_i = np.dot(X[i], w) + b
        cost = cost + (f_wb_i - y[i]) ** 2
    return cost / (2 * m)


X_train = np.array([[2104., 5, 1, 45], [1416, 3, 2, 40], [852, 2, 1, 35], [1200, 3, 1, 30]])
y_train = np.array([460., 232, 178, 250])
X_z, X_mu, X_sigma = zscore_normalize_features(X_train)
X_mean = mean_normalize_features(X_train)
print(f"X_mu = {X_mu}, \nX_sigma = {X_sigma}")
print(f"Peak to Peak range by column in Raw        X:{np.ptp(X_train, axis=0)}")
print(f"Peak to Peak range by column in Normalized X:{np.ptp(X_z, axis=0)}")
print(compute_cost(X_z, y_train, np.zeros(4), 0.0), X_mean.shape)
