"""The ``# expect:`` marker reader the rule tests rely on."""

from __future__ import annotations

import pytest
from rule_helpers import assert_expected, markers


def test_markers_one_and_several_codes() -> None:
    text = "a = 1\nb = 2  # expect: S101\nc = 3  # expect: S101, S106\n"
    assert markers(text) == {(2, "S101"), (3, "S101"), (3, "S106")}


def test_marker_after_shape_comment() -> None:
    assert markers("X = f()  # shape: (n, d  # expect: S107") == {(1, "S107")}


def test_missing_finding_fails_and_shows_messages() -> None:
    with pytest.raises(AssertionError, match=r"missing \[\(2, 'S101'\)\]"):
        assert_expected("import numpy as np\nx = 1  # expect: S101\n")


def test_unexpected_finding_fails_and_shows_messages() -> None:
    code = "import numpy as np\nX = np.zeros((3, 4))\nX @ np.zeros(5)\n"
    with pytest.raises(AssertionError, match=r"(?s)unexpected \[\(3, 'S101'\)\].*inner dims"):
        assert_expected(code)
