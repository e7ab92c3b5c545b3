# %% [markdown]
# # Linear regression three ways (Mathematics for Machine Learning, ch. 9)
#
# Data $X \in \mathbb{R}^{N \times D}$, targets $y \in \mathbb{R}^{N}$, parameters
# $\theta \in \mathbb{R}^{D}$. The maximum-likelihood estimate solves the normal equations
# $X^\top X \theta = X^\top y$.

# %%
import numpy as np

np.random.seed(42)
N, D = 100, 4
X = np.random.randn(N, D)
theta_true = np.array([2.0, -1.0, 0.5, 3.0])
y = X @ theta_true + 0.1 * np.random.randn(N)

# %% 1. normal equations, solved (never inverted)
theta_ne = np.linalg.solve(X.T @ X, X.T @ y)

# %% 2. QR: X = QR, then R theta = Q^T y (better conditioned than the normal equations)
Q, R = np.linalg.qr(X)
theta_qr = np.linalg.solve(R, Q.T @ y)

# %% 3. lstsq (SVD under the hood)
theta_ls, residuals, rank, sv = np.linalg.lstsq(X, y, rcond=None)

print(theta_ne, theta_qr, theta_ls)
assert np.allclose(theta_ne, theta_qr) and np.allclose(theta_ne, theta_ls)

# %% [markdown]
# The hat matrix $P = X (X^\top X)^{-1} X^\top$ projects onto the column space of $X$;
# its trace is $D$ and the residual is orthogonal to every column.

# %%
P = X @ np.linalg.solve(X.T @ X, X.T)
r = y - P @ y
print("trace(P) =", np.trace(P))
print("X^T r =", X.T @ r)

# %% singular values of X are the square roots of the eigenvalues of X^T X
evals = np.linalg.eigvalsh(X.T @ X)[::-1]
print(np.allclose(np.sqrt(evals), sv))

# %% ridge: (X^T X + lambda I) theta = X^T y, and the same through the N x N Gram matrix
lam = 0.5
theta_ridge = np.linalg.solve(X.T @ X + lam * np.eye(D), X.T @ y)
alpha = np.linalg.solve(X @ X.T + lam * np.eye(N), y)
print(np.allclose(theta_ridge, X.T @ alpha))

# %% gradient descent on the mean squared error L = ||X theta - y||^2 / (2N)
theta = np.zeros(D)
lr = 0.1
losses = []
for it in range(500):
    residual = X @ theta - y
    losses.append(residual @ residual / (2 * N))
    grad = X.T @ residual / N
    theta -= lr * grad
print("GD:", theta, "final loss:", losses[-1])

# %% polynomial features: the design matrix of a 1-d input
x1 = np.linspace(-1, 1, 30)
Phi = np.vander(x1, 4, increasing=True)  # (30, 4): 1, x, x^2, x^3
t = np.sin(np.pi * x1)
w_poly = np.linalg.lstsq(Phi, t, rcond=None)[0]
print("polynomial fit:", w_poly, "rmse:", np.sqrt(np.mean((Phi @ w_poly - t) ** 2)))
