"""G503 newton-step-sign: a Newton step that adds H^-1 g, or applies the Hessian elementwise."""

from __future__ import annotations

import ast

import pytest
from rule_helpers import assert_expected, assert_expected_cells, only

from derivlint.analysis import check_text
from derivlint.apply_fixes import apply_edits

HEAD = """\
import numpy as np
X = np.random.randn(100, 3)
y = (np.random.rand(100) > 0.5).astype(float)
w = np.zeros(3)
p = 1 / (1 + np.exp(-(X @ w)))
g = X.T @ (p - y)
H = X.T @ ((p * (1 - p))[:, None] * X)
"""

POSITIVE = [
    pytest.param(HEAD + "H_inv = np.linalg.inv(H)\nw = w - H_inv * g  # expect: G503\n", id="inverse-times"),
    pytest.param(HEAD + "w -= g / H  # expect: G503\n", id="divide-in-place"),
    pytest.param(HEAD + "w_new = w + np.multiply(np.linalg.inv(H), -g)  # expect: G503\n", id="np-multiply-plus"),
    pytest.param(
        "import numpy as onp\n"
        "def newton(w, grad, hess):\n"
        "    return w - onp.linalg.inv(hess) * grad  # expect: G503\n"
        "w = newton(onp.zeros(4), onp.ones(4), onp.eye(4))\n",
        id="in-a-helper",
    ),
]

NEGATIVE = [
    pytest.param(HEAD + "w = w - np.linalg.solve(H, g)\nw = w - np.linalg.inv(H) @ g\nw -= np.linalg.inv(H).dot(g)\n",
                 id="matrix-vector-products"),
    pytest.param(HEAD + "lr = 0.1\nw = w - lr * g\nD = np.diag(H)\nw = w - g / D\n", id="scalar-and-diagonal-scaling"),
    pytest.param(HEAD + "W = np.zeros((3, 3))\nW = W - H * 0.1\nM = W - np.outer(g, g) * 2\n", id="matrix-weights"),
    pytest.param(HEAD + "A = np.ones((3, 5))\nv = np.ones(5)\nz = w - (A * v).sum(axis=1)\n", id="not-square"),
]


@pytest.mark.parametrize("code", POSITIVE)
def test_reported(code: str) -> None:
    assert_expected(code)


@pytest.mark.parametrize("code", NEGATIVE)
def test_not_reported(code: str) -> None:
    assert_expected(code)


def test_notebook_split_across_cells() -> None:
    assert_expected_cells([
        ("code", HEAD),
        ("markdown", "One Newton step"),
        ("code", "Hinv = np.linalg.inv(H)"),
        ("code", "w = w - Hinv * g  # expect: G503"),
    ])


def test_the_fix_makes_it_a_product_and_rechecks_clean() -> None:
    code = HEAD + "Hinv = np.linalg.inv(H)\nw = w - Hinv * g\n"
    fix = only(check_text(code, "f.py"), "G503").fix
    assert fix is not None and not fix.safe and fix.edits[0].new_text == "Hinv @ g"
    fixed = code.replace("Hinv * g", "Hinv @ g")
    assert [f.code for f in check_text(fixed, "f.py").findings if f.code.startswith("G")] == []


# -- the sign half: + H^-1 g with g provably the gradient and H provably definite --------

LOGREG = """\
import numpy as np
def sigmoid(z):
    return 1 / (1 + np.exp(-z))
X = np.random.randn(200, 3)
y = (np.random.rand(200) > 0.5).astype(float)
w = np.zeros(3)
n = len(y)
"""

SIGN_POSITIVE = [
    pytest.param(LOGREG + "for _ in range(10):\n    p = sigmoid(X @ w)\n    H = X.T @ ((p * (1 - p))[:, None] * X)\n"
                 "    g = X.T @ (p - y)\n    w = w + np.linalg.solve(H, g)  # expect: G503\n", id="solve-added"),
    pytest.param(LOGREG + "for _ in range(10):\n    p = sigmoid(X @ w)\n    H = X.T @ np.diag(p * (1 - p)) @ X / n\n"
                 "    w += np.linalg.inv(H) @ (X.T @ (p - y) / n)  # expect: G503\n", id="inverse-times-diag-hessian"),
    pytest.param(LOGREG + "for _ in range(3):\n"
                 "    w += np.linalg.solve(X.T @ X, X.T @ (X @ w - y))  # expect: G503\n", id="squared-error"),
    pytest.param(LOGREG + "for _ in range(10):\n    p = sigmoid(X @ w)\n    S = np.diag(p * (1 - p))\n"
                 "    w -= np.linalg.solve(X.T @ S @ X, X.T @ (y - p))  # expect: G503\n", id="irls-subtracted"),
    pytest.param(LOGREG + "for _ in range(10):\n    p = sigmoid(X @ w)\n"
                 "    H_inv = np.linalg.inv((X.T * (p * (1 - p))) @ X + 0.1 * np.eye(3))\n"
                 "    w = w + 0.5 * H_inv.dot(X.T @ (p - y))  # expect: G503\n", id="damped-ridge-dot-method"),
    pytest.param(LOGREG + "for _ in range(10):\n    p = sigmoid(X @ w)\n    H = -X.T @ np.diag(p * (1 - p)) @ X\n"
                 "    w += np.linalg.solve(H, X.T @ (y - p))  # expect: G503\n", id="log-likelihood-hessian-added"),
    pytest.param(LOGREG + "for _ in range(10):\n    mu = np.clip(sigmoid(X @ w), 1e-6, 1 - 1e-6)\n"
                 "    s = np.maximum(mu * (1 - mu), 1e-10)\n"
                 "    w += np.linalg.solve(X.T @ np.diag(s) @ X, X.T @ (mu - y))  # expect: G503\n",
                 id="clipped-probabilities-floored-weights"),
]

