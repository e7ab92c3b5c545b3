"""Statements that tell the engine a shape: ``assert X.shape == (n, d)``, ``n, d = X.shape``."""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING

from derivlint.shapes.declare import conform
from derivlint.shapes.dims import Dim, format_dim
from derivlint.shapes.shape import Shape
from derivlint.shapes.values import ArrayV, Origin, ScalarV, TupleV, UnknownV, Value

if TYPE_CHECKING:
    from derivlint.shapes.interpreter import Interpreter


class ShapeStatements:
    """Mixin of ``Interpreter``: asserts narrow what is known; unpacking a shape names its sizes."""

    def exec_Assert(self: Interpreter, stmt: ast.Assert) -> bool:
        self.ev(stmt.test)
        tests = stmt.test.values if isinstance(stmt.test, ast.BoolOp) and isinstance(stmt.test.op, ast.And) else [stmt.test]
        for test in tests:
            if isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.ops[0], ast.Eq):
                self.assert_equal(stmt, test.left, test.comparators[0])
                self.assert_equal(stmt, test.comparators[0], test.left)
        return True

    def assert_equal(self: Interpreter, stmt: ast.Assert, subject: ast.expr, expected: ast.expr) -> None:
        origin = Origin(stmt, "asserted")
        if isinstance(subject, ast.Attribute) and subject.attr == "shape":
            want = self.facts.values.get(expected) or self.ev(expected)
            if not isinstance(want, TupleV):
                return
            dims = [self._dim_of(v, (id(stmt), i)) for i, v in enumerate(want.items)]
            holder = self.ev(subject.value)
            refined = conform(holder, Shape(dims), getattr(holder, "dtype", None), origin, self.u, stmt,
                              f"{ast.unparse(subject.value)} is asserted to be", self.problem, subject.value)
            self._narrow(subject.value, holder, refined)
        elif isinstance(subject, ast.Attribute) and subject.attr == "ndim":
            want = self.ev(expected)
            holder = self.ev(subject.value)
            n = want.dim.const if isinstance(want, ScalarV) and want.dim is not None and want.dim.is_const else None
            unknown_rank = isinstance(holder, UnknownV) or (isinstance(holder, ArrayV) and holder.shape.variadic)
            if n is not None and 0 <= n <= 32 and unknown_rank:
                dims = [self.u.anon((id(stmt), i), "") for i in range(n)]
                self._narrow(subject.value, holder, ArrayV(origin, Shape(dims), getattr(holder, "dtype", None)))
            elif n is not None and isinstance(holder, ArrayV) and holder.shape.rank not in (None, n):
                self.problem("declared", stmt, f"{ast.unparse(subject.value)} is asserted to have {n} "
                             f"dimension{'s' if n != 1 else ''} but the value is {self.u.fmt(holder.shape)}",
                             [(subject.value, holder)])
        else:
            left = self.facts.values.get(subject) or self.ev(subject)
            right = self.facts.values.get(expected) or self.ev(expected)
            if isinstance(left, ScalarV) and isinstance(right, ScalarV) and left.dim is not None and right.dim is not None:
                agreed = self.u.bind(left.dim, right.dim, "asserted", stmt.lineno)
                if agreed is False and _is_shape_item(subject):
                    holder = self.ev(subject.value.value)  # type: ignore[attr-defined]
                    self.problem("declared", stmt, f"{ast.unparse(subject)} is asserted to be "
                                 f"{format_dim(self.u.resolve(right.dim))} but it is "
                                 f"{format_dim(self.u.resolve(left.dim))}",
                                 [(subject.value.value, holder)])  # type: ignore[attr-defined]

    def _dim_of(self: Interpreter, v: Value, key: object) -> Dim:
        if isinstance(v, ScalarV) and v.dim is not None:
            return v.dim
        return self.u.anon(key, "")

    def _narrow(self: Interpreter, target: ast.expr, old: Value, new: Value) -> None:
        if isinstance(target, (ast.Name, ast.Attribute)) and (isinstance(old, UnknownV) or (
                isinstance(old, ArrayV) and old.shape.variadic)):
            self.assign(target, new, declared_check=False, record=False)

    def unpacked_shape(self: Interpreter, stmt: ast.Assign, target: ast.expr, value: Value) -> Value:
        """``n, d = X.shape`` with X of unknown rank: X is 2-D, its sizes are n and d.

        The sizes are flexible symbols named after the targets: ``n`` and ``d``
        may still be equal (a square matrix), so only arithmetic proves them
        different (``(n, d + 1) @ (d,)``), never the names.
        """
        node = stmt.value
        if not (isinstance(node, ast.Attribute) and node.attr == "shape" and isinstance(target, (ast.Tuple, ast.List))
                and all(isinstance(e, ast.Name) for e in target.elts) and 1 <= len(target.elts) <= 32):
            return value
        holder = self.facts.values.get(node.value) or self.ev(node.value)
        if not (isinstance(holder, UnknownV) or (isinstance(holder, ArrayV) and holder.shape.variadic)):
            return value
        names = [e.id for e in target.elts]  # type: ignore[attr-defined]
        dims = [self.u.anon((id(stmt), "unpacked", i), name) for i, name in enumerate(names)]
        self._narrow(node.value, holder, ArrayV(Origin(node, "unpacked"), Shape(dims), getattr(holder, "dtype", None)))
        return TupleV(Origin(node, "shape"), tuple(
            ScalarV(Origin(node, f"shape[{i}]"), "int", d) for i, d in enumerate(dims)))


def _is_shape_item(node: ast.expr) -> bool:
    """``X.shape[i]``: a shape asserted one dimension at a time."""
    return (isinstance(node, ast.Subscript) and isinstance(node.value, ast.Attribute)
            and node.value.attr == "shape")
