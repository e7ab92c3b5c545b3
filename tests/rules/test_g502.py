"""G502 softmax-ce-gradient-sign: ``y - p`` subtracted in a descent step."""

from __future__ import annotations

import pytest
from rule_helpers import assert_expected, assert_expected_cells, only

from derivlint.analysis import check_text

LOGREG = """\
import numpy as np
def sigmoid(z):
    return 1 / (1 + np.exp(-z))
X = np.random.randn(200, 3)
y = (np.random.rand(200) > 0.5).astype(float)
w = np.zeros(3)
lr = 0.1
"""
SOFTMAX = """\
import numpy as np
def softmax(S):
    E = np.exp(S - S.max(axis=1, keepdims=True))
    return E / E.sum(axis=1, keepdims=True)
X = np.random.randn(100, 4)
Y = np.eye(3)[np.random.randint(0, 3, 100)]
W = np.zeros((4, 3))
"""

#: CS229 style: the weights an attribute, the step in a variable, x and y declared by the docstring
CS229 = '''\
import numpy as np
class LogisticRegression:
    def __init__(self, step_size=0.1):
        self.step_size = step_size
        self.theta = None
    def fit(self, x, y):
        """Gradient descent.

        Args:
            x: Training example inputs. Shape (m, n).
            y: Training example labels. Shape (m,).
        """
        m, n = x.shape
        self.theta = np.zeros(n)
        for _ in range(100):
            h = 1 / (1 + np.exp(-x @ self.theta))
BODY
x = np.random.randn(100, 3)
y = (np.random.rand(100) > 0.5).astype(float)
LogisticRegression().fit(x, y)
'''

#: UFLDL / deeplearning.ai: weights (classes, features), samples as columns, scores W @ X
CLASSES_BY_FEATURES = """\
import numpy as np
k, d, n = 3, 4, 50
X = np.random.randn(d, n)
Y = np.eye(k)[:, np.random.randint(k, size=n)]
W = np.zeros((k, d))
"""

POSITIVE = [
    pytest.param(LOGREG + "for _ in range(100):\n    p = sigmoid(X @ w)\n"
                 "    w -= lr * X.T @ (y - p) / len(y)  # expect: G502\n", id="logreg-augassign"),
    pytest.param(LOGREG + "for _ in range(100):\n    p = 1 / (1 + np.exp(-X.dot(w)))\n"
                 "    grad = X.T.dot(y - p)  # expect: G502\n    w = w - lr * grad\n", id="inline-sigmoid-grad-variable"),
    pytest.param(SOFTMAX + "for _ in range(50):\n    P = softmax(X @ W)\n"
                 "    W -= 0.5 * X.T @ (Y - P) / 100  # expect: G502\n", id="softmax-regression"),
    pytest.param(LOGREG + "from scipy.special import expit\nfor _ in range(10):\n"
                 "    w -= lr * np.mean(X * (y - expit(X @ w))[:, None], axis=0)  # expect: G502\n",
                 id="expit-mean-broadcast"),
    pytest.param(CS229.replace("BODY\n", "            grad = x.T @ (y - h) / m  # expect: G502\n"
                               "            step = self.step_size * grad\n            self.theta = self.theta - step\n"),
                 id="attribute-weights-step-variable"),
    pytest.param(CLASSES_BY_FEATURES + "for _ in range(100):\n    S = W @ X\n    S = S - S.max(axis=0, keepdims=True)\n"
                 "    P = np.exp(S) / np.exp(S).sum(axis=0, keepdims=True)\n"
                 "    W -= 0.5 * (Y - P) @ X.T / n  # expect: G502\n", id="weights-times-data-samples-as-columns"),
    pytest.param(CLASSES_BY_FEATURES + "W1 = np.zeros((1, d))\nY1 = Y[:1]\nfor _ in range(100):\n"
                 "    A = 1 / (1 + np.exp(-(np.dot(W1, X) + 0.5)))\n"
                 "    dW = np.dot(Y1 - A, X.T) / n  # expect: G502\n    W1 = W1 - 0.1 * dW\n",
                 id="dlai-row-of-weights-dot"),
]

NEGATIVE = [
    pytest.param(LOGREG + "for _ in range(100):\n    p = sigmoid(X @ w)\n    w -= lr * X.T @ (p - y)\n",
                 id="descent-p-minus-y"),
    pytest.param(LOGREG + "for _ in range(100):\n    p = sigmoid(X @ w)\n    w += lr * X.T @ (y - p)\n",
                 id="ascent-on-log-likelihood"),
    pytest.param(LOGREG + "v = np.zeros(3)\nfor _ in range(100):\n    p = sigmoid(X @ v)\n"
                 "    w -= lr * X.T @ (y - p)\n", id="p-from-other-weights"),
    pytest.param(LOGREG + "for _ in range(100):\n    r = y - X @ w\n    w -= lr * (-X.T @ r)\n",
                 id="least-squares-not-cross-entropy"),
    pytest.param(LOGREG + "for _ in range(100):\n    p = sigmoid(X @ w)\n    w -= -lr * X.T @ (y - p)\n"
                 "    w -= lr * -(X.T @ (y - p))\n", id="negated-step-is-descent"),
    pytest.param(CS229.replace("BODY\n", "            step = self.step_size * x.T @ (y - h) / m\n"
                               "            self.theta = self.theta + step\n"
                               "            self.theta -= self.step_size * x.T @ (h - y) / m\n"),
                 id="attribute-weights-ascent-or-descent"),
    pytest.param(CLASSES_BY_FEATURES + "for _ in range(100):\n    S = W @ X\n    S -= S.max(axis=0)\n    P = np.exp(S)\n"
                 "    P /= P.sum(axis=0)\n    W += 0.5 * (Y - P) @ X.T / n\n    W -= 0.5 * (P - Y) @ X.T / n\n"
                 "    W -= 0.5 * (Y - P) @ np.random.randn(d, n).T\n", id="weights-times-data-ascent-descent-other-data"),
]


@pytest.mark.parametrize("code", POSITIVE)
def test_reported(code: str) -> None:
    assert_expected(code)


@pytest.mark.parametrize("code", NEGATIVE)
def test_not_reported(code: str) -> None:
    assert_expected(code)


def test_notebook_split_across_cells() -> None:
    assert_expected_cells([
        ("code", LOGREG),
        ("markdown", "Training"),
        ("code", "p = sigmoid(X @ w)"),
        ("code", "w -= lr * X.T @ (y - p)  # expect: G502"),
    ])


def test_reported_at_the_residual_with_the_descent_step_as_related_information() -> None:
    code = LOGREG + "p = sigmoid(X @ w)\nr = y - p\nw -= lr * X.T @ r\n"
    finding = only(check_text(code, "f.py"), "G502")
    lines = code.split("\n")
    assert lines[finding.span.line - 1] == "r = y - p" and finding.span.col == 4
    assert [(lines[r.span.line - 1], r.message) for r in finding.related] == [
        ("w -= lr * X.T @ r", "subtracted in this descent step: w -= lr * X.T @ r")
    ]
