import matplotlib.pyplot as plt
import numpy as np
import os

PLOT_COLORS = ['red', 'green', 'blue', 'orange']  # Colors for your plots
K = 4           # Number of Gaussians in the mixture model
NUM_TRIALS = 3  # Number of trials to run (can be adjusted for debugging)
UNLABELED = -1  # Cluster label for unlabeled data points (do not change)


def gaussian_log_pdf(x, mu, sigma):
    """Log-density of a multivariate normal at each row of x.

    Args:
        x: Points, shape (m, n).
        mu: Mean, shape (n,).
        sigma: Covariance, shape (n, n).

    Returns:
        Log-densities, shape (m,).
    """
    n = x.shape[1]
    diff = x - mu
    maha = np.sum(diff @ np.linalg.inv(sigma) * diff, axis=1)
    # det of an n x n covariance under- or overflows long before its log does
    return -0.5 * (n * np.log(2 * np.pi) + np.log(np.linalg.det(sigma)) + maha)  # expect: L203


def run_em(x, w, phi, mu, sigma):
    """Problem 3(d): EM Algorithm (unsupervised).

    Args:
        x: Design matrix of shape (m, n).
        w: Initial weight matrix of shape (m, k).
        phi: Initial mixture prior, of shape (k,).
        mu: Initial cluster means, list of k arrays of shape (n,).
        sigma: Initial cluster covariances, list of k arrays of shape (n, n).

    Returns:
        Updated weight matrix of shape (m, k) resulting from EM algorithm.
    """
    eps = 1e-3  # Convergence threshold
    max_iter = 1000

    it = 0
    ll = prev_ll = None
    m, n = x.shape
    while it < max_iter and (prev_ll is None or np.abs(ll - prev_ll) >= eps):
        # *** START CODE HERE
        # (1) E-step: Update your estimates in w
        log_p = np.stack([gaussian_log_pdf(x, mu[j], sigma[j]) for j in range(K)], axis=1) + np.log(phi)
        log_p_max = np.max(log_p, axis=1, keepdims=True)
        w = np.exp(log_p - log_p_max)
        w /= np.sum(w, axis=1, keepdims=True)

        # (2) M-step: Update the model parameters phi, mu, and sigma
        phi = np.mean(w, axis=0)
        for j in range(K):
            w_j = w[:, j]
            mu[j] = w_j @ x / np.sum(w_j)
            diff = x - mu[j]
            sigma[j] = (w_j[:, None] * diff).T @ diff / np.sum(w_j)

        # (3) Compute the log-likelihood of the data to check for convergence.
        prev_ll = ll
        # log sum_j exp(log p_ij), unshifted: the densities of far-away points underflow to log(0)
        ll = np.sum(np.log(np.sum(np.exp(log_p), axis=1)))  # expect: N302
        it += 1
        print('iter {}: log-likelihood {:.4f}'.format(it, ll))
        # *** END CODE HERE ***

    return w


def main(is_semi_supervised, trial_num):
    """Problem 3: EM for Gaussian Mixture Models (unsupervised and semi-supervised)"""
    print('Running {} EM algorithm...'
          .format('semi-supervised' if is_semi_supervised else 'unsupervised'))

    train_path = os.path.join('.', 'data', 'ds3_train.csv')
    data = np.loadtxt(train_path, delimiter=',', skiprows=1)
    x_all, z_all = data[:, :-1], data[:, -1]
    x = x_all[z_all == UNLABELED]

    m, n = x.shape
    groups = np.random.randint(K, size=m)
    mu = [np.mean(x[groups == j], axis=0) for j in range(K)]
    sigma = [np.cov(x[groups == j].T) for j in range(K)]
    phi = np.full(K, 1.0 / K)
    w = np.full((m, K), 1.0 / K)

    w = run_em(x, w, phi, mu, sigma)
    z_pred = np.argmax(w, axis=1)

    plt.figure(figsize=(12, 8))
    for j in range(K):
        plt.scatter(x[z_pred == j, 0], x[z_pred == j, 1], c=PLOT_COLORS[j], marker='.')
    plt.savefig('pred_{}.pdf'.format(trial_num))


if __name__ == '__main__':
    np.random.seed(229)
    for t in range(NUM_TRIALS):
        main(is_semi_supervised=False, trial_num=t)
