"""The numpy table against numpy: products and linear algebra (harness in ``test_numpy_table``)."""

from __future__ import annotations

import pytest

from .test_numpy_table import Case, check_case, params

#: well-conditioned inputs: ``M`` invertible, ``S`` symmetric positive definite, ``T`` tall
_MATS = (
    "M = np.eye(3) + np.arange(9.0).reshape(3, 3) / 10\n"
    "S = np.eye(3) + 1\n"
    "T = np.arange(15.0).reshape(5, 3) + np.eye(5, 3)\n"
    "W = np.arange(15.0).reshape(3, 5) + np.eye(3, 5)\n"
    "B3 = np.eye(3) + np.ones((2, 3, 3))\n"
)
_DEPENDENT = "lstsq's residuals are empty unless the system is overdetermined and of full rank"

PRODUCTS = [
    Case("numpy.matmul", "np.matmul(np.ones((3, 4)), np.ones((4, 5)))"),
    Case("numpy.matmul", "np.ones(3) @ np.ones((3, 4))"),
    Case("numpy.matmul", "np.ones((3, 4)) @ np.ones(4)"),
    Case("numpy.matmul", "np.ones(4) @ np.ones(4)"),
    Case("numpy.matmul", "np.ones((2, 3, 4)) @ np.ones((4, 5))"),
    Case("numpy.matmul", "np.ones((2, 1, 3, 4)) @ np.ones((5, 4, 2))"),
    Case("numpy.matmul", "np.ones((2, 3, 4)) @ np.ones(4)"),
    Case("numpy.matmul", "np.ones(3) @ np.ones((2, 3, 4))"),
    Case("numpy.matmul", "np.matmul(np.arange(6).reshape(2, 3), np.arange(3))"),
    Case("numpy.dot", "np.dot(np.ones((3, 4)), np.ones((4, 5)))"),
    Case("numpy.dot", "np.dot(np.ones(4), np.ones(4))"),
    Case("numpy.dot", "np.dot(np.ones((3, 4)), np.ones(4))"),
    Case("numpy.dot", "np.dot(np.ones(3), np.ones((3, 4)))"),
    Case("numpy.dot", "np.dot(np.ones((2, 3, 4)), np.ones((5, 4, 6)))"),
    Case("numpy.dot", "np.dot(np.ones((2, 3)), np.ones((4, 3, 5)))"),
    Case("numpy.dot", "np.dot(np.ones((2, 3, 4)), np.ones(4))"),
    Case("numpy.dot", "np.dot(np.ones(3), np.ones((2, 3, 4)))"),
    Case("numpy.dot", "np.dot(3.0, np.ones((2, 2)))"),
    Case("numpy.dot", "np.ones((3, 4)).dot(np.ones((4, 2)))"),
    Case("numpy.inner", "np.inner(np.ones(3), np.ones(3))"),
    Case("numpy.inner", "np.inner(np.ones((2, 3)), np.ones((4, 3)))"),
    Case("numpy.inner", "np.inner(np.ones((2, 5, 3)), np.ones(3))"),
    Case("numpy.vdot", "np.vdot(np.ones(3), np.ones(3))"),
    Case("numpy.outer", "np.outer(np.ones(3), np.ones(4))"),
    Case("numpy.outer", "np.outer(np.ones((2, 2)), np.ones(3))"),
    Case("numpy.einsum", "np.einsum('ij,jk->ik', np.ones((2, 3)), np.ones((3, 4)))"),
    Case("numpy.einsum", "np.einsum('ij,jk', np.ones((2, 3)), np.ones((3, 4)))"),
    Case("numpy.einsum", "np.einsum('ij->ji', np.ones((2, 3)))"),
    Case("numpy.einsum", "np.einsum('ii', np.ones((3, 3)))"),
    Case("numpy.einsum", "np.einsum('ii->i', np.ones((3, 3)))"),
    Case("numpy.einsum", "np.einsum('ij,ij->i', np.ones((2, 3)), np.ones((2, 3)))"),
    Case("numpy.einsum", "np.einsum('bij,bjk->bik', np.ones((5, 2, 3)), np.ones((5, 3, 4)))"),
    Case("numpy.einsum", "np.einsum('i,j', np.ones(3), np.ones(4))"),
    Case("numpy.einsum", "np.einsum('i,i', np.ones(3), np.ones(3))"),
    Case("numpy.einsum", "np.einsum('ij,j->i', np.ones((2, 3)), np.ones(3))"),
    Case("numpy.trace", "np.trace(np.ones((3, 3)))"),
    Case("numpy.trace", "np.trace(np.ones((3, 3, 2)))"),
    Case("numpy.trace", "np.ones((3, 4)).trace()"),
    Case("numpy.diag", "np.diag(np.ones(3))"),
    Case("numpy.diag", "np.diag(np.ones((3, 3)))"),
    Case("numpy.diag", "np.diag(np.ones((3, 4)))"),
    Case("numpy.diag", "np.diag(np.ones((5, 2)))"),
    Case("numpy.diag", "np.diag(np.ones(3), k=1)"),
    Case("numpy.diag", "np.diag(np.ones(3), -2)"),
    Case("numpy.diag", "np.diag(np.ones((3, 4)), k=2)"),
    Case("numpy.diag", "np.diag(np.ones((3, 4)), k=-1)"),
    Case("numpy.diagonal", "np.ones((3, 4)).diagonal()"),
    Case("numpy.kron", "np.kron(np.ones((2, 3)), np.ones((4, 5)))"),
    Case("numpy.kron", "np.kron(np.ones(2), np.ones((3, 4)))"),
    Case("numpy.cov", "np.cov(np.arange(15.0).reshape(3, 5))"),
    Case("numpy.cov", "np.cov(np.arange(15.0).reshape(5, 3), rowvar=False)"),
    Case("numpy.cov", "np.cov(np.arange(15.0).reshape(5, 3).T)"),
    Case("numpy.cov", "np.cov(np.arange(5.0))"),
    Case("numpy.corrcoef", "np.corrcoef(np.arange(15.0).reshape(3, 5) ** 2)"),
]

