"""Weights as (classes, features) matrices and samples as columns: Z = W @ X (deeplearning.ai, UFLDL).

Descent on the loss and ascent on the log-likelihood, both right.
"""
import numpy as np


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def softmax_columns(S):
    S = S - S.max(axis=0, keepdims=True)
    E = np.exp(S)
    return E / E.sum(axis=0, keepdims=True)


def nn_model(X, Y, n_h, num_iterations=200, learning_rate=1.2):
    """
    X -- dataset of shape (2, number of examples)
    Y -- labels of shape (1, number of examples)
    """
    np.random.seed(3)
    n_x, m = X.shape
    W1 = np.random.randn(n_h, n_x) * 0.01
    b1 = np.zeros((n_h, 1))
    W2 = np.random.randn(Y.shape[0], n_h) * 0.01
    b2 = np.zeros((Y.shape[0], 1))
    for i in range(num_iterations):
        A1 = np.tanh(np.dot(W1, X) + b1)
        A2 = sigmoid(np.dot(W2, A1) + b2)
        dZ2 = A2 - Y
        dW2 = np.dot(dZ2, A1.T) / m
        db2 = np.sum(dZ2, axis=1, keepdims=True) / m
        dZ1 = np.dot(W2.T, dZ2) * (1 - np.power(A1, 2))
        dW1 = np.dot(dZ1, X.T) / m
        db1 = np.sum(dZ1, axis=1, keepdims=True) / m
        W1 = W1 - learning_rate * dW1
        b1 = b1 - learning_rate * db1
        W2 = W2 - learning_rate * dW2
        b2 = b2 - learning_rate * db2
    return W1, b1, W2, b2


def softmax_regression(X, labels, k, lr=0.5, iters=100):
    """X: (d, n), one sample per column; W: (k, d)."""
    d, n = X.shape
    Y = np.eye(k)[:, labels]
    W = np.zeros((k, d))
    V = np.zeros((k, d))
    for _ in range(iters):
        W -= lr * (softmax_columns(W @ X) - Y) @ X.T / n
        V += lr * (Y - softmax_columns(V @ X)) @ X.T / n
    return W, V


def linear_map(X, T, lr=0.05, iters=100):
    """Least squares for A in T ~ A @ X."""
    A = np.zeros((T.shape[0], X.shape[0]))
    for _ in range(iters):
        A -= lr * (A @ X - T) @ X.T / X.shape[1]
    return A


rng = np.random.default_rng(0)
X = rng.normal(size=(2, 40))
Y = (X[:1] + X[1:] > 0).astype(float)
params = nn_model(X, Y, 4)
W, V = softmax_regression(X, rng.integers(0, 3, size=40), 3)
A = linear_map(X, rng.normal(size=(3, 2)) @ X)
