# %% [markdown]
# # Exercise 1 with typical shape mistakes
#
# The derivation is the one of `ols_correct`: data $X \in \mathbb{R}^{n \times d}$, targets
# $y \in \mathbb{R}^{n}$, weights $w \in \mathbb{R}^{d}$, and the normal equations
# $X^\top X \hat w = X^\top y$. The code below makes the mistakes people make when turning
# that into numpy; each wrong line ends with the finding derivlint must report there.

# %%
from __future__ import annotations

import numpy as np

# %%
n, d = 200, 3
rng = np.random.default_rng(0)
X = rng.normal(size=(n, d))
w_true = np.array([1.5, -2.0, 0.5])  # shape: (d,)
noise = 0.1 * rng.normal(size=n)  # shape: (n  # expect: S107
y = X @ w_true + noise
w_hat = np.linalg.solve(X.T @ X, X.T @ y)

# %% [markdown]
# Predictions: the product is written in the order of the formula $w^\top x$ for one sample,
# which for a whole data matrix needs the data on the left.

# %%
y_pred = w_hat @ X  # expect: S101

# %% [markdown]
# Targets read from a CSV column arrive as an $n \times 1$ matrix. Subtracting the length-$n$
# prediction from them does not fail: it broadcasts to $n \times n$ and the error is wrong.

# %%
y_col = y.reshape(-1, 1)
mse = np.mean((y_col - X @ w_hat) ** 2)  # expect: S102
print("mean squared error (wrong):", mse)


# %%
def gradient(X, y, w):
    """Gradient of the mean squared error.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
    y : ndarray of shape (n_samples,)
    w : ndarray of shape (n_features,)

    Returns
    -------
    g : ndarray of shape (n_features,)
    """
    return 2.0 * (X @ w - y) / len(y)  # expect: S103


print("gradient norm at the solution:", np.linalg.norm(gradient(X, y, w_hat)))

# %% [markdown]
# An intercept column, added by reshaping instead of stacking a column of ones.

# %%
X1 = X.reshape(n, d + 1)  # expect: S104

# %% [markdown]
# Standardising the features: the scale is taken over an axis that does not exist, and the
# centring subtracts each row's mean from the columns.

# %%
scale = X.std(axis=2)  # expect: S105
X_centered = X - X.mean(axis=1)  # expect: S106

# %% [markdown]
# Projecting onto the complement of $\hat w$: $P = I - \hat w \hat w^\top / (\hat w^\top \hat w)$.
# On a 1-D array `.T` does nothing, so the "outer product" below is a number.

# %%
P = np.eye(d) - w_hat.T @ w_hat / (w_hat @ w_hat)  # expect: S108
