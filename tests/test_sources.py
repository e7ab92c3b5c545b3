"""sources: .py / .ipynb -> one program, IPython masking, recovery and positions."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
import time
import warnings
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_raw_cell

from derivlint.findings import Span
from derivlint.sources import (
    Program,
    load_path,
    mask_ipython,
    program_from_cells,
    program_from_python,
    program_from_text,
)


def write_notebook(tmp_path: Path, cells: list, name: str = "nb.ipynb") -> str:
    nb = new_notebook()
    nb.cells = cells
    path = tmp_path / name
    path.write_text(nbformat.writes(nb), encoding="utf-8")
    return str(path)


def statements(program: Program) -> list[tuple[str, int]]:
    return [(type(s).__name__, s.lineno) for s in program.tree.body]


def names_bound(program: Program) -> set[str]:
    return {
        n.id
        for n in ast.walk(program.tree)
        if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)
    }


# -- notebooks: one program, cells in document order ------------------------------


@pytest.fixture
def mixed_notebook(tmp_path: Path) -> Program:
    return load_path(
        write_notebook(
            tmp_path,
            [
                new_markdown_cell("# Linear regression\n$X \\in \\mathbb{R}^{n \\times d}$"),
                new_code_cell("import numpy as np\nX = np.zeros((3, 2))"),
                new_markdown_cell("Now the weights."),
                new_raw_cell("raw text"),
                new_code_cell("w = np.ones(2)\ny = X @ w\nprint(y)"),
                new_code_cell(""),
                new_code_cell("z = y.sum()"),
            ],
        )
    )


def test_notebook_program_text_and_cell_lines(mixed_notebook: Program) -> None:
    p = mixed_notebook
    assert p.kind == "ipynb" and p.load_error is None
    assert p.text == (
        "import numpy as np\nX = np.zeros((3, 2))\nw = np.ones(2)\ny = X @ w\nprint(y)\n\nz = y.sum()"
    )
    assert [(c.index, c.kind, c.start_line, c.line_count) for c in p.cells] == [
        (1, "markdown", None, 0),
        (2, "code", 1, 2),
        (3, "markdown", None, 0),
        (4, "raw", None, 0),
        (5, "code", 3, 3),
        (6, "code", 6, 1),
        (7, "code", 7, 1),
    ]
    assert p.cells[0].source.startswith("# Linear regression")
    assert statements(p) == [
        ("Import", 1),
        ("Assign", 2),
        ("Assign", 3),
        ("Assign", 4),
        ("Expr", 5),
        ("Assign", 7),
    ]
    assert p.lines[3] == "y = X @ w"
    assert p.syntax_errors == [] and p.masked_lines == frozenset()
    assert '"cells"' in p.raw


def test_locate_and_to_program_round_trip(mixed_notebook: Program) -> None:
    p = mixed_notebook
    assert p.locate(4, 2) == (5, 2, 2)
    assert p.to_program(5, 2, 2) == (4, 2)
    for line in range(1, len(p.lines) + 1):
        for col in (0, 3):
            cell, cell_line, cell_col = p.locate(line, col)
            assert p.to_program(cell, cell_line, cell_col) == (line, col)
            info = p.cell_of_line(line)
            assert info is not None and info.index == cell
            assert p.cells[cell - 1].source.split("\n")[cell_line - 1] == p.lines[line - 1]
    assert p.cell_of_line(len(p.lines) + 1) is None
    with pytest.raises(ValueError):
        p.to_program(1, 1, 0)  # a markdown cell is not part of the program


def test_py_locate_is_identity(tmp_path: Path) -> None:
    path = tmp_path / "m.py"
    path.write_text("a = 1\nb = 2\n", encoding="utf-8")
    p = load_path(str(path))
    assert p.kind == "py" and p.cells == []
    assert p.locate(2, 4) == (None, 2, 4)
    assert p.to_program(None, 2, 4) == (2, 4)
    assert p.cell_of_line(1) is None
    assert p.raw == p.text == "a = 1\nb = 2\n"


def test_cell_source_as_list_or_string_and_no_code_cells(tmp_path: Path) -> None:
    raw = {
        "nbformat": 4,
        "nbformat_minor": 5,
        "metadata": {},
        "cells": [
            {"cell_type": "markdown", "id": "a", "metadata": {}, "source": ["# T\n", "text"]},
            {
                "cell_type": "code",
                "id": "b",
                "metadata": {},
                "execution_count": None,
                "outputs": [],
                "source": ["x = 1\n", "y = x"],
            },
            {
                "cell_type": "code",
                "id": "c",
                "metadata": {},
                "execution_count": None,
                "outputs": [],
                "source": "z = 2",
            },
        ],
    }
    p = program_from_text(json.dumps(raw), "list.ipynb")
    assert p.text == "x = 1\ny = x\nz = 2"
    assert p.cells[0].source == "# T\ntext"
    raw["cells"] = raw["cells"][:1]
    p = program_from_text(json.dumps(raw), "prose.ipynb")
    assert p.load_error is None and p.text == "" and p.tree.body == []
    assert p.locate(1, 0) == (None, 1, 0)


def test_notebook_without_cell_ids_loads_quietly() -> None:
    raw = {
        "nbformat": 4,
        "nbformat_minor": 5,
        "metadata": {},
        "cells": [{"cell_type": "code", "metadata": {}, "outputs": [], "source": "a = 1"}],
    }
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        p = program_from_text(json.dumps(raw), "old.ipynb")
    assert p.load_error is None and statements(p) == [("Assign", 1)]


def test_program_from_cells_matches_the_file_reader() -> None:
    p = program_from_cells(
        [("markdown", "# t"), ("code", "%matplotlib inline\nx = 1"), ("code", "y = x % 2")],
        "live.ipynb",
    )
    assert p.kind == "ipynb" and p.raw == ""
    assert [(c.index, c.start_line) for c in p.cells] == [(1, None), (2, 1), (3, 3)]
    assert p.masked_lines == frozenset({1})
    assert statements(p) == [("Pass", 1), ("Assign", 2), ("Assign", 3)]


def test_top_level_await_in_a_cell_parses() -> None:
    p = program_from_cells([("code", "r = await fetch()")], "a.ipynb")
    assert p.syntax_errors == [] and statements(p) == [("Assign", 1)]


# -- syntax errors in notebooks ---------------------------------------------------


def test_syntax_error_cell_gives_one_problem_and_hides_only_itself(tmp_path: Path) -> None:
    p = load_path(
        write_notebook(
            tmp_path,
            [
                new_code_cell("a = 1"),
                new_markdown_cell("text"),
                new_code_cell("b = 2\nc = (3 +\nd = 4"),
                new_code_cell("e = 5\nf = 6"),
            ],
        )
    )
    assert len(p.syntax_errors) == 1
    problem = p.syntax_errors[0]
    assert p.locate(problem.span.line, problem.span.col)[0] == 3
    assert problem.message
    assert statements(p) == [("Assign", 1), ("Assign", 5), ("Assign", 6)]
    assert names_bound(p) == {"a", "e", "f"}


# -- IPython masking --------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "masked"),
    [
        ("%matplotlib inline\nimport numpy as np", {1}),
        ("for i in range(3):\n    %time f(i)", {2}),
        ("if x:\n    !ls\nelse:\n    y = 1", {2}),
        ("!pip install x \\\n    numpy \\\n    scipy\nimport x", {1, 2, 3}),
        ("np.linalg.solve?\nx = 1", {1}),
        ("np.linalg.solve??", {1}),
        ("?np.dot", {1}),
        ("np.*load*?", {1}),
        ("%%bash\necho hi\nif [ -f x ]; then\n  cat x\nfi", {1, 2, 3, 4, 5}),
        ("%%writefile out.py\nthis is not: python(", {1, 2}),
        ("\n%%time\nx = 1\ny = x % 2", {2}),
        ("%%timeit -n 10\nf()", {1}),
        ("  %cd data\nx = 1", {1}),
    ],
)
def test_ipython_forms_are_masked_and_parse(code: str, masked: set[int]) -> None:
    text, lines = mask_ipython(code)
    assert lines == masked
    assert text.count("\n") == code.count("\n")
    for n, (before, after) in enumerate(zip(code.split("\n"), text.split("\n"), strict=True), 1):
        if n not in masked:
            assert after == before
    ast.parse(text)


def test_magic_in_indented_block_becomes_pass_at_its_indentation() -> None:
    text, _ = mask_ipython("for i in range(3):\n    %time f(i)\n")
    assert text.split("\n")[1].rstrip() == "    pass"
    tree = ast.parse(text)
    assert isinstance(tree.body[0], ast.For) and isinstance(tree.body[0].body[0], ast.Pass)


@pytest.mark.parametrize(
    ("code", "target"),
    [
        ("files = !ls -la", "files"),
        ("if True:\n    t = %timeit -o f()", "t"),
        ("for i in x:\n    r = !echo 1 \\\n        2\n    y = 1", "r"),
    ],
)
def test_magic_assignment_keeps_the_name_bound(code: str, target: str) -> None:
    p = program_from_cells([("code", code)], "a.ipynb")
    assert p.syntax_errors == []
    assert target in names_bound(p)
    line = next(n for n, text in enumerate(code.split("\n"), 1) if "=" in text)
    assert line in p.masked_lines
    assert p.lines[line - 1].split("=")[1].strip() == "..."


def test_cell_magic_with_python_body_masks_first_line_only() -> None:
    p = program_from_cells([("code", "%%time\nX = np.ones(3)\ny = X % 2")], "a.ipynb")
    assert p.masked_lines == frozenset({1})
    assert names_bound(p) == {"X", "y"}


def test_shell_cell_magic_masks_the_whole_cell() -> None:
    p = program_from_cells(
        [("code", "%%bash\nfor f in *; do\n  echo $f\ndone"), ("code", "x = 1")], "a.ipynb"
    )
    assert p.masked_lines == frozenset({1, 2, 3, 4})
    assert p.syntax_errors == []
    assert names_bound(p) == {"x"}


@pytest.mark.parametrize(
    "code",
    [
        "y = (a\n% b)",
        "y = (a\n     % b)",
        "z = a \\\n% b",
        "total = [x\n%2 for x in xs]",
    ],
)
def test_modulo_on_a_continuation_line_is_not_masked(code: str) -> None:
    text, lines = mask_ipython(code)
    assert (text, lines) == (code, set())
    p = program_from_cells([("code", code)], "m.ipynb")
    mods = [n for n in ast.walk(p.tree) if isinstance(n, ast.BinOp) and isinstance(n.op, ast.Mod)]
    assert len(mods) == 1


@pytest.mark.parametrize(
    "code",
    [
        "s = 'a!b%c?'\nt = \"%d\" % 3",
        "# is this right?\nx = 1  # really?",
        'doc = """\n%not a magic\n!nor this\nwhat?\n"""',
        "x %= 3\ny = a != b\nz = a if b else c",
        "print('done?')",
    ],
)
def test_python_that_looks_like_ipython_is_left_alone(code: str) -> None:
    assert mask_ipython(code) == (code, set())


def test_masking_survives_tokenizer_errors() -> None:
    # an unterminated string mid-typing, then a magic: no exception, the magic is masked
    text, lines = mask_ipython("x = '''abc\n!ls\n%time f()")
    assert text.count("\n") == 2
    text, lines = mask_ipython("if x:\n        a = 1\n    b = 2\n%time f()")
    assert 4 in lines


def test_crlf_line_endings_are_kept() -> None:
    text, lines = mask_ipython("%time f()\r\nx = 1\r\n")
    assert lines == {1} and text.endswith("\r\nx = 1\r\n")


# -- loading errors ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ('{"cells": [1,}', "Expecting value: line 1 column 14"),
        ('{\n  "cells": [\n    {"cell_type": "code" "source": ""}\n  ]\n}', "Expecting ','"),
        ("", "Expecting value"),
        ("[1, 2]", "not a valid notebook"),
        ('{"a": 1}', "not a valid notebook"),
        ('{"nbformat": 4, "nbformat_minor": 5, "metadata": {}}', "cells"),
        ('{"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": "x"}', "not a valid"),
        (
            '{"nbformat": 4, "nbformat_minor": 2, "metadata": {}, "cells": [{"cell_type": "code", "metadata": {}}]}',
            "cell 1",
        ),
        (
            '{"nbformat": 4, "nbformat_minor": 2, "metadata": {}, "cells": [{"cell_type": "code", "metadata": {}, "source": 5}]}',
            "cell 1",
        ),
        ('{"nbformat": 9, "cells": []}', "nbformat version 9"),
    ],
)
def test_invalid_notebooks_give_load_error(tmp_path: Path, content: str, expected: str) -> None:
    path = tmp_path / "bad.ipynb"
    path.write_text(content, encoding="utf-8")
    p = load_path(str(path))
    assert p.load_error is not None and expected in p.load_error
    assert p.load_error.startswith("not a valid notebook: ")
    assert "\n" not in p.load_error
    assert p.text == "" and p.tree.body == [] and p.raw == content and p.kind == "ipynb"


def test_unreadable_files_give_load_error(tmp_path: Path) -> None:
    bad = tmp_path / "latin1.py"
    bad.write_bytes(b"x = 'caf\xe9'\n")
    p = load_path(str(bad))
    assert p.load_error is not None and "UTF-8" in p.load_error and p.tree.body == []
    assert load_path(str(tmp_path / "missing.py")).load_error.startswith("cannot read file")
    assert load_path(str(tmp_path)).load_error is not None  # a directory


def test_py_files_do_not_import_nbformat(tmp_path: Path) -> None:
    path = tmp_path / "m.py"
    path.write_text("x = 1\n", encoding="utf-8")
    code = (
        "import sys; from derivlint.sources import load_path; "
        f"p = load_path({str(path)!r}); print(p.load_error, 'nbformat' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["None", "False"]


# -- .py files: statement-level recovery ------------------------------------------


def test_python2_print_in_the_middle_keeps_the_rest() -> None:
    src = (
        "import numpy as np\nX = np.ones(3)\nprint X.shape\ny = X.sum()\ndef f(a):\n    return a\n"
    )
    p = program_from_python(src, "old.py")
    assert statements(p) == [("Import", 1), ("Assign", 2), ("Assign", 4), ("FunctionDef", 5)]
    assert len(p.syntax_errors) == 1
    assert p.syntax_errors[0].span.line == 3
    assert "print" in p.syntax_errors[0].message
    assert p.text == src  # the text is never blanked, only the parse skips the statement


def test_error_in_a_nested_block_blanks_only_its_top_level_statement() -> None:
    src = (
        "a = 1\n"
        "@decorate\n"
        "def f(x):\n"
        "    if x:\n"
        "        y = (x +\n"
        "    return y\n"
        "\n"
        "class K:\n"
        "    b = 2\n"
        "c = 3\n"
    )
    p = program_from_python(src, "n.py")
    assert statements(p) == [("Assign", 1), ("ClassDef", 8), ("Assign", 10)]
    assert [e.span.line for e in p.syntax_errors] == [5]


def test_unclosed_bracket_while_typing_keeps_later_statements() -> None:
    src = "a = 1\nb = np.dot(X,\nc = 3\ndef g():\n    return 2\nd = 4\n"
    p = program_from_python(src, "t.py")
    assert statements(p) == [("Assign", 1), ("Assign", 3), ("FunctionDef", 4), ("Assign", 6)]
    assert len(p.syntax_errors) == 1 and p.syntax_errors[0].span.line == 2


def test_several_broken_statements_each_report_once() -> None:
    src = "x = 1\nq = f(1,\ndef g():\n    pass\nr = h(2,\ndef k():\n    pass\nprint 'a'\nz = 2\n"
    p = program_from_python(src, "m.py")
    assert [e.span.line for e in p.syntax_errors] == [2, 5, 8]
    assert statements(p) == [("Assign", 1), ("FunctionDef", 3), ("FunctionDef", 6), ("Assign", 9)]


def test_unexpected_indent_after_a_simple_statement() -> None:
    p = program_from_python("x = 1\n    y = 2\nz = 3\n", "i.py")
    assert statements(p) == [("Assign", 1), ("Assign", 3)]
    assert [e.message for e in p.syntax_errors] == ["unexpected indent"]


@pytest.mark.parametrize(
    "src",
    [
        "type Vec = list[float]\nx = 1\n",  # newer syntax than some supported Pythons
        "x = 1\ny = '''never closed\nz = 2\n",
        "exec 'code'\nx = 1\n",
        "x = 1\nwhile True print(x)\n",
        "x = " + "(" * 300 + "1" + ")" * 300 + "\ny = 2\n",
        "\ufeffx = 1\n",
        "def f(:\n",
    ],
)
def test_odd_sources_never_raise(src: str) -> None:
    p = program_from_python(src, "odd.py")
    for problem in p.syntax_errors:
        assert 1 <= problem.span.line <= max(len(p.lines), 1)
        assert problem.message


def test_null_bytes_are_a_syntax_problem() -> None:
    p = program_from_python("a = 1\nb = 'x\0y'\nc = 3\n", "nul.py")
    assert [(e.span.line, e.span.col) for e in p.syntax_errors] == [(2, 6)]
    assert statements(p) == [("Assign", 1), ("Assign", 3)]


def test_syntax_problem_columns_are_code_points() -> None:
    p = program_from_python("μ = Σ +* 2\n", "u.py")
    assert p.syntax_errors[0].span.col == 7


def test_big_file_with_many_errors_finishes_quickly() -> None:
    block = (
        'def f_{i}(x, y):\n    """Doc {i}."""\n    z = x @ y + {i}\n    return z.sum(axis=0)\n\n'
    )
    bad = ["print 'hello', x\n", "q = f(1,\n", "r = [1 2]\n"]
    parts = []
    for i in range(4000):
        parts.append(block.format(i=i))
        if i % 50 == 25:
            parts.append(bad[i % 3])
    src = "".join(parts)
    assert src.count("\n") > 20_000
    start = time.perf_counter()
    p = program_from_python(src, "big.py")
    elapsed = time.perf_counter() - start
    assert len(p.syntax_errors) == 80
    assert len(p.tree.body) == 4000
    # no timing assertion (machines vary); a quadratic recovery would take many seconds
    print(f"20k-line file with 80 errors: {elapsed:.2f}s")


def test_ipython_text_sent_as_python() -> None:
    p = program_from_python("%matplotlib inline\nfiles = !ls\nx = 1\n", "n.ipynb", ipython=True)
    assert p.kind == "py" and p.syntax_errors == []
    assert p.masked_lines == frozenset({1, 2}) and names_bound(p) == {"files", "x"}


# -- positions --------------------------------------------------------------------


def test_span_uses_code_point_columns() -> None:
    p = program_from_python("μ = Σ @ x  # 🙂\ns = '🙂'; t = Σ\n", "u.py")
    assign = p.tree.body[0]
    assert isinstance(assign, ast.Assign)
    assert p.span(assign.targets[0]) == Span(1, 0, 1, 1)
    assert p.span(assign.value) == Span(1, 4, 1, 9)
    assert p.span(assign.value.right) == Span(1, 8, 1, 9)  # type: ignore[attr-defined]
    assert p.span(assign) == Span(1, 0, 1, 9)
    later = p.tree.body[2]
    assert isinstance(later, ast.Assign)
    assert p.span(later.value) == Span(2, 13, 2, 14)
    assert p.lines[1][13] == "Σ"


def test_span_in_a_notebook_is_in_program_coordinates() -> None:
    p = program_from_cells(
        [("code", "a = 1"), ("markdown", "x"), ("code", "# 🙂\nμ = a")], "u.ipynb"
    )
    node = p.tree.body[1]
    assert p.span(node) == Span(3, 0, 3, 5)
    assert p.locate(3, 4) == (3, 2, 4)


def test_span_of_a_node_without_position_covers_its_children() -> None:
    p = program_from_python("def f(α, b=1):\n    pass\n", "a.py")
    fn = p.tree.body[0]
    assert isinstance(fn, ast.FunctionDef)
    assert p.span(fn.args) == Span(1, 6, 1, 12)


def test_parsing_prints_no_warnings() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        p = program_from_python('pattern = "\\d+"\nx = 1 is 1\n', "w.py")
        q = program_from_cells([("code", 'pattern = "\\d+"')], "w.ipynb")
    assert p.syntax_errors == [] and q.syntax_errors == []


def test_null_byte_in_a_cell_with_magics() -> None:
    p = program_from_cells([("code", "%time f()\nx = '\0'"), ("code", "y = 1")], "nul.ipynb")
    assert [(e.span.line, e.span.col) for e in p.syntax_errors] == [(2, 5)]
    assert statements(p) == [("Assign", 3)]
