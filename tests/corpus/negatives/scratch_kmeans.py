"""K-means and k-means++ from scratch, scikit-learn style API."""
import numpy as np


class KMeans:
    """K-Means clustering.

    Parameters
    ----------
    n_clusters : int, default=8
        The number of clusters to form.
    max_iter : int, default=300
        Maximum number of iterations of the k-means algorithm for a single run.
    tol : float, default=1e-4
        Relative tolerance on the change of the centers.
    random_state : int, default=None
        Seed of the center initialization.

    Attributes
    ----------
    cluster_centers_ : ndarray of shape (n_clusters, n_features)
        Coordinates of cluster centers.
    labels_ : ndarray of shape (n_samples,)
        Labels of each point.
    inertia_ : float
        Sum of squared distances of samples to their closest cluster center.
    """

    def __init__(self, n_clusters=8, max_iter=300, tol=1e-4, random_state=None):
        self.n_clusters = n_clusters
        self.max_iter = max_iter
        self.tol = tol
        self.random_state = random_state

    def _init_centroids(self, X, rng):
        """k-means++: each new center drawn with probability proportional to D(x)^2."""
        n_samples, n_features = X.shape
        centers = np.zeros((self.n_clusters, n_features))
        centers[0] = X[rng.integers(n_samples)]
        closest_sq = np.sum((X - centers[0]) ** 2, axis=1)
        for c in range(1, self.n_clusters):
            probs = closest_sq / closest_sq.sum()
            centers[c] = X[rng.choice(n_samples, p=probs)]
            closest_sq = np.minimum(closest_sq, np.sum((X - centers[c]) ** 2, axis=1))
        return centers

    @staticmethod
    def _sq_distances(X, centers):
        """Squared distances, shape (n_samples, n_clusters), from ||x||^2 - 2 x.c + ||c||^2."""
        XX = np.sum(X ** 2, axis=1)[:, np.newaxis]
        CC = np.sum(centers ** 2, axis=1)[np.newaxis, :]
        return np.maximum(XX - 2 * X @ centers.T + CC, 0)

    def fit(self, X, y=None):
        """Compute k-means clustering.

        Parameters
        ----------
        X : ndarray of shape (n_samples, n_features)
            Training instances to cluster.
        y : Ignored

        Returns
        -------
        self : object
            Fitted estimator.
        """
        rng = np.random.default_rng(self.random_state)
        centers = self._init_centroids(X, rng)
        for self.n_iter_ in range(1, self.max_iter + 1):
            d2 = self._sq_distances(X, centers)
            labels = np.argmin(d2, axis=1)
            new_centers = np.array([
                X[labels == k].mean(axis=0) if np.any(labels == k) else centers[k]
                for k in range(self.n_clusters)
            ])
            shift = np.sum((new_centers - centers) ** 2)
            centers = new_centers
            if shift <= self.tol:
                break
        self.cluster_centers_ = centers
        self.labels_ = np.argmin(self._sq_distances(X, centers), axis=1)
        self.inertia_ = np.sum(np.min(self._sq_distances(X, centers), axis=1))
        return self

    def predict(self, X):
        """Predict the closest cluster each sample in X belongs to.

        Parameters
        ----------
        X : ndarray of shape (n_samples, n_features)
            New data to predict.

        Returns
        -------
        labels : ndarray of shape (n_samples,)
            Index of the cluster each sample belongs to.
        """
        return np.argmin(self._sq_distances(X, self.cluster_centers_), axis=1)


if __name__ == "__main__":
    rng = np.random.default_rng(0)
    blobs = np.vstack([rng.normal(loc=c, scale=0.3, size=(50, 2)) for c in ([0, 0], [3, 3], [0, 4])])
    km = KMeans(n_clusters=3, random_state=1).fit(blobs)
    print(km.cluster_centers_, km.inertia_, km.n_iter_)
    print(np.bincount(km.predict(blobs)))
