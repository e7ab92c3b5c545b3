import matplotlib.pyplot as plt
import numpy as np


class LocallyWeightedLinearRegression(object):
    """Locally Weighted Regression (LWR).

    Example usage:
        > clf = LocallyWeightedLinearRegression(tau)
        > clf.fit(x_train, y_train)
        > clf.predict(x_eval)
    """

    def __init__(self, tau):
        super(LocallyWeightedLinearRegression, self).__init__()
        self.tau = tau
        self.x = None
        self.y = None

    def fit(self, x, y):
        """Fit LWR by saving the training set.

        Args:
            x: Training example inputs. Shape (m, n).
            y: Training example labels. Shape (m,).
        """
        # *** START CODE HERE ***
        self.x = x
        self.y = y
        # *** END CODE HERE ***

    def predict(self, x):
        """Make predictions given inputs x.

        Args:
            x: Inputs of shape (l, n).

        Returns:
            Outputs of shape (l,).
        """
        # *** START CODE HERE ***
        l, n = x.shape
        y_pred = np.zeros(l)
        for i in range(l):
            # w_j = exp(-||x_j - x||^2 / (2 tau^2)) for every training point
            w = np.exp(-np.sum((self.x - x[i]) ** 2, axis=1) / (2 * self.tau ** 2))
            W = np.diag(w)
            # normal equations of the weighted least squares: X^T W X theta = X^T W y
            theta = np.linalg.solve(self.x.T @ W @ self.x, self.x.T @ W @ self.y)
            y_pred[i] = x[i] @ theta
        return y_pred
        # *** END CODE HERE ***


def main(tau, train_path, eval_path):
    """Problem 5(b): Locally weighted regression (LWR)

    Args:
        tau: Bandwidth parameter for LWR.
        train_path: Path to CSV file containing dataset for training.
        eval_path: Path to CSV file containing dataset for evaluation.
    """
    # Load training set
    train = np.loadtxt(train_path, delimiter=',', skiprows=1)
    x_train = np.c_[np.ones(train.shape[0]), train[:, :-1]]
    y_train = train[:, -1]

    # *** START CODE HERE ***
    model = LocallyWeightedLinearRegression(tau)
    model.fit(x_train, y_train)

    valid = np.loadtxt(eval_path, delimiter=',', skiprows=1)
    x_eval = np.c_[np.ones(valid.shape[0]), valid[:, :-1]]
    y_eval = valid[:, -1]
    y_pred = model.predict(x_eval)
    mse = np.mean((y_pred - y_eval) ** 2)
    print(f'MSE={mse}')

    plt.figure()
    plt.plot(x_train[:, -1], y_train, 'bx', linewidth=2)
    plt.plot(x_eval[:, -1], y_pred, 'ro', linewidth=2)
    plt.xlabel('x')
    plt.ylabel('y')
    plt.savefig('output/p05b.png')
    # *** END CODE HERE ***


if __name__ == '__main__':
    main(tau=5e-1,
         train_path='./train.csv',
         eval_path='./valid.csv')
