# %% [markdown]
# # Exercise 2: the SVD by hand, from the eigenpairs of $A^\top A$
#
# Take a matrix $A$ with $m$ rows, $n \le m$ columns and full column rank, and write its thin
# SVD as $A = U \Sigma V^\top$: $U$ is $m \times n$ with orthonormal columns, $\Sigma$ is
# $n \times n$ and diagonal, $V$ is $n \times n$ and orthogonal. Then
#
# $$A^\top A = V \Sigma U^\top U \Sigma V^\top = V \Sigma^2 V^\top ,$$
#
# an eigendecomposition of the symmetric matrix $A^\top A$: the columns of $V$ are its
# eigenvectors and $\sigma_i = \sqrt{\lambda_i}$. From $A V = U \Sigma$ each left singular
# vector is $u_i = A v_i / \sigma_i$ (MML 4.5, Strang ch. 7).
#
# Two details decide whether this matches `numpy.linalg.svd`: `eigh` returns eigenvalues in
# ascending order while singular values are listed largest first, and singular vectors are
# only defined up to the sign of each pair $(u_i, v_i)$.
#
# We start with a square example, $A \in \mathbb{R}^{3 \times 3}$.

# %%
from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

# Only type checkers and derivlint read the annotations, so the script runs without jaxtyping.
# A one-dim string gets a leading space (" n"), as jaxtyping advises, so that other linters
# do not take it for a forward reference to a name `n`.
if TYPE_CHECKING:
    from jaxtyping import Float

# %%
A = np.array(
    [
        [3.0, 1.0, 1.0],
        [-1.0, 3.0, 1.0],
        [0.0, 2.0, 2.0],
    ]
)


# %%
def svd_via_eigh(
    A: Float[np.ndarray, "m n"],
) -> tuple[Float[np.ndarray, "m n"], Float[np.ndarray, " n"], Float[np.ndarray, "n n"]]:
    """Thin SVD (U, s, V) of a full-column-rank A from the eigenpairs of A^T A."""
    gram = A.T @ A  # shape: (n, n)
    evals, V = np.linalg.eigh(gram)
    order = np.argsort(evals)[::-1]  # largest first, as numpy lists singular values
    evals, V = evals[order], V[:, order]
    s = np.sqrt(np.clip(evals, 0.0, None))  # round-off can make a zero eigenvalue -1e-16
    U = (A @ V) / s  # divides column i of A V by sigma_i
    return U, s, V


# %%
U, s, V = svd_via_eigh(A)
U_np, s_np, Vh = np.linalg.svd(A)
print("by hand:", s)
print("numpy:  ", s_np)
assert np.allclose(s, s_np)
assert np.allclose(U @ np.diag(s) @ V.T, A)
# %timeit svd_via_eigh(A)

# %% [markdown]
# Compare the vectors after fixing the sign of each pair: `Vh` is $V^\top$, so its rows
# (the columns of `Vh.T`) are the right singular vectors.

# %%
signs = np.sign(np.sum(V * Vh.T, axis=0))
assert np.allclose(V * signs, Vh.T)
assert np.allclose(U * signs, U_np)
assert np.allclose(U.T @ U, np.eye(3))

# %% [markdown]
# ## A tall matrix, where the shapes differ
#
# $A_t \in \mathbb{R}^{m \times n}$ with $m = 6, n = 3$. `full_matrices=False` gives the thin
# factors. The left Gram matrix $A_t A_t^\top \in \mathbb{R}^{m \times m}$ has rank $n$ and
# the same non-zero eigenvalues $\sigma_i^2$.

# %%
m, n = 6, 3
rng = np.random.default_rng(0)
A_tall = rng.normal(size=(m, n))
U_t, s_t, V_t = svd_via_eigh(A_tall)
U_ref, s_ref, Vh_ref = np.linalg.svd(A_tall, full_matrices=False)
assert np.allclose(s_t, s_ref)
assert np.allclose(U_t @ np.diag(s_t) @ V_t.T, A_tall)
assert U_t.shape == (m, n)

left_gram = A_tall @ A_tall.T  # shape: (m, m)
top = np.linalg.eigvalsh(left_gram)[::-1][:n]  # eigvalsh is ascending: reverse, keep n
assert np.allclose(np.sqrt(top), s_t)

# %% [markdown]
# ## Power iteration with deflation
#
# The right singular vectors one at a time: iterate $v \leftarrow A^\top A v / \lVert A^\top A v \rVert$
# while staying orthogonal to those already found. The matrix of found vectors gains one
# column per pass.

# %%
gram_t = A_tall.T @ A_tall
found = np.zeros((n, 0))
for _ in range(n):
    v = rng.normal(size=n)
    for _ in range(300):
        v = v - found @ (found.T @ v)
        v = gram_t @ v
        v = v / np.linalg.norm(v)
    found = np.hstack([found, v[:, None]])
sigma_power = np.linalg.norm(A_tall @ found, axis=0)
print("power iteration:", sigma_power)
assert np.allclose(sigma_power, s_t, rtol=1e-6)
