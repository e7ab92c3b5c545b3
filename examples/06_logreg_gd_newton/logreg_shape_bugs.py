# %% [markdown]
# # Exercise 6 with typical shape mistakes
#
# As in `logreg_correct`: $X \in \mathbb{R}^{n \times d}$, $y \in \{0, 1\}^n$, $w \in \mathbb{R}^{d}$,
# $\nabla L = \frac{1}{n} X^\top (p - y)$ and $\nabla^2 L = \frac{1}{n} X^\top S X$ with
# $S = \operatorname{diag}(p \odot (1 - p))$. Every wrong line ends with the finding derivlint
# must report there.

# %%
from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from jaxtyping import Float

# %%
n, d = 200, 2
rng = np.random.default_rng(0)
X = rng.normal(size=(n, d))
w_true = np.array([2.0, -1.0])
y = (rng.uniform(size=n) < 1 / (1 + np.exp(-(X @ w_true)))).astype(float)
w0: Float[np.ndarray, "d)"] = np.zeros(d)  # expect: S107


# %%
def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def grad_loss(
    w: Float[np.ndarray, " d"], X: Float[np.ndarray, "n d"], y: Float[np.ndarray, " n"]
) -> Float[np.ndarray, " d"]:
    return X.T @ (sigmoid(X @ w) - y) / X.shape[0]


def hessian(w: Float[np.ndarray, " d"], X: Float[np.ndarray, "n d"]) -> Float[np.ndarray, "d d"]:
    """A first attempt: X S X^T instead of X^T S X."""
    p = sigmoid(X @ w)
    return X @ (X.T * (p * (1 - p))) / X.shape[0]  # expect: S103


print("trace of the attempted Hessian:", np.trace(hessian(w0, X)))

# %% [markdown]
# The gradient with the factors in the order of the per-sample formula $(p_i - y_i) x_i$.

# %%
grad = (sigmoid(X @ w0) - y) @ X.T / n  # expect: S101

# %% [markdown]
# The loss with the labels as a column vector.

# %%
y_col = y.reshape(-1, 1)
nll = np.mean(np.logaddexp(0.0, X @ w0) - y_col * (X @ w0))  # expect: S102

# %% [markdown]
# Class probabilities of a binary model are one number per sample, not a row to sum.

# %%
p = sigmoid(X @ w0)
total = p.sum(axis=1)  # expect: S105

# %% [markdown]
# The weights as a column with room for a bias that was never added to $X$.

# %%
w_col = w0.reshape(d + 1, 1)  # expect: S104

# %% [markdown]
# ## Newton's method with the Hessian summed over samples
#
# $\nabla^2 L = \frac{1}{n} \sum_i s_i x_i x_i^\top$, but `x_i.T @ x_i` of a 1-D row is the
# number $x_i^\top x_i$, not the outer product.


# %%
def hessian_by_samples(w):
    p = sigmoid(X @ w)
    H = np.zeros((d, d))
    for i in range(n):
        x_i = X[i]
        s_i = p[i] * (1 - p[i])
        H += s_i * (x_i.T @ x_i)  # expect: S108
    return H / n


w = w0
for step in range(8):
    w = w - np.linalg.solve(hessian_by_samples(w), grad_loss(w, X, y))

# %% [markdown]
# ## The loss landscape on a $g \times g$ grid

# %%
g = 60
W1_grid, W2_grid = np.meshgrid(np.linspace(-1.0, 4.0, g), np.linspace(-3.0, 2.0, g))
W_grid = np.stack([W1_grid.ravel(), W2_grid.ravel()])  # shape: (d, g*g)
Z_grid = X @ W_grid
L_grid = np.mean(np.logaddexp(0.0, Z_grid) - y[:, None] * Z_grid, axis=0).reshape(g, g)
relief = L_grid - L_grid.min(axis=1)  # expect: S106
