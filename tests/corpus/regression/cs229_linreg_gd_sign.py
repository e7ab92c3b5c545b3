import numpy as np


def add_intercept(x):
    """Add intercept to matrix x.

    Args:
        x: 2D NumPy array.

    Returns:
        New matrix same as x with 1's in the 0th column.
    """
    new_x = np.zeros((x.shape[0], x.shape[1] + 1), dtype=x.dtype)
    new_x[:, 0] = 1
    new_x[:, 1:] = x
    return new_x


class LinearRegression:
    """Least squares by batch gradient descent, J(theta) = 1/(2m) ||x theta - y||^2."""

    def __init__(self, step_size=0.01, max_iter=10000, eps=1e-8):
        self.step_size = step_size
        self.max_iter = max_iter
        self.eps = eps
        self.theta = None

    def loss(self, x, y):
        """Mean squared error cost.

        Args:
            x: Inputs, shape (m, n).
            y: Targets, shape (m,).
        """
        r = x @ self.theta - y
        return r @ r / (2 * x.shape[0])

    def fit(self, x, y):
        """Run batch gradient descent on J.

        Args:
            x: Training example inputs. Shape (m, n).
            y: Training example labels. Shape (m,).
        """
        m, n = x.shape
        self.theta = np.zeros(n)
        for i in range(self.max_iter):
            grad = x.T @ (x @ self.theta - y) / m
            # the gradient of J, added: every step goes uphill
            self.theta += self.step_size * grad  # expect: G501
            if np.linalg.norm(grad) < self.eps:
                break

    def fit_normal_equations(self, x, y):
        """Closed form, for comparison.

        Args:
            x: Training example inputs. Shape (m, n).
            y: Training example labels. Shape (m,).
        """
        self.theta = np.linalg.solve(x.T @ x, x.T @ y)

    def predict(self, x):
        """Predictions.

        Args:
            x: Inputs of shape (m, n).

        Returns:
            Outputs of shape (m,).
        """
        return x @ self.theta


if __name__ == '__main__':
    np.random.seed(0)
    x = add_intercept(np.random.randn(50, 2))
    y = x @ np.array([1.0, 2.0, -3.0]) + 0.1 * np.random.randn(50)
    gd = LinearRegression(max_iter=20)
    gd.fit(x, y)
    print('GD loss:', gd.loss(x, y))
    ne = LinearRegression()
    ne.fit_normal_equations(x, y)
    print('normal equations loss:', ne.loss(x, y))
