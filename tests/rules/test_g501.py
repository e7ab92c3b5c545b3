"""G501 gradient-ascent-step: an update that moves uphill on a loss whose gradient it provably uses."""

from __future__ import annotations

import ast

import pytest
from rule_helpers import assert_expected, assert_expected_cells, only

from derivlint.analysis import check_text
from derivlint.apply_fixes import apply_edits

HEAD = """\
import numpy as np
def sigmoid(z):
    return 1 / (1 + np.exp(-z))
X = np.random.randn(200, 3)
y = np.random.randn(200)
w = np.zeros(3)
lr = 0.1
n = len(y)
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

MOMENTUM_CLASS = """\
import numpy as np
class LinearModel:
    def __init__(self, d, k):
        self.W = np.random.randn(d, k) / np.sqrt(d)
        self.b = np.zeros(k)
        self.vW = 0
        self.vb = 0
    def predict(self, X):
        return X.dot(self.W) + self.b
    def sgd(self, X, Y, learning_rate=0.01, momentum=0.9):
        num_values = np.prod(Y.shape)
        Yhat = self.predict(X)
        gW = 2 * X.T.dot(Yhat - Y) / num_values
        gb = 2 * (Yhat - Y).sum(axis=0) / num_values
        self.vW = momentum * self.vW SIGN learning_rate * gW
        self.vb = momentum * self.vb SIGN learning_rate * gb
        self.W += self.vW  # MARK
        self.b += self.vb  # MARK
model = LinearModel(4, 2)
model.sgd(np.random.randn(50, 4), np.random.randn(50, 2))
"""

#: a helper whose parameters are declared (each a value of its own bound to the caller's):
#: the X of its X.T and the X of the caller's prediction are one matrix
DECLARED_GRADIENT = '''\
def grad(X, p, y):
    """Gradient of the cross-entropy.

    Args:
        X: Inputs. Shape (m, n).
        p: Probabilities. Shape (m,).
        y: Labels. Shape (m,).
    """
    return X.T @ (p - y)
'''

#: CS231n's softmax gradient: the one-hot subtraction done in place on the probabilities
CS231N = """\
import numpy as np
def train(X, y, num_classes=3, lr=1e-3, reg=1e-5):
    N, D = X.shape
    W = 0.001 * np.random.randn(D, num_classes)
    for it in range(100):
        scores = X.dot(W)
        scores -= np.max(scores, axis=1, keepdims=True)
        probs = np.exp(scores) / np.sum(np.exp(scores), axis=1, keepdims=True)
        dscores = COPY
        dscores[INDEX, y] -= 1
        dscores /= N
        dW = X.T.dot(dscores) + reg * W
        STEP
    return W
