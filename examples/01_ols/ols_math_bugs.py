# %% [markdown]
# # Exercise 1 with typical math mistakes
#
# As in `ols_correct`: $X \in \mathbb{R}^{n \times d}$, $y \in \mathbb{R}^{n}$, and the normal
# equations $X^\top X \hat w = X^\top y$. Here the shapes are all consistent where they can be;
# what goes wrong is the algebra. Every wrong line ends with the finding derivlint must
# report there.

# %%
from __future__ import annotations

import numpy as np
from numpy.linalg import inv

# %%
n, d = 200, 3
rng = np.random.default_rng(0)
X = rng.normal(size=(n, d))
w_true = np.array([1.5, -2.0, 0.5])
y = X @ w_true + 0.1 * rng.normal(size=n)

# %% [markdown]
# ## The normal equations, copied from the board
#
# The textbook formula $\hat w = (X^\top X)^{-1} X^\top y$ with an explicit inverse: right,
# but it forms the inverse to multiply it by one vector.

# %%
w_inv = inv(X.T @ X) @ X.T @ y  # expect: L202

# %% [markdown]
# ## The second transpose forgotten
#
# Transcribing $(X^\top X)^{-1} X^\top y$ by hand, the second $X^\top$ lost its transpose.

# %%
gram = X.T @ X
w_bad = np.linalg.solve(gram, X @ y)  # expect: L201

# %% [markdown]
# ## Gradient descent that climbs
#
# $L(w) = \frac{1}{n} \lVert X w - y \rVert^2$ has gradient $\frac{2}{n} X^\top (X w - y)$.
# Adding it to the weights walks uphill.


# %%
def grad_mse(w, X, y):
    return 2.0 * X.T @ (X @ w - y) / X.shape[0]


w = np.zeros(d)
for step in range(100):
    w += 0.1 * grad_mse(w, X, y)  # expect: G501

# %% [markdown]
# ## The Gram matrix as a sum of outer products
#
# $X^\top X = \sum_i x_i x_i^\top$, accumulated into a buffer that was never cleared.

# %%
S = np.empty((d, d))  # expect: N308
for i in range(n):
    S += np.outer(X[i], X[i])
