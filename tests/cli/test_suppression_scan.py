"""The comment scanner behind ``# noqa``: strings never hide or fake a comment."""

from __future__ import annotations

from derivlint.suppression import comments_by_line


def test_comments_outside_strings_only() -> None:
    text = (
        "a = '# not'  # real 1\n"
        's = """\n'
        "# inside a docstring\n"
        '\\""" still inside\n'
        '"""  # real 5\n'
        "r = r'\\'' # real 6\n"
        "u = 'unterminated # lost\n"
        "# real 8\n"
    )
    assert comments_by_line(text) == {
        1: "# real 1",
        5: "# real 5",
        6: "# real 6",
        8: "# real 8",
    }


def test_line_continuation_inside_a_string_keeps_line_numbers() -> None:
    assert comments_by_line("x = 'a\\\nb'\ny = 1  # here\n") == {3: "# here"}
