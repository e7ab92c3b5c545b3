# %% [markdown]
# # Projections, Gram-Schmidt and Householder QR (MIT 18.06, lectures 15-17)
#
# Projection onto the line through $a$: $P = \frac{a a^\top}{a^\top a}$; onto the column space of
# $A \in \mathbb{R}^{m \times n}$: $P = A (A^\top A)^{-1} A^\top$.

# %%
import numpy as np

np.random.seed(1806)
m, n = 6, 3
A = np.random.randn(m, n)
a = A[:, 0]
b = np.random.randn(m)

# %% projection onto a line
P_line = np.outer(a, a) / (a.T @ a)
p = P_line @ b
print("P^2 = P:", np.allclose(P_line @ P_line, P_line), "error orthogonal to a:", np.isclose(a @ (b - p), 0))

# %% projection onto the column space
P = A @ np.linalg.solve(A.T @ A, A.T)
e = b - P @ b
print("A^T e = 0:", np.allclose(A.T @ e, 0))

# %% classical Gram-Schmidt
def gram_schmidt(A):
    """Orthonormal columns spanning the columns of A.

    Parameters
    ----------
    A : ndarray of shape (m, n)

    Returns
    -------
    Q : ndarray of shape (m, n)
    R : ndarray of shape (n, n)
    """
    m, n = A.shape
    Q = np.zeros((m, n))
    R = np.zeros((n, n))
    for j in range(n):
        v = A[:, j].copy()
        for i in range(j):
            R[i, j] = Q[:, i] @ A[:, j]
            v -= R[i, j] * Q[:, i]
        R[j, j] = np.linalg.norm(v)
        Q[:, j] = v / R[j, j]
    return Q, R


Q, R = gram_schmidt(A)
print("QR = A:", np.allclose(Q @ R, A), "Q^T Q = I:", np.allclose(Q.T @ Q, np.eye(n)))

# %% Householder reflections
def householder_qr(A):
    """QR by Householder reflections H = I - 2 v v^T / (v^T v).

    Parameters
    ----------
    A : ndarray of shape (m, n)
    """
    m, n = A.shape
    R = A.astype(float).copy()
    Q = np.eye(m)
    for k in range(n):
        x = R[k:, k]
        v = x.copy()
        v[0] += np.copysign(np.linalg.norm(x), x[0])
        H_k = np.eye(m - k) - 2 * np.outer(v, v) / (v.T @ v)
        H = np.eye(m)
        H[k:, k:] = H_k
        R = H @ R
        Q = Q @ H
    return Q, R


Qh, Rh = householder_qr(A)
print("Householder QR = A:", np.allclose(Qh @ Rh, A), "upper triangular:", np.allclose(np.tril(Rh, -1), 0))

# %% least squares from QR, and the normal equations agree
x_qr = np.linalg.solve(R, Q.T @ b)
x_ne = np.linalg.solve(A.T @ A, A.T @ b)
print(np.allclose(x_qr, x_ne))

# %% a rank-one update of the identity scaled by a squared norm
u = np.random.randn(n)
M = (u.T @ u) * np.eye(n) - np.outer(u, u)
print("M u = 0:", np.allclose(M @ u, 0))
