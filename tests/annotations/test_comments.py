"""comment_annotations: trailing ``# shape:``, ``# shapes:`` lines, broken programs."""

from __future__ import annotations

import time
from pathlib import Path

from derivlint.annotations.comments import Declaration, comment_annotations, find_comments
from derivlint.annotations.spec import BinDim, IntDim, ShapeSpec, SpecError, SymDim

n, d = SymDim("n"), SymDim("d")


def dims(spec: ShapeSpec | SpecError) -> tuple[object, ...]:
    assert isinstance(spec, ShapeSpec), spec
    return spec.dims


def test_trailing_comment() -> None:
    found = comment_annotations("import numpy as np\nX = load()  # shape: (n, d)\n")
    assert dims(found.trailing[2]) == (n, d)
    assert found.comment_columns == {2: 12}
    assert found.declarations == []


def test_trailing_variants() -> None:
    text = (
        "a = f()  # Shape: n d\n"
        "b = f()  #SHAPE:(n,)\n"
        "c = f()  # shape: (n+1)*d  # noqa: S101\n"
        "e = f()  # shape: (n, d) after centring\n"
        "g = f()  # shape: n d  # noqa\n"
        "h = f()  # shape: scalar\n"
    )
    found = comment_annotations(text)
    assert dims(found.trailing[1]) == (n, d)
    assert dims(found.trailing[2]) == (n,)
    assert dims(found.trailing[3]) == (BinDim("*", BinDim("+", n, IntDim(1)), d),)
    assert dims(found.trailing[4]) == (n, d)
    assert dims(found.trailing[5]) == (n, d)
    assert dims(found.trailing[6]) == ()


def test_only_shape_colon_counts() -> None:
    text = (
        "a = f()  # shape (n, d)\n"
        "b = f()  # (n, d)\n"
        "c = f()  # shapes: X (n, d)\n"
        "d = f()  # the shape: is unusual\n"
    )
    found = comment_annotations(text)
    assert found.trailing == {} and found.declarations == []


def test_standalone_shape_comment_is_not_trailing() -> None:
    found = comment_annotations("# shape: (n, d)\nX = load()\n")
    assert found.trailing == {} and found.declarations == [] and found.comment_columns == {}


def test_hash_inside_string_is_not_a_comment() -> None:
    text = 's = "# shape: (q,)"\nt = "x # shape: (q,)"  # shape: (n,)\n'
    found = comment_annotations(text)
    assert set(found.trailing) == {2}
    assert dims(found.trailing[2]) == (n,)
    assert found.comment_columns[2] == text.splitlines()[1].index("  #") + 2


def test_comment_after_multiline_string_has_code() -> None:
    text = 'x = """\n# shape: (q,)\n"""  # shape: (n,)\n'
    found = comment_annotations(text)
    assert set(found.trailing) == {3}


def test_errors_in_trailing_comments() -> None:
    found = comment_annotations("a = 1  # shape: (n, d\nb = 2  # shape:\nc = 3  # shape: n $\n")
    assert all(isinstance(found.trailing[i], SpecError) for i in (1, 2, 3))
    assert "never closed" in found.trailing[1].message  # type: ignore[union-attr]
    assert "no shape" in found.trailing[2].message  # type: ignore[union-attr]
    assert found.comment_columns == {1: 7, 2: 7, 3: 7}


def test_declarations() -> None:
    line2 = "    # shapes: X (n, d), y (n,), w (d,)"
    line3 = "# Shapes: self.W: (d, k); b = [k]; lam scalar; z 'n d'"
    found = comment_annotations(f"import numpy as np\n{line2}\n{line3}\n")
    assert found.trailing == {}
    assert [(x.line, x.name, x.col) for x in found.declarations] == [
        (2, "X", line2.index("X")),
        (2, "y", line2.index("y")),
        (2, "w", line2.index("w")),
        (3, "self.W", line3.index("self")),
        (3, "b", line3.index("b =")),
        (3, "lam", line3.index("lam")),
        (3, "z", line3.index("z")),
    ]
    specs = [dims(x.spec) for x in found.declarations]
    assert specs[0] == (n, d) and specs[1] == (n,) and specs[2] == (d,)
    assert specs[4] == (SymDim("k"),) and specs[5] == () and specs[6] == (n, d)
    assert found.comment_columns == {2: 4, 3: 0}


