"""Statements: assignments, control flow (joins, loop fixpoints), definitions (asserts: shape_statements.py)."""

from __future__ import annotations

import ast
import dataclasses
from typing import TYPE_CHECKING

from derivlint.shapes.contents import cleared, uninit_of, written
from derivlint.shapes.declare import conform, spec_shape
from derivlint.shapes.dims import compare
from derivlint.shapes.frames import Frame, join_envs, same_env
from derivlint.shapes.modules import import_names
from derivlint.shapes.shape import UNKNOWN_SHAPE, Shape
from derivlint.shapes.values import (
    ArrayV,
    ClassV,
    DictV,
    InstanceV,
    Origin,
    ScalarV,
    StrV,
    TupleV,
    UnknownV,
    UserFuncV,
    Value,
    method_kind,
)

if TYPE_CHECKING:
    from derivlint.shapes.interpreter import Interpreter

LOOP_PASSES = 3


class StatementExec:
    """Mixin of ``Interpreter``. ``exec_*`` return False when control does not fall through."""

    def exec_block(self: Interpreter, body: list[ast.stmt], prev_end: float | None = None) -> bool:
        """Run ``body``; ``prev_end`` is the line after which pending declarations apply."""
        if prev_end is None:
            prev_end = float(body[0].lineno) - 1e-3 - 1 if body else 0.0
        for stmt in body:
            if self.cancelled is not None and self.cancelled():
                from derivlint.shapes.checkpoints import Cancelled

                raise Cancelled
            if self.declarations:
                self.apply_declarations(prev_end, stmt.lineno)
            prev_end = float(stmt.end_lineno or stmt.lineno)
            handler = getattr(self, "exec_" + stmt.__class__.__name__, None)
            try:
                flows = handler(stmt) if handler is not None else self.exec_other(stmt)
            except RecursionError:
                flows = True  # absurdly deep expressions: give up on this statement only
            if flows is False:
                return False
        return True

    def exec_other(self: Interpreter, stmt: ast.stmt) -> bool:
        for child in ast.iter_child_nodes(stmt):
            if isinstance(child, ast.expr):
                self.ev(child)
        return True

    # -- simple statements ---------------------------------------------
    def exec_Expr(self: Interpreter, stmt: ast.Expr) -> bool:
        self.ev(stmt.value)
        return True

    def exec_Assign(self: Interpreter, stmt: ast.Assign) -> bool:
        value = self.ev(stmt.value)
        spec = self.comments.trailing.get(stmt.end_lineno or stmt.lineno)
        from derivlint.annotations.spec import ShapeSpec

        if isinstance(spec, ShapeSpec) and len(stmt.targets) == 1:
            value = self.declare_target(stmt.targets[0], value, spec, stmt.value)
        if len(stmt.targets) == 1:
            value = self.unpacked_shape(stmt, stmt.targets[0], value)
        for target in stmt.targets:
            self.assign(target, value)
        return True

    def _grows(self: Interpreter, target: Shape, result: Shape) -> bool:
        """The broadcast result of ``target op= value`` is provably not ``target``'s shape."""
        if target.variadic or result.variadic:
            return False
        if len(result.dims) != len(target.dims):
            return len(result.dims) > len(target.dims)
        return any(compare(self.u.resolve(a), self.u.resolve(b)) is False for a, b in zip(target.dims, result.dims))

    def exec_AnnAssign(self: Interpreter, stmt: ast.AnnAssign) -> bool:
        from derivlint.annotations.jaxtyping import jaxtyping_spec
        from derivlint.annotations.spec import ShapeSpec, SpecError

        value = self.ev(stmt.value) if stmt.value is not None else None
        spec = jaxtyping_spec(stmt.annotation)
        if isinstance(spec, SpecError):
            self.issue_at(stmt.annotation, spec)
        elif isinstance(spec, ShapeSpec):
            value = self.declare_target(stmt.target, value or UnknownV(Origin(stmt, "")), spec, stmt.value or stmt)
        if value is not None:
            self.assign(stmt.target, value)
        return True

    def declare_target(self: Interpreter, target: ast.expr, value: Value, spec, at: ast.AST) -> Value:
        shape = spec_shape(self.frame, spec, self.u)
        name = ast.unparse(target) if not isinstance(target, ast.Name) else target.id
        # the declaration gives the shape and where people look; what computed the value
        # (func, inputs) stays, for rules that ask what a declared value is
        o = value.origin
        origin = Origin(target, f"declared {spec.text}", o.func, o.inputs, o.params)
        if isinstance(target, ast.Name):
            self.frame.declared[target.id] = (shape, spec.dtype)
            self.frame.declared_at[target.id] = target.lineno
        return conform(value, shape, spec.dtype, origin, self.u, at, f"{name} is declared", self.problem)

    def exec_AugAssign(self: Interpreter, stmt: ast.AugAssign) -> bool:
        current = self.ev(stmt.target)
        value = self.ev(stmt.value)
        result = self.binop(stmt, stmt.op, stmt.target, current, stmt.value, value)
        if isinstance(current, ArrayV) and isinstance(result, ArrayV) and result.shape != current.shape:
            if self._grows(current.shape, result.shape):
                self.problem("broadcast", stmt, "the result "
                             f"{self.u.fmt(result.shape)} does not fit the target {self.u.fmt(current.shape)} "
                             "(an in-place update cannot change its target's shape)",
                             [(stmt.target, current), (stmt.value, value)])
            # in-place ops keep the target's shape (numpy refuses to grow it)
            result = ArrayV(result.origin, current.shape, current.dtype, uninit=result.uninit)
        self.assign(stmt.target, result, declared_check=False)
        if isinstance(stmt.op, ast.Sub) and isinstance(stmt.target, ast.Subscript):
            self._subtracted_in_place(stmt, stmt.target)
        return True

    def _subtracted_in_place(self: Interpreter, stmt: ast.AugAssign, target: ast.Subscript) -> None:
        """``A[idx] -= c`` makes ``A`` the array ``A - M`` (M: c at idx, 0 elsewhere).

        CS231n's ``dscores = probs; dscores[range(N), y] -= 1`` is ``p - Y`` for a one-hot
        ``Y``: rules that ask what a value computes see the residual it is.
        """
        if not isinstance(target.value, ast.Name):
            return
        base = self.frame.lookup(target.value.id)
        if not isinstance(base, ArrayV) or base.uninit is not None:
            return
        mask = ArrayV(Origin(target, "the entries subtracted"), base.shape, base.dtype)
        o = base.origin
        # a copy holds the values it copied: probs.copy() - M is probs - M
        minuend = o.inputs[0] if o.func == "numpy.copy" and len(o.inputs) == 1 and isinstance(o.inputs[0], ArrayV) else base
        value = ArrayV(Origin(stmt, "subtracted in place", "operator.sub", (minuend, mask)), base.shape, base.dtype)
        self.assign(target.value, value, declared_check=False, record=False)

    def exec_Return(self: Interpreter, stmt: ast.Return) -> bool:
        from derivlint.shapes.values import NoneV

        value = self.ev(stmt.value) if stmt.value is not None else NoneV(Origin(stmt, "None"))
        declared = self.frame.declared.get("<return>")
        # a tuple is several results: a declaration of one of them (a Returns section naming
        # only ``probs`` of ``return hidden, probs``) is not the shape of the whole
        several = isinstance(value, TupleV) and not value.is_list
        if declared is not None and stmt.value is not None and not several:
            shape, dtype = declared
            fname = getattr(self.frame.func, "name", "the function")
            value = conform(value, shape, dtype, value.origin, self.u, stmt.value,
                            f"the return value of {fname} is declared", self.problem)
        self.frame.returns.append(value)
        return False

    def exec_Raise(self: Interpreter, stmt: ast.Raise) -> bool:
        self.exec_other(stmt)
        return False

    def exec_Break(self: Interpreter, stmt: ast.stmt) -> bool:
        return False

    exec_Continue = exec_Break

    def exec_Import(self: Interpreter, stmt: ast.Import | ast.ImportFrom) -> bool:
        for name, value in import_names(stmt):
            self.frame.env[name] = value
        if isinstance(stmt, ast.ImportFrom) and any(a.name == "*" for a in stmt.names) and stmt.module:
            from derivlint.shapes.modules import canonical

            self.frame.module.star_imports.append(canonical(stmt.module))
        return True

    exec_ImportFrom = exec_Import

    def exec_Delete(self: Interpreter, stmt: ast.Delete) -> bool:
        for t in stmt.targets:
            if isinstance(t, ast.Name):
                self.frame.env.pop(t.id, None)
        return True

    # -- assignment targets ------------------------------------------
    def assign(self: Interpreter, target: ast.expr, value: Value, declared_check: bool = True,
               record: bool = True) -> None:
        if isinstance(target, ast.Name):
            declared = self.frame.declared.get(target.id) if declared_check else None
            if declared is not None and not (value.origin.node is target):
                shape, dtype = declared
                origin = value.origin
                line = self.frame.declared_at.get(target.id)
                if line is not None:  # the shape is the declaration's: say so where people look
                    origin = dataclasses.replace(origin, params=(*origin.params, ("declared_line", line)))
                value = conform(value, shape, dtype if dtype else getattr(value, "dtype", None), origin,
                                self.u, target, f"{target.id} is declared", self.problem)
            hint = self.frame.hints.get(target.id)
            if hint is not None and _unknown_value(value):
                from derivlint.shapes.values import ArrayV as _A

                value = _A(value.origin, hint[0], hint[1])
            env = self.module_frame.env if target.id in self.frame.global_names else self.frame.env
            old = env.get(target.id)
            env[target.id] = value
            if isinstance(old, (DictV, TupleV)) and not record:
                # an item written through one name is seen through every alias of it
                for name, v in list(self.frame.env.items()):
                    if v is old:
                        self.frame.env[name] = value
            if record and not self.quiet and not self.entry_pass:
                self.facts.assignments.append((target, value))
                self.facts.values[target] = value
        elif isinstance(target, (ast.Tuple, ast.List)):
            self.assign_unpack(target, value)
        elif isinstance(target, ast.Attribute):
            base = self.ev(target.value)
            if isinstance(base, ArrayV) and target.attr == "shape":
                # ``X.shape = (3, 2)`` reshapes in place
                from derivlint.shapes.numpy.table import size_dims

                dims = size_dims(value)
                new = ArrayV(Origin(target, "shape assigned"), Shape(dims) if dims else UNKNOWN_SHAPE, base.dtype)
                self.assign(target.value, new, declared_check=False, record=False)
                return
            if isinstance(base, (InstanceV, ClassV)):
                # object state is written by methods in an order the engine does not follow
                written(self.frame, value)
                value = cleared(value)
                if not _is_property(base, target.attr):  # a property's setter stores what it likes
                    base.fields[target.attr] = value
            if record and not self.quiet and not self.entry_pass:
                self.facts.assignments.append((target, value))
                self.facts.values[target] = value
        elif isinstance(target, ast.Subscript):
            self.assign_item(target, value)
        elif isinstance(target, ast.Starred):
            self.assign(target.value, UnknownV(Origin(target, "")))

    def assign_unpack(self: Interpreter, target: ast.Tuple | ast.List, value: Value) -> None:
        elts = target.elts
        if any(isinstance(e, ast.Starred) for e in elts):
            for e in elts:
                self.assign(e, UnknownV(Origin(e, "")))
            return
        items: list[Value] | None = None
        if isinstance(value, TupleV) and len(value.items) == len(elts):
            items = list(value.items)
        elif isinstance(value, ArrayV) and value.shape.dims and not value.shape.variadic:
            first = self.u.resolve(value.shape.dims[0])
            if first.is_const and first.const == len(elts):
                row = self.element_of(value, target)
                items = [row] * len(elts)
        for i, e in enumerate(elts):
            self.assign(e, items[i] if items is not None else UnknownV(Origin(e, "")))

    def assign_item(self: Interpreter, target: ast.Subscript, value: Value) -> None:
        base = self.ev(target.value)
        key = self.ev(target.slice)
        if isinstance(base, DictV) and isinstance(key, StrV) and key.value is not None:
            items = [(k, v) for k, v in base.items if k != key.value] + [(key.value, value)]
            self.assign(target.value, DictV(base.origin, tuple(items)), declared_check=False, record=False)
        elif isinstance(base, UnknownV) and isinstance(key, StrV) and key.value is not None and isinstance(target.value, ast.Name):
            pass  # a dict we could not follow: leave it unknown
        elif isinstance(base, ArrayV):
            self.record(target, "setitem", ((target.value, base), (target, value)), base)
        if uninit_of(value) is None:
            # elements written (which ones is not needed): the memory is no longer unwritten
            root = _root_name(target)
            written(self.frame, base, self.frame.lookup(root) if root else None)
        elif not isinstance(base, (ArrayV, DictV)):
            written(self.frame, value)  # stored in a container the engine does not follow

    # -- control flow -------------------------------------------------
    def exec_If(self: Interpreter, stmt: ast.If) -> bool:
        test = self.ev(stmt.test)
        known = test.const if isinstance(test, ScalarV) and isinstance(test.const, bool) else None
        if known is not None:
            # a test the engine can decide (``if x.ndim == 2`` on a known 1-D x): one branch only
            return self.exec_block(stmt.body if known else stmt.orelse)
        if self.entry_pass and not self.quiet:
            # a loop's first pass keeps only what surely runs on the first iteration:
            # ``if i > 0: w - w_prev`` may not (w_prev is still the placeholder)
            self.quiet += 1
            try:
                return self._exec_both_branches(stmt)
            finally:
                self.quiet -= 1
        return self._exec_both_branches(stmt)

    def _exec_both_branches(self: Interpreter, stmt: ast.If) -> bool:
        base = self.frame.env
        self.frame.env = dict(base)
        flows_body = self.exec_block(stmt.body)
        after_body = self.frame.env
        self.frame.env = dict(base)
        flows_else = self.exec_block(stmt.orelse)
        after_else = self.frame.env
        if flows_body and flows_else:
            self.frame.env = join_envs(after_body, after_else, self.u, id(stmt))
        elif flows_body:
            self.frame.env = after_body
        elif flows_else:
            self.frame.env = after_else
        else:
            self.frame.env = join_envs(after_body, after_else, self.u, id(stmt))
            return False
        return True

    def exec_For(self: Interpreter, stmt: ast.For | ast.AsyncFor | ast.While) -> bool:
        is_for = not isinstance(stmt, ast.While)
        element: Value = UnknownV(Origin(stmt, ""))
        if is_for:
            element = self.element_of(self.ev(stmt.iter), stmt.iter)  # type: ignore[union-attr]
        state = dict(self.frame.env)
        key = ("loop", id(stmt))
        recording = not self.quiet and (is_for or self._surely_entered(stmt))
        for i in range(LOOP_PASSES):
            # The first pass runs on the state the loop is entered with: what it proves holds on
            # the first iteration, so its events and problems are kept. A bug that changes a
            # loop variable's shape (w - H_inv * g makes w a matrix) is then still seen, though
            # the join widens that variable for the fixpoint pass. Hover values come from the last pass.
            entry = i == 0 and recording
            if entry:
                self.entry_pass += 1
            else:
                self.quiet += 1
            try:
                self.frame.env = dict(state)
                self._loop_body(stmt, element, is_for)
            finally:
                if entry:
                    self.entry_pass -= 1
                else:
                    self.quiet -= 1
            new = join_envs(state, self.frame.env, self.u, key)
            if same_env(new, state):
                break
            state = new
        else:
            state = _widen(state, self.frame.env)
        self.frame.env = dict(state)
        self._loop_body(stmt, element, is_for)
        self.frame.env = join_envs(state, self.frame.env, self.u, key)
        self.exec_block(stmt.orelse)
        return True

    exec_AsyncFor = exec_While = exec_For

    def _surely_entered(self: Interpreter, stmt: ast.While) -> bool:
        """Whether a ``while`` test is provably true on entry (its first pass then surely runs)."""
        self.quiet += 1
        try:
            test = self.ev(stmt.test)
        finally:
            self.quiet -= 1
        return isinstance(test, ScalarV) and test.const is True

    def _loop_body(self: Interpreter, stmt: ast.For | ast.AsyncFor | ast.While, element: Value, is_for: bool) -> None:
        if is_for:
            self.assign(stmt.target, element)  # type: ignore[union-attr]
        else:
            self.ev(stmt.test)  # type: ignore[union-attr]
        self.exec_block(stmt.body)

    def exec_With(self: Interpreter, stmt: ast.With | ast.AsyncWith) -> bool:
        for item in stmt.items:
            v = self.ev(item.context_expr)
            if item.optional_vars is not None:
                self.assign(item.optional_vars, UnknownV(Origin(item.optional_vars, "")) if not isinstance(v, ArrayV) else v)
        return self.exec_block(stmt.body)

    exec_AsyncWith = exec_With

    def exec_Try(self: Interpreter, stmt: ast.Try) -> bool:
        base = dict(self.frame.env)
        flows = self.exec_block(stmt.body)
        if flows:
            flows = self.exec_block(stmt.orelse)
        after = self.frame.env
        for handler in stmt.handlers:
            self.frame.env = join_envs(base, after, self.u, (id(stmt), id(handler)))
            if handler.name:
                self.frame.env[handler.name] = UnknownV(Origin(handler, ""))
            # an exception handler may not run on a loop's first iteration (see exec_If)
            quiet_handler = bool(self.entry_pass and not self.quiet)
            self.quiet += quiet_handler
            try:
                handled = self.exec_block(handler.body)
            finally:
                self.quiet -= quiet_handler
            if handled:
                after = join_envs(after, self.frame.env, self.u, (id(stmt), "h")) if flows else self.frame.env
                flows = True
        self.frame.env = after
        if stmt.finalbody:
            self.exec_block(stmt.finalbody)
        return flows

    exec_TryStar = exec_Try

    # -- definitions --------------------------------------------------
    def exec_FunctionDef(self: Interpreter, stmt: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
        for d in stmt.decorator_list:
            self.ev(d)
        self.defaults[stmt] = [self.ev(d) for d in stmt.args.defaults]
        scope = self.frame if self.frame.kind != "class" else (self.frame.parent or self.module_frame)
        fn = UserFuncV(Origin(stmt, f"function {stmt.name}"), stmt, scope)
        self.frame.env[stmt.name] = fn
        if self.frame.kind != "class":
            self.functions.append((fn, None))
        return True

    exec_AsyncFunctionDef = exec_FunctionDef

    def exec_ClassDef(self: Interpreter, stmt: ast.ClassDef) -> bool:
        bases = [self.ev(b) for b in stmt.bases]
        frame = Frame("class", self.frame)
        saved = self.frame
        self.frame = frame
        try:
            self.exec_block(stmt.body)
        finally:
            self.frame = saved
        methods: dict[str, UserFuncV] = {}
        for base in bases:
            if isinstance(base, ClassV):
                methods.update(base.methods)
        fields = {k: v for k, v in frame.env.items() if not isinstance(v, UserFuncV)}
        methods.update({k: v for k, v in frame.env.items() if isinstance(v, UserFuncV)})
        cls = ClassV(Origin(stmt, f"class {stmt.name}"), stmt, methods, fields,
                     tuple(b for b in bases if isinstance(b, ClassV)))
        self.frame.env[stmt.name] = cls
        own = {id(s) for s in stmt.body}
        for fn in methods.values():
            if fn.node is not None and id(fn.node) in own:
                self.functions.append((fn, cls))
        return True

    def exec_Global(self: Interpreter, stmt: ast.Global) -> bool:
        if self.frame is not self.module_frame:
            self.frame.global_names.update(stmt.names)
            for name in stmt.names:
                self.frame.env.pop(name, None)
        return True

    def exec_Pass(self: Interpreter, stmt: ast.stmt) -> bool:
        return True

    exec_Nonlocal = exec_Pass


def _store_root(target: ast.expr) -> ast.expr:
    """The array a store writes into: ``S`` of ``S.T[i] = v`` / ``S.reshape(-1)[...] = v``."""
    node = target
    while True:
        if isinstance(node, (ast.Subscript, ast.Attribute)):
            node = node.value
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            node = node.func.value
        else:
            return node


def _root_name(target: ast.expr) -> str | None:
    root = _store_root(target)
    return root.id if isinstance(root, ast.Name) else None


def _unknown_value(v: Value) -> bool:
    return isinstance(v, UnknownV) or (isinstance(v, ArrayV) and v.shape.variadic and not v.shape.dims)


def _widen(state: dict[str, Value], last: dict[str, Value]) -> dict[str, Value]:
    """After the pass budget, whatever still changes becomes unknown (never a false finding)."""
    out = dict(state)
    for name, v in last.items():
        if name in out and out[name] != v:
            out[name] = UnknownV(v.origin)
    return out


def _is_property(base: InstanceV | ClassV, attr: str) -> bool:
    cls = base.cls if isinstance(base, InstanceV) else base
    fn = cls.methods.get(attr) if cls is not None else None
    return fn is not None and method_kind(fn.node) == "property"
