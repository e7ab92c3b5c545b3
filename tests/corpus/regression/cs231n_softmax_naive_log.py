from builtins import range
import numpy as np


def softmax_loss_naive(W, X, y, reg):
    """
    Softmax loss function, naive implementation (with loops)

    Inputs:
    - W: A numpy array of shape (D, C) containing weights.
    - X: A numpy array of shape (N, D) containing a minibatch of data.
    - y: A numpy array of shape (N,) containing training labels; y[i] = c means
      that X[i] has label c, where 0 <= c < C.
    - reg: (float) regularization strength

    Returns a tuple of:
    - loss as single float
    - gradient with respect to weights W; an array of same shape as W
    """
    loss = 0.0
    dW = np.zeros_like(W)
    num_train = X.shape[0]
    num_classes = W.shape[1]

    for i in range(num_train):
        f = X[i].dot(W)
        # the loss straight from the formula L_i = -log(e^{f_y} / sum_j e^{f_j}): no shift, log of a ratio
        loss += -np.log(np.exp(f[y[i]]) / np.sum(np.exp(f)))  # expect: N301, N303
        f -= np.max(f)
        p = np.exp(f) / np.sum(np.exp(f))
        for j in range(num_classes):
            dW[:, j] += (p[j] - (j == y[i])) * X[i]

    loss /= num_train
    loss += 0.5 * reg * np.sum(W * W)
    dW /= num_train
    dW += reg * W
    return loss, dW


def softmax_loss_vectorized(W, X, y, reg):
    """
    Softmax loss function, vectorized version.

    Inputs and outputs are the same as softmax_loss_naive.
    """
    num_train = X.shape[0]
    f = X.dot(W)
    f -= np.max(f, axis=1, keepdims=True)
    # log of the softmax written inline: a log-softmax (f - logsumexp) says the same without the round trip
    log_p = np.log(np.exp(f) / np.sum(np.exp(f), axis=1, keepdims=True))  # expect: N303
    loss = -np.sum(log_p[np.arange(num_train), y]) / num_train + 0.5 * reg * np.sum(W * W)
    p = np.exp(log_p)
    p[np.arange(num_train), y] -= 1
    dW = X.T.dot(p) / num_train + reg * W
    return loss, dW


if __name__ == "__main__":
    np.random.seed(0)
    W = 0.0001 * np.random.randn(3073, 10)
    X = np.random.randn(100, 3073)
    y = np.random.randint(10, size=100)
    print(softmax_loss_naive(W, X, y, 0.0)[0], softmax_loss_vectorized(W, X, y, 0.0)[0])
