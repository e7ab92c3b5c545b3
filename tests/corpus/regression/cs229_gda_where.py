import numpy as np


class GDA:
    """Gaussian Discriminant Analysis.

    Example usage:
        > clf = GDA()
        > clf.fit(x_train, y_train)
        > clf.predict(x_eval)
    """

    def __init__(self, verbose=True):
        self.theta = None
        self.verbose = verbose

    def fit(self, x, y):
        """Fit a GDA model to training set given by x and y by updating
        self.theta.

        Args:
            x: Training example inputs. Shape (m, n).
            y: Training example labels. Shape (m,).
        """
        # *** START CODE HERE ***
        m, n = x.shape
        phi = np.mean(y == 1)
        mu_0 = x[y == 0].mean(axis=0)
        mu_1 = x[y == 1].mean(axis=0)
        # one mean per sample, by label: (m,) labels against (n,) means, a column y[:, None] was meant
        mu_y = np.where(y == 1, mu_1, mu_0)  # expect: S101
        sigma = (x - mu_y).T @ (x - mu_y) / m

        theta = np.linalg.solve(sigma, mu_1 - mu_0)
        theta_0 = 0.5 * (mu_0 @ np.linalg.solve(sigma, mu_0) - mu_1 @ np.linalg.solve(sigma, mu_1)) \
            + np.log(phi / (1 - phi))
        self.theta = np.insert(theta, 0, theta_0)
        # *** END CODE HERE ***

    def predict(self, x):
        """Make a prediction given new inputs x.

        Args:
            x: Inputs of shape (m, n).

        Returns:
            Outputs of shape (m,).
        """
        # *** START CODE HERE ***
        return 1 / (1 + np.exp(-(x @ self.theta[1:] + self.theta[0])))
        # *** END CODE HERE


def main(train_path, valid_path, save_path):
    """Problem: Gaussian discriminant analysis (GDA)

    Args:
        train_path: Path to CSV file containing dataset for training.
        valid_path: Path to CSV file containing dataset for validation.
        save_path: Path to save predicted probabilities using np.savetxt().
    """
    train = np.loadtxt(train_path, delimiter=',', skiprows=1)
    x_train, y_train = train[:, :-1], train[:, -1]
    clf = GDA()
    clf.fit(x_train, y_train)
    valid = np.loadtxt(valid_path, delimiter=',', skiprows=1)
    np.savetxt(save_path, clf.predict(valid[:, :-1]))


if __name__ == '__main__':
    # quick sanity check on toy data before the real datasets
    np.random.seed(0)
    x_toy = np.random.randn(20, 2)
    y_toy = (np.random.rand(20) > 0.5).astype(float)
    GDA().fit(x_toy, y_toy)
    main(train_path='ds1_train.csv', valid_path='ds1_valid.csv', save_path='gda_pred_1.txt')
