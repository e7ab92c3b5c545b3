"""A k-nearest-neighbours model in the numpy-ml style."""
import numpy as np


def euclidean(x, y):
    """
    Compute the Euclidean (`L2`) distance between two real vectors

    Parameters
    ----------
    x,y : :py:class:`ndarray <numpy.ndarray>` of shape `(N,)`
        Two vectors of length `N`

    Returns
    -------
    d : float
        The L2 distance between **x** and **y**.
    """
    return np.sqrt(np.sum((x - y) ** 2))


class KNN:
    def __init__(self, k=5, classifier=True):
        """
        A k-nearest neighbors (kNN) model relying on a brute-force search.

        Parameters
        ----------
        k : int
            The number of neighbors to use during prediction. Default is 5.
        classifier : bool
            Whether to treat the values in Y as class labels (classifier =
            True) or real-valued targets (classifier = False). Default is True.
        """
        self.k = k
        self.classifier = classifier
        self.X = None
        self.y = None

    def fit(self, X, y):
        """Fit the model to the data and targets in `X` and `y`.  # expect: S107

        Parameters
        ----------
        X : :py:class:`ndarray <numpy.ndarray>` of shape `(N, M`
            An array of `N` examples to generate predictions on.
        y : :py:class:`ndarray <numpy.ndarray>` of shape `(N, *)`
            Targets for the `N` rows in `X`.
        """
        self.X = X
        self.y = y
        return self

    def predict(self, X):
        """
        Generate predictions for the targets associated with the rows in `X`.

        Parameters
        ----------
        X : :py:class:`ndarray <numpy.ndarray>` of shape `(N', M')`
            An array of `N'` examples to generate predictions on.

        Returns
        -------
        y : :py:class:`ndarray <numpy.ndarray>` of shape `(N', *)`
            Predicted targets for the `N'` rows in `X`.
        """
        predictions = []
        for x in X:
            dists = np.sqrt(np.sum((self.X - x) ** 2, axis=1))
            nearest = np.argsort(dists)[: self.k]
            targets = self.y[nearest]
            if self.classifier:
                predictions.append(np.bincount(targets.astype(int)).argmax())
            else:
                predictions.append(targets.mean())
        return np.array(predictions)


if __name__ == "__main__":
    rng = np.random.default_rng(3)
    X = rng.normal(size=(60, 2))
    y = (X[:, 0] > 0).astype(int)
    model = KNN(k=3).fit(X, y)
    print(np.mean(model.predict(X) == y), euclidean(X[0], X[1]))
