"""Logistic regression, scikit-learn style API, with hand-written probability functions."""

import numpy as np


class LogisticRegression:
    """Binary logistic regression trained by gradient descent.

    Parameters
    ----------
    learning_rate : float, default=0.1
    max_iter : int, default=1000

    Attributes
    ----------
    coef_ : ndarray of shape (n_features,)
    intercept_ : float
    """

    def __init__(self, learning_rate=0.1, max_iter=1000):
        self.learning_rate = learning_rate
        self.max_iter = max_iter

    @staticmethod
    def _sigmoid(z):
        return np.exp(z) / (1 + np.exp(z))  # expect: N304

    def fit(self, X, y):
        """Fit the model according to the given training data.

        Parameters
        ----------
        X : ndarray of shape (n_samples, n_features)
            Training vector.
        y : ndarray of shape (n_samples,)
            Target vector relative to X, in {0, 1}.

        Returns
        -------
        self
        """
        n_samples, n_features = X.shape
        w = np.zeros(n_features)
        b = 0.0
        for _ in range(self.max_iter):
            p = self._sigmoid(X @ w + b)
            w -= self.learning_rate * X.T @ (p - y) / n_samples
            b -= self.learning_rate * np.mean(p - y)
        self.coef_, self.intercept_ = w, b
        return self

    def decision_function(self, X):
        """
        Parameters
        ----------
        X : ndarray of shape (n_samples, n_features)

        Returns
        -------
        scores : ndarray of shape (n_samples,)
        """
        return X @ self.coef_ + self.intercept_

    def predict_proba(self, X):
        """
        Parameters
        ----------
        X : ndarray of shape (n_samples, n_features)

        Returns
        -------
        T : ndarray of shape (n_samples, 2)
        """
        p1 = 1 / (1 + np.exp(-self.decision_function(X)))
        return np.column_stack([1 - p1, p1])

    def predict_log_proba(self, X):
        """
        Parameters
        ----------
        X : ndarray of shape (n_samples, n_features)

        Returns
        -------
        T : ndarray of shape (n_samples, 2)
        """
        z = self.decision_function(X)
        # log of a sigmoid in one expression: -inf once the sigmoid rounds to 0 or 1
        log_p1 = np.log(1 / (1 + np.exp(-z)))  # expect: N305
        log_p0 = np.log(1 - 1 / (1 + np.exp(-z)))  # expect: N305
        return np.column_stack([log_p0, log_p1])

    def score(self, X, y):
        """Mean accuracy.

        Parameters
        ----------
        X : ndarray of shape (n_samples, n_features)
        y : ndarray of shape (n_samples,)
        """
        return np.mean((self.decision_function(X) > 0).astype(int) == y)


if __name__ == "__main__":
    rng = np.random.default_rng(0)
    X = rng.normal(size=(100, 2))
    y = (X[:, 0] - X[:, 1] > 0).astype(int)
    clf = LogisticRegression().fit(X, y)
    print(clf.score(X, y), clf.predict_proba(X[:2]), np.exp(clf.predict_log_proba(X[:2])))
