import numpy as np


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


class LogisticRegression:
    """Logistic regression with Newton's Method as the solver.

    Example usage:
        > clf = LogisticRegression()
        > clf.fit(x_train, y_train)
        > clf.predict(x_eval)
    """

    def __init__(self, step_size=0.2, max_iter=100, eps=1e-5, theta_0=None, verbose=True):
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
        """Run Newton's Method to minimize J(theta) for logistic regression.

        Args:
            x: Training example inputs. Shape (m, n).
            y: Training example labels. Shape (m,).
        """
        m, n = x.shape
        theta = np.zeros(n)
        for i in range(self.max_iter):
            h = sigmoid(x @ theta)
            grad = x.T @ (h - y) / m
            H = x.T @ np.diag(h * (1 - h)) @ x / m
            H_inv = np.linalg.inv(H)
            # elementwise: (n, n) * (n,) broadcasts to a matrix, and theta becomes (n, n)
            theta_new = theta - H_inv * grad  # expect: G503
            if np.sum(np.abs(theta_new - theta)) < self.eps:
                theta = theta_new
                break
            theta = theta_new
            if self.verbose:
                loss = -np.mean(y * np.log(h + 1e-12) + (1 - y) * np.log(1 - h + 1e-12))
                print('[iter: {:02d}, loss: {:.7f}]'.format(i, loss))
        self.theta = theta

    def predict(self, x):
        """Return predicted probabilities given new inputs x.

        Args:
            x: Inputs of shape (m, n).

        Returns:
            Outputs of shape (m,).
        """
        return sigmoid(x @ self.theta)


def main(train_path, valid_path, save_path):
    """Problem: Logistic regression with Newton's Method.

    Args:
        train_path: Path to CSV file containing dataset for training.
        valid_path: Path to CSV file containing dataset for validation.
        save_path: Path to save predicted probabilities using np.savetxt().
    """
    train = np.loadtxt(train_path, delimiter=',', skiprows=1)
    x_train = np.c_[np.ones(train.shape[0]), train[:, :-1]]
    y_train = train[:, -1]

    clf = LogisticRegression()
    clf.fit(x_train, y_train)

    valid = np.loadtxt(valid_path, delimiter=',', skiprows=1)
    x_valid = np.c_[np.ones(valid.shape[0]), valid[:, :-1]]
    np.savetxt(save_path, clf.predict(x_valid))


if __name__ == '__main__':
    main(train_path='ds1_train.csv',
         valid_path='ds1_valid.csv',
         save_path='logreg_pred_1.txt')
