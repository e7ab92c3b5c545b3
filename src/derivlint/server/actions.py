"""Code actions: each finding's fix, "Open reading: ...", "Ignore CODE on this line", fix all."""

from __future__ import annotations

from lsprotocol import types

from derivlint.findings import Finding
from derivlint.fixes import noqa_edit, safe_edits
from derivlint.server.checker import Checked
from derivlint.server.convert import text_edits, workspace_edit


def code_actions(
    checked: Checked, params: types.CodeActionParams, open_reading: str, fix_all: str, versioned: bool
) -> list[types.CodeAction]:
    uri = params.text_document.uri
    only = params.context.only
    actions: list[types.CodeAction] = []
    if only is None or any(k in (types.CodeActionKind.QuickFix, "quickfix") for k in only):
        for finding, diagnostic in _findings_in(checked, uri, params.range, params.context.diagnostics):
            actions.extend(_quick_fixes(checked, finding, diagnostic, open_reading, versioned))
    if only is None or any(fix_all.startswith(k) for k in only):
        action = _fix_all(checked, fix_all, versioned)
        if action is not None:
            actions.append(action)
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
    if finding.fix is not None:
        out.append(types.CodeAction(
            title=finding.fix.title,
            kind=types.CodeActionKind.QuickFix,
            diagnostics=[diagnostic],
            edit=_edit(checked, finding.fix.edits, versioned),
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
    if edit is not None:
        out.append(types.CodeAction(
            title=f"Ignore {finding.code} on this line",
            kind=types.CodeActionKind.QuickFix,
            diagnostics=[diagnostic],
            edit=_edit(checked, (edit,), versioned),
        ))
    return out


def _fix_all(checked: Checked, kind: str, versioned: bool) -> types.CodeAction | None:
    edits = safe_edits(checked.report.findings)
    if not edits:
        return None
    return types.CodeAction(title="derivlint: fix all safe fixes", kind=kind, edit=_edit(checked, edits, versioned))


def _edit(checked: Checked, edits, versioned: bool) -> types.WorkspaceEdit:
    changes = text_edits(edits, checked.mapper)
    if not versioned:
        return types.WorkspaceEdit(changes=changes)
    versions = {view.uri: view.version for view in checked.snapshot.docs.values()}
    return workspace_edit(changes, versions)
