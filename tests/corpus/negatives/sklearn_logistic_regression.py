"""Binary logistic regression, scikit-learn style API, L-BFGS-free (plain Newton / gradient)."""

import numpy as np
from scipy.special import expit, log_expit


class LogisticRegression:
    """Logistic Regression classifier.

    Parameters
    ----------
    C : float, default=1.0
        Inverse of regularization strength; must be a positive float.
    max_iter : int, default=100
        Maximum number of iterations taken for the solver to converge.
    tol : float, default=1e-6
        Tolerance for stopping criteria.
    solver : {'newton', 'gd'}, default='newton'
        Algorithm to use in the optimization problem.
    learning_rate : float, default=0.1
        Step size of the 'gd' solver.

    Attributes
    ----------
    coef_ : ndarray of shape (n_features,)
        Coefficient of the features in the decision function.
    intercept_ : float
        Intercept (a.k.a. bias) added to the decision function.
    n_iter_ : int
        Actual number of iterations.
    """

    def __init__(self, C=1.0, max_iter=100, tol=1e-6, solver="newton", learning_rate=0.1):
        self.C = C
        self.max_iter = max_iter
        self.tol = tol
        self.solver = solver
        self.learning_rate = learning_rate

    def _loss_grad_hess(self, w, X, y):
        """Penalised negative log-likelihood, its gradient and Hessian.

        Parameters
        ----------
        w : ndarray of shape (n_features + 1,)
            Coefficients, intercept last.
        X : ndarray of shape (n_samples, n_features + 1)
            Data with a trailing column of ones.
        y : ndarray of shape (n_samples,)
            Labels in {0, 1}.
        """
        z = X @ w
        p = expit(z)
        # -sum(y log p + (1 - y) log(1 - p)), with log p = log_expit(z) and log(1 - p) = log_expit(-z)
        loss = -np.sum(y * log_expit(z) + (1 - y) * log_expit(-z)) + 0.5 / self.C * (w[:-1] @ w[:-1])
        penalty = np.r_[w[:-1], 0.0] / self.C
        grad = X.T @ (p - y) + penalty
        weights = p * (1 - p)
        hess = (X.T * weights) @ X + np.diag(np.r_[np.ones(X.shape[1] - 1), 0.0]) / self.C
        return loss, grad, hess

    def fit(self, X, y):
        """Fit the model according to the given training data.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Training vector.
        y : array-like of shape (n_samples,)
            Target vector relative to X.

        Returns
        -------
        self
            Fitted estimator.
        """
        X = np.asarray(X, dtype=float)
        y = np.asarray(y, dtype=float)
        Xb = np.hstack([X, np.ones((X.shape[0], 1))])
        w = np.zeros(Xb.shape[1])
        for self.n_iter_ in range(1, self.max_iter + 1):
            loss, grad, hess = self._loss_grad_hess(w, Xb, y)
            if self.solver == "newton":
                step = np.linalg.solve(hess, grad)
            else:
                step = self.learning_rate * grad / X.shape[0]
            w = w - step
            if np.max(np.abs(step)) < self.tol:
                break
        self.coef_ = w[:-1]
        self.intercept_ = w[-1]
        return self

    def decision_function(self, X):
        """Predict confidence scores for samples.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        scores : ndarray of shape (n_samples,)
        """
        return np.asarray(X) @ self.coef_ + self.intercept_

    def predict_proba(self, X):
        """Probability estimates.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        T : ndarray of shape (n_samples, 2)
            Probability of each class, in the order of ``classes_``.
        """
        p1 = expit(self.decision_function(X))
        return np.column_stack([1 - p1, p1])

    def predict_log_proba(self, X):
        """Log of probability estimates, without taking the log of a rounded probability."""
        z = self.decision_function(X)
        return np.column_stack([log_expit(-z), log_expit(z)])

    def predict(self, X):
        return (self.decision_function(X) > 0).astype(int)


if __name__ == "__main__":
    rng = np.random.default_rng(42)
    X = rng.normal(size=(200, 3))
    w_true = np.array([1.5, -2.0, 0.5])
    y = (rng.random(200) < expit(X @ w_true - 0.3)).astype(int)
    newton = LogisticRegression(C=10.0).fit(X, y)
    gd = LogisticRegression(C=10.0, solver="gd", learning_rate=1.0, max_iter=5000).fit(X, y)
    print("newton:", newton.coef_, newton.intercept_, newton.n_iter_)
    print("gd:    ", gd.coef_, gd.intercept_)
    print("accuracy:", np.mean(newton.predict(X) == y))
    print(newton.predict_proba(X[:3]), np.exp(newton.predict_log_proba(X[:3])))
