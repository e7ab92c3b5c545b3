"""The abstract interpreter: statements, scopes and control flow over Python's AST.

``analyse(program)`` runs the program once, abstractly: values are shapes with
origins, nothing is executed. Expressions live in ``expressions.py``, calls in
``calls.py``; this module holds statements and the entry point.
"""

from __future__ import annotations

import ast
import bisect
import functools
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from derivlint.shapes.calls import CallEval
from derivlint.shapes.contents import escape_all
from derivlint.shapes.declare import conform, spec_shape
from derivlint.shapes.expressions import ExprEval
from derivlint.shapes.facts import AnnotationIssue, Facts, Operand, Problem
from derivlint.shapes.frames import Frame, join_values
from derivlint.shapes.reroot import CachedCall
from derivlint.shapes.shape_statements import ShapeStatements
from derivlint.shapes.statements import StatementExec
from derivlint.shapes.values import (
    ClassV,
    InstanceV,
    NoneV,
    Origin,
    TupleV,
    UnknownV,
    UserFuncV,
    Value,
)

if TYPE_CHECKING:
    from derivlint.annotations.spec import ShapeSpec, SpecError
    from derivlint.sources import Program


def analyse(program: Program) -> Facts:
    """Run the abstract interpreter over a program and return what it found."""
    from derivlint.shapes.numpy import load

    load()
    facts = Facts(program)
    Interpreter(program, facts).run()
    facts.analysed = True
    return facts


