"""Expression evaluation: one method per AST node kind, as in pyflakes' checker."""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING

from derivlint.shapes.contents import VIEWS, derived
from derivlint.shapes.dims import const_dim
from derivlint.shapes.facts import Operand, OpEvent
from derivlint.shapes.foreign_sizes import own_sizes
from derivlint.shapes.frames import join_values
from derivlint.shapes.indexing import classify, index_shape
from derivlint.shapes.modules import module_attribute
from derivlint.shapes.numpy.table import ATTRIBUTES, METHODS, TABLE, Call
from derivlint.shapes.shape import UNKNOWN_SHAPE, Shape
from derivlint.shapes.values import (
    ArrayV,
    ClassV,
    DictV,
    InstanceV,
    LibFuncV,
    MethodV,
    ModuleV,
    NoneV,
    Origin,
    RngV,
    ScalarV,
    SliceV,
    StrV,
    TupleV,
    UnknownV,
    UserFuncV,
    Value,
    method_kind,
)

if TYPE_CHECKING:
    from derivlint.shapes.interpreter import Interpreter

_BINOPS = {
    ast.Add: ("add", "+"), ast.Sub: ("sub", "-"), ast.Mult: ("mul", "*"), ast.Div: ("truediv", "/"),
    ast.FloorDiv: ("floordiv", "//"), ast.Pow: ("pow", "**"), ast.Mod: ("mod", "%"),
    ast.MatMult: ("matmul", "@"), ast.BitAnd: ("and_", "&"), ast.BitOr: ("or_", "|"),
}
_CMPSYMBOLS = {ast.Eq: "==", ast.NotEq: "!=", ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">="}
_DECIDE = {
    ast.Eq: lambda a, b: a == b, ast.NotEq: lambda a, b: a != b, ast.Lt: lambda a, b: a < b,
    ast.LtE: lambda a, b: a <= b, ast.Gt: lambda a, b: a > b, ast.GtE: lambda a, b: a >= b,
}
_CMPOPS = {ast.Eq: "eq", ast.NotEq: "ne", ast.Lt: "lt", ast.LtE: "le", ast.Gt: "gt", ast.GtE: "ge"}