SIGN_NEGATIVE = [
    pytest.param(LOGREG + "for _ in range(10):\n    p = sigmoid(X @ w)\n    H = X.T @ ((p * (1 - p))[:, None] * X)\n"
                 "    w = w - np.linalg.solve(H, X.T @ (p - y))\n", id="newton-descent"),
    pytest.param(LOGREG + "for _ in range(10):\n    p = sigmoid(X @ w)\n    S = np.diag(p * (1 - p))\n"
                 "    w += np.linalg.solve(X.T @ S @ X, X.T @ (y - p))\n", id="irls-fisher-scoring"),
    pytest.param(LOGREG + "for _ in range(10):\n    p = sigmoid(X @ w)\n    H = -X.T @ np.diag(p * (1 - p)) @ X\n"
                 "    w -= np.linalg.solve(H, X.T @ (y - p))\n", id="log-likelihood-hessian-subtracted"),
    pytest.param(LOGREG + "import mylib\ndef newton(w, g, H):\n    return w + np.linalg.solve(H, g)\n"
                 "for _ in range(10):\n    p = sigmoid(X @ w)\n    w += np.linalg.solve(mylib.hessian(w), X.T @ (p - y))\n"
                 "    w = newton(w, mylib.grad(w), X.T @ X)\n", id="sign-not-provable"),
    pytest.param(LOGREG + "M = np.random.rand(200, 3)\nZ = np.random.randn(200, 3)\nfor _ in range(10):\n"
                 "    p = sigmoid(X @ w)\n    w += np.linalg.solve(X.T @ X - 0.1 * np.eye(3), X.T @ (p - y))\n"
                 "    w += np.linalg.solve(X.T @ (X * M), X.T @ (p - y))\n"
                 "    w += np.linalg.solve(X.T @ np.diag(p - y) @ X, X.T @ (p - y))\n"
                 "    w += np.linalg.solve(Z.T @ Z, X.T @ (p - y))\n", id="not-definite-or-other-data"),
]

# CS229's LogisticRegression: self.theta, a step in a variable, x and y declared by the docstring
# (a declared parameter is a value of its own bound to the caller's: both sides of the Hessian
# must be read as the same x)
CS229 = '''\
import numpy as np
class LogisticRegression:
    def __init__(self, max_iter=10):
        self.max_iter = max_iter
        self.theta = None
    def fit(self, x, y):
        """Run Newton's Method.

        Args:
            x: Training example inputs. Shape (m, n).
            y: Training example labels. Shape (m,).
        """
        m, n = x.shape
        self.theta = np.zeros(n)
        for _ in range(self.max_iter):
            h = 1 / (1 + np.exp(-x @ self.theta))
BODY
x = np.random.randn(100, 3)
y = (np.random.rand(100) > 0.5).astype(float)
LogisticRegression().fit(x, y)
'''


def _cs229(body: str) -> str:
    return CS229.replace("BODY\n", body)


SIGN_POSITIVE += [
    pytest.param(_cs229("            H = (x.T * (h * (1 - h))) @ x / m\n"
                        "            step = np.linalg.solve(H, x.T @ (h - y) / m)\n"
                        "            self.theta = self.theta + step  # expect: G503\n"), id="cs229-attribute-step-variable"),
    pytest.param(_cs229("            grad = x.T @ (h - y)\n            H = x.T @ np.diag(h * (1 - h)) @ x\n"
                        "            self.theta += np.linalg.solve(H, grad)  # expect: G503\n"),
                 id="cs229-attribute-diag-hessian"),
    pytest.param(_cs229("            S = h * (1 - h)\n            H_inv = np.linalg.inv(-(x.T * S) @ x)\n"
                        "            self.theta = self.theta + H_inv @ (x.T @ (y - h))  # expect: G503\n"),
                 id="cs229-attribute-log-likelihood-hessian-added"),
    pytest.param(_cs229("            H = (x.T * (h * (1 - h))) @ x\n            step = np.linalg.solve(H, x.T @ (y - h))\n"
                        "            self.theta = self.theta - step  # expect: G503\n"), id="cs229-attribute-irls-subtracted"),
    # never called: the declared x is all there is to know of it (its argument is unknown)
    pytest.param(_cs229("            H = (x.T * (h * (1 - h))) @ x / m\n"
                        "            step = np.linalg.solve(H, x.T @ (h - y) / m)\n"
                        "            self.theta = self.theta + step  # expect: G503\n").split("x = np.random")[0],
                 id="cs229-attribute-uncalled"),
]

