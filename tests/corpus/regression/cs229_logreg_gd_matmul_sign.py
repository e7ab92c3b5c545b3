import numpy as np


class LogisticRegression:
    """Logistic regression trained by batch gradient descent (the ps1 warm-up, 2020 starter code).

    Example usage:
        > clf = LogisticRegression()
        > clf.fit(x_train, y_train)
        > clf.predict(x_eval)
    """

    def __init__(self, step_size=0.1, max_iter=10000, eps=1e-5, theta_0=None, verbose=True):
        """
        Args:
            step_size: Step size for iterative solvers only.
            max_iter: Maximum number of iterations for the solver.
            eps: Threshold for determining convergence.
            theta_0: Initial guess for theta. If None, use the zero vector.
            verbose: Print loss values during training.
        """
        self.theta = theta_0
        self.step_size = step_size
        self.max_iter = max_iter
        self.eps = eps
        self.verbose = verbose

    def fit(self, x, y):
        """Run gradient descent to minimize J(theta) for logistic regression.

        Args:
            x: Training example inputs. Shape (n_examples, dim).
            y: Training example labels. Shape (n_examples,).
        """
        n_examples, dim = x.shape
        if self.theta is None:
            self.theta = np.zeros(dim)
        for i in range(self.max_iter):
            h = 1 / (1 + np.exp(-x @ self.theta))
            theta_old = self.theta.copy()
            # y - h is minus the gradient of J: subtracting it climbs J
            self.theta -= self.step_size * x.T @ (y - h) / n_examples  # expect: G502
            if np.linalg.norm(self.theta - theta_old, ord=1) < self.eps:
                break
            if self.verbose and i % 1000 == 0:
                J = -np.mean(y * np.log(h + 1e-12) + (1 - y) * np.log(1 - h + 1e-12))
                print('[iter: {:05d}, J: {:.6f}]'.format(i, J))

    def predict(self, x):
        """Return predicted probabilities given new inputs x.

        Args:
            x: Inputs of shape (n_examples, dim).

        Returns:
            Outputs of shape (n_examples,).
        """
        return 1 / (1 + np.exp(-x @ self.theta))


if __name__ == '__main__':
    np.random.seed(229)
    x = np.c_[np.ones(100), np.random.randn(100, 2)]
    y = (np.random.rand(100) < 1 / (1 + np.exp(-x @ np.array([0.5, 2.0, -1.0])))).astype(float)
    clf = LogisticRegression(max_iter=2000, verbose=False)
    clf.fit(x, y)
    print(clf.theta, np.mean((clf.predict(x) > 0.5) == y))
