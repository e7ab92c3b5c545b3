import numpy as np

# model state shared by the functions below, the way many first notebooks keep it
theta = None
mu = None
sigma = None


def feature_normalize(X):
    """
    Args:
        X (ndarray (m,n)): input data, m examples, n features
    """
    global mu, sigma
    mu = np.mean(X, axis=0)
    sigma = np.std(X, axis=0)
    return (X - mu) / sigma


def gradient_descent(X, y, alpha=0.01, num_iters=400):
    """
    Args:
        X (ndarray (m,n)): normalised data with a column of ones
        y (ndarray (m,)): target values
    """
    global theta
    m, n = X.shape
    theta = np.zeros(n)
    J_history = []
    for _ in range(num_iters):
        err = X @ theta - y
        theta = theta - alpha / m * (X.T @ err)
        J_history.append(err @ err / (2 * m))
    return J_history


def predict(X):
    """
    Args:
        X (ndarray (m,n)): raw data, m examples, n features
    """
    Xn = (X - mu) / sigma
    Xb = np.hstack([np.ones((X.shape[0], 1)), Xn])
    return Xb @ theta


def normal_equation(X, y):
    """
    Args:
        X (ndarray (m,n)): data with a column of ones
        y (ndarray (m,)): target values
    """
    global theta
    theta = np.linalg.pinv(X.T @ X) @ X.T @ y
    return theta
