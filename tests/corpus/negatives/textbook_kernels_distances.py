"""Pairwise distances, kernels and one-hot encodings: broadcasting that is meant."""
import numpy as np

rng = np.random.default_rng(13)
n, m, d, k = 30, 20, 4, 5
X = rng.normal(size=(n, d))
Z = rng.normal(size=(m, d))
labels = rng.integers(0, k, size=n)

# pairwise squared distances, three ways
D1 = np.sum((X[:, None, :] - Z[None, :, :]) ** 2, axis=2)
D2 = np.sum(X ** 2, axis=1)[:, np.newaxis] - 2 * X @ Z.T + np.sum(Z ** 2, axis=1)
D3 = (X ** 2).sum(1).reshape(-1, 1) + (Z ** 2).sum(1).reshape(1, -1) - 2 * X.dot(Z.T)
print(np.allclose(D1, D2), np.allclose(D1, D3))

# the Gram matrix of the training set and an RBF kernel on it
G = X @ X.T
sq = np.diag(G)
K = np.exp(-(sq[:, None] + sq[None, :] - 2 * G) / 2.0)
print(np.allclose(K, K.T), K.shape)
sq_col = np.sum(X ** 2, axis=1, keepdims=True)
D_self = sq_col + sq_col.T - 2 * X @ X.T
print(np.allclose(np.exp(-D_self / 2.0), K))

# one-hot encodings
Y1 = np.eye(k)[labels]
Y2 = (labels[:, None] == np.arange(k)).astype(float)
Y3 = np.zeros((n, k))
Y3[np.arange(n), labels] = 1
print(np.allclose(Y1, Y2) and np.allclose(Y1, Y3))

# a confusion matrix from two label vectors of the same length
pred = rng.integers(0, k, size=n)
conf = np.zeros((k, k), dtype=int)
np.add.at(conf, (labels, pred), 1)
print(conf.sum() == n)

# outer products meant as such
u = rng.normal(size=n)
v = rng.normal(size=n)
P = np.outer(u, v)
Q = u[:, None] * v[None, :]
R = u.reshape(-1, 1) @ v.reshape(1, -1)
print(np.allclose(P, Q) and np.allclose(P, R))

# centring and scaling by columns and rows
Xc = X - X.mean(axis=0)
Xs = Xc / Xc.std(axis=0)
Xr = X / np.linalg.norm(X, axis=1, keepdims=True)
Xr2 = X / np.linalg.norm(X, axis=1)[:, None]
print(np.allclose(Xr, Xr2), Xs.shape)

# inner products meant as scalars
r = X @ rng.normal(size=d) - rng.normal(size=n)
rss = r.T @ r
w = rng.normal(size=d)
b = 0.5
score = w.T @ X[0] + b
A = G + np.eye(n)
quad = u.T @ A @ u
print(rss, score, quad)
