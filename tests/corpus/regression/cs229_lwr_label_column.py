import matplotlib.pyplot as plt
import numpy as np


def load_dataset(csv_path, add_intercept=False):
    """Load dataset from a CSV file: every column but the last is an input, the last is the label.

    Args:
         csv_path: Path to CSV file containing dataset.
         add_intercept: Add an intercept entry to x-values.

    Returns:
        xs: Numpy array of x-values (inputs).
        ys: Numpy array of y-values (labels).
    """
    data = np.loadtxt(csv_path, delimiter=',', skiprows=1)
    inputs = data[:, :-1]
    labels = data[:, -1:]  # keeps a column, (m, 1)
    if add_intercept:
        inputs = np.c_[np.ones(inputs.shape[0]), inputs]
    return inputs, labels


class LocallyWeightedLinearRegression(object):
    """Locally Weighted Regression (LWR)."""

    def __init__(self, tau):
        self.tau = tau
        self.x = None
        self.y = None

    def fit(self, x, y):
        """Fit LWR by saving the training set."""
        self.x = x
        self.y = y

    def predict(self, x):
        """Make predictions given inputs x.

        Args:
            x: Inputs of shape (l, n).

        Returns:
            Outputs of shape (l,).
        """
        l, n = x.shape
        y_pred = np.zeros(l)
        for i in range(l):
            w = np.exp(-np.sum((self.x - x[i]) ** 2, axis=1) / (2 * self.tau ** 2))
            XtW = self.x.T * w
            theta = np.linalg.solve(XtW @ self.x, XtW @ self.y)
            y_pred[i] = (x[i] @ theta).item()
        return y_pred

    def score(self, x, y):
        """Mean squared error of the predictions.

        Args:
            x: Inputs of shape (l, n).
            y: Labels of shape (l, 1), as load_dataset returns them.

        Returns:
            The MSE, a float.
        """
        y_pred = self.predict(x)
        # (l,) predictions against the (l, 1) label column: an (l, l) table of differences
        return np.mean((y_pred - y) ** 2)  # expect: S102


def main(tau, train_path, eval_path):
    """Problem 5(b): Locally weighted regression (LWR)

    Args:
        tau: Bandwidth parameter for LWR.
        train_path: Path to CSV file containing dataset for training.
        eval_path: Path to CSV file containing dataset for evaluation.
    """
    x_train, y_train = load_dataset(train_path, add_intercept=True)
    x_eval, y_eval = load_dataset(eval_path, add_intercept=True)

    model = LocallyWeightedLinearRegression(tau)
    model.fit(x_train, y_train)
    y_pred = model.predict(x_eval)
    mse = model.score(x_eval, y_eval)
    print('MSE = {}'.format(mse))

    plt.figure()
    plt.plot(x_train[:, -1], y_train, 'bx', linewidth=2)
    plt.plot(x_eval[:, -1], y_pred, 'ro', linewidth=2)
    plt.savefig('output/p05b.png')


if __name__ == '__main__':
    main(tau=5e-1, train_path='./train.csv', eval_path='./valid.csv')