LINALG = [
    Case("numpy.linalg.inv", "np.linalg.inv(M)", setup=_MATS),
    Case("numpy.linalg.inv", "np.linalg.inv(B3)", setup=_MATS),
    Case("numpy.linalg.pinv", "np.linalg.pinv(W)", setup=_MATS),
    Case("numpy.linalg.pinv", "np.linalg.pinv(T)", setup=_MATS),
    Case("numpy.linalg.solve", "np.linalg.solve(M, np.ones(3))", setup=_MATS),
    Case("numpy.linalg.solve", "np.linalg.solve(M, np.ones((3, 2)))", setup=_MATS),
    Case("numpy.linalg.solve", "np.linalg.solve(B3, np.ones((2, 3, 4)))", setup=_MATS),
    Case(
        "numpy.linalg.lstsq",
        "np.linalg.lstsq(T, np.ones(5), rcond=None)",
        setup=_MATS,
        partial=_DEPENDENT,
    ),
    Case(
        "numpy.linalg.lstsq",
        "np.linalg.lstsq(T, np.ones((5, 2)), rcond=None)",
        setup=_MATS,
        partial=_DEPENDENT,
    ),
    Case("numpy.linalg.lstsq", "np.linalg.lstsq(T, np.ones(5), rcond=None)[0]", setup=_MATS),
    Case("numpy.linalg.lstsq", "np.linalg.lstsq(W, np.ones((3, 2)), rcond=None)[3]", setup=_MATS),
    Case("numpy.linalg.det", "np.linalg.det(M)", setup=_MATS),
    Case("numpy.linalg.det", "np.linalg.det(B3)", setup=_MATS),
    Case("numpy.linalg.slogdet", "np.linalg.slogdet(M)", setup=_MATS),
    Case("numpy.linalg.slogdet", "np.linalg.slogdet(B3)", setup=_MATS),
    Case("numpy.linalg.norm", "np.linalg.norm(np.ones(3))"),
    Case("numpy.linalg.norm", "np.linalg.norm(np.ones((2, 3)), axis=1)"),
    Case("numpy.linalg.norm", "np.linalg.norm(np.ones((2, 3)), axis=-1, keepdims=True)"),
    Case("numpy.linalg.norm", "np.linalg.norm(np.ones((2, 3)), keepdims=True)"),
    Case("numpy.linalg.norm", "np.linalg.norm(np.ones((2, 3)), ord='fro')"),
    Case("numpy.linalg.norm", "np.linalg.norm(B3, axis=(1, 2))", setup=_MATS),
    Case("numpy.linalg.norm", "np.linalg.norm(np.ones((2, 3)), 2, 0)"),
    Case("numpy.linalg.svd", "np.linalg.svd(W)", setup=_MATS),
    Case("numpy.linalg.svd", "np.linalg.svd(W, full_matrices=True)", setup=_MATS),
    Case("numpy.linalg.svd", "np.linalg.svd(W, full_matrices=False)", setup=_MATS),
    Case("numpy.linalg.svd", "np.linalg.svd(T, full_matrices=False)", setup=_MATS),
    Case("numpy.linalg.svd", "np.linalg.svd(T, compute_uv=False)", setup=_MATS),
    Case("numpy.linalg.svd", "np.linalg.svd(np.ones((2, 3, 4)), full_matrices=False)"),
    Case("numpy.linalg.svd", "np.linalg.svd(M)[1]", setup=_MATS),
    Case("numpy.linalg.eig", "np.linalg.eig(M)", setup=_MATS),
    Case("numpy.linalg.eig", "np.linalg.eig(np.array([[0.0, -1.0], [1.0, 0.0]]))"),
    Case("numpy.linalg.eigh", "np.linalg.eigh(S)", setup=_MATS),
    Case("numpy.linalg.eigh", "np.linalg.eigh(B3)", setup=_MATS),
    Case("numpy.linalg.eigvals", "np.linalg.eigvals(M)", setup=_MATS),
    Case("numpy.linalg.eigvalsh", "np.linalg.eigvalsh(S)", setup=_MATS),
    Case("numpy.linalg.qr", "np.linalg.qr(T)", setup=_MATS),
    Case("numpy.linalg.qr", "np.linalg.qr(W)", setup=_MATS),
    Case("numpy.linalg.qr", "np.linalg.qr(M)", setup=_MATS),
    Case("numpy.linalg.qr", "np.linalg.qr(T, mode='complete')", setup=_MATS),
    Case("numpy.linalg.qr", "np.linalg.qr(W, mode='r')", setup=_MATS),
    Case("numpy.linalg.qr", "np.linalg.qr(B3)", setup=_MATS),
    Case("numpy.linalg.cholesky", "np.linalg.cholesky(S)", setup=_MATS),
    Case("numpy.linalg.matrix_power", "np.linalg.matrix_power(M, 3)", setup=_MATS),
    Case("scipy.linalg.inv", "scipy.linalg.inv(M)", setup=_MATS),
    Case("scipy.linalg.pinv", "scipy.linalg.pinv(W)", setup=_MATS),
    Case("scipy.linalg.det", "scipy.linalg.det(M)", setup=_MATS),
    Case("scipy.linalg.norm", "scipy.linalg.norm(np.ones((2, 3)), axis=0)"),
    Case("scipy.linalg.cholesky", "scipy.linalg.cholesky(S)", setup=_MATS),
    Case("scipy.linalg.solve", "scipy.linalg.solve(S, np.ones(3))", setup=_MATS),
    Case(
        "scipy.linalg.cho_solve",
        "scipy.linalg.cho_solve(scipy.linalg.cho_factor(S), np.ones((3, 2)))",
        setup=_MATS,
    ),
    Case(
        "scipy.linalg.cho_solve",
        "scipy.linalg.cho_solve((np.linalg.cholesky(S), True), np.ones(3))",
        setup=_MATS,
    ),
    Case("scipy.linalg.cho_factor", "scipy.linalg.cho_factor(S)", setup=_MATS),
    Case(
        "scipy.linalg.lstsq", "scipy.linalg.lstsq(T, np.ones(5))", setup=_MATS, partial=_DEPENDENT
    ),
    Case("scipy.linalg.svd", "scipy.linalg.svd(W)", setup=_MATS),
    Case("scipy.linalg.svd", "scipy.linalg.svd(T, full_matrices=False)", setup=_MATS),
    Case("scipy.linalg.eig", "scipy.linalg.eig(M)", setup=_MATS),
    Case("scipy.linalg.eigh", "scipy.linalg.eigh(S)", setup=_MATS),
    Case("scipy.linalg.eigvalsh", "scipy.linalg.eigvalsh(S)", setup=_MATS),
    Case("scipy.linalg.eigvals", "scipy.linalg.eigvals(M)", setup=_MATS),
    Case("scipy.linalg.qr", "scipy.linalg.qr(T)", setup=_MATS),
    Case("scipy.linalg.qr", "scipy.linalg.qr(T, mode='economic')", setup=_MATS),
    Case("scipy.linalg.expm", "scipy.linalg.expm(M)", setup=_MATS),
]


@pytest.mark.parametrize("case", params(PRODUCTS + LINALG))
def test_engine_agrees_with_numpy(case: Case) -> None:
    check_case(case)
