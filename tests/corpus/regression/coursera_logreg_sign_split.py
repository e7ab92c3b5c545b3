import numpy as np


def sigmoid(z):
    """
    Compute the sigmoid of z

    Args:
        z (ndarray): A scalar, numpy array of any size.

    Returns:
        g (ndarray): sigmoid(z), with the same shape as z
    """
    return 1 / (1 + np.exp(-z))


def compute_gradient_logistic(X, y, w, b):
    """
    Computes the gradient for logistic regression

    Args:
      X (ndarray (m,n): Data, m examples with n features
      y (ndarray (m,)): target values
      w (ndarray (n,)): model parameters
      b (scalar)      : model parameter
    Returns
      dj_dw (ndarray (n,)): The gradient of the cost w.r.t. the parameters w.
      dj_db (scalar)      : The gradient of the cost w.r.t. the parameter b.
    """
    m = X.shape[0]
    f_wb = sigmoid(X @ w + b)
    err = f_wb - y
    return X.T @ err / m, np.sum(err) / m


X_train = np.array([[0.5, 1.5], [1, 1], [1.5, 0.5], [3, 0.5], [2, 2], [1, 2.5]])
y_train = np.array([0, 0, 0, 1, 1, 1])
m = X_train.shape[0]
w = np.zeros(2)
b = 0.
alpha = 0.1
for it in range(1000):
    f_wb = sigmoid(X_train @ w + b)
    err = y_train - f_wb  # expect: G502
    dj_dw = X_train.T @ err / m
    w = w - alpha * dj_dw
    b = b - alpha * np.sum(f_wb - y_train) / m

dj_dw_check, dj_db_check = compute_gradient_logistic(X_train, y_train, w, b)
print("gradient at the end:", dj_dw_check, dj_db_check)
