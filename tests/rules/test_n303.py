"""N303 log-of-softmax: ``log`` applied directly to a softmax."""

from __future__ import annotations

import pytest
from rule_helpers import assert_expected, assert_expected_cells

HEAD = """\
import numpy as np
def softmax(x):
    s = x - x.max(axis=1, keepdims=True)
    e = np.exp(s)
    return e / e.sum(axis=1, keepdims=True)
z = np.random.randn(16, 4)
"""

POSITIVE = [
    pytest.param(HEAD + "log_p = np.log(softmax(z))  # expect: N303\n", id="helper"),
    pytest.param(
        HEAD + "s = z - z.max(axis=1, keepdims=True)\n"
        "lp = np.log(np.exp(s) / np.sum(np.exp(s), axis=1, keepdims=True))  # expect: N303\n",
        id="inline-stable-softmax",
    ),
    pytest.param(
        HEAD + "from scipy.special import softmax as sm\nlq = np.log(sm(z, axis=1))  # expect: N303\n",
        id="scipy-softmax-alias",
    ),
    pytest.param(
        "import numpy as onp\n"
        "def probs(v):\n    e = onp.exp(v - onp.max(v))\n    return e / onp.sum(e)\n"
        "nll = -onp.log(probs(onp.zeros(5)))[2]  # expect: N303\n",
        id="alias-vector-helper",
    ),
    pytest.param(
        "import numpy as np\nf = np.random.randn(10)\nf -= np.max(f)\n"
        "loss = -np.log(np.exp(f[3]) / np.sum(np.exp(f)))  # expect: N303\n",
        id="cs231n-naive-entry",
    ),
]

NEGATIVE = [
    pytest.param(HEAD + "p = softmax(z)\nloss = -np.mean(np.log(p[np.arange(16), 0]))\n", id="cs231n-idiom"),
    pytest.param(HEAD + "p = softmax(z)\nlp = np.log(p)\n", id="log-of-a-probability-variable"),
    pytest.param(
        HEAD + "from scipy.special import logsumexp\nlp = z - logsumexp(z, axis=1, keepdims=True)\n",
        id="log-softmax",
    ),
    pytest.param(
        HEAD + "a = np.log(np.exp(z) + 1)  # expect: N307 (softplus, not a softmax)\nb = np.log(z ** 2 / np.sum(z ** 2))\nc = np.log(softmax(z) + 1e-12)\n",
        id="not-a-softmax-or-smoothed",
    ),
]


@pytest.mark.parametrize("code", POSITIVE)
def test_reported(code: str) -> None:
    assert_expected(code)


@pytest.mark.parametrize("code", NEGATIVE)
def test_not_reported(code: str) -> None:
    assert_expected(code)


def test_notebook_split_across_cells() -> None:
    assert_expected_cells([
        ("code", "import numpy as np\ndef softmax(a):\n    e = np.exp(a - a.max())\n    return e / e.sum()"),
        ("markdown", "Cross-entropy of one sample"),
        ("code", "scores = np.random.randn(10)\nloss = -np.log(softmax(scores))[3]  # expect: N303"),
    ])
