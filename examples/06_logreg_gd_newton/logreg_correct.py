# %% [markdown]
# # Exercise 6: gradient descent and Newton's method for logistic regression
#
# Data $X \in \mathbb{R}^{n \times d}$, labels $y \in \{0, 1\}^n$, weights $w \in \mathbb{R}^{d}$,
# $p = \sigma(X w)$ with $\sigma(t) = 1 / (1 + e^{-t})$. The mean negative log-likelihood,
# written with $z = X w$ so that it never takes the log of a rounded probability, is
#
# $$L(w) = \frac{1}{n} \sum_i \big( \log(1 + e^{z_i}) - y_i z_i \big) .$$
#
# Since $\sigma' = \sigma (1 - \sigma)$:
#
# $$\nabla L = \frac{1}{n} X^\top (p - y), \qquad
# \nabla^2 L = \frac{1}{n} X^\top S X, \quad S = \operatorname{diag}\big(p \odot (1 - p)\big) .$$
#
# Gradient descent: $w \leftarrow w - \eta \nabla L$ (Boyd 9.3). Newton:
# $w \leftarrow w - (\nabla^2 L)^{-1} \nabla L$ (Boyd 9.5), computed with a solve.
# With $d = 2$ both paths can be drawn on the loss landscape.

# %%
from __future__ import annotations

import importlib.util
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:  # read by type checkers and derivlint only; jaxtyping is not needed to run
    from jaxtyping import Float

# %%
n, d = 200, 2
rng = np.random.default_rng(0)
X = rng.normal(size=(n, d))
w_true = np.array([2.0, -1.0])
p_true = 1 / (1 + np.exp(-(X @ w_true)))
y = (rng.uniform(size=n) < p_true).astype(float)


# %%
def sigmoid(z):
    """The logistic function; for z < -709 exp overflows to inf and the result is a correct 0."""
    return 1 / (1 + np.exp(-z))


def loss(
    w: Float[np.ndarray, " d"], X: Float[np.ndarray, "n d"], y: Float[np.ndarray, " n"]
) -> float:
    """Mean negative log-likelihood; logaddexp(0, z) is log(1 + e^z) without overflow."""
    z = X @ w
    return np.mean(np.logaddexp(0.0, z) - y * z)


def grad_loss(
    w: Float[np.ndarray, " d"], X: Float[np.ndarray, "n d"], y: Float[np.ndarray, " n"]
) -> Float[np.ndarray, " d"]:
    """Gradient of loss: X^T (p - y) / n."""
    return X.T @ (sigmoid(X @ w) - y) / X.shape[0]


def hessian(w: Float[np.ndarray, " d"], X: Float[np.ndarray, "n d"]) -> Float[np.ndarray, "d d"]:
    """Hessian of loss: X^T diag(p (1 - p)) X / n, without building the n-by-n diagonal."""
    p = sigmoid(X @ w)
    return (X.T * (p * (1 - p))) @ X / X.shape[0]


# %% [markdown]
# ## The two methods from the same start; each path gains one row per iteration

# %%
w0 = np.array([0.0, 0.0])


def gradient_descent(w0, lr, steps):
    w = w0
    path = w0[None, :]
    for _ in range(steps):
        w = w - lr * grad_loss(w, X, y)
        path = np.vstack([path, w])
    return path


def newton(w0, steps):
    w = w0
    path = w0[None, :]
    for _ in range(steps):
        w = w - np.linalg.solve(hessian(w, X), grad_loss(w, X, y))
        path = np.vstack([path, w])
    return path


gd_path = gradient_descent(w0, lr=2.0, steps=200)
newton_path = newton(w0, steps=8)
w_star = newton_path[-1]
print("Newton:", w_star, "gradient norm", np.linalg.norm(grad_loss(w_star, X, y)))
print("GD:    ", gd_path[-1])
assert np.linalg.norm(grad_loss(w_star, X, y)) < 1e-10
assert np.allclose(gd_path[-1], w_star, atol=1e-4)

# %% [markdown]
# Convergence: Newton's error squares at every step near the optimum, gradient descent's
# shrinks by a constant factor.

# %%
gd_loss = np.array([loss(w, X, y) for w in gd_path])
newton_loss = np.array([loss(w, X, y) for w in newton_path])
print(
    "loss gap after 8 steps: GD",
    gd_loss[8] - newton_loss[-1],
    "Newton",
    newton_loss[8] - newton_loss[-1],
)

# %% [markdown]
# ## The loss landscape on a grid of weights
#
# All grid points at once: $W \in \mathbb{R}^{d \times g^2}$ holds one weight vector per column,
# $X W \in \mathbb{R}^{n \times g^2}$, and $y$ as a column broadcasts along the grid.

# %%
g = 60
w1_axis = np.linspace(-1.0, 4.0, g)
w2_axis = np.linspace(-3.0, 2.0, g)
W1_grid, W2_grid = np.meshgrid(w1_axis, w2_axis)
W_grid = np.stack([W1_grid.ravel(), W2_grid.ravel()])  # shape: (d, g*g)
Z_grid = X @ W_grid
L_grid = np.mean(np.logaddexp(0.0, Z_grid) - y[:, None] * Z_grid, axis=0).reshape(g, g)
assert np.isclose(L_grid.min(), min(loss(w, X, y) for w in W_grid.T))


# %%
# %matplotlib inline
def plot_convergence(L_grid, gd_path, newton_path):
    """Both paths over the contours of the loss, and the loss gap per iteration."""
    import matplotlib.pyplot as plt

    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4.5))
    left.contour(W1_grid, W2_grid, L_grid, levels=30)
    left.plot(gd_path[:, 0], gd_path[:, 1], ".-", label="gradient descent")
    left.plot(newton_path[:, 0], newton_path[:, 1], "o-", label="Newton")
    left.set(xlabel="$w_1$", ylabel="$w_2$", title="loss landscape")
    left.legend()
    right.semilogy(gd_loss - newton_loss[-1] + 1e-16, label="gradient descent")
    right.semilogy(newton_loss - newton_loss[-1] + 1e-16, "o-", label="Newton")
    right.set(xlabel="iteration", ylabel="$L(w_t) - L(w^*)$", title="convergence")
    right.legend()
    return fig


if importlib.util.find_spec("matplotlib") is not None:  # the plot is optional; numpy is not
    plot_convergence(L_grid, gd_path, newton_path)