class Interpreter(StatementExec, ShapeStatements, ExprEval, CallEval):
    def __init__(self, program: Program, facts: Facts, module_frame: Frame | None = None) -> None:
        from derivlint.annotations.comments import cell_comment_annotations, comment_annotations

        self.program = program
        self.facts = facts
        self.u = self.unifier = facts.unifier
        self.quiet = 0
        #: > 0 in the first pass over a loop body: events and problems recorded, hover values not
        self.entry_pass = 0
        self.depth = 0
        self.active: set[ast.AST] = set()
        self.called: set[ast.AST] = set()
        self.call_cache: dict[object, CachedCall] = {}
        self.quiet_cache: dict[object, CachedCall] = {}
        self.bound_params: dict[ast.AST, dict[str, Value]] = {}
        self.module_frame = module_frame or Frame("module")
        self.frame = self.module_frame
        self.functions: list[tuple[UserFuncV, ClassV | None]] = []
        self.mutated_params: dict[ast.AST, frozenset[str]] = {}
        self.instances: dict[int, InstanceV] = {}
        self.defaults: dict[ast.AST, list[Value]] = {}
        # only `# shape:` / `# shapes:` comments matter: skip tokenizing files without any
        text = program.text
        if program.kind == "ipynb":
            self.comments = cell_comment_annotations([(start, code) for start, code, _ in self.cell_code()])
        else:
            self.comments = comment_annotations(text if "shape" in text.lower() else "")
        self._doc_cache: dict[ast.AST, object] = {}
        self.last_end = 0.0  # the program line the last top-level statement ended on
        #: asked before each statement: True raises ``checkpoints.Cancelled``
        self.cancelled: Callable[[], bool] | None = None
        self._reported: set[tuple[int, int]] = set()
        self.declarations = self._collect_declarations()
        self._decl_lines = [d[0] for d in self.declarations]

    # -- services for the numpy table --------------------------------
    def problem(self, kind: str, node: ast.AST, message: str,
                operands: Sequence[tuple[ast.AST | None, Value | None]]) -> None:
        if self.quiet:
            return
        ops = tuple(Operand(n, v) for n, v in operands if n is not None and v is not None)
        self.facts.problems.append(Problem(kind, node, message, ops))

    def annotation_issue(self, line: int, col: int, end_line: int, end_col: int, error: SpecError) -> None:
        from derivlint.findings import Span

        if (line, col) in self._reported:
            return
        self._reported.add((line, col))
        self.facts.annotation_issues.append(AnnotationIssue(Span(line, col, end_line, end_col), error))

    def issue_at(self, node: ast.AST, error: SpecError) -> None:
        s = self.program.span(node)
        self.annotation_issue(s.line, s.col, s.end_line, s.end_col, error)

    # -- entry --------------------------------------------------------
    def run(self) -> None:
        for _ in self.run_cells(self.cell_blocks()):
            pass
        self.finish()

    def finish(self) -> None:
        """What comes after the last cell: functions that no cell called."""
        self._analyse_uncalled()

    def cell_code(self) -> list[tuple[int, str, int]]:
        """``(first program line, masked code, cell index)`` of each code cell (the whole file for .py)."""
        lines = self.program.lines
        cells = [c for c in self.program.cells if c.start_line is not None]
        if not cells:
            return [(1, self.program.text, 0)]
        out = []
        for c in cells:
            first = c.start_line or 1
            out.append((first, "\n".join(lines[first - 1 : first - 1 + c.line_count]), c.index))
        return out

    def cell_blocks(self) -> list[tuple[int, int, int, Callable[[], list[ast.stmt]]]]:
        """``(cell index, first line, last line, statements)`` per code cell; one block for .py.

        The statements are a callable: a notebook cell is parsed when it is about to run.
        """
        cells = [c for c in self.program.cells if c.start_line is not None]
        if not cells:
            body = self.program.tree.body
            return [(0, 1, max(len(self.program.lines), 1), lambda: body)]
        return [
            (c.index, c.start_line or 1, (c.start_line or 1) + c.line_count - 1,
             functools.partial(self.program.cell_body, c))
            for c in cells
        ]

    def run_cells(self, blocks, prev_end: float = 0.0):
        """Run each cell's statements in turn; yield ``(cell index, prev_end)`` before each.

        A notebook's cells run one after another, each on its own: a ``raise`` or
        ``return`` at the top of one cell does not stop the next. The caller may
        keep the state at each yield (``checkpoints.take``) to resume there later.
        """
        self.last_end = prev_end
        for index, first, last, body in blocks:
            yield index, prev_end
            self._report_comment_errors(first, last)
            stmts = body()
            if stmts:
                self.exec_block(stmts, prev_end)
                prev_end = self.last_end = float(stmts[-1].end_lineno or stmts[-1].lineno)

    def _collect_declarations(self) -> list[tuple[float, str, ShapeSpec | SpecError, str]]:
        """``# shapes:`` lines and markdown ``X \\in \\mathbb{R}^{...}``, ordered by program line."""
        decls: list[tuple[float, str, ShapeSpec | SpecError, str]] = []
        for d in self.comments.declarations:
            decls.append((float(d.line), d.name, d.spec, f"declared on line {d.line}"))
        cells = self.program.cells
        if cells:
            from derivlint.annotations.markdown import cached_markdown_shapes as markdown_shapes
            from derivlint.annotations.spec import ShapeSpec

            next_code = None
            for cell in reversed(cells):
                if cell.kind == "code" and cell.start_line is not None:
                    next_code = cell.start_line
                elif cell.kind == "markdown" and next_code is not None:
                    for md in markdown_shapes(cell.source):
                        if isinstance(md.spec, ShapeSpec):  # prose that does not parse is just prose
                            decls.append((next_code - 0.5, md.name, md.spec, f"declared in markdown cell {cell.index}"))
        decls.sort(key=lambda d: d[0])
        return decls

    def _report_comment_errors(self, first: int, last: int) -> None:
        from derivlint.annotations.spec import SpecError

        cols = self.comments.comment_columns
        for line, spec in self.comments.trailing.items():
            if isinstance(spec, SpecError) and first <= line <= last:
                self._line_issue(line, cols.get(line, 0), spec)
        for d in self.comments.declarations:
            if isinstance(d.spec, SpecError) and first <= d.line <= last:
                self._line_issue(d.line, cols.get(d.line, 0), d.spec)

    def _line_issue(self, line: int, col: int, error: SpecError) -> None:
        lines = self.program.lines
        end = len(lines[line - 1]) if 0 < line <= len(lines) else col
        self.annotation_issue(line, col, line, end, error)

    def apply_declarations(self, after: float, before: float) -> None:
        from derivlint.annotations.spec import ShapeSpec

        i = bisect.bisect_right(self._decl_lines, after)
        while i < len(self.declarations) and self.declarations[i][0] < before:
            line, name, spec, reason = self.declarations[i]
            i += 1
            if not isinstance(spec, ShapeSpec):
                continue
            frame = self.frame
            shape = spec_shape(frame, spec, self.u)
            origin = Origin(None, reason, params=(("line", int(line + 0.5)),))
            current = frame.env.get(name)
            if reason.startswith("declared in markdown"):
                # prose often describes one sample while the code holds a batch: a
                # markdown shape only fills in what the engine does not know
                frame.hints[name] = (shape, spec.dtype, origin)
                if current is None or _unknown(current):
                    frame.env[name] = _declared_value(shape, spec.dtype, origin)
                continue
            frame.declared[name] = (shape, None)
            frame.declared_at[name] = int(line + 0.5)
            if current is None or _unknown(current):
                frame.env[name] = _declared_value(shape, spec.dtype, origin)
            else:
                anchor = current.origin.node
                if anchor is None:
                    continue
                frame.env[name] = conform(current, shape, spec.dtype, origin, self.u, anchor,
                                          f"{name} is {reason} as", self.problem)

    # -- functions ----------------------------------------------------
    def doc_shapes(self, fnode: ast.AST):
        if fnode in self._doc_cache:
            return self._doc_cache[fnode]
        result = None
        if isinstance(fnode, (ast.FunctionDef, ast.AsyncFunctionDef)):
            doc = ast.get_docstring(fnode, clean=True)
            if doc and ("shape" in doc or "ndarray" in doc or "(" in doc):
                from derivlint.annotations.docstrings import docstring_shapes

                result = docstring_shapes(doc)
                from derivlint.annotations.spec import SpecError

                issues = [s for s in result.params.values() if isinstance(s, SpecError)]
                issues += [r.spec for r in result.returns if isinstance(getattr(r, "spec", None), SpecError)]
                for err in issues[:1]:
                    self.issue_at(fnode.body[0], err)
        self._doc_cache[fnode] = result
        return result

    def param_spec(self, fnode: ast.AST, arg: ast.arg) -> ShapeSpec | None:
        from derivlint.annotations.jaxtyping import jaxtyping_spec
        from derivlint.annotations.spec import ShapeSpec, SpecError

        if arg.annotation is not None:
            spec = jaxtyping_spec(arg.annotation)
            if isinstance(spec, SpecError):
                self.issue_at(arg.annotation, spec)
                return None
            if isinstance(spec, ShapeSpec):
                return spec
        doc = self.doc_shapes(fnode)
        if doc is not None:
            spec = doc.params.get(arg.arg)
            if isinstance(spec, ShapeSpec):
                return spec
        return None

    def return_spec(self, fnode: ast.AST) -> ShapeSpec | None:
        from derivlint.annotations.jaxtyping import jaxtyping_spec
        from derivlint.annotations.spec import ShapeSpec, SpecError

        returns = getattr(fnode, "returns", None)
        if returns is not None:
            spec = jaxtyping_spec(returns)
            if isinstance(spec, SpecError):
                self.issue_at(returns, spec)
            elif isinstance(spec, ShapeSpec):
                return spec
        doc = self.doc_shapes(fnode)
        if doc is not None and len(doc.returns) == 1 and isinstance(getattr(doc.returns[0], "spec", None), ShapeSpec):
            return doc.returns[0].spec
        return None

    def run_function(self, fn: UserFuncV, node: ast.AST, args: list[Value], arg_nodes: list[ast.AST],
                     kwargs: dict[str, Value], kw_nodes: dict[str, ast.AST], rigid: bool) -> Value:
        fnode = fn.node
        assert fnode is not None
        frame = self.new_frame(fn, rigid)
        self._bind_params(fn, frame, node, args, arg_nodes, dict(kwargs), kw_nodes)
        # the parameters as the body sees them: the call cache maps them onto later calls' arguments
        self.bound_params[fnode] = dict(frame.env)
        saved = self.frame
        self.frame = frame
        self.active.add(fnode)
        self.depth += 1
        try:
            if isinstance(fnode, ast.Lambda):
                return self.ev(fnode.body)
            spec = self.return_spec(fnode)
            if spec is not None:
                frame.declared["<return>"] = (spec_shape(frame, spec, self.u), spec.dtype)
            self.exec_block(fnode.body)
            if not frame.returns:
                return NoneV(Origin(node, "None"))
            result = frame.returns[0]
            for r in frame.returns[1:]:
                result = join_values(result, r, self.u, (id(fnode), "ret"))
            return result
        finally:
            self.depth -= 1
            self.active.discard(fnode)
            self.frame = saved

    def _bind_params(self, fn: UserFuncV, frame: Frame, node: ast.AST, args: list[Value],
                     arg_nodes: list[ast.AST], kwargs: dict[str, Value], kw_nodes: dict[str, ast.AST]) -> None:
        fnode = fn.node
        a = fnode.args  # type: ignore[union-attr]
        positional = [*a.posonlyargs, *a.args]
        defaults = self.defaults.get(fnode, [])
        first_default = len(positional) - len(a.defaults)
        name = getattr(fnode, "name", "lambda")
        for i, p in enumerate(positional):
            value: Value
            at: ast.AST | None = None
            if i < len(args):
                value, at = args[i], arg_nodes[i]
            elif p.arg in kwargs:
                value, at = kwargs.pop(p.arg), kw_nodes.get(p.arg)
            elif i >= first_default and i - first_default < len(defaults):
                value = defaults[i - first_default]
            else:
                value = UnknownV(Origin(p, f"parameter {p.arg}"))
            frame.env[p.arg] = self._declared_param(fnode, frame, p, value, at, name)
            self._record_param(p, frame.env[p.arg])
        if a.vararg is not None:
            extra = args[len(positional):]
            frame.env[a.vararg.arg] = TupleV(Origin(a.vararg, ""), tuple(extra))
        for p in a.kwonlyargs:
            value = kwargs.pop(p.arg, None) or UnknownV(Origin(p, f"parameter {p.arg}"))
            frame.env[p.arg] = self._declared_param(fnode, frame, p, value, kw_nodes.get(p.arg), name)
            self._record_param(p, frame.env[p.arg])
        if a.kwarg is not None:
            frame.env[a.kwarg.arg] = UnknownV(Origin(a.kwarg, ""))

    def _record_param(self, p: ast.arg, value: Value) -> None:
        if not self.quiet and not self.entry_pass:
            self.facts.params.append((p, value))

    def _declared_param(self, fnode: ast.AST, frame: Frame, p: ast.arg, value: Value,
                        at: ast.AST | None, fname: str) -> Value:
        spec = self.param_spec(fnode, p)
        if spec is None:
            return value
        shape = spec_shape(frame, spec, self.u)
        # the declared value replaces the argument; keep the argument, so that rules can follow
        # a value through a call (the w a gradient helper uses is the w the caller updates)
        origin = Origin(p, f"parameter {p.arg} of {fname}, declared {spec.text}", params=(("argument", value),))
        return conform(value, shape, spec.dtype, origin, self.u, at or p,
                       f"parameter {p.arg} of {fname} is declared", self.problem)

    def _analyse_uncalled(self) -> None:
        """Functions nobody calls are still checked, from their annotations alone."""
        # such a function may run at any time, after anything: no module array is known unwritten
        escape_all(self.module_frame)
        for fn, cls in self.functions:
            if fn.node in self.called:
                continue
            args: list[Value] = []
            if cls is not None and not _is_static(fn.node):
                inst = self.instances.get(id(cls))
                if inst is None:
                    inst = InstanceV(Origin(cls.node, "self"), cls, {})
                    init = cls.methods.get("__init__")
                    self.instances[id(cls)] = inst
                    if init is not None and init.node not in self.called:
                        self.called.add(init.node)
                        self.run_function(init, init.node, [inst], [init.node], {}, {}, rigid=True)
                args = [inst]
            if fn.node in self.called:
                continue
            self.called.add(fn.node)
            self.run_function(fn, fn.node, args, [fn.node] * len(args), {}, {}, rigid=True)


def _unknown(v: Value) -> bool:
    from derivlint.shapes.values import ArrayV

    return isinstance(v, UnknownV) or (isinstance(v, ArrayV) and v.shape.variadic and not v.shape.dims)


def _declared_value(shape, dtype, origin: Origin) -> Value:
    from derivlint.shapes.values import ArrayV, ScalarV

    return ArrayV(origin, shape, dtype) if shape.rank != 0 else ScalarV(origin, dtype)


def _is_static(fnode: ast.AST | None) -> bool:
    decos = getattr(fnode, "decorator_list", [])
    return any(isinstance(d, ast.Name) and d.id in ("staticmethod", "classmethod") for d in decos)

