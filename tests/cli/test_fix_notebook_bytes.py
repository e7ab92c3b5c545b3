"""``--fix`` on notebooks in every JSON style: bytes outside the edited cell's ``source`` never change."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from derivlint.notebook_json import encode_source, source_spans

HEAD = ["import numpy as np\n", "A = np.eye(3)\n", "b = np.ones(3)"]
FIX_ME = ["x = np.linalg.inv(A) @ b  # μ 😀 中文\n", "x"]


def _notebook(source: object, minor: int = 5, ids: bool = True) -> dict:
    cells = [
        {"cell_type": "markdown", "id": "m1", "metadata": {},
         "attachments": {"a.png": {"image/png": "iVBORw0KGgo="}},
         "source": ["# μ 😀 中文\n", "$X \\in \\mathbb{R}^{n \\times d}$"]},
        {"cell_type": "code", "execution_count": 1, "id": "c1", "metadata": {"z": 1, "a": 2},
         "outputs": [{"output_type": "stream", "name": "stdout", "text": ["\u001b[31mred μ\n"]}],
         "source": HEAD},
        {"cell_type": "raw", "id": "r1", "metadata": {}, "source": "raw μ"},
        {"metadata": {}, "id": "c2", "outputs": [{"output_type": "execute_result",
         "execution_count": 2, "metadata": {}, "data": {"text/plain": ["x" * 5000]}}],
         "execution_count": 2, "cell_type": "code", "source": source},
    ]
    if not ids:
        for cell in cells:
            del cell["id"]
    return {"metadata": {"kernelspec": {"name": "python3"}}, "nbformat": 4,
            "nbformat_minor": minor, "cells": copy.deepcopy(cells)}


def _fix_and_compare(project: Path, run: Callable, text: str) -> str:
    """Fix ``text``; assert only cell 4's source changed; return that source's new JSON text."""
    path = project / "nb.ipynb"
    path.write_bytes(text.encode("utf-8"))
    start, end = source_spans(text)[3]  # type: ignore[misc]
    done = run("check", "nb.ipynb", "--fix")
    assert "Fixed 1 finding" in done.err, done.err
    after = path.read_bytes().decode("utf-8")
    tail = text[end:]
    assert after[:start] == text[:start] and after.endswith(tail)
    value = after[start : len(after) - len(tail)]
    assert "".join(json.loads(value)) == "".join(json.loads(text[start:end])).replace(
        "np.linalg.inv(A) @ b", "np.linalg.solve(A, b)"
    )
    return value


@pytest.mark.parametrize("indent", [1, 2, 4, None, "\t"])
@pytest.mark.parametrize("ensure_ascii", [False, True])
def test_indent_and_escape_styles(project: Path, run: Callable, indent: object, ensure_ascii: bool) -> None:
    text = json.dumps(_notebook(FIX_ME), indent=indent, ensure_ascii=ensure_ascii)  # type: ignore[arg-type]
    value = _fix_and_compare(project, run, text)
    assert ("\\u03bc" in value) is ensure_ascii and ("μ" in value) is not ensure_ascii


@pytest.mark.parametrize(
    "source",
    [
        "x = np.linalg.inv(A) @ b\nx",  # one string
        ["x = np.linalg.inv(A) @ b"],  # one line, no final newline
        ["x = np.linalg.inv(A) @ b\n"],  # final newline
        ["y = 1\r\n", "x = np.linalg.inv(A) @ b\r\n", "x"],  # CRLF inside the source
        ["%time y = 1\n", "!ls -la \\\n", "  foo\n", "x = np.linalg.inv(A) @ b\n", "x?\n"],
        ["%%time\n", "x = np.linalg.inv(A) @ b\n"],
    ],
)
def test_source_forms(project: Path, run: Callable, source: object) -> None:
    _fix_and_compare(project, run, json.dumps(_notebook(source), indent=1))


def test_crlf_file_no_final_newline_old_format(project: Path, run: Callable) -> None:
    text = json.dumps(_notebook(FIX_ME, minor=0, ids=False), indent=1).replace("\n", "\r\n")
    value = _fix_and_compare(project, run, text)
    assert value.count("\r\n") == 3  # [, item, item, ] each on its own CRLF line


def test_unchanged_lines_of_the_edited_cell_keep_their_escapes(project: Path, run: Callable) -> None:
    # another writer's escapes (upper-case hex, an escaped slash) in a line the fix does not touch
    text = json.dumps(_notebook(["s = 'é/'\n", "x = np.linalg.inv(A) @ b\n", "t = 'é'"]),
                      indent=1, ensure_ascii=False).replace("é/", "\\u00E9\\/")
    value = _fix_and_compare(project, run, text)
    assert value.startswith('[\n    "s = \'\\u00E9\\/\'\\n",\n    "x = np.linalg.solve(A, b)\\n",')
    assert value.endswith('"t = \'é\'"\n   ]')


def test_encode_source_keeps_unchanged_items_and_splits_only_changed_ones() -> None:
    raw = '{"cells": [{"source": ["a = 1\\nb = \\u00e9\\n", "c = 2\\n", "d"]}]}'
    span = source_spans(raw)[0]
    assert span is not None
    assert encode_source(raw, span, "a = 1\nb = é\nc = 3\nd") == (
        '["a = 1\\nb = \\u00e9\\n", "c = 3\\n", "d"]'
    )
    assert encode_source(raw, span, "a = 1\nb = é\nc = 2\ndd") == (
        '["a = 1\\nb = \\u00e9\\n", "c = 2\\n", "dd"]'
    )
    mid_line = '{"cells": [{"source": ["a", "b\\n"]}]}'  # items split inside a line
    span = source_spans(mid_line)[0]
    assert span is not None and encode_source(mid_line, span, "ab\nc") == '["ab\\n", "c"]'


def test_encode_source_keeps_a_lone_surrogate_escaped() -> None:
    raw = '{"cells": [{"source": ["x = 1  # μ\\n", "s = \'\\ud800\'"]}]}'  # raw UTF-8 file
    span = source_spans(raw)[0]
    assert span is not None
    value = encode_source(raw, span, "x = 2  # μ\ns = '\ud800'!")
    value.encode("utf-8")  # writable: before, the surrogate came out raw and the write crashed
    assert value == '["x = 2  # μ\\n", "s = \'\\ud800\'!"]'
