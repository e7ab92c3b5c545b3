import numpy as np


class LinearModel:
    def __init__(self, weights, bias=0.0):
        self._w = np.asarray(weights, dtype=float)
        self._b = bias

    @classmethod
    def zeros(cls, n_features):
        return cls(np.zeros(n_features))

    @classmethod
    def from_normal_equations(cls, X, y):
        """
        X : ndarray of shape (n_samples, n_features)
        y : ndarray of shape (n_samples,)
        """
        w = np.linalg.solve(X.T @ X, X.T @ y)
        return cls(w)

    @staticmethod
    def add_bias(X):
        """X : ndarray of shape (n_samples, n_features)"""
        return np.hstack([X, np.ones((X.shape[0], 1))])

    @property
    def weights(self):
        return self._w

    @weights.setter
    def weights(self, value):
        self._w = np.asarray(value, dtype=float)

    @property
    def n_features(self):
        return self._w.shape[0]

    @property
    def norm(self):
        return np.sqrt(self._w @ self._w)

    def predict(self, X):
        """X : ndarray of shape (n_samples, n_features)"""
        return X @ self.weights + self._b

    def residuals(self, X, y):
        """
        X : ndarray of shape (n_samples, n_features)
        y : ndarray of shape (n_samples,)
        """
        return y - self.predict(X)

    def gradient(self, X, y):
        """
        X : ndarray of shape (n_samples, n_features)
        y : ndarray of shape (n_samples,)
        """
        r = self.residuals(X, y)
        return -2 * X.T @ r / X.shape[0]

    def fit_gd(self, X, y, lr=0.1, n_iter=100):
        for _ in range(n_iter):
            self.weights = self.weights - lr * self.gradient(X, y)
        return self


class Standardizer:
    def fit(self, X):
        """X : ndarray of shape (n_samples, n_features)"""
        self.mean_ = X.mean(axis=0)
        self.scale_ = X.std(axis=0)
        return self

    def transform(self, X):
        """X : ndarray of shape (n_samples, n_features)"""
        return (X - self.mean_) / self.scale_

    def inverse_transform(self, Z):
        """Z : ndarray of shape (n_samples, n_features)"""
        return Z * self.scale_ + self.mean_


if __name__ == "__main__":
    rng = np.random.default_rng(0)
    X = rng.standard_normal((50, 4))
    y = X @ np.array([1.0, 2.0, 0.0, -1.0])
    Z = Standardizer().fit(X).transform(X)
    Xb = LinearModel.add_bias(Z)
    m = LinearModel.from_normal_equations(Xb, y)
    m2 = LinearModel.zeros(Xb.shape[1]).fit_gd(Xb, y)
    diff = m.predict(Xb) - m2.predict(Xb)
    print(m.norm, m2.n_features, np.abs(diff).max())
