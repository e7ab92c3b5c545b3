# %% [markdown]
# # Exercise 4: softmax composed with cross-entropy has gradient $p - y$
#
# For one sample with logits $z_1, \dots, z_k$ and a one-hot label vector $t$ (a single entry
# is 1): $p = \operatorname{softmax}(z)$, $p_j = e^{z_j} / \sum_l e^{z_l}$, and
# $L(z) = -\sum_j t_j \log p_j$.
#
# Since $\log p_j = z_j - \log \sum_l e^{z_l}$,
#
# $$\frac{\partial L}{\partial z_i} = -t_i + \Big(\sum_j t_j\Big) \frac{e^{z_i}}{\sum_l e^{z_l}}
# = p_i - t_i ,$$
#
# because the entries of a one-hot $t$ sum to one. Equivalently, with the softmax Jacobian
# $J = \operatorname{diag}(p) - p p^\top$ and $\partial L / \partial p = -t / p$,
# $J^\top (-t / p) = -t + p \sum_j t_j = p - t$.
#
# For a batch of logits $Z \in \mathbb{R}^{n \times k}$ and labels $Y \in \mathbb{R}^{n \times k}$
# with the mean loss, the gradient is $(P - Y) / n$.

# %%
from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:  # annotations are for type checkers and derivlint; jaxtyping is not needed to run
    from jaxtyping import Float

# %precision 6


# %%
def softmax(z: Float[np.ndarray, "n k"]) -> Float[np.ndarray, "n k"]:
    """Row-wise softmax; subtracting each row's max changes nothing but avoids overflow."""
    shifted = z - z.max(axis=1, keepdims=True)
    e = np.exp(shifted)
    return e / e.sum(axis=1, keepdims=True)


def log_softmax(z: Float[np.ndarray, "n k"]) -> Float[np.ndarray, "n k"]:
    """Row-wise log of the softmax, without taking the log of a probability."""
    shifted = z - z.max(axis=1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))


def ce_loss(Z: Float[np.ndarray, "n k"], Y: Float[np.ndarray, "n k"]) -> float:
    """Mean cross-entropy of one-hot labels Y under softmax(Z)."""
    return -np.sum(Y * log_softmax(Z)) / Z.shape[0]


def grad_ce_loss(
    Z: Float[np.ndarray, "n k"], Y: Float[np.ndarray, "n k"]
) -> Float[np.ndarray, "n k"]:
    """Gradient of ce_loss with respect to the logits: (P - Y) / n."""
    return (softmax(Z) - Y) / Z.shape[0]


# %%
n, k = 8, 5
rng = np.random.default_rng(0)
Z = 3.0 * rng.normal(size=(n, k))
y = rng.integers(0, k, size=n)
Y: Float[np.ndarray, "n k"] = np.eye(k)[y]
assert np.allclose(softmax(Z).sum(axis=1), 1.0)
assert np.allclose(np.exp(log_softmax(Z)), softmax(Z))

# %% [markdown]
# ## Check the gradient by central differences

# %%
eps = 1e-6
numeric = np.zeros_like(Z)
for i in range(n):
    for j in range(k):
        bump = np.zeros_like(Z)
        bump[i, j] = eps
        numeric[i, j] = (ce_loss(Z + bump, Y) - ce_loss(Z - bump, Y)) / (2 * eps)
analytic = grad_ce_loss(Z, Y)
print("max abs difference:", np.abs(numeric - analytic).max())
assert np.allclose(numeric, analytic, atol=1e-8)

# %% [markdown]
# ## The Jacobian route, for one sample

# %%
z0, y0 = Z[0], Y[0]
p0 = softmax(z0[None, :])[0]
J = np.diag(p0) - np.outer(p0, p0)  # symmetric k-by-k, so J^T = J
assert np.allclose(J.T @ (-y0 / p0), p0 - y0)

# %% [markdown]
# How far each sample's true-class logit is from its largest logit: two length-$n$
# vectors, one of them a row-wise max. Nothing is broadcast back against $Z$.

# %%
margin = Z[np.arange(n), y] - Z.max(axis=1)
assert np.all(margin <= 0)

# %% [markdown]
# ## Using the gradient: a linear softmax classifier
#
# Data $X \in \mathbb{R}^{m \times d}$ and weights $W \in \mathbb{R}^{d \times k}$ give logits
# $X W$; the chain rule multiplies the gradient with respect to the logits by $X^\top$.

# %%
m, d = 300, 4
centers = 3.0 * rng.normal(size=(k, d))
labels = rng.integers(0, k, size=m)
X = centers[labels] + rng.normal(size=(m, d))
Y_train = np.eye(k)[labels]
W = np.zeros((d, k))  # shape: (d, k)
first = ce_loss(X @ W, Y_train)
for step in range(200):
    W = W - 0.5 * X.T @ grad_ce_loss(X @ W, Y_train)
last = ce_loss(X @ W, Y_train)
print(f"training loss {first:.3f} -> {last:.3f}")
assert last < 0.5 * first
