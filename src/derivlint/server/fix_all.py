"""``source.fixAll.derivlint``: the safe fixes, applied as ``derivlint check --fix`` applies them.

Fixes that overlap one before them, or that break parsing together with the
others, wait for another round: the texts are re-checked and fixed again (up to
``MAX_ROUNDS``), so one "fix all" leaves nothing a second one would change. A
round whose fixes were all applied ends it without a re-check: the lightbulb asks
for this on every cursor move, and a re-check of a long notebook takes a while.
A fix on a masked IPython line, or one that adds a syntax error, is left out.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from derivlint.analysis import check_program
from derivlint.apply_fixes import MAX_ROUNDS, all_or_first, apply_edits, on_masked_line, parses
from derivlint.config import Config
from derivlint.findings import Edit, Finding, Fix, Span
from derivlint.fixes import chosen_fixes
from derivlint.ipython_mask import mask_ipython
from derivlint.sources import Program

Texts = dict[int | None, str]  # document (cell index, None for a .py) -> its text


def fixed_texts(
    program: Program, findings: list[Finding], texts: Texts,
    rebuild: Callable[[Texts], Program] | None, config: Config,
) -> Texts:
    """The documents' texts after "fix all" (only the changed ones)."""
    start = texts
    for _ in range(MAX_ROUNDS):
        safe = [f.fix for f in findings if f.fix is not None and f.fix.safe and f.fix.edits]
        fixes = [f for f in chosen_fixes(findings) if not on_masked_line(program, f)]
        out, applied = all_or_first(fixes, partial(_apply, program, texts))
        texts = out if out is not None else texts
        if not applied:
            break
        if applied == len(safe) or rebuild is None:
            break  # nothing held back for another round
        program = rebuild(texts)
        findings = check_program(program, config).findings
    return {doc: text for doc, text in texts.items() if text != start.get(doc)}


def _apply(program: Program, texts: Texts, fixes: list[Fix]) -> Texts | None:
    by_doc: dict[int | None, list[Edit]] = {}
    for edit in (e for f in fixes for e in f.edits):
        cell, line, col = program.locate(edit.span.line, edit.span.col)
        end_cell, end_line, end_col = program.locate(edit.span.end_line, edit.span.end_col)
        if cell != end_cell or cell not in texts:
            return None
        by_doc.setdefault(cell, []).append(Edit(Span(line, col, end_line, end_col), edit.new_text))
    out = dict(texts)
    for doc, edits in by_doc.items():
        text = apply_edits(texts[doc], edits)
        if text is None or (_parses(texts[doc], program) and not _parses(text, program)):
            return None  # a fix never breaks a text that parsed
        out[doc] = text
    return out


def _parses(text: str, program: Program) -> bool:
    return parses((mask_ipython(text)[0] if program.kind == "ipynb" or program.masked_lines else text).removeprefix("\ufeff"))
