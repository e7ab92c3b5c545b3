import numpy as np


def my_softmax(z):
    """ Softmax converts a vector of values to a probability distribution.
    Args:
      z (ndarray (N,))  : input data, N features
    Returns:
      a (ndarray (N,))  : softmax of z
    """
    ez = np.exp(z - np.max(z))
    a = ez / np.sum(ez)
    return a


def my_softmax_batch(Z):
    """ The vector version applied to a whole batch of logits at once.
    Args:
      Z (ndarray (m,N))  : m examples, N scores each
    Returns:
      A (ndarray (m,N))  : probabilities
    """
    ez = np.exp(Z - np.max(Z, axis=1, keepdims=True))
    # sums over every example and class together: rows no longer sum to 1
    A = ez / np.sum(ez)  # expect: N306
    return A


def my_dense_v(A_in, W, b, g):
    """
    Computes dense layer
    Args:
      A_in (ndarray (m,n)) : Data, m examples, n features each
      W    (ndarray (n,j)) : Weight matrix, n features per unit, j units
      b    (ndarray (1,j)) : bias vector, j units
      g    activation function (e.g. sigmoid, relu..)
    Returns
      A_out (ndarray (m,j)) : m examples, j units
    """
    Z = np.matmul(A_in, W) + b
    return g(Z)


np.random.seed(1)
X = np.random.randn(4, 2)
W1 = np.random.randn(2, 3)
b1 = np.zeros((1, 3))
W2 = np.random.randn(3, 4)
b2 = np.zeros((1, 4))
A1 = my_dense_v(X, W1, b1, lambda z: np.maximum(0, z))
Z2 = my_dense_v(A1, W2, b2, lambda z: z)
P = my_softmax_batch(Z2)
print(P.sum(axis=1))
print(my_softmax(np.array([1., 2., 3., 4.])))