class ExprEval:
    """Mixin of ``Interpreter``: ``ev(node)`` evaluates an expression to an abstract value."""

    def ev(self: Interpreter, node: ast.expr) -> Value:
        method = getattr(self, "ev_" + node.__class__.__name__, None)
        value = method(node) if method is not None else self._ev_children(node)
        if not self.quiet and not self.entry_pass:
            self.facts.values[node] = value
        return value

    def _ev_children(self: Interpreter, node: ast.AST) -> Value:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.expr):
                self.ev(child)
        return UnknownV(Origin(node, ""))

    # -- leaves -------------------------------------------------------
    def ev_Constant(self: Interpreter, node: ast.Constant) -> Value:
        v = node.value
        origin = Origin(node, "literal")
        if v is None:
            return NoneV(origin)
        if isinstance(v, bool):
            return ScalarV(origin, "bool", None, v)
        if isinstance(v, int):
            return ScalarV(origin, "int", const_dim(v) if abs(v) < 10**12 else None, v)
        if isinstance(v, float):
            return ScalarV(origin, "float", None, v)
        if isinstance(v, complex):
            return ScalarV(origin, "complex", None, v)
        if isinstance(v, str):
            return StrV(origin, v)
        return UnknownV(origin)

    def ev_Name(self: Interpreter, node: ast.Name) -> Value:
        v = self.frame.lookup(node.id)
        if v is not None:
            # a global another function wrote (``global W; W = X.T @ Y``) carries that function's sizes
            return v if node.id in self.frame.env else self.own_sizes(v)
        for mod in self.frame.module.star_imports:
            found = module_attribute(ModuleV(Origin(node, ""), mod), node.id, node)
            if not isinstance(found, UnknownV):
                return found
        return UnknownV(Origin(node, ""))

    def ev_JoinedStr(self: Interpreter, node: ast.JoinedStr) -> Value:
        self._ev_children(node)
        return StrV(Origin(node, ""))

    def ev_Tuple(self: Interpreter, node: ast.Tuple | ast.List) -> Value:
        if any(isinstance(e, ast.Starred) for e in node.elts):
            for e in node.elts:
                self.ev(e)
            return UnknownV(Origin(node, ""))
        return TupleV(Origin(node, "literal"), tuple(self.ev(e) for e in node.elts), isinstance(node, ast.List))

    ev_List = ev_Tuple

    def ev_Dict(self: Interpreter, node: ast.Dict) -> Value:
        items = []
        for k, v in zip(node.keys, node.values):
            value = self.ev(v)
            if k is None or not isinstance(k, ast.Constant) or not isinstance(k.value, str):
                if k is not None:
                    self.ev(k)
                return UnknownV(Origin(node, ""))
            items.append((k.value, value))
        return DictV(Origin(node, "literal"), tuple(items))

    def ev_Slice(self: Interpreter, node: ast.Slice) -> Value:
        for part in (node.lower, node.upper, node.step):
            if part is not None:
                self.ev(part)
        return SliceV(Origin(node, ""))

    def ev_IfExp(self: Interpreter, node: ast.IfExp) -> Value:
        self.ev(node.test)
        return join_values(self.ev(node.body), self.ev(node.orelse), self.u, id(node))

    def ev_Lambda(self: Interpreter, node: ast.Lambda) -> Value:
        return UserFuncV(Origin(node, "lambda"), node, self.frame)

    def ev_comprehension(self: Interpreter, node: ast.ListComp | ast.GeneratorExp | ast.SetComp | ast.DictComp) -> Value:
        saved = self.frame.env
        self.frame.env = dict(saved)
        try:
            for gen in node.generators:
                it = self.ev(gen.iter)
                self.assign(gen.target, self.element_of(it, gen.iter))
                for cond in gen.ifs:
                    self.ev(cond)
            if isinstance(node, ast.DictComp):
                self.ev(node.key)
                self.ev(node.value)
            else:
                self.ev(node.elt)
        finally:
            self.frame.env = saved
        return UnknownV(Origin(node, "comprehension"))

    ev_ListComp = ev_GeneratorExp = ev_SetComp = ev_DictComp = ev_comprehension

    # -- operators ----------------------------------------------------
    def ev_BinOp(self: Interpreter, node: ast.BinOp) -> Value:
        left, right = self.ev(node.left), self.ev(node.right)
        return self.binop(node, node.op, node.left, left, node.right, right)

    def binop(self: Interpreter, node: ast.AST, op: ast.operator, lnode: ast.AST, left: Value,
              rnode: ast.AST, right: Value) -> Value:
        name, symbol = _BINOPS.get(type(op), (None, "?"))
        if name is None:
            return UnknownV(Origin(node, ""))
        python = self.python_binop(node, name, left, right)
        if python is not None:
            return python
        if not _numeric(left) or not _numeric(right):
            return UnknownV(Origin(node, ""))
        if isinstance(left, ScalarV) and isinstance(right, ScalarV):
            kind = "float" if name == "truediv" else left.kind if left.kind == right.kind else None
            result: Value = ScalarV(Origin(node, symbol, f"operator.{name}", (left, right)), kind)
        else:
            result = self.apply_entry(TABLE[f"operator.{name}"], node, [left, right], [lnode, rnode], {}, {})
        result = derived(result, left, right)  # garbage in, garbage out (contents.py)
        self.record(node, symbol, ((lnode, left), (rnode, right)), result)
        return result

    def python_binop(self: Interpreter, node: ast.AST, name: str, left: Value, right: Value) -> Value | None:
        """Integer (dim) arithmetic and tuple concatenation: ``n + 1``, ``X.shape + (1,)``."""
        if isinstance(left, ScalarV) and isinstance(right, ScalarV) and left.dim is not None and right.dim is not None:
            a, b = left.dim, right.dim
            origin = Origin(node, "", f"operator.{name}", (left, right))
            if name == "add":
                return ScalarV(origin, "int", a + b)
            if name == "sub":
                return ScalarV(origin, "int", a - b)
            if name == "mul":
                return ScalarV(origin, "int", a * b)
            if name == "floordiv":
                q = a.exact_div(b)
                if q is None and a.is_const and b.is_const and b.const:
                    q = const_dim(a.const // b.const)
                return ScalarV(origin, "int", q)
            if name == "truediv":
                return ScalarV(origin, "float")
            return ScalarV(origin, "int")
        if isinstance(left, TupleV) and isinstance(right, TupleV) and name == "add":
            return TupleV(Origin(node, ""), left.items + right.items, left.is_list)
        if isinstance(left, TupleV) and isinstance(right, ScalarV) and name == "mul":
            k = right.dim.const if right.dim is not None and right.dim.is_const else None
            if k is not None and 0 <= k <= 64:
                return TupleV(Origin(node, ""), left.items * k, left.is_list)
            return UnknownV(Origin(node, ""))
        if isinstance(left, (TupleV, StrV)) or isinstance(right, (TupleV, StrV)):
            if isinstance(left, TupleV) and isinstance(right, TupleV):
                return UnknownV(Origin(node, ""))
            if not (_numeric(left) and _numeric(right)):
                return UnknownV(Origin(node, ""))
        return None

    def ev_UnaryOp(self: Interpreter, node: ast.UnaryOp) -> Value:
        v = self.ev(node.operand)
        if isinstance(node.op, ast.Not):
            return ScalarV(Origin(node, ""), "bool")
        if isinstance(v, ScalarV):
            if isinstance(node.op, ast.USub):
                const = -v.const if isinstance(v.const, (int, float, complex)) else None
                return ScalarV(Origin(node, "", "operator.neg", (v,)), v.kind, -v.dim if v.dim is not None else None, const)
            return v
        if isinstance(v, ArrayV):
            name = {ast.USub: "neg", ast.UAdd: "pos", ast.Invert: "invert"}[type(node.op)]
            result = derived(self.apply_entry(TABLE[f"operator.{name}"], node, [v], [node.operand], {}, {}), v)
            self.record(node, "-" if name == "neg" else name, ((node.operand, v),), result)
            return result
        return UnknownV(Origin(node, ""))

    def ev_BoolOp(self: Interpreter, node: ast.BoolOp) -> Value:
        values = [self.ev(v) for v in node.values]
        out = values[0]
        for v in values[1:]:
            out = join_values(out, v, self.u, id(node))
        return out

    def ev_Compare(self: Interpreter, node: ast.Compare) -> Value:
        left = self.ev(node.left)
        comparators = [self.ev(c) for c in node.comparators]
        if len(node.ops) == 1 and type(node.ops[0]) in _CMPOPS and isinstance(left, ArrayV | ScalarV) \
                and isinstance(comparators[0], ArrayV | ScalarV) and (isinstance(left, ArrayV) or isinstance(comparators[0], ArrayV)):
            entry = TABLE[f"operator.{_CMPOPS[type(node.ops[0])]}"]
            result = self.apply_entry(entry, node, [left, comparators[0]], [node.left, node.comparators[0]], {}, {})
            symbol = _CMPSYMBOLS[type(node.ops[0])]
            self.record(node, symbol, ((node.left, left), (node.comparators[0], comparators[0])), result)
            return result
        if len(node.ops) == 1 and isinstance(node.ops[0], (ast.Is, ast.IsNot)):
            other = _other_than_none(node.left, left, node.comparators[0], comparators[0])
            if other is not None and _surely_not_none(other):
                # ``if y is None: return scores`` called with labels: only the other branch runs
                return ScalarV(Origin(node, ""), "bool", None, isinstance(node.ops[0], ast.IsNot))
        if len(node.ops) == 1 and type(node.ops[0]) in _DECIDE:
            a, b = left, comparators[0]
            if isinstance(a, ScalarV) and isinstance(b, ScalarV) and a.dim is not None and b.dim is not None:
                ra, rb = self.u.resolve(a.dim), self.u.resolve(b.dim)
                if ra.is_const and rb.is_const:
                    return ScalarV(Origin(node, ""), "bool", None, _DECIDE[type(node.ops[0])](ra.const, rb.const))
        return ScalarV(Origin(node, ""), "bool")

    # -- attributes and subscripts -------------------------------------
    def ev_Attribute(self: Interpreter, node: ast.Attribute) -> Value:
        base = self.ev(node.value)
        return self.attribute(base, node.attr, node)

    def attribute(self: Interpreter, base: Value, attr: str, node: ast.AST) -> Value:
        if isinstance(base, ModuleV):
            return module_attribute(base, attr, node)
        if isinstance(base, ArrayV):
            return self.array_attribute(base, attr, node)
        if isinstance(base, ScalarV):
            if attr in ("T", "real", "imag"):
                return base
            if attr in ("shape",):
                return TupleV(Origin(node, ""), ())
            if attr in METHODS:
                return MethodV(Origin(node, ""), ArrayV(base.origin, Shape(()), base.kind), attr)
            return MethodV(Origin(node, ""), base, attr)
        if isinstance(base, InstanceV):
            field = base.fields.get(attr)
            if field is not None:
                return self.own_sizes(field)
            if base.cls is not None and attr in base.cls.methods:
                fn = base.cls.methods[attr]
                kind = method_kind(fn.node)
                if kind == "property":
                    return UnknownV(Origin(node, "property"))
                if kind == "static":
                    return UserFuncV(fn.origin, fn.node, fn.scope)
                return UserFuncV(fn.origin, fn.node, fn.scope, base.cls if kind == "class" else base)
            return UnknownV(Origin(node, ""))
        if isinstance(base, ClassV):
            if attr in base.methods:
                fn = base.methods[attr]
                if method_kind(fn.node) == "class":
                    return UserFuncV(fn.origin, fn.node, fn.scope, base)
                return fn
            return self.own_sizes(base.fields.get(attr, UnknownV(Origin(node, ""))))
        if isinstance(base, RngV):
            return MethodV(Origin(node, ""), base, attr)
        if isinstance(base, LibFuncV) and attr == "at" and base.qualname in TABLE:
            return LibFuncV(Origin(node, ""), f"{base.qualname}.at")  # np.add.at(a, indices, b): in place
        if isinstance(base, (DictV, TupleV, StrV)):
            return MethodV(Origin(node, ""), base, attr)
        return UnknownV(Origin(node, ""))

    def own_sizes(self: Interpreter, value: Value) -> Value:
        """``value`` read here from another function's field or global: see ``foreign_sizes``."""
        return own_sizes(value, self.frame, self.u)

    def array_attribute(self: Interpreter, base: ArrayV, attr: str, node: ast.AST) -> Value:
        shape = base.shape
        if attr == "shape":
            if shape.variadic:
                return UnknownV(Origin(node, "shape"))
            return TupleV(Origin(node, "shape"), tuple(
                ScalarV(Origin(node, f"{attr}[{i}]"), "int", d) for i, d in enumerate(shape.dims)))
        if attr == "ndim":
            n = shape.rank
            return ScalarV(Origin(node, ""), "int", const_dim(n) if n is not None else None, n)
        if attr == "size":
            if shape.variadic:
                return ScalarV(Origin(node, ""), "int")
            size = const_dim(1)
            for d in shape.dims:
                size = size * d
            return ScalarV(Origin(node, ""), "int", size)
        if attr in ATTRIBUTES:
            result = self.apply_entry(ATTRIBUTES[attr], node, [base], [getattr(node, "value", node)], {}, {})
            self.record(node, f"attr.{attr}", ((getattr(node, "value", node), base),), result)
            return result
        if attr in ("real", "imag"):  # the origin says what it is a part of, as np.real(x) does
            return ArrayV(Origin(node, attr, f"numpy.{attr}", (base,)), shape, "float")
        if attr == "dtype":
            return UnknownV(Origin(node, "dtype"))
        return MethodV(Origin(node, ""), base, attr)

    def ev_Subscript(self: Interpreter, node: ast.Subscript) -> Value:
        base = self.ev(node.value)
        index = node.slice
        parts = list(index.elts) if isinstance(index, ast.Tuple) else [index]
        values = [self.ev(p) for p in parts]
        if isinstance(base, TupleV):
            return self.tuple_item(base, parts, values, node)
        if isinstance(base, LibFuncV) and base.qualname in ("numpy.c_", "numpy.r_"):
            return self.index_trick(base.qualname, node, index, values)
        if isinstance(base, DictV):
            if len(parts) == 1 and isinstance(values[0], StrV) and values[0].value is not None:
                return base.get(values[0].value) or UnknownV(Origin(node, ""))
            return UnknownV(Origin(node, ""))
        if isinstance(base, UnknownV) and base.origin.reason == "shape" and base.origin.node is node.value \
                and len(values) == 1 and isinstance(values[0], ScalarV) and values[0].kind == "int":
            # X.shape[0] of an array of unknown rank: a number we do not know, but a number
            return ScalarV(Origin(node, "shape[i]"), "int")
        if isinstance(base, ArrayV):
            items = [classify(p, v, self.ev) for p, v in zip(parts, values)]
            shape = index_shape(base.shape, items, self.ev, self.u, id(node))
            origin = Origin(node, "", "getitem", (base, *values))
            if shape is None:
                return ArrayV(origin, UNKNOWN_SHAPE, base.dtype, uninit=base.uninit)
            if not shape.dims:
                return ScalarV(origin, base.dtype, uninit=base.uninit)
            return ArrayV(origin, shape, base.dtype, uninit=base.uninit)
        return UnknownV(Origin(node, ""))

    def index_trick(self: Interpreter, qualname: str, node: ast.Subscript, index: ast.expr, values: list[Value]) -> Value:
        """``np.c_[a, b]`` is ``column_stack`` (1-D parts become columns), ``np.r_[a, b]`` joins along
        the first axis: ``hstack`` of vectors and scalars, ``concatenate`` of matrices. Slices and
        string directives (``np.r_['-1', ...]``, ``np.r_[0:5]``) stay unknown."""
        slices = isinstance(index, ast.Slice) or (isinstance(index, ast.Tuple) and any(isinstance(e, ast.Slice) for e in index.elts))
        ranks = [v.shape.rank if isinstance(v, ArrayV) else 0 if isinstance(v, ScalarV) else None for v in values]
        target = None
        if not slices and None not in ranks:
            if qualname == "numpy.c_" and all(r in (1, 2) for r in ranks):
                target = "numpy.column_stack"
            elif qualname == "numpy.r_" and all(r in (0, 1) for r in ranks):
                target = "numpy.hstack"
            elif qualname == "numpy.r_" and all(r == 2 for r in ranks):
                target = "numpy.concatenate"
        if target is None:
            return UnknownV(Origin(node, ""))
        parts = index if isinstance(index, ast.Tuple) else ast.Tuple(elts=[index], ctx=ast.Load())
        seq = TupleV(Origin(node, ""), tuple(values))
        return self.call_library(target, node, [seq], [parts], {}, {})

    def tuple_item(self: Interpreter, base: TupleV, parts: list[ast.expr], values: list[Value], node: ast.AST) -> Value:
        if len(parts) != 1:
            return UnknownV(Origin(node, ""))
        part, v = parts[0], values[0]
        if isinstance(part, ast.Slice):
            lo = self._const_int(part.lower, 0)
            hi = self._const_int(part.upper, len(base.items))
            step = self._const_int(part.step, 1)
            if lo is None or hi is None or step is None or step == 0:
                return UnknownV(Origin(node, ""))
            return TupleV(Origin(node, ""), base.items[lo:hi:step], base.is_list)
        if isinstance(v, ScalarV) and v.dim is not None and v.dim.is_const:
            i = v.dim.const
            if -len(base.items) <= i < len(base.items):
                return base.items[i]
        return UnknownV(Origin(node, ""))

    def _const_int(self: Interpreter, node: ast.expr | None, default: int) -> int | None:
        if node is None:
            return default
        v = self.ev(node)
        if isinstance(v, ScalarV) and v.dim is not None and v.dim.is_const:
            return v.dim.const
        return None

    def ev_Starred(self: Interpreter, node: ast.Starred) -> Value:
        self.ev(node.value)
        return UnknownV(Origin(node, ""))

    def ev_NamedExpr(self: Interpreter, node: ast.NamedExpr) -> Value:
        v = self.ev(node.value)
        self.assign(node.target, v)
        return v

    # -- events -------------------------------------------------------
    def record(self: Interpreter, node: ast.AST, op: str, operands: tuple, result: Value) -> None:
        if not self.quiet:
            self.facts.events.append(OpEvent(node, op, tuple(Operand(n, v) for n, v in operands), result))

    def apply_entry(self: Interpreter, entry, node: ast.AST, args: list[Value], arg_nodes: list[ast.AST],
                    kwargs: dict[str, Value], kw_nodes: dict[str, ast.AST]) -> Value:
        bound: dict[str, Value] = {}
        bound_nodes: dict[str, ast.AST] = {}
        star: list[Value] = []
        star_nodes: list[ast.AST] = []
        params = [p for p in entry.params if p]
        for i, (v, n) in enumerate(zip(args, arg_nodes)):
            if i < len(params):
                bound[params[i]], bound_nodes[params[i]] = v, n
            else:
                star.append(v)
                star_nodes.append(n)
        for k, v in kwargs.items():
            bound[k], bound_nodes[k] = v, kw_nodes[k]
        call = Call(entry, node, self, bound, bound_nodes, star, star_nodes)
        try:
            result = entry.infer(call)
            return derived(result, args[0]) if entry.qualname in VIEWS and args else result
        except (ArithmeticError, ValueError, TypeError, IndexError, KeyError, AttributeError, RecursionError):
            # a model that cannot cope with odd arguments yields unknown, never a crash
            return ArrayV(Origin(node, ""), UNKNOWN_SHAPE, None)


def _numeric(v: Value) -> bool:
    return isinstance(v, (ArrayV, ScalarV, UnknownV, TupleV))  # lists broadcast as arrays


def _other_than_none(left_node: ast.AST, left: Value, right_node: ast.AST, right: Value) -> Value | None:
    """In ``x is None`` / ``None is x``: the value of ``x``."""
    if isinstance(right_node, ast.Constant) and right_node.value is None:
        return left
    if isinstance(left_node, ast.Constant) and left_node.value is None:
        return right
    return None


def _surely_not_none(value: Value) -> bool:
    """A value that cannot be None. Not a declared parameter: a declaration stands in for
    whatever was passed (a ``y=None`` default included), so it proves nothing about None."""
    if isinstance(value.origin.node, ast.arg):
        return False
    return isinstance(value, (ArrayV, ScalarV, TupleV, DictV, StrV, InstanceV))

