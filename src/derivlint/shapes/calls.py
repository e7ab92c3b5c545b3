"""Calls: the numpy table, builtins, and user functions analysed at each call site."""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING

from derivlint.shapes.contents import cleared, handed_over, uninit_of, written
from derivlint.shapes.dims import const_dim
from derivlint.shapes.frames import Frame, join_values
from derivlint.shapes.numpy.table import METHODS, TABLE, Entry, as_array
from derivlint.shapes.reroot import CachedCall, reroot
from derivlint.shapes.shape import UNKNOWN_SHAPE, Shape
from derivlint.shapes.values import (
    ArrayV,
    ClassV,
    DictV,
    InstanceV,
    IterV,
    LibFuncV,
    MethodV,
    NoneV,
    Origin,
    RngV,
    ScalarV,
    StrV,
    TupleV,
    UnknownV,
    UserFuncV,
    Value,
)

if TYPE_CHECKING:
    from derivlint.shapes.interpreter import Interpreter

MAX_DEPTH = 4
_RNG_FACTORIES = {"numpy.random.default_rng", "numpy.random.RandomState", "numpy.random.Generator"}


class CallEval:
    """Mixin of ``Interpreter``."""

    def ev_Call(self: Interpreter, node: ast.Call) -> Value:
        func = self.ev(node.func)
        args: list[Value] = []
        arg_nodes: list[ast.AST] = []
        starred = False
        for a in node.args:
            v = self.ev(a)
            if isinstance(a, ast.Starred):
                starred = True
                inner = self.facts.values.get(a.value) if not self.quiet and not self.entry_pass else None
                inner = inner if inner is not None else self.ev(a.value)
                if isinstance(inner, TupleV):
                    args.extend(inner.items)
                    arg_nodes.extend([a] * len(inner.items))
                    starred = False
                    continue
            args.append(v)
            arg_nodes.append(a)
        kwargs: dict[str, Value] = {}
        kw_nodes: dict[str, ast.AST] = {}
        for kw in node.keywords:
            v = self.ev(kw.value)
            if kw.arg is None:
                starred = True
                continue
            kwargs[kw.arg], kw_nodes[kw.arg] = v, kw.value
        if starred:
            handed_over(self.frame, *args, *kwargs.values())
            return UnknownV(Origin(node, ""))
        return self.call(func, node, args, arg_nodes, kwargs, kw_nodes)

    def call(self: Interpreter, func: Value, node: ast.AST, args: list[Value], arg_nodes: list[ast.AST],
             kwargs: dict[str, Value], kw_nodes: dict[str, ast.AST]) -> Value:
        if isinstance(func, LibFuncV):
            return self.call_library(func.qualname, node, args, arg_nodes, kwargs, kw_nodes)
        if isinstance(func, MethodV):
            return self.call_method(func, node, args, arg_nodes, kwargs, kw_nodes)
        result = self._call_code(func, node, args, arg_nodes, kwargs, kw_nodes)
        builtin = node.func.id if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) else None
        if isinstance(func, (UserFuncV, ClassV, InstanceV)):
            written(self.frame, *args, *kwargs.values())  # user code may fill the arrays it gets
        elif not (isinstance(func, UnknownV) and builtin in _READ_ONLY_BUILTINS):
            handed_over(self.frame, *args, *kwargs.values())
        return result

    def _call_code(self: Interpreter, func: Value, node: ast.AST, args: list[Value], arg_nodes: list[ast.AST],
                   kwargs: dict[str, Value], kw_nodes: dict[str, ast.AST]) -> Value:
        if isinstance(func, UserFuncV):
            return self.call_user(func, node, args, arg_nodes, kwargs, kw_nodes)
        if isinstance(func, ClassV):
            return self.instantiate(func, node, args, arg_nodes, kwargs, kw_nodes)
        if isinstance(func, InstanceV) and func.cls is not None and "__call__" in func.cls.methods:
            m = func.cls.methods["__call__"]
            return self.call_user(UserFuncV(m.origin, m.node, m.scope, func), node, args, arg_nodes, kwargs, kw_nodes)
        if isinstance(func, UnknownV) and isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            return self.call_builtin(node.func.id, node, args, arg_nodes, kwargs)
        return UnknownV(Origin(node, ""))

    def outputs_written(self: Interpreter, entry: Entry, args: list[Value],
                        kwargs: dict[str, Value]) -> tuple[list[Value], dict[str, Value]]:
        """A modelled call's outputs (``out=``, a positional out): written memory from here on."""
        params = [p for p in entry.params if p]
        outs = {i for i, v in enumerate(args) if uninit_of(v) is not None and (i >= len(params) or params[i] == "out")}
        out_kw = kwargs.get("out")
        if not outs and uninit_of(out_kw) is None:
            return args, kwargs
        written(self.frame, *(args[i] for i in outs), out_kw)
        args = [cleared(v) if i in outs else v for i, v in enumerate(args)]
        if out_kw is not None:
            kwargs = {**kwargs, "out": cleared(out_kw)}
        return args, kwargs

    def call_library(self: Interpreter, qualname: str, node: ast.AST, args: list[Value], arg_nodes: list[ast.AST],
                     kwargs: dict[str, Value], kw_nodes: dict[str, ast.AST]) -> Value:
        if qualname in _RNG_FACTORIES:
            return RngV(Origin(node, "rng", qualname))
        if qualname in ("copy.copy", "copy.deepcopy") and len(args) == 1 and not kwargs:
            # Coursera / deeplearning.ai: w = copy.deepcopy(w_in) before the descent loop
            return self._copied(args[0], node, arg_nodes)
        entry = TABLE.get(qualname)
        if entry is None and qualname.endswith(".at") and qualname[:-3] in TABLE:
            # ufunc.at(a, indices, b): a[indices] op= b in place, unbuffered; a is read
            self.record(node, qualname, tuple(zip(arg_nodes, args)), NoneV(Origin(node, "")))
            return NoneV(Origin(node, "", qualname, tuple(args)))
        if entry is None:
            if qualname == "numpy.random.seed":
                return NoneV(Origin(node, ""))
            handed_over(self.frame, *args, *kwargs.values())  # np.copyto, np.fill_diagonal, ...: may write
            return UnknownV(Origin(node, "", qualname, tuple(args)))
        args, kwargs = self.outputs_written(entry, args, kwargs)
        result = self.apply_entry(entry, node, args, arg_nodes, kwargs, kw_nodes)
        operands = tuple(zip(arg_nodes, args)) + tuple((kw_nodes[k], v) for k, v in kwargs.items())
        self.record(node, entry.qualname, operands, result)
        return result

    def _copied(self: Interpreter, value: Value, node: ast.AST, arg_nodes: list[ast.AST]) -> Value:
        """A copy keeps the shape; a copied dict or list is a new container (no alias of the original)."""
        if isinstance(value, ArrayV):
            return self.call_library("numpy.copy", node, [value], arg_nodes[:1], {}, {})
        if isinstance(value, (ScalarV, NoneV, StrV)):
            return value
        if isinstance(value, DictV):
            return DictV(Origin(node, "copy"), value.items)
        if isinstance(value, TupleV):
            return TupleV(Origin(node, "copy"), value.items, value.is_list)
        return UnknownV(Origin(node, ""))

    def call_method(self: Interpreter, func: MethodV, node: ast.AST, args: list[Value], arg_nodes: list[ast.AST],
                    kwargs: dict[str, Value], kw_nodes: dict[str, ast.AST]) -> Value:
        recv, name = func.receiver, func.name
        recv_node = node.func.value if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) else node
        if isinstance(recv, RngV):
            legacy = f"numpy.random.{name}"
            if recv.origin.func == "numpy.random.RandomState" and legacy in TABLE:
                # a RandomState's methods are the legacy functions (rng.randn, rng.randint, ...)
                return self.call_library(legacy, node, args, arg_nodes, kwargs, kw_nodes)
            return self.call_library(f"rng.{name}", node, args, arg_nodes, kwargs, kw_nodes)
        if isinstance(recv, (TupleV, DictV)) and name in _MUTATING_METHODS and isinstance(recv_node, (ast.Name, ast.Attribute)):
            # ``out = []`` then ``out.append(row)`` in a loop: the known items no longer hold
            self.assign(recv_node, UnknownV(Origin(recv_node, "mutated")), declared_check=False, record=False)
            return UnknownV(Origin(node, ""))
        if isinstance(recv, DictV):
            if name == "get" and args and isinstance(args[0], StrV) and args[0].value is not None:
                return recv.get(args[0].value) or (args[1] if len(args) > 1 else NoneV(Origin(node, "")))
            return UnknownV(Origin(node, ""))
        if isinstance(recv, ArrayV) or (isinstance(recv, ScalarV) and name in METHODS):
            arr = recv if isinstance(recv, ArrayV) else ArrayV(recv.origin, Shape(()), recv.kind)
            if name == "astype":
                dtype = _dtype_name(args[0] if args else kwargs.get("dtype"), arg_nodes[0] if arg_nodes else None)
                return ArrayV(Origin(node, "", "numpy.astype", (arr,)), arr.shape, dtype)
            if name in ("item",):
                return ScalarV(Origin(node, ""), arr.dtype)
            if name == "resize" and isinstance(recv_node, (ast.Name, ast.Attribute)):
                from derivlint.shapes.numpy.table import size_dims

                dims = size_dims(args[0]) if len(args) == 1 else size_dims(TupleV(Origin(node, ""), tuple(args)))
                new = ArrayV(Origin(node, "resized"), Shape(dims) if dims else UNKNOWN_SHAPE, arr.dtype)
                self.assign(recv_node, new, declared_check=False, record=False)
                return NoneV(Origin(node, ""))
            if name in ("fill", "sort"):
                written(self.frame, recv)
                return NoneV(Origin(node, ""))
            if name == "tolist":
                return UnknownV(Origin(node, ""))
            entry = METHODS.get(name)
            if entry is None:
                handed_over(self.frame, recv, *args, *kwargs.values())  # put, itemset, ...: may write
                return UnknownV(Origin(node, ""))
            if name in ("transpose", "reshape") and len(args) > 1 and not isinstance(args[0], TupleV):
                # x.reshape(n, d) / x.transpose(1, 0): sizes given as separate arguments
                args = [TupleV(Origin(node, ""), tuple(args))]
                arg_nodes = arg_nodes[:1]
            full, kwargs = self.outputs_written(entry, [arr, *args], kwargs)
            arr, args = full[0], full[1:]  # type: ignore[assignment]
            result = self.apply_entry(entry, node, [arr, *args], [recv_node, *arg_nodes], kwargs, kw_nodes)
            operands = ((recv_node, arr),) + tuple(zip(arg_nodes, args)) + tuple((kw_nodes[k], v) for k, v in kwargs.items())
            self.record(node, entry.qualname, operands, result)
            return result
        handed_over(self.frame, *args, *kwargs.values())  # list.append(S) and the like: not followed
        return UnknownV(Origin(node, ""))

    def call_builtin(self: Interpreter, name: str, node: ast.AST, args: list[Value], arg_nodes: list[ast.AST],
                     kwargs: dict[str, Value]) -> Value:
        origin = Origin(node, name, f"builtins.{name}", tuple(args))
        first = args[0] if args else None
        if name == "len" and first is not None:
            if isinstance(first, TupleV):
                return ScalarV(origin, "int", const_dim(len(first.items)))
            a = as_array(first) if isinstance(first, ArrayV) else None
            if a is not None and a.shape.dims and not a.shape.variadic:
                return ScalarV(origin, "int", a.shape.dims[0])
            return ScalarV(origin, "int", self.u.anon((id(node), "len"), ""))
        if name == "range":
            bounds = [a.dim if isinstance(a, ScalarV) else None for a in args]
            length = None
            if len(bounds) == 1:
                length = bounds[0]
            elif len(bounds) == 2 and None not in bounds:
                length = bounds[1] - bounds[0]  # type: ignore[operator]
            return IterV(origin, ScalarV(Origin(node, ""), "int", self.u.anon((id(node), "i"), "")), length)
        if name == "enumerate" and first is not None:
            return IterV(origin, TupleV(origin, (ScalarV(origin, "int"), self.element_of(first, node))))
        if name == "zip" and args:
            return IterV(origin, TupleV(origin, tuple(self.element_of(a, node) for a in args)))
        if name in ("int", "round") and len(args) <= 1:
            if isinstance(first, ScalarV) and first.dim is not None:
                return first
            return ScalarV(origin, "int")
        if name == "float":
            return ScalarV(origin, "float")
        if name == "bool" or name == "isinstance" or name == "callable" or name == "hasattr":
            return ScalarV(origin, "bool")
        if name in ("str", "repr", "format"):
            return StrV(origin)
        if name in ("print", "setattr", "delattr"):
            return NoneV(origin)
        if name in ("tuple", "list") and isinstance(first, TupleV):
            return TupleV(origin, first.items, name == "list")
        if name == "abs" and isinstance(first, (ArrayV, ScalarV)):
            return self.call_library("numpy.abs", node, args, arg_nodes, {}, {})
        if name == "sum" and isinstance(first, ArrayV) and len(args) == 1:
            # builtin sum iterates over the first axis
            return self.call_library("numpy.sum", node, [first, ScalarV(origin, "int", const_dim(0))],
                                     [arg_nodes[0], node], {}, {})
        if name in ("max", "min") and len(args) >= 2 and all(isinstance(a, ScalarV) for a in args):
            return ScalarV(origin, args[0].kind)  # type: ignore[union-attr]
        if name == "getattr" and len(args) >= 2 and isinstance(args[1], StrV) and args[1].value:
            return self.attribute(args[0], args[1].value, node)
        if name == "super":
            return self.super_of(args, origin)
        return UnknownV(origin)

    def super_of(self: Interpreter, args: list[Value], origin: Origin) -> Value:
        """``super()`` in a method (or ``super(C, self)``): the instance seen through the parent classes.

        The view shares the instance's fields, so what a parent's ``__init__`` sets on
        ``self`` is there for the subclass's methods.
        """
        if len(args) == 2 and isinstance(args[0], ClassV) and isinstance(args[1], InstanceV):
            owner, inst = args[0], args[1]
        elif not args and isinstance(self.frame.func, (ast.FunctionDef, ast.AsyncFunctionDef)) and self.frame.func.args.args:
            inst = self.frame.env.get(self.frame.func.args.args[0].arg)  # type: ignore[assignment]
            if not isinstance(inst, InstanceV) or inst.cls is None:
                return UnknownV(origin)
            owner = _defining_class(inst.cls, self.frame.func)  # type: ignore[assignment]
            if owner is None:
                return UnknownV(origin)
        else:
            return UnknownV(origin)
        methods: dict[str, UserFuncV] = {}
        for base in reversed(owner.bases):  # the first base wins, as in a simple MRO
            methods.update(base.methods)
        if not methods:
            return UnknownV(origin)
        view = ClassV(owner.origin, owner.bases[0].node, methods, {}, owner.bases)
        return InstanceV(origin, view, inst.fields)

    def element_of(self: Interpreter, iterable: Value, node: ast.AST) -> Value:
        """The value bound by ``for x in iterable``."""
        if isinstance(iterable, IterV):
            return iterable.item
        if isinstance(iterable, ArrayV):
            # rows are views: ``for row in S: row[:] = ...`` writes S (contents.py)
            uninit = iterable.uninit
            if iterable.shape.variadic or not iterable.shape.dims:
                return ArrayV(Origin(node, ""), UNKNOWN_SHAPE, iterable.dtype, uninit=uninit)
            rest = iterable.shape.dims[1:]
            if not rest:
                return ScalarV(Origin(node, "element"), iterable.dtype, uninit=uninit)
            return ArrayV(Origin(node, "row", "getitem", (iterable,)), Shape(rest), iterable.dtype, uninit=uninit)
        if isinstance(iterable, TupleV) and iterable.items:
            out = iterable.items[0]
            for item in iterable.items[1:]:
                out = join_values(out, item, self.u, (id(node), "elem"))
            return out
        return UnknownV(Origin(node, ""))

    # -- user code ----------------------------------------------------
    def call_user(self: Interpreter, fn: UserFuncV, node: ast.AST, args: list[Value], arg_nodes: list[ast.AST],
                  kwargs: dict[str, Value], kw_nodes: dict[str, ast.AST]) -> Value:
        fnode = fn.node
        if fnode is None:
            return UnknownV(Origin(node, ""))
        if fn.bound_self is not None:
            args = [fn.bound_self, *args]
            arg_nodes = [node, *arg_nodes]
        key = None
        if self.depth >= MAX_DEPTH or fnode in self.active:
            return UnknownV(Origin(node, "recursion or depth limit"))
        simple = all(_memo_key(v) is not None for v in [*args, *kwargs.values()])
        if simple:
            key = (id(fnode), tuple(_memo_key(v) for v in args),
                   tuple(sorted((k, _memo_key(v)) for k, v in kwargs.items())))
            # a result from a recording run serves both modes; one from a quiet
            # (loop fixpoint) pass serves only quiet passes, whose facts are dropped
            # (a loop's first pass records events but not hover values: its results are quiet ones)
            partial = self.quiet or self.entry_pass
            cached = self.call_cache.get(key)
            if cached is None and partial:
                cached = self.quiet_cache.get(key)
            if cached is not None:
                rerooted = reroot(cached, _flat_args(args, kwargs))
                if rerooted is not None:
                    return rerooted
        result = self.run_function(fn, node, args, arg_nodes, kwargs, kw_nodes, rigid=False)
        bound_env = self.bound_params.pop(fnode, {})
        if key is not None:
            flat = _flat_args(args, kwargs)
            names = [p.arg for p in (*fnode.args.posonlyargs, *fnode.args.args)]  # type: ignore[union-attr]
            keys = names[: len(args)] + [None] * (len(args) - len(names)) + sorted(kwargs)
            bound = tuple(bound_env.get(k, a) if k is not None else a for k, a in zip(keys, flat))
            (self.quiet_cache if partial else self.call_cache)[key] = CachedCall(result, flat, bound)
        if not self.quiet:
            self.called.add(fnode)
        self._forget_mutated(fnode, arg_nodes, args)
        name = getattr(fnode, "name", "lambda")
        self.record(node, f"user.{name}", tuple(zip(arg_nodes, args)), result)
        return result

    def _forget_mutated(self: Interpreter, fnode: ast.AST, arg_nodes: list[ast.AST], args: list[Value]) -> None:
        """A dict or list the callee writes into is unknown afterwards (we do not follow it)."""
        if not any(isinstance(a, (DictV, TupleV)) for a in args):
            return
        mutated = self.mutated_params.get(fnode)
        if mutated is None:
            mutated = self.mutated_params[fnode] = _mutated_params(fnode)
        params = [p.arg for p in (*fnode.args.posonlyargs, *fnode.args.args)]  # type: ignore[union-attr]
        for i, (n, v) in enumerate(zip(arg_nodes, args)):
            if isinstance(v, (DictV, TupleV)) and isinstance(n, ast.Name) and i < len(params) and params[i] in mutated:
                self.frame.env[n.id] = UnknownV(Origin(n, ""))

    def instantiate(self: Interpreter, cls: ClassV, node: ast.AST, args: list[Value], arg_nodes: list[ast.AST],
                    kwargs: dict[str, Value], kw_nodes: dict[str, ast.AST]) -> Value:
        inst = InstanceV(Origin(node, f"instance of {getattr(cls.node, 'name', '?')}"), cls, {})
        init = cls.methods.get("__init__")
        if init is not None:
            self.call_user(UserFuncV(init.origin, init.node, init.scope, inst), node, args, arg_nodes, kwargs, kw_nodes)
        return inst

    def new_frame(self: Interpreter, fn: UserFuncV, rigid: bool) -> Frame:
        parent = fn.scope if isinstance(fn.scope, Frame) else self.module_frame
        return Frame("function", parent, rigid=rigid, func=fn.node)