SIGN_NEGATIVE += [
    pytest.param(_cs229("            H = (x.T * (h * (1 - h))) @ x / m\n"
                        "            step = np.linalg.solve(H, x.T @ (h - y) / m)\n"
                        "            self.theta = self.theta - step\n"), id="cs229-attribute-descent"),
    pytest.param(_cs229("            S = h * (1 - h)\n            step = np.linalg.solve((x.T * S) @ x, x.T @ (y - h))\n"
                        "            self.theta = self.theta + step\n            self.theta += step\n"),
                 id="cs229-attribute-irls-fisher-scoring"),
    pytest.param(_cs229("            H = -x.T @ np.diag(h * (1 - h)) @ x\n            step = np.linalg.solve(H, x.T @ (y - h))\n"
                        "            self.theta = self.theta - step\n"), id="cs229-attribute-log-likelihood-hessian-subtracted"),
    pytest.param(_cs229("            z = np.random.randn(m, n)\n            H = (z.T * (h * (1 - h))) @ z\n"
                        "            step = np.linalg.solve(H, x.T @ (h - y))\n            self.theta = self.theta + step\n"
                        "            self.theta += np.linalg.solve((x.T * (h * (1 - h))) @ z, x.T @ (h - y))\n"),
                 id="cs229-attribute-hessian-of-other-data"),
]


@pytest.mark.parametrize("code", SIGN_POSITIVE)
def test_sign_reported(code: str) -> None:
    assert_expected(code)


@pytest.mark.parametrize("code", SIGN_NEGATIVE)
def test_sign_not_reported(code: str) -> None:
    assert_expected(code)


def test_sign_in_a_notebook_with_helpers_in_other_cells() -> None:
    assert_expected_cells([
        ("code", LOGREG),
        ("markdown", "Gradient and Hessian of the mean cross-entropy"),
        ("code", ("def grad(w):\n    return X.T @ (sigmoid(X @ w) - y) / n\n"
                 "def hess(w):\n    p = sigmoid(X @ w)\n    return X.T @ (X * (p * (1 - p))[:, None]) / n")),
        ("markdown", "Newton's method"),
        ("code", "for _ in range(8):\n    w = w + np.linalg.solve(hess(w), grad(w))  # expect: G503"),
    ])


def test_sign_related_information_points_at_hessian_and_gradient() -> None:
    code = LOGREG + ("p = sigmoid(X @ w)\nH = X.T @ np.diag(p * (1 - p)) @ X\ng = X.T @ (p - y)\n"
                     "w = w + np.linalg.solve(H, g)\n")
    finding = only(check_text(code, "f.py"), "G503")
    assert finding.span.line == 11
    assert sorted(r.span.line for r in finding.related) == [9, 10]


def test_the_sign_fix_subtracts_the_step_and_rechecks_clean() -> None:
    code = LOGREG + ("for _ in range(8):\n    p = sigmoid(X @ w)\n    H = X.T @ np.diag(p * (1 - p)) @ X\n"
                     "    w += np.linalg.solve(H, X.T @ (p - y))\n")
    fix = only(check_text(code, "f.py"), "G503").fix
    assert fix is not None and not fix.safe
    new = apply_edits(code, list(fix.edits))
    assert new is not None and new.splitlines()[-1] == "    w -= np.linalg.solve(H, X.T @ (p - y))"
    ast.parse(new)
    assert [f.code for f in check_text(new, "f.py").findings] == []


def test_elementwise_hessian_step_in_place_is_one_finding() -> None:
    # ``w -= g / H`` also cannot be written back into w ((d, d) into (d,)): G503 says why, S101 stays quiet
    report = assert_expected(
        """\
        import numpy as np
        X = np.random.randn(50, 3)
        y = (np.random.rand(50) > 0.5).astype(float)
        w = np.zeros(3)
        for _ in range(10):
            p = 1 / (1 + np.exp(-X @ w))
            g = X.T @ (p - y)
            H = X.T @ np.diag(p * (1 - p)) @ X
            w -= g / H  # expect: G503
        """
    )
    assert [f.code for f in report.findings] == ["G503"]
