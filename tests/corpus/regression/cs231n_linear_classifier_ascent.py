import numpy as np


class LinearClassifier:
    def __init__(self):
        self.W = None

    def train(self, X, y, learning_rate=1e-3, reg=1e-5, num_iters=100, batch_size=200):
        """
        Train this linear classifier using stochastic gradient descent.

        Inputs:
        - X: A numpy array of shape (N, D) containing training data.
        - y: A numpy array of shape (N,) containing training labels.
        """
        num_train, dim = X.shape
        num_classes = np.max(y) + 1
        if self.W is None:
            self.W = 0.001 * np.random.randn(dim, num_classes)
        loss_history = []
        for it in range(num_iters):
            idx = np.random.choice(num_train, batch_size)
            X_batch, y_batch = X[idx], y[idx]
            scores = X_batch.dot(self.W)
            scores -= scores.max(axis=1, keepdims=True)
            probs = np.exp(scores)
            probs /= probs.sum(axis=1, keepdims=True)
            loss = -np.log(probs[np.arange(batch_size), y_batch]).mean()
            dscores = probs
            dscores[np.arange(batch_size), y_batch] -= 1
            dscores /= batch_size
            grad = X_batch.T.dot(dscores) + 2 * reg * self.W
            # the gradient of the loss, added: the loss climbs at every step
            self.W += learning_rate * grad  # expect: G501
            loss_history.append(loss)
        return loss_history


clf = LinearClassifier()
clf.train(np.random.randn(500, 12), np.random.randint(4, size=500))