"""


def _cs231n(copy: str, index: str, step: str) -> str:
    return CS231N.replace("COPY", copy).replace("INDEX", index).replace("STEP", step)


POSITIVE = [
    pytest.param(_cs231n("probs.copy()", "np.arange(N)", "W += lr * dW  # expect: G501"), id="cs231n-in-place-one-hot-copy"),
    pytest.param(_cs231n("probs", "range(N)", "W = W + lr * dW  # expect: G501"), id="cs231n-in-place-one-hot-alias"),
    pytest.param(_cs231n("np.copy(probs)", "np.arange(N)", "W -= -lr * dW  # expect: G501"),
                 id="cs231n-in-place-one-hot-np-copy"),
    pytest.param(HEAD + "for _ in range(10):\n    g = X.T @ (X @ w - y) / n\n    w += lr * g  # expect: G501\n",
                 id="squared-error-plus-equals"),
    pytest.param(HEAD + "for _ in range(10):\n    w = w + lr * 2 / n * X.T.dot(X.dot(w) - y)  # expect: G501\n",
                 id="dot-methods-scaled"),
    pytest.param(HEAD + "for _ in range(10):\n    grad = np.dot(X.T, X @ w - y) / len(y)\n"
                 "    w -= -lr * grad  # expect: G501\n", id="negated-rate-subtracted"),
    pytest.param(HEAD + "for _ in range(10):\n    p = sigmoid(X @ w)\n    g = X.T @ (p - y)\n"
                 "    w -= lr * (-g)  # expect: G501\n", id="logistic-negated-gradient"),
    pytest.param(HEAD + "for _ in range(10):\n    w -= lr * X.T @ (y - X @ w)  # expect: G501\n",
                 id="least-squares-target-minus-prediction-subtracted"),
    pytest.param(HEAD + "m = len(X)\nfor _ in range(10):\n    w = w + (lr / m) * np.transpose(np.dot(np.transpose("
                 "np.dot(X, w) - y), X))  # expect: G501\n", id="transposes-of-vectors-coursera-style"),
    pytest.param(HEAD + "lam = 0.01\nfor _ in range(10):\n"
                 "    w += lr * (X.T @ (X @ w - y) + lam * w)  # expect: G501\n", id="ridge"),
    pytest.param(HEAD + "for _ in range(10):\n    w += lr * np.mean((X @ w - y)[:, None] * X, axis=0)  # expect: G501\n"
                 "    w += lr * (X @ w - y) @ X  # expect: G501\n", id="mean-broadcast-and-vector-times-matrix"),
    pytest.param(HEAD + "v = np.zeros(3)\nmu = 0.9\nfor _ in range(10):\n    g = X.T @ (X @ w - y) / n\n"
                 "    v = mu * v - lr * g\n    w -= v  # expect: G501\n", id="classic-momentum-subtracted"),
    pytest.param(HEAD + "def step(w):\n    return w + lr * X.T @ (X @ w - y)  # expect: G501\n"
                 "for _ in range(10):\n    w = step(w)\n", id="returned-from-a-step-helper"),
    pytest.param(SOFTMAX + "for _ in range(10):\n    P = softmax(X @ W)\n"
                 "    W += 0.5 * X.T @ (P - Y) / 100  # expect: G501\n", id="softmax-regression"),
    pytest.param(HEAD + "b = 0.0\nfor _ in range(10):\n    p = sigmoid(X @ w + b)\n"
                 "    w, b = w + lr * X.T @ (p - y) / n, b + lr * np.mean(p - y)  # expect: G501\n",
                 id="weights-and-bias-in-one-tuple"),
    pytest.param(HEAD + "for epoch in range(5):\n    for i in range(n):\n        err = X[i] @ w - y[i]\n"
                 "        w += lr * err * X[i]  # expect: G501\n", id="stochastic-one-sample"),
    pytest.param(
        HEAD + '''\
def propagate(w, b, X, Y):
    m = X.shape[1]
    A = sigmoid(np.dot(w.T, X) + b)
    dw = (1 / m) * np.dot(X, (A - Y).T)
    db = (1 / m) * np.sum(A - Y)
    return {"dw": dw, "db": db}
def optimize(w, b, X, Y, num_iterations, learning_rate):
    for i in range(num_iterations):
        grads = propagate(w, b, X, Y)
        w = w + learning_rate * grads["dw"]  # expect: G501
        b = b + learning_rate * grads["db"]  # expect: G501
    return w, b
w_c, b_c = optimize(np.zeros((3, 1)), 0.0, X.T, y.reshape(1, -1), 100, 0.01)
''', id="samples-as-columns-deeplearning-ai"),
    pytest.param(MOMENTUM_CLASS.replace("SIGN", "+").replace("MARK", "expect: G501"), id="momentum-fields-of-a-class"),
    pytest.param(
        HEAD + '''\
def gradient(w, X, y):
    """Gradient of the mean squared error.

    Parameters
    ----------
    w : ndarray of shape (d,)
    X : ndarray of shape (n, d)
    y : ndarray of shape (n,)
    """
    return 2 * X.T @ (X @ w - y) / X.shape[0]
for _ in range(10):
    w = w + lr * gradient(w, X, y)  # expect: G501
''', id="helper-with-declared-parameters"),
    pytest.param(
        HEAD + '''\
class LinearRegression:
    def __init__(self, d, lr=0.05):
        self.w = np.zeros(d)
        self.lr = lr
    def gradient(self, X, y):
        return X.T @ (X @ self.w - y) / len(y)
    def fit(self, X, y):
        for _ in range(100):
            self.w += self.lr * self.gradient(X, y)  # expect: G501
        return self
model = LinearRegression(3).fit(X, y)
''', id="self-w-in-a-class"),
    pytest.param(HEAD + DECLARED_GRADIENT + "for _ in range(10):\n    p = sigmoid(X @ w)\n"
                 "    step = lr * grad(X, p, y)\n    w = w + step  # expect: G501\n",
                 id="declared-helper-given-the-prediction"),
    pytest.param("import numpy as np\nX = np.random.randn(4, 10)\nY = (np.random.rand(1, 10) > 0.5).astype(float)\n"
                 "W = np.random.randn(1, 4) * 0.01\nb = np.zeros((1, 1))\nm = X.shape[1]\nfor i in range(100):\n"
                 "    Z = np.dot(W, X) + b\n    A = 1 / (1 + np.exp(-Z))\n    dZ = A - Y\n    dW = np.dot(dZ, X.T) / m\n"
                 "    W = W + 0.01 * dW  # expect: G501\n", id="dlai-weights-times-data"),
    pytest.param("import numpy as np\nV = np.random.randn(3, 4)\nH = np.random.randn(4, 10)\nT = np.random.randn(3, 10)\n"
                 "for i in range(10):\n    V -= 0.01 * (T - V @ H) @ H.T  # expect: G501\n",
                 id="matrix-factor-least-squares"),
]

NEGATIVE = [
    pytest.param(_cs231n("probs.copy()", "np.arange(N)", "W += -lr * dW"), id="cs231n-in-place-one-hot-descent"),
    pytest.param(_cs231n("probs", "range(N)", "W -= lr * dW"), id="cs231n-in-place-one-hot-descent-minus"),
    pytest.param(_cs231n("probs.copy()", "np.arange(N)", "W = W - lr * dW"), id="cs231n-in-place-one-hot-rebound"),
    # adding 1 at the labels is y-ish minus p only with a negated copy: not modelled, not guessed
    pytest.param(CS231N.replace("COPY", "-probs").replace("INDEX", "np.arange(N)").replace(
        "dscores[np.arange(N), y] -= 1", "dscores[np.arange(N), y] += 1").replace("STEP", "W += lr * dW"),
                 id="cs231n-label-minus-prob-ascent"),
    pytest.param(HEAD + "for _ in range(10):\n    g = X.T @ (X @ w - y) / n\n    w -= lr * g\n    w = w - lr * g\n",
                 id="descent"),
    pytest.param(HEAD + "for _ in range(10):\n    p = sigmoid(X @ w)\n    w += lr * X.T @ (y - p)\n"
                 "    w = w + lr * X.T @ (y - X @ w)\n", id="ascent-on-a-log-likelihood"),
    pytest.param(HEAD + "for _ in range(10):\n    g = X.T @ (X @ w - y)\n    w += lr * (-g)\n    w += -lr * g\n",
                 id="negation-in-the-step"),
    pytest.param(HEAD + "def update(w, g, lr):\n    return w + lr * g\nimport mylib\n"
                 "for _ in range(10):\n    w = update(w, mylib.grad(w, X, y), lr)\n    w += lr * mylib.grad(w, X, y)\n",
                 id="gradient-not-provable"),
    pytest.param(HEAD + "grad = X.T @ y\nloss = np.sum(X @ w)\nfor _ in range(10):\n    w += lr * grad\n"
                 "    w += lr * X.T @ (sigmoid(X @ w) * (1 - sigmoid(X @ w)))\n", id="names-alone"),
    pytest.param(HEAD + "v = np.zeros(3)\nbeta, mu = 0.9, 0.9\nfor _ in range(10):\n    g = X.T @ (X @ w - y) / n\n"
                 "    v = beta * v + (1 - beta) * g\n    w -= lr * v\n", id="momentum-averaged-gradient"),
    pytest.param(HEAD + "v = np.zeros(3)\nmu = 0.9\nfor _ in range(10):\n    g = X.T @ (X @ w - y) / n\n"
                 "    v = mu * v - lr * g\n    w += v\n", id="classic-momentum"),
    pytest.param(MOMENTUM_CLASS.replace("SIGN", "-"), id="momentum-fields-of-a-class-descending"),
    pytest.param(HEAD + "m = np.zeros(3)\ns = np.zeros(3)\nfor t in range(1, 100):\n    g = X.T @ (X @ w - y) / n\n"
                 "    m = 0.9 * m + 0.1 * g\n    s = 0.999 * s + 0.001 * g ** 2\n"
                 "    w -= lr * (m / (1 - 0.9 ** t)) / (np.sqrt(s / (1 - 0.999 ** t)) + 1e-8)\n", id="adam"),
    pytest.param(HEAD + "def loss(w):\n    r = X @ w - y\n    return r @ r\ng = X.T @ (X @ w - y)\neps = 1e-6\n"
                 "slope = (loss(w + eps * g) - loss(w - eps * g)) / (2 * eps)\nw_probe = w + eps * g\n",
                 id="directional-derivative-probe"),
    pytest.param(HEAD + "for epoch in range(5):\n    for i in range(n):\n        xi = X[i]\n"
                 "        w += lr * (y[i] - sigmoid(xi @ w)) * xi\n        w += lr * (y[i] - np.sign(xi @ w)) * xi\n",
                 id="stochastic-ascent-and-perceptron"),
    pytest.param(HEAD + "import sys\nmaximise = len(sys.argv) > 1\nif maximise:\n    eta = -0.1\nelse:\n    eta = 0.1\n"
                 "direction = 1.0 if maximise else -1.0\nfor _ in range(10):\n    w -= eta * X.T @ (X @ w - y)\n"
                 "    w += direction * 0.1 * X.T @ (X @ w - y)\n", id="sign-chosen-at-run-time"),
    pytest.param(HEAD + "x = X[0] + 0.0\nfor _ in range(10):\n    p = sigmoid(w @ x)\n"
                 "    x = x + 0.1 * (p - y[0]) * w\n", id="adversarial-input-climbs-on-purpose"),
    pytest.param(HEAD + "v = np.ones(3)\nZ = np.random.randn(200, 3)\nfor _ in range(10):\n"
                 "    w += lr * X.T @ (X @ v - y)\n    w += lr * Z.T @ (X @ w - y)\n", id="other-weights-or-data"),
    pytest.param(HEAD + DECLARED_GRADIENT + "Z = np.random.randn(200, 3)\nfor _ in range(10):\n    p = sigmoid(X @ w)\n"
                 "    w = w - lr * grad(X, p, y)\n    w = w + lr * grad(Z, p, y)\n",
                 id="declared-helper-descent-or-other-data"),
    pytest.param("import numpy as np\nV = np.random.randn(3, 4)\nH = np.random.randn(4, 10)\nT = np.random.randn(3, 10)\n"
                 "for i in range(10):\n    V += 0.01 * (T - V @ H) @ H.T\n    V = V - 0.01 * (V @ H - T) @ H.T\n"
                 "    V += 0.01 * (V @ H - T) @ T.T\n",
                 id="matrix-factor-descent-or-not-a-gradient"),
]


@pytest.mark.parametrize("code", POSITIVE)
def test_reported(code: str) -> None:
    assert_expected(code)


@pytest.mark.parametrize("code", NEGATIVE)
def test_not_reported(code: str) -> None:
    assert_expected(code)


def test_cross_entropy_label_minus_prediction_subtracted_is_g502_not_g501() -> None:
    assert_expected(HEAD + "for _ in range(10):\n    p = sigmoid(X @ w)\n    w -= lr * X.T @ (y - p)  # expect: G502\n")


def test_notebook_split_across_cells() -> None:
    assert_expected_cells([
        ("code", HEAD),
        ("markdown", "The gradient of the mean squared error"),
        ("code", "def grad(w, X, y):\n    return X.T @ (X @ w - y) / len(y)"),
        ("markdown", "Training"),
        ("code", "for _ in range(100):\n    w = w + lr * grad(w, X, y)  # expect: G501"),
    ])


def test_related_information_points_at_the_gradient() -> None:
    code = HEAD + "def grad(w):\n    return X.T @ (X @ w - y) / n\nfor _ in range(10):\n    w += lr * grad(w)\n"
    finding = only(check_text(code, "f.py"), "G501")
    assert finding.span.line == 12
    assert [r.span.line for r in finding.related] == [10]


@pytest.mark.parametrize(
    ("line", "fixed"),
    [
        ("    w += lr * X.T @ (X @ w - y)", "    w -= lr * X.T @ (X @ w - y)"),
        ("    w = w + (lr * X.T @ (X @ w - y))", "    w = w - (lr * X.T @ (X @ w - y))"),
        ("    w -= -lr * X.T @ (X @ w - y)", "    w += -lr * X.T @ (X @ w - y)"),
        ("    w = w - lr * -(X.T @ (X @ w - y))", "    w = w + lr * -(X.T @ (X @ w - y))"),
    ],
)
def test_the_fix_turns_the_step_around_and_rechecks_clean(line: str, fixed: str) -> None:
    code = HEAD + "for _ in range(10):\n" + line + "\n"
    fix = only(check_text(code, "f.py"), "G501").fix
    assert fix is not None and not fix.safe
    new = apply_edits(code, list(fix.edits))
    assert new is not None and new.splitlines()[-1] == fixed
    ast.parse(new)
    assert [f.code for f in check_text(new, "f.py").findings] == []