#: builtins that never write into an array they are given (``enumerate``/``zip`` rows are views,
#: followed by ``element_of``)
_READ_ONLY_BUILTINS = frozenset({
    "len", "print", "isinstance", "range", "enumerate", "zip", "type", "id", "repr", "str", "format",
    "sum", "abs", "max", "min", "float", "int", "bool", "round", "hasattr", "callable",
})

_MUTATING = frozenset({"append", "extend", "insert", "pop", "update", "setdefault", "clear", "remove"})
_MUTATING_METHODS = _MUTATING | {"sort", "reverse", "popitem"}


def _mutated_params(fnode: ast.AST) -> frozenset[str]:
    """Names the function writes items into (``d[k] = v``, ``d.update(...)``, ``l.append(...)``)."""
    names: set[str] = set()
    for n in ast.walk(fnode):
        if isinstance(n, ast.Subscript) and isinstance(n.ctx, (ast.Store, ast.Del)) and isinstance(n.value, ast.Name):
            names.add(n.value.id)
        elif isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr in _MUTATING \
                and isinstance(n.func.value, ast.Name):
            names.add(n.func.value.id)
    return frozenset(names)


def _flat_args(args: list[Value], kwargs: dict[str, Value]) -> tuple[Value, ...]:
    """Positional arguments, then keyword arguments by name: the order of the memo key."""
    return (*args, *(kwargs[k] for k in sorted(kwargs)))


