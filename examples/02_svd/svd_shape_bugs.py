# %% [markdown]
# # Exercise 2 with typical shape mistakes
#
# Same derivation as `svd_correct`: $A^\top A = V \Sigma^2 V^\top$,
# $\sigma_i = \sqrt{\lambda_i}$ and $u_i = A v_i / \sigma_i$, first for $A \in \mathbb{R}^{3 \times 3}$.
# Every wrong line ends with the finding derivlint must report there.

# %%
from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from jaxtyping import Float

# %%
A = np.array([[3.0, 1.0, 1.0], [-1.0, 3.0, 1.0], [0.0, 2.0, 2.0]])
gram = A.T @ A
evals, V = np.linalg.eigh(gram)
order = np.argsort(evals)[::-1]
evals, V = evals[order], V[:, order]
s = np.sqrt(np.clip(evals, 0.0, None))

# %% [markdown]
# Checking $A^\top A v_1 = \lambda_1 v_1$, with the eigenvector taken once as a vector and
# once as a one-column slice: the difference broadcasts to a $3 \times 3$ matrix.

# %%
eig_residual = np.abs(gram @ V[:, 0] - evals[0] * V[:, :1]).max()  # expect: S102

# %% [markdown]
# $\Sigma$ as a matrix: reshaping the vector of singular values cannot make a diagonal matrix.

# %%
Sigma = s.reshape(3, 3)  # expect: S104

# %% [markdown]
# Centring $A$ by its row means, without `keepdims`: for a square matrix this broadcasts
# silently, subtracting row $i$'s mean from column $i$.

# %%
A_centered = A - A.mean(axis=1)  # expect: S106

# %% [markdown]
# ## A tall matrix $A_t \in \mathbb{R}^{m \times n}$

# %%
m, n = 6, 3
rng = np.random.default_rng(0)
A_tall = rng.normal(size=(m, n))

# %% [markdown]
# The default `full_matrices=True` returns an $m \times m$ factor $U$, which cannot multiply
# the $n \times n$ matrix $\operatorname{diag}(s)$.

# %%
U_f, s_f, Vh_f = np.linalg.svd(A_tall)
A_rebuilt = U_f @ np.diag(s_f) @ Vh_f  # expect: S101

# %% [markdown]
# Singular values from the left Gram matrix $A_t A_t^\top$: there are $m$ eigenvalues, not $n$.

# %%
left_evals = np.linalg.eigvalsh(A_tall @ A_tall.T)[::-1]
sigma: Float[np.ndarray, " n"] = np.sqrt(left_evals)  # expect: S103

# %%
U_t, s_t, Vh_t = np.linalg.svd(A_tall, full_matrices=False)
# shapes: U_t (m, n), s_t (n,), Vh_t (n, n  # expect: S107
col_norms = (U_t**2).sum(axis=2)  # expect: S105
