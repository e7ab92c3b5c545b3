# %% [markdown]
# # Exercise 2 with typical math mistakes
#
# As in `svd_correct`: $A = U \Sigma V^\top$, $A^\top A = V \Sigma^2 V^\top$, $\sigma_i = \sqrt{\lambda_i}$,
# $u_i = A v_i / \sigma_i$. The shapes all agree; the decompositions are misread. Every wrong
# line ends with the finding derivlint must report there.

# %%
from __future__ import annotations

import numpy as np

# %%
A = np.array(
    [
        [3.0, 1.0, 1.0],
        [-1.0, 3.0, 1.0],
        [0.0, 2.0, 2.0],
    ]
)
gram = A.T @ A

# %% [markdown]
# ## The general eigensolver on a symmetric matrix
#
# `eig` works, but it knows nothing of the symmetry: complex dtypes may appear, the vectors
# are not guaranteed orthonormal, and the order is arbitrary.

# %%
evals_any, V_any = np.linalg.eig(gram)  # expect: L205

# %% [markdown]
# ## The eigenvalues taken as the singular values
#
# $A^\top A$ has eigenvalues $\sigma_i^2$: the square root is missing.

# %%
evals, V = np.linalg.eigh(gram)
order = np.argsort(evals)[::-1]
evals, V = evals[order], V[:, order]
U = (A @ V) / evals  # expect: L207

# %% [markdown]
# ## The top singular direction read from the front of `eigh`
#
# `eigh` lists eigenvalues in ascending order: column 0 is the *smallest* direction.

# %%
lam, W = np.linalg.eigh(gram)
v_top = W[:, 0]  # expect: L206

# %% [markdown]
# ## numpy's `Vh` used as $V$
#
# `np.linalg.svd` returns $V^\top$ already; transposing it again reconstructs the wrong matrix.

# %%
U_np, s_np, Vh = np.linalg.svd(A)
A_back = U_np @ np.diag(s_np) @ Vh.T  # expect: L204

# %% [markdown]
# ## `eigh` on a product that is not symmetric
#
# $A^\top A$ is symmetric, and so is $A A^\top$, but their product with a third matrix is not:
# `eigh` reads only the lower triangle and answers for a different matrix.

# %%
B = np.array([[2.0, 0.0, 1.0], [0.0, 1.0, 0.0], [1.0, 0.0, 3.0]])
M = np.linalg.solve(B, gram)  # B^{-1} A^T A
mu, Q = np.linalg.eigh(M)  # expect: L208
