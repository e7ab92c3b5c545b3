import numpy as np


class LogisticRegression:
    """Logistic regression with Newton's Method as the solver."""

    def __init__(self, max_iter=100, eps=1e-5):
        self.max_iter = max_iter
        self.eps = eps
        self.theta = None

    def fit(self, x, y):
        """Run Newton's Method to minimize J(theta) for logistic regression.

        Args:
            x: Training example inputs. Shape (m, n).
            y: Training example labels. Shape (m,).
        """
        m, n = x.shape
        self.theta = np.zeros(n)
        for _ in range(self.max_iter):
            h = 1 / (1 + np.exp(-x @ self.theta))
            # J(theta) = -(1/m) sum y log h + (1 - y) log(1 - h): minimised, its gradient is x^T (h - y) / m
            J = -np.mean(y * np.log(h) + (1 - y) * np.log(1 - h))
            grad_J = x.T @ (h - y) / m
            H = (x.T * (h * (1 - h))) @ x / m
            step = np.linalg.solve(H, grad_J)
            # the sign from the log-likelihood version of the notes: this climbs J
            self.theta = self.theta + step  # expect: G503
            if np.linalg.norm(step, ord=1) < self.eps:
                break
            print('J = %.6f' % J)

    def predict(self, x):
        """Return predicted probabilities given new inputs x.

        Args:
            x: Inputs of shape (m, n).

        Returns:
            Outputs of shape (m,).
        """
        return 1 / (1 + np.exp(-x @ self.theta))


if __name__ == '__main__':
    rng = np.random.default_rng(229)
    x = np.c_[np.ones(100), rng.normal(size=(100, 2))]
    y = (rng.random(100) < 1 / (1 + np.exp(-x @ np.array([0.5, 1.0, -2.0])))).astype(float)
    LogisticRegression(max_iter=10).fit(x, y)
