"""E001 syntax-error: a broken cell or statement hides nothing else."""

from __future__ import annotations

from rule_helpers import assert_expected, assert_expected_cells, only


def test_broken_cell_does_not_hide_s101_in_another_cell() -> None:
    report = assert_expected_cells(
        [
            ("code", "import numpy as np\nX = np.zeros((10, 3))\n"),
            ("code", "print X.shape  # expect: E001\n"),
            ("markdown", "Predict."),
            ("code", "y = X @ np.zeros(10)  # expect: S101\n"),
        ]
    )
    assert "cell 1, line 2" in only(report, "S101").message


def test_broken_cell_between_definition_and_use() -> None:
    assert_expected_cells(
        [
            ("code", "import numpy as np\nn, d = 10, 3\nw = np.zeros(n)\n"),
            ("code", "for i in range(3)  # expect: E001\n    pass\n"),
            ("code", "X = np.zeros((n, d))\ng = X @ w  # expect: S101\n"),
        ]
    )


def test_names_bound_in_a_broken_cell_are_not_guessed() -> None:
    # a notebook cell is parsed as one unit: when it does not parse, nothing in it
    # is run, so a later use sees the value from before the broken cell
    assert_expected_cells(
        [
            ("code", "import numpy as np\nw = np.zeros(3)\n"),
            ("code", "w = np.zeros(10)\nprint w  # expect: E001\n"),
            ("code", "g = np.zeros((10, 3)) @ w\n"),
        ]
    )


def test_broken_statement_in_py_file() -> None:
    assert_expected(
        """\
        import numpy as np
        X = np.zeros((10, 3))
        print "loaded"  # expect: E001
        y = X @ np.zeros(10)  # expect: S101
        """
    )


def test_clean_notebook_has_no_findings() -> None:
    assert_expected_cells(
        [
            ("code", "import numpy as np\nX = np.zeros((10, 3))\n"),
            ("code", "y = X @ np.zeros(3)\n"),
        ]
    )
