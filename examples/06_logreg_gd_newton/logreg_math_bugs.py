# %% [markdown]
# # Exercise 6 with typical math mistakes
#
# As in `logreg_correct`: $p = \sigma(X w)$, $\nabla L = \frac{1}{n} X^\top (p - y)$,
# $\nabla^2 L = \frac{1}{n} X^\top S X$ with $S = \operatorname{diag}(p \odot (1 - p))$.
# Descent is $w \leftarrow w - \eta \nabla L$, Newton is $w \leftarrow w - (\nabla^2 L)^{-1} \nabla L$.
# Every wrong line ends with the finding derivlint must report there.

# %%
from __future__ import annotations

import numpy as np

# %%
n, d = 200, 2
rng = np.random.default_rng(0)
X = rng.normal(size=(n, d))
w_true = np.array([2.0, -1.0])
y = (rng.uniform(size=n) < 1 / (1 + np.exp(-(X @ w_true)))).astype(float)


# %% [markdown]
# ## The logistic function and its log, as first written down


# %%
def sigmoid(z):
    return np.exp(z) / (1 + np.exp(z))  # expect: N304


def sigmoid_stable(z):
    return 1 / (1 + np.exp(-z))


z = X @ np.array([0.5, 0.5])
log_p = np.log(sigmoid_stable(z))  # expect: N305
loss_softplus = np.mean(np.log(1 + np.exp(z)) - y * z)  # expect: N307

# %% [markdown]
# ## Gradient descent with the residual the wrong way round
#
# $X^\top (y - p)$ is minus the gradient of the loss: subtracting it climbs.

# %%
w = np.zeros(d)
for step in range(100):
    p = sigmoid_stable(X @ w)
    w = w - 0.5 * X.T @ (y - p) / n  # expect: G502

# %% [markdown]
# ## Gradient descent that adds the gradient

# %%
w = np.zeros(d)
for step in range(100):
    p = sigmoid_stable(X @ w)
    grad = X.T @ (p - y) / n
    w += 0.5 * grad  # expect: G501

# %% [markdown]
# ## Newton's method with the Hessian applied elementwise, and with the wrong sign

# %%
w0 = np.zeros(d)
p0 = sigmoid_stable(X @ w0)
g0 = X.T @ (p0 - y) / n
H0 = X.T @ ((p0 * (1 - p0))[:, None] * X) / n
H0_inv = np.linalg.inv(H0)
w1 = w0 - H0_inv * g0  # expect: G503

w = np.zeros(d)
for step in range(8):
    p = sigmoid_stable(X @ w)
    g = X.T @ (p - y) / n
    H = X.T @ ((p * (1 - p))[:, None] * X) / n
    w = w + np.linalg.solve(H, g)  # expect: G503
