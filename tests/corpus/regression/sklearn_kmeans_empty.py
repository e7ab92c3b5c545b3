"""K-means, scikit-learn style, with the M-step accumulated by hand."""

import numpy as np


class KMeans:
    """K-Means clustering (Lloyd's algorithm).

    Parameters
    ----------
    n_clusters : int, default=8
        The number of clusters to form.
    max_iter : int, default=300
        Maximum number of iterations.
    random_state : int, default=None
        Seed of the center initialization.

    Attributes
    ----------
    cluster_centers_ : ndarray of shape (n_clusters, n_features)
        Coordinates of cluster centers.
    labels_ : ndarray of shape (n_samples,)
        Labels of each point.
    """

    def __init__(self, n_clusters=8, max_iter=300, random_state=None):
        self.n_clusters = n_clusters
        self.max_iter = max_iter
        self.random_state = random_state

    def _assign(self, X, centers):
        d2 = ((X[:, np.newaxis, :] - centers[np.newaxis, :, :]) ** 2).sum(axis=2)
        return np.argmin(d2, axis=1)

    def _update(self, X, labels):
        """New centers as the mean of each cluster's points.

        Parameters
        ----------
        X : ndarray of shape (n_samples, n_features)
        labels : ndarray of shape (n_samples,)

        Returns
        -------
        centers : ndarray of shape (n_clusters, n_features)
        """
        n_samples, n_features = X.shape
        sums = np.empty((self.n_clusters, n_features))  # expect: N308
        counts = np.zeros(self.n_clusters)
        for i in range(n_samples):
            sums[labels[i]] += X[i]
            counts[labels[i]] += 1
        return sums / np.maximum(counts, 1)[:, np.newaxis]

    def fit(self, X, y=None):
        """Compute k-means clustering.

        Parameters
        ----------
        X : ndarray of shape (n_samples, n_features)
            Training instances to cluster.

        Returns
        -------
        self : object
        """
        rng = np.random.default_rng(self.random_state)
        centers = X[rng.choice(X.shape[0], self.n_clusters, replace=False)]
        for _ in range(self.max_iter):
            labels = self._assign(X, centers)
            new_centers = self._update(X, labels)
            if np.allclose(new_centers, centers):
                break
            centers = new_centers
        self.cluster_centers_ = centers
        self.labels_ = self._assign(X, centers)
        return self

    def predict(self, X):
        return self._assign(X, self.cluster_centers_)


if __name__ == "__main__":
    rng = np.random.default_rng(0)
    X = np.vstack([rng.normal(c, 0.3, size=(30, 2)) for c in ([0, 0], [3, 3], [0, 3])])
    km = KMeans(n_clusters=3, random_state=0).fit(X)
    print(km.cluster_centers_)
