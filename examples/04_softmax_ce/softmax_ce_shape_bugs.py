# %% [markdown]
# # Exercise 4 with typical shape mistakes
#
# Logits $Z \in \mathbb{R}^{n \times k}$, one-hot labels $Y \in \mathbb{R}^{n \times k}$,
# $P = \operatorname{softmax}(Z)$ row by row and $\nabla_Z L = (P - Y) / n$, as derived in
# `softmax_ce_correct`. Every wrong line ends with the finding derivlint must report there.

# %%
from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from jaxtyping import Float

# %precision 6


# %%
def softmax(z: Float[np.ndarray, "n k"]) -> Float[np.ndarray, "n k"]:
    """Row-wise softmax."""
    shifted = z - z.max(axis=1, keepdims=True)
    e = np.exp(shifted)
    return e / e.sum(axis=1, keepdims=True)


def grad_logits(
    Z: Float[np.ndarray, "n k"], Y: Float[np.ndarray, "n k"]
) -> Float[np.ndarray, "n k"]:
    """Gradient of the mean cross-entropy with respect to the logits."""
    return (softmax(Z) - Y) / Z.shape[0]


# %%
n, k = 8, 5
rng = np.random.default_rng(0)
Z = 3.0 * rng.normal(size=(n, k))
y = rng.integers(0, k, size=n)
Y = np.eye(k)[y]

# %% [markdown]
# The max is taken per row but without `keepdims`, so a length-$n$ vector is subtracted from
# an $n \times k$ matrix.

# %%
E = np.exp(Z - Z.max(axis=1))  # expect: S106

# %% [markdown]
# The batch recipe applied to a single row of logits, which has only axis 0.

# %%
z0 = Z[0]
e0 = np.exp(z0 - z0.max(axis=1, keepdims=True))  # expect: S105

# %% [markdown]
# Switching to the (classes, batch) layout of some courses half way through.

# %%
P: Float[np.ndarray, "n k"] = softmax(Z).T  # expect: S103

# %% [markdown]
# Accuracy with labels kept as an $n \times 1$ column.

# %%
y_col = y.reshape(-1, 1)
accuracy = np.mean(Z.argmax(axis=1) == y_col)  # expect: S102

# %% [markdown]
# ## A linear classifier on $4 \times 4$ images
#
# $X \in \mathbb{R}^{m \times d}$ with $d = 16$ flattened pixels, $W \in \mathbb{R}^{d \times k}$.

# %%
m, d = 300, 16
images = rng.normal(size=(m, 4, 4))
X = images.reshape(m, -1)
X_wrong = images.reshape(m, 4 * 3)  # expect: S104
labels = rng.integers(0, k, size=m)
Y_train = np.eye(k)[labels]
W: Float[np.ndarray, "d k+"] = np.zeros((d, k))  # expect: S107

# %% [markdown]
# The logits of the data: $X W$, not $W X$.

# %%
logits = W @ X  # expect: S101
for step in range(100):
    W = W - 0.5 * X.T @ grad_logits(X @ W, Y_train)
