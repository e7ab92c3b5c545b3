"""Gaussian Naive Bayes, scikit-learn style, with the evidence computed from probabilities."""

import numpy as np


class GaussianNB:
    """Gaussian Naive Bayes (GaussianNB).

    Attributes
    ----------
    class_prior_ : ndarray of shape (n_classes,)
        probability of each class.
    theta_ : ndarray of shape (n_classes, n_features)
        mean of each feature per class.
    var_ : ndarray of shape (n_classes, n_features)
        Variance of each feature per class.
    """

    def __init__(self, var_smoothing=1e-9):
        self.var_smoothing = var_smoothing

    def fit(self, X, y):
        """Fit Gaussian Naive Bayes according to X, y.

        Parameters
        ----------
        X : ndarray of shape (n_samples, n_features)
            Training vectors.
        y : ndarray of shape (n_samples,)
            Target values.

        Returns
        -------
        self : object
        """
        self.classes_ = np.unique(y)
        eps = self.var_smoothing * np.var(X, axis=0).max()
        self.theta_ = np.array([X[y == c].mean(axis=0) for c in self.classes_])
        self.var_ = np.array([X[y == c].var(axis=0) + eps for c in self.classes_])
        self.class_prior_ = np.array([np.mean(y == c) for c in self.classes_])
        return self

    def _joint_log_likelihood(self, X):
        """log P(c) + log P(x | c) for every sample and class.

        Parameters
        ----------
        X : ndarray of shape (n_samples, n_features)

        Returns
        -------
        jll : ndarray of shape (n_samples, n_classes)
        """
        jll = np.zeros((X.shape[0], len(self.classes_)))
        for i in range(len(self.classes_)):
            n_ij = -0.5 * np.sum(np.log(2.0 * np.pi * self.var_[i]))
            n_ij = n_ij - 0.5 * np.sum((X - self.theta_[i]) ** 2 / self.var_[i], axis=1)
            jll[:, i] = np.log(self.class_prior_[i]) + n_ij
        return jll

    def predict_log_proba(self, X):
        """Return log-probability estimates for the test vector X.

        Parameters
        ----------
        X : ndarray of shape (n_samples, n_features)
            The input samples.

        Returns
        -------
        C : ndarray of shape (n_samples, n_classes)
        """
        jll = self._joint_log_likelihood(X)
        # log P(x) = log sum_c exp(jll_c): the joint likelihoods of a distant sample all underflow to 0
        log_prob_x = np.log(np.sum(np.exp(jll), axis=1))  # expect: N302
        return jll - log_prob_x[:, np.newaxis]

    def predict(self, X):
        """Perform classification on an array of test vectors X.

        Parameters
        ----------
        X : ndarray of shape (n_samples, n_features)

        Returns
        -------
        C : ndarray of shape (n_samples,)
        """
        return self.classes_[np.argmax(self._joint_log_likelihood(X), axis=1)]


if __name__ == "__main__":
    X = np.array([[-1, -1], [-2, -1], [-3, -2], [1, 1], [2, 1], [3, 2]], dtype=float)
    Y = np.array([1, 1, 1, 2, 2, 2])
    clf = GaussianNB().fit(X, Y)
    print(clf.predict(np.array([[-0.8, -1.0]])), np.exp(clf.predict_log_proba(X)).sum(axis=1))
