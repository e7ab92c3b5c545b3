from builtins import range
from builtins import object
import numpy as np


class KNearestNeighbor(object):
    """ a kNN classifier with L2 distance """

    def __init__(self):
        pass

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

    def compute_distances_two_loops(self, X):
        """
        Compute the distance between each test point in X and each training point
        in self.X_train using a nested loop over both the training data and the
        test data.

        Inputs:
        - X: A numpy array of shape (num_test, D) containing test data.

        Returns:
        - dists: A numpy array of shape (num_test, num_train) where dists[i, j]
          is the Euclidean distance between the ith test point and the jth training
          point.
        """
        num_test = X.shape[0]
        num_train = self.X_train.shape[0]
        dists = np.zeros((num_test, num_train))
        for i in range(num_test):
            for j in range(num_train):
                dists[i, j] = np.sqrt(np.sum(np.square(X[i] - self.X_train[j])))
        return dists

    def compute_distances_one_loop(self, X):
        """
        Compute the distance between each test point in X and each training point
        in self.X_train using a single loop over the test data.

        Input / Output: Same as compute_distances_two_loops
        """
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

        Input / Output: Same as compute_distances_two_loops
        """
        num_test = X.shape[0]
        num_train = self.X_train.shape[0]
        dists = np.zeros((num_test, num_train))
        # (x - y)^2 = x^2 - 2xy + y^2, all pairs at once
        test_sq = np.sum(np.square(X), axis=1).reshape(-1, 1)
        train_sq = np.sum(np.square(self.X_train), axis=1)
        cross = X.dot(self.X_train.T)
        dists = np.sqrt(np.maximum(test_sq - 2 * cross + train_sq, 0))
        return dists

    def predict_labels(self, dists, k=1):
        """
        Given a matrix of distances between test points and training points,
        predict a label for each test point.

        Inputs:
        - dists: A numpy array of shape (num_test, num_train) where dists[i, j]
          gives the distance betwen the ith test point and the jth training point.

        Returns:
        - y: A numpy array of shape (num_test,) containing predicted labels for the
          test data, where y[i] is the predicted label for the test point X[i].
        """
        num_test = dists.shape[0]
        y_pred = np.zeros(num_test)
        for i in range(num_test):
            closest_y = self.y_train[np.argsort(dists[i])[:k]]
            y_pred[i] = np.argmax(np.bincount(closest_y))
        return y_pred

    def predict(self, X, k=1, num_loops=0):
        if num_loops == 0:
            dists = self.compute_distances_no_loops(X)
        elif num_loops == 1:
            dists = self.compute_distances_one_loop(X)
        elif num_loops == 2:
            dists = self.compute_distances_two_loops(X)
        else:
            raise ValueError("Invalid value %d for num_loops" % num_loops)
        return self.predict_labels(dists, k=k)


if __name__ == "__main__":
    np.random.seed(0)
    X_train = np.random.randn(500, 32)
    y_train = np.random.randint(10, size=500)
    X_test = np.random.randn(50, 32)
    classifier = KNearestNeighbor()
    classifier.train(X_train, y_train)
    dists = classifier.compute_distances_two_loops(X_test)
    dists_one = classifier.compute_distances_one_loop(X_test)
    dists_two = classifier.compute_distances_no_loops(X_test)
    difference = np.linalg.norm(dists - dists_two, ord="fro")
    print("One loop difference was: %f" % (np.linalg.norm(dists - dists_one, ord="fro"),))
    print("No loop difference was: %f" % (difference,))

    num_folds = 5
    k_choices = [1, 3, 5, 8, 10]
    X_train_folds = np.array_split(X_train, num_folds)
    y_train_folds = np.array_split(y_train, num_folds)
    k_to_accuracies = {}
    for k in k_choices:
        k_to_accuracies[k] = []
        for fold in range(num_folds):
            X_tr = np.concatenate(X_train_folds[:fold] + X_train_folds[fold + 1:])
            y_tr = np.concatenate(y_train_folds[:fold] + y_train_folds[fold + 1:])
            classifier.train(X_tr, y_tr)
            y_val_pred = classifier.predict(X_train_folds[fold], k=k)
            k_to_accuracies[k].append(np.mean(y_val_pred == y_train_folds[fold]))
    for k in sorted(k_to_accuracies):
        print("k = %d, accuracy = %f" % (k, np.mean(k_to_accuracies[k])))
