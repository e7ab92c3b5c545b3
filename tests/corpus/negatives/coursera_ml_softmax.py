import numpy as np


def my_softmax(z):
    """ Softmax converts a vector of values to a probability distribution.
    Args:
      z (ndarray (N,))  : input data, N features
    Returns:
      a (ndarray (N,))  : softmax of z
    """
    ez = np.exp(z - np.max(z))  # shift: exp of a large score overflows
    a = ez / np.sum(ez)
    return a


def my_softmax_batch(Z):
    """ Softmax of each row.
    Args:
      Z (ndarray (m,N))  : m examples, N scores each
    Returns:
      A (ndarray (m,N))  : each row a probability distribution
    """
    ez = np.exp(Z - np.max(Z, axis=1, keepdims=True))
    A = ez / np.sum(ez, axis=1, keepdims=True)
    return A


def my_dense(a_in, W, b, g):
    """
    Computes dense layer
    Args:
      a_in (ndarray (n, )) : Data, 1 example
      W    (ndarray (n,j)) : Weight matrix, n features per unit, j units
      b    (ndarray (j, )) : bias vector, j units
      g    activation function (e.g. sigmoid, relu..)
    Returns
      a_out (ndarray (j,))  : j units
    """
    units = W.shape[1]
    a_out = np.zeros(units)
    for j in range(units):
        w = W[:, j]
        z = np.dot(w, a_in) + b[j]
        a_out[j] = g(z)
    return a_out


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
    A_out = g(Z)
    return A_out


def relu(z):
    return np.maximum(0, z)


def sparse_categorical_crossentropy(Z, y):
    """ Mean cross-entropy of the softmax of each row against integer labels.
    Args:
      Z (ndarray (m,N)) : logits
      y (ndarray (m,))  : labels in 0..N-1
    Returns:
      loss (scalar)
    """
    m = Z.shape[0]
    shifted = Z - np.max(Z, axis=1, keepdims=True)
    log_probs = shifted - np.log(np.sum(np.exp(shifted), axis=1, keepdims=True))
    loss = -np.mean(log_probs[np.arange(m), y])
    return loss


test = np.array([1., 2., 3., 4.])
sm = my_softmax(test)
print(sm, np.sum(sm))

np.random.seed(1)
X = np.random.randn(4, 2)
W1 = np.random.randn(2, 3)
b1 = np.zeros((1, 3))
W2 = np.random.randn(3, 4)
b2 = np.zeros((1, 4))
A1 = my_dense_v(X, W1, b1, relu)
Z2 = my_dense_v(A1, W2, b2, lambda z: z)
P = my_softmax_batch(Z2)
print("row sums:", P.sum(axis=1))
print("loss:", sparse_categorical_crossentropy(Z2, np.array([0, 3, 1, 2])))
a = my_dense(X[0], W1, b1[0], relu)
print(a)