def _memo_key(v: Value) -> object | None:
    if isinstance(v, ArrayV):
        return ("a", v.shape, v.dtype, v.uninit)
    if isinstance(v, ScalarV):
        return ("s", v.kind, v.dim, v.const if isinstance(v.const, (int, float, bool)) else None, v.uninit)
    if isinstance(v, (NoneV, StrV)):
        return ("n", getattr(v, "value", None))
    if isinstance(v, TupleV):
        items = tuple(_memo_key(i) for i in v.items)
        return None if any(i is None for i in items) else ("t", items)
    if isinstance(v, (LibFuncV, UnknownV)):
        return ("u", getattr(v, "qualname", None))
    return None


def _dtype_name(v: Value | None, node: ast.AST | None) -> str | None:
    text = ""
    if isinstance(v, StrV) and v.value:
        text = v.value
    elif isinstance(v, LibFuncV):
        text = v.qualname
    elif node is not None:
        text = ast.unparse(node)
    text = text.lower()
    for kind in ("bool", "complex", "int", "float"):
        if kind in text:
            return kind
    return None


def _defining_class(cls: ClassV, func: ast.AST) -> ClassV | None:
    """The class in ``cls``'s hierarchy whose body defines the method ``func``."""
    todo, seen = [cls], set()
    while todo:
        c = todo.pop(0)
        if id(c) in seen:
            continue
        seen.add(id(c))
        if c.node is not None and any(s is func for s in c.node.body):
            return c
        todo.extend(c.bases)
    return None
