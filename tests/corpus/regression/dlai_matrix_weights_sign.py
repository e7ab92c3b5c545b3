"""Weights times data (Z = W @ X) with the update climbing the loss."""
import numpy as np


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def model(X, Y, learning_rate=0.01, num_iterations=100):
    """
    X -- data, numpy array of shape (n_x, m)
    Y -- labels, numpy array of shape (1, m)
    """
    n_x, m = X.shape
    W = np.random.randn(1, n_x) * 0.01
    b = np.zeros((1, 1))
    for i in range(num_iterations):
        A = sigmoid(np.dot(W, X) + b)
        dZ = A - Y
        dW = np.dot(dZ, X.T) / m
        db = np.sum(dZ, axis=1, keepdims=True) / m
        W = W + learning_rate * dW  # expect: G501
        b = b - learning_rate * db
    return W, b


def softmax_regression(X, Y, lr=0.5, iters=100):
    """X: (d, n); Y: (k, n) one-hot columns."""
    W = np.zeros((Y.shape[0], X.shape[0]))
    for _ in range(iters):
        S = W @ X
        S = S - S.max(axis=0, keepdims=True)
        P = np.exp(S) / np.exp(S).sum(axis=0, keepdims=True)
        W -= lr * (Y - P) @ X.T / X.shape[1]  # expect: G502
    return W


rng = np.random.default_rng(0)
X = rng.normal(size=(3, 20))
Y = (rng.random((1, 20)) > 0.5).astype(float)
W, b = model(X, Y)
W2 = softmax_regression(X, np.eye(2)[:, rng.integers(0, 2, size=20)])
