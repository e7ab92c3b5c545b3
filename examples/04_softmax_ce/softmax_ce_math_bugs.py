# %% [markdown]
# # Exercise 4 with typical math mistakes
#
# As in `softmax_ce_correct`: logits $Z \in \mathbb{R}^{n \times k}$, one-hot labels
# $Y \in \mathbb{R}^{n \times k}$, $P = \operatorname{softmax}(Z)$ row by row, and the mean
# cross-entropy has gradient $(P - Y) / n$. Every wrong line ends with the finding derivlint
# must report there.

# %%
from __future__ import annotations

import numpy as np

# %%
n, k = 8, 5
rng = np.random.default_rng(0)
Z = 3.0 * rng.normal(size=(n, k))
y = rng.integers(0, k, size=n)
Y = np.eye(k)[y]


# %% [markdown]
# ## The softmax straight from the definition
#
# $e^{z}$ overflows for $z > 709$: one large logit and the row is `nan`.


# %%
def softmax(z):
    e = np.exp(z)  # expect: N301
    return e / e.sum(axis=1, keepdims=True)


P = softmax(Z)

# %% [markdown]
# ## A batch shifted by its global max
#
# Shifting by `Z.max()` keeps the largest row finite but can send a whole row that is far
# below it to $0 / 0$.

# %%
E = np.exp(Z - Z.max())  # expect: N301
P_global = E / E.sum(axis=1, keepdims=True)

# %% [markdown]
# ## Normalising the whole batch as one distribution
#
# Without an axis the sum runs over every entry of the batch, so no row sums to one.

# %%
shifted = Z - Z.max(axis=1, keepdims=True)
E_rows = np.exp(shifted)
P_all = E_rows / np.sum(E_rows)  # expect: N306

# %% [markdown]
# ## The log-partition function and the log of a softmax

# %%
log_Z = np.log(np.sum(np.exp(Z), axis=1))  # expect: N302
log_P = np.log(softmax(Z))  # expect: N303

# %% [markdown]
# ## A classifier trained with the gradient's sign flipped
#
# $\partial L / \partial Z = (P - Y) / n$. Writing the residual as $Y - P$ and then
# subtracting it climbs the loss.

# %%
m, d = 300, 4
centers = 3.0 * rng.normal(size=(k, d))
labels = rng.integers(0, k, size=m)
X = centers[labels] + rng.normal(size=(m, d))
Y_train = np.eye(k)[labels]
W = np.zeros((d, k))
for step in range(200):
    scores = X @ W
    scores = scores - scores.max(axis=1, keepdims=True)
    probs = np.exp(scores) / np.exp(scores).sum(axis=1, keepdims=True)
    W -= 0.5 * X.T @ (Y_train - probs) / m  # expect: G502