def test_bad_declarations() -> None:
    found = comment_annotations(
        "# shapes: X (n, d) 5\n# shapes: X\n# shapes: X (n,, d), y (n,)\n# shapes: X 'n d\n"
    )
    by_line: dict[int, list[Declaration]] = {}
    for decl in found.declarations:
        by_line.setdefault(decl.line, []).append(decl)
    assert dims(by_line[1][0].spec) == (n, d)
    assert by_line[1][1].name == "" and isinstance(by_line[1][1].spec, SpecError)
    assert by_line[1][1].col == 19
    assert by_line[2][0].name == "X" and "expected a shape" in by_line[2][0].spec.message  # type: ignore[union-attr]
    assert len(by_line[3]) == 1 and isinstance(by_line[3][0].spec, SpecError)
    assert isinstance(by_line[4][0].spec, SpecError)


def test_unterminated_string_falls_back_line_by_line() -> None:
    text = (
        "a = 1  # shape: (a,)\n"
        'c = """never closed  # shape: (c,)\n'
        "d = 1  # shape: (d,)\n"
        "e = 'x # shape: (no,)'  # shape: (e,)\n"
        "# shapes: W (d, k)\n"
    )
    found = comment_annotations(text)
    assert sorted(found.trailing) == [1, 3, 4]
    assert dims(found.trailing[4]) == (SymDim("e"),)
    assert found.comment_columns[4] == 24
    assert [x.name for x in found.declarations] == ["W"]


def test_bad_indentation_and_syntax_errors() -> None:
    text = (
        "def f():\n"
        "        a = 1  # shape: (a,)\n"
        "    b = 2  # shape: (b,)\n"  # dedent to a level never opened
        "c = (1,  # shape: (c,)\n"
        "print x  # shape: (x,)\n"
    )
    found = comment_annotations(text)
    assert sorted(found.trailing) == [2, 3, 4, 5]


def test_unclosed_bracket_keeps_comments() -> None:
    found = comment_annotations("x = f(\n  a,  # shape: (n,)\n")
    assert sorted(found.trailing) == [2]


def test_find_comments_columns_are_code_points() -> None:
    (comment,) = find_comments("é = 'ü'  # shape: (n,)\n")
    assert comment.col == 9 and comment.after_code


def test_crlf_line_endings() -> None:
    found = comment_annotations("X = 1  # shape: (n, d)\r\n# shapes: y (n,)\r\n")
    assert dims(found.trailing[1]) == (n, d)
    assert dims(found.declarations[0].spec) == (n,)


def test_absurd_comments_fail_fast() -> None:
    start = time.perf_counter()
    huge = "x = 1  # shape: (" + "n, " * 3_000_000 + ")\n"
    assert isinstance(comment_annotations(huge).trailing[1], SpecError)
    deep = "x = 1  # shape: " + "(" * 100_000 + "\n"
    assert isinstance(comment_annotations(deep).trailing[1], SpecError)
    many = "# shapes: " + "x (n,), " * 1_000_000 + "\n"
    (decl,) = comment_annotations(many).declarations
    assert isinstance(decl.spec, SpecError)
    assert time.perf_counter() - start < 3.0


def test_nothing_is_evaluated(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    text = (
        f"x = 1  # shape: __import__('os').system('touch {marker}')\n"
        f"# shapes: X (__import__('os').system('touch {marker}'),)\n"
    )
    found = comment_annotations(text)
    assert isinstance(found.trailing[1], SpecError)
    assert isinstance(found.declarations[0].spec, SpecError)
    assert not marker.exists()
