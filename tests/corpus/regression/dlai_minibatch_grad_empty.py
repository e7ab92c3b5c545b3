import numpy as np
import math


def random_mini_batches(X, Y, mini_batch_size=64, seed=0):
    """
    Creates a list of random minibatches from (X, Y)

    Arguments:
    X -- input data, of shape (input size, number of examples)
    Y -- true "label" vector (1 for blue dot / 0 for red dot), of shape (1, number of examples)
    mini_batch_size -- size of the mini-batches, integer

    Returns:
    mini_batches -- list of synchronous (mini_batch_X, mini_batch_Y)
    """
    np.random.seed(seed)
    m = X.shape[1]
    mini_batches = []
    permutation = list(np.random.permutation(m))
    shuffled_X = X[:, permutation]
    shuffled_Y = Y[:, permutation].reshape((1, m))
    num_complete_minibatches = math.floor(m / mini_batch_size)
    for k in range(0, num_complete_minibatches):
        mini_batch_X = shuffled_X[:, k * mini_batch_size:(k + 1) * mini_batch_size]
        mini_batch_Y = shuffled_Y[:, k * mini_batch_size:(k + 1) * mini_batch_size]
        mini_batches.append((mini_batch_X, mini_batch_Y))
    if m % mini_batch_size != 0:
        mini_batch_X = shuffled_X[:, num_complete_minibatches * mini_batch_size:]
        mini_batch_Y = shuffled_Y[:, num_complete_minibatches * mini_batch_size:]
        mini_batches.append((mini_batch_X, mini_batch_Y))
    return mini_batches


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def full_batch_gradient(w, b, X, Y, mini_batch_size=64):
    """
    The full-batch gradient of the logistic loss, accumulated one minibatch at a time
    (the data does not fit in memory at once).

    Arguments:
    w -- weights, a numpy array of size (n_x, 1)
    b -- bias, a scalar
    X -- data of shape (n_x, number of examples)
    Y -- labels of shape (1, number of examples)

    Returns:
    dw -- gradient of the mean loss with respect to w, same shape as w
    db -- gradient of the mean loss with respect to b
    """
    m = X.shape[1]
    dw = np.empty(w.shape)  # expect: N308
    db = 0.0
    for mini_batch_X, mini_batch_Y in random_mini_batches(X, Y, mini_batch_size):
        A = sigmoid(np.dot(w.T, mini_batch_X) + b)
        dw += np.dot(mini_batch_X, (A - mini_batch_Y).T)
        db += np.sum(A - mini_batch_Y)
    return dw / m, db / m


def gradient_descent(w, b, X, Y, learning_rate=0.1, num_epochs=100):
    """
    Arguments:
    w -- weights, a numpy array of size (n_x, 1)
    b -- bias, a scalar
    X -- data of shape (n_x, number of examples)
    Y -- labels of shape (1, number of examples)
    """
    for epoch in range(num_epochs):
        dw, db = full_batch_gradient(w, b, X, Y)
        w = w - learning_rate * dw
        b = b - learning_rate * db
    return w, b


if __name__ == "__main__":
    np.random.seed(1)
    X = np.random.randn(5, 300)
    Y = (np.random.rand(1, 300) > 0.5).astype(float)
    w, b = gradient_descent(np.zeros((5, 1)), 0.0, X, Y, num_epochs=10)
    print(w.ravel(), b)
