# %% [markdown]
# # Exercise 3 with typical math mistakes
#
# As in `mlp_correct`: affine - ReLU - affine - softmax, $\partial L / \partial S = (P - Y) / n$,
# $\partial L / \partial W_2 = H^\top \partial L / \partial S$, and so on down the layers. The
# shapes all agree; the numerics and the update do not. Every wrong line ends with the
# finding derivlint must report there.

# %%
from __future__ import annotations

import numpy as np

# %%
n, d, h, k = 90, 4, 16, 3
rng = np.random.default_rng(0)
centers = 2.0 * rng.normal(size=(k, d))
y = np.repeat(np.arange(k), n // k)
X = centers[y] + rng.normal(size=(n, d))
Y = np.eye(k)[y]
W1 = rng.normal(size=(d, h)) * np.sqrt(2.0 / d)
b1 = np.zeros(h)
W2 = rng.normal(size=(h, k)) * np.sqrt(2.0 / h)
b2 = np.zeros(k)


# %% [markdown]
# ## A forward pass whose softmax is taken straight from the definition


# %%
def forward(X, W1, b1, W2, b2):
    """Class probabilities of each row of X.

    Inputs:
    - X: A numpy array of shape (N, D).

    Returns:
    - probs: A numpy array of shape (N, C).
    """
    hidden = np.maximum(X @ W1 + b1, 0.0)
    scores = hidden @ W2 + b2
    exp_scores = np.exp(scores)  # expect: N301
    probs = exp_scores / np.sum(exp_scores, axis=1, keepdims=True)
    return hidden, probs


hidden, probs = forward(X, W1, b1, W2, b2)
loss = -np.mean(np.log(probs[np.arange(n), y]))  # the log of stored probabilities is fine

# %% [markdown]
# ## A stable softmax, normalised over the whole batch

# %%
scores = np.maximum(X @ W1 + b1, 0.0) @ W2 + b2
shifted = scores - np.max(scores, axis=1, keepdims=True)
probs_all = np.exp(shifted) / np.exp(shifted).sum()  # expect: N306

# %% [markdown]
# ## The backward pass, with the batch gradient accumulated sample by sample
#
# $\partial L / \partial W_2 = \sum_i h_i (p_i - y_i)^\top / n$, summed into a buffer that
# `np.empty` never cleared.

# %%
dscores = (probs - Y) / n
dW2 = np.empty((h, k))  # expect: N308
for i in range(n):
    dW2 += np.outer(hidden[i], dscores[i])
db2 = dscores.sum(axis=0)

# %% [markdown]
# ## The update with the residual the wrong way round
#
# $Y - P$ is minus the gradient with respect to the scores; subtracting it climbs the loss.

# %%
for step in range(50):
    hidden, probs = forward(X, W1, b1, W2, b2)
    W2 -= 0.1 * hidden.T @ (Y - probs) / n  # expect: G502
