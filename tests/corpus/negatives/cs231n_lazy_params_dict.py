import numpy as np


class TwoLayerClassifier(object):
    """A two-layer net whose parameters are created on the first call to train."""

    def __init__(self, hidden_size=50, std=1e-4):
        self.hidden_size = hidden_size
        self.std = std
        self.params = None
        self.cache = None

    def train(self, X, y, learning_rate=1e-3, num_iters=100, batch_size=200):
        """
        Train the network with minibatch SGD.

        Inputs:
        - X: A numpy array of shape (N, D) giving training data.
        - y: A numpy array of shape (N,) giving training labels.
        """
        num_train, dim = X.shape
        num_classes = np.max(y) + 1
        self.input_dim = dim
        self.data_shape = X.shape
        if self.params is None:
            self.params = {
                'W1': self.std * np.random.randn(dim, self.hidden_size),
                'b1': np.zeros(self.hidden_size),
                'W2': self.std * np.random.randn(self.hidden_size, num_classes),
                'b2': np.zeros(num_classes),
            }
        self.mean_image = np.mean(X, axis=0)
        self.cache = (self.params['W1'].copy(), self.params['b1'].copy())
        history = []
        for it in range(num_iters):
            idx = np.random.choice(num_train, batch_size)
            loss, grads = self.loss(X[idx], y[idx])
            history.append(loss)
            for name in self.params:
                self.params[name] -= learning_rate * grads[name]
        return history

    def loss(self, X, y):
        """
        Inputs:
        - X: A numpy array of shape (N, D) giving a minibatch.
        - y: A numpy array of shape (N,) giving its labels.
        """
        W1, b1 = self.params['W1'], self.params['b1']
        W2, b2 = self.params['W2'], self.params['b2']
        N = X.shape[0]
        Xc = X - self.mean_image
        h = np.maximum(0, Xc.dot(W1) + b1)
        scores = h.dot(W2) + b2
        scores -= np.max(scores, axis=1, keepdims=True)
        probs = np.exp(scores)
        probs /= np.sum(probs, axis=1, keepdims=True)
        loss = -np.mean(np.log(probs[np.arange(N), y]))
        dscores = probs.copy()
        dscores[np.arange(N), y] -= 1
        dscores /= N
        grads = {'W2': h.T.dot(dscores), 'b2': dscores.sum(axis=0)}
        dh = dscores.dot(W2.T) * (h > 0)
        grads['W1'] = Xc.T.dot(dh)
        grads['b1'] = dh.sum(axis=0)
        return loss, grads

    def predict(self, X):
        """
        Inputs:
        - X: A numpy array of shape (N, D) giving data to classify.

        Returns:
        - y_pred: A numpy array of shape (N,) giving predicted labels.
        """
        h = np.maximum(0, (X - self.mean_image).dot(self.params['W1']) + self.params['b1'])
        scores = h.dot(self.params['W2']) + self.params['b2']
        return np.argmax(scores, axis=1)

    def first_layer_drift(self, X):
        """
        Inputs:
        - X: A numpy array of shape (N, D).
        """
        W1_start, b1_start = self.cache
        before = X.dot(W1_start) + b1_start
        after = X.dot(self.params['W1']) + self.params['b1']
        return np.abs(after - before).mean()

    def blank_batch(self, X):
        """
        Inputs:
        - X: A numpy array of shape (N, D).
        """
        template = np.zeros(self.data_shape)
        weights = np.ones((self.input_dim, self.hidden_size))
        return X.dot(weights) + template[:1].dot(weights)
