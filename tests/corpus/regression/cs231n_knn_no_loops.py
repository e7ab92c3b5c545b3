from builtins import range
from builtins import object
import numpy as np


class KNearestNeighbor(object):
    """ a kNN classifier with L2 distance """

    def train(self, X, y):
        """
        Train the classifier. For k-nearest neighbors this is just
        memorizing the training data.

        Inputs:
        - X: A numpy array of shape (num_train, D) containing the training data
          consisting of num_train samples each of dimension D.
        - y: A numpy array of shape (N,) containing the training labels, where
             y[i] is the label for X[i].
        """
        self.X_train = X
        self.y_train = y

    def compute_distances_one_loop(self, X):
        num_test = X.shape[0]
        num_train = self.X_train.shape[0]
        dists = np.zeros((num_test, num_train))
        for i in range(num_test):
            dists[i, :] = np.sqrt(np.sum(np.square(self.X_train - X[i, :]), axis=1))
        return dists

    def compute_distances_no_loops(self, X):
        """
        Compute the distance between each test point in X and each training point
        in self.X_train using no explicit loops.

        Inputs:
        - X: A numpy array of shape (num_test, D) containing test data.

        Returns:
        - dists: A numpy array of shape (num_test, num_train)
        """
        test_sq = np.sum(X ** 2, axis=1)
        train_sq = np.sum(self.X_train ** 2, axis=1)
        cross = X.dot(self.X_train.T)
        # test_sq needs to be a column: (num_test, num_train) + (num_test,) does not line up
        dists = np.sqrt(test_sq - 2 * cross + train_sq)  # expect: S101
        return dists

    def predict_labels(self, dists, k=1):
        num_test = dists.shape[0]
        y_pred = np.zeros(num_test)
        for i in range(num_test):
            closest_y = self.y_train[np.argsort(dists[i])[:k]]
            y_pred[i] = np.bincount(closest_y).argmax()
        return y_pred


if __name__ == "__main__":
    np.random.seed(0)
    X_train = np.random.randn(5000, 3072)
    y_train = np.random.randint(10, size=5000)
    X_test = np.random.randn(500, 3072)
    classifier = KNearestNeighbor()
    classifier.train(X_train, y_train)
    dists_one = classifier.compute_distances_one_loop(X_test)
    dists = classifier.compute_distances_no_loops(X_test)
    print("difference:", np.linalg.norm(dists - dists_one, ord="fro"))
    y_test_pred = classifier.predict_labels(dists, k=5)
