from __future__ import print_function

from builtins import range
from builtins import object
import numpy as np


class TwoLayerNet(object):
    """
    A two-layer fully-connected neural network with a ReLU nonlinearity and a
    softmax loss.

    input - fully connected layer - ReLU - fully connected layer - softmax
    """

    def __init__(self, input_size, hidden_size, output_size, std=1e-4):
        """
        Initialize the model. Weights are initialized to small random values and
        biases are initialized to zero. Weights and biases are stored in the
        variable self.params, which is a dictionary with the following keys:

        W1: First layer weights; has shape (D, H)
        b1: First layer biases; has shape (H,)
        W2: Second layer weights; has shape (H, C)
        b2: Second layer biases; has shape (C,)
        """
        self.params = {}
        self.params["W1"] = std * np.random.randn(input_size, hidden_size)
        self.params["b1"] = np.zeros(hidden_size)
        self.params["W2"] = std * np.random.randn(hidden_size, output_size)
        self.params["b2"] = np.zeros(output_size)

    def loss(self, X, y=None, reg=0.0):
        """
        Compute the loss and gradients for a two layer fully connected neural
        network.

        Inputs:
        - X: Input data of shape (N, D). Each X[i] is a training sample.
        - y: Vector of training labels. y[i] is the label for X[i].
        - reg: Regularization strength.
        """
        W1, b1 = self.params["W1"], self.params["b1"]
        W2, b2 = self.params["W2"], self.params["b2"]
        N, D = X.shape

        z1 = X.dot(W1) + b1
        a1 = np.maximum(0, z1)
        scores = a1.dot(W2) + b2

        if y is None:
            return scores

        exp_scores = np.exp(scores)  # expect: N301
        probs = exp_scores / np.sum(exp_scores, axis=1, keepdims=True)
        data_loss = -np.sum(np.log(probs[np.arange(N), y])) / N
        reg_loss = reg * (np.sum(W1 * W1) + np.sum(W2 * W2))
        loss = data_loss + reg_loss

        grads = {}
        dscores = probs.copy()
        dscores[np.arange(N), y] -= 1
        dscores /= N
        grads["W2"] = a1.T.dot(dscores) + 2 * reg * W2
        grads["b2"] = np.sum(dscores, axis=0)
        da1 = dscores.dot(W2.T)
        dz1 = da1 * (z1 > 0)
        grads["W1"] = X.T.dot(dz1) + 2 * reg * W1
        # summing over the hidden units instead of the batch: b1 is (H,), this is (N,)
        grads["b1"] = np.sum(dz1, axis=1)
        return loss, grads

    def train(self, X, y, learning_rate=1e-3, reg=5e-6, num_iters=100, batch_size=200):
        num_train = X.shape[0]
        loss_history = []
        for it in range(num_iters):
            idx = np.random.choice(num_train, batch_size)
            loss, grads = self.loss(X[idx], y=y[idx], reg=reg)
            loss_history.append(loss)
            self.params["W1"] -= learning_rate * grads["W1"]
            self.params["b1"] -= learning_rate * grads["b1"]  # expect: S101
            self.params["W2"] -= learning_rate * grads["W2"]
            self.params["b2"] -= learning_rate * grads["b2"]
        return loss_history

    def predict(self, X):
        h = np.maximum(0, X.dot(self.params["W1"]) + self.params["b1"])
        return np.argmax(h.dot(self.params["W2"]) + self.params["b2"], axis=1)


if __name__ == "__main__":
    np.random.seed(0)
    net = TwoLayerNet(4, 10, 3, std=1e-1)
    X = 10 * np.random.randn(5, 4)
    y = np.array([0, 1, 2, 2, 1])
    print(net.loss(X, y, reg=0.05)[0])
    net.train(X, y, learning_rate=1e-1, num_iters=10, batch_size=5)
