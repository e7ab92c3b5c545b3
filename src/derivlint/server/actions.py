"""Code actions: each finding's fix, "Open reading: ...", "Ignore CODE on this line", fix all."""

from __future__ import annotations

from lsprotocol import types

from derivlint.findings import Finding
from derivlint.fixes import noqa_edit
from derivlint.server.checker import Checked
from derivlint.server.convert import replace_text, text_edits, workspace_edit
from derivlint.server.fix_all import Texts


def wants_fix_all(params: types.CodeActionParams, fix_all: str) -> bool:
    only = params.context.only
    return only is None or any(fix_all.startswith(k) for k in only)


def code_actions(
    checked: Checked, params: types.CodeActionParams, open_reading: str, fix_all: str, versioned: bool,
    fixed: Texts | None = None,
) -> list[types.CodeAction]:
    """``fixed``: the documents' texts after "fix all" (``fix_all.fixed_texts``), when asked for."""
    uri = params.text_document.uri
    only = params.context.only
    actions: list[types.CodeAction] = []
    if only is None or any(k in (types.CodeActionKind.QuickFix, "quickfix") for k in only):
        for finding, diagnostic in _findings_in(checked, uri, params.range, params.context.diagnostics):
            actions.extend(_quick_fixes(checked, finding, diagnostic, open_reading, versioned))
    if fixed and wants_fix_all(params, fix_all):
        actions.append(_fix_all(checked, fixed, fix_all, versioned))
    return actions


def _findings_in(checked: Checked, uri: str, wanted: types.Range, sent: list[types.Diagnostic]):
    """Our findings on document ``uri`` that touch ``wanted`` (or match a diagnostic the client sent)."""
    from derivlint.server.convert import diagnostics

    by_uri = diagnostics(checked.report.findings, checked.mapper)
    ours = [d for d in by_uri.get(uri, [])]
    located = [f for f in checked.report.findings if checked.mapper.location(f.span)[0] == uri]
    for finding, diagnostic in zip(located, ours):
        r = diagnostic.range
        touches = _before_or_at(r.start, wanted.end) and _before_or_at(wanted.start, r.end)
        matched = any(d.code == diagnostic.code and d.range == r for d in sent)
        if touches or matched:
            yield finding, diagnostic


def _before_or_at(a: types.Position, b: types.Position) -> bool:
    return (a.line, a.character) <= (b.line, b.character)


def _quick_fixes(checked: Checked, finding: Finding, diagnostic: types.Diagnostic, open_reading: str,
                 versioned: bool) -> list[types.CodeAction]:
    out = []
    fix_edit = _edit(checked, finding.fix.edits, versioned) if finding.fix is not None else None
    if finding.fix is not None and fix_edit is not None:
        out.append(types.CodeAction(
            title=finding.fix.title,
            kind=types.CodeActionKind.QuickFix,
            diagnostics=[diagnostic],
            edit=fix_edit,
            is_preferred=finding.fix.safe,
        ))
    for resource in finding.resources:
        section = f" ({resource.section})" if resource.section else ""
        title = f"Open reading: {resource.title}{section}"
        out.append(types.CodeAction(
            title=title,
            kind=types.CodeActionKind.QuickFix,
            diagnostics=[diagnostic],
            command=types.Command(title=title, command=open_reading, arguments=[resource.url]),
        ))
    edit = noqa_edit(checked.snapshot.program, finding)
    noqa = _edit(checked, (edit,), versioned) if edit is not None else None
    if noqa is not None:
        out.append(types.CodeAction(
            title=f"Ignore {finding.code} on this line",
            kind=types.CodeActionKind.QuickFix,
            diagnostics=[diagnostic],
            edit=noqa,
        ))
    return out


def _fix_all(checked: Checked, fixed: Texts, kind: str, versioned: bool) -> types.CodeAction:
    changes = {}
    for doc, text in fixed.items():
        view = checked.snapshot.docs[doc]
        changes[view.uri] = [replace_text(view.lines, text, checked.mapper)]
    return types.CodeAction(title="derivlint: fix all safe fixes", kind=kind, edit=_versioned(checked, changes, versioned))


def _edit(checked: Checked, edits, versioned: bool) -> types.WorkspaceEdit | None:
    changes = text_edits(edits, checked.mapper)
    if changes is None:
        return None
    return _versioned(checked, changes, versioned)


def _versioned(checked: Checked, changes: dict[str, list[types.TextEdit]], versioned: bool) -> types.WorkspaceEdit:
    if not versioned:
        return types.WorkspaceEdit(changes=changes)
    versions = {view.uri: view.version for view in checked.snapshot.docs.values()}
    return workspace_edit(changes, versions)
