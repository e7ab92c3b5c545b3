"""Modules the engine knows: import aliases resolve to canonical qualified names."""

from __future__ import annotations

import ast

from derivlint.shapes.values import LibFuncV, ModuleV, NoneV, Origin, ScalarV, UnknownV, Value

#: other spellings of numpy whose array API has the same shapes
CANONICAL = {
    "jax.numpy": "numpy",
    "autograd.numpy": "numpy",
    "cupy": "numpy",
    "jax.numpy.linalg": "numpy.linalg",
    "autograd.numpy.linalg": "numpy.linalg",
    "autograd.numpy.random": "numpy.random",
    "cupy.linalg": "numpy.linalg",
    "cupy.random": "numpy.random",
    "jax.scipy.special": "scipy.special",
    "jax.scipy.linalg": "scipy.linalg",
    "numpy.core": "numpy",
}

SUBMODULES = {
    "numpy": {"linalg", "random", "fft", "ma", "testing", "polynomial", "core"},
    "scipy": {"special", "linalg", "stats", "optimize", "sparse", "spatial"},
    "jax": {"numpy", "scipy", "random"},
    "jax.scipy": {"special", "linalg"},
    "autograd": {"numpy"},
    "autograd.numpy": {"linalg", "random"},
}

_FLOAT_CONSTANTS = {"pi", "e", "inf", "nan", "euler_gamma", "Inf", "NaN", "NINF", "PINF"}


def canonical(qualname: str) -> str:
    for prefix in sorted(CANONICAL, key=len, reverse=True):
        if qualname == prefix or qualname.startswith(prefix + "."):
            return CANONICAL[prefix] + qualname[len(prefix):]
    return qualname


def module_value(qualname: str, node: ast.AST | None) -> ModuleV:
    return ModuleV(Origin(node, f"module {qualname}"), canonical(qualname))


def module_attribute(base: ModuleV, attr: str, node: ast.AST) -> Value:
    q = base.qualname
    if attr in SUBMODULES.get(q, ()):
        return module_value(f"{q}.{attr}", node)
    if q == "numpy":
        if attr == "newaxis":
            return NoneV(Origin(node, "np.newaxis"))
        if attr in _FLOAT_CONSTANTS:
            return ScalarV(Origin(node, f"np.{attr}"), "float")
    if not q.split(".")[0] in ("numpy", "scipy"):
        return LibFuncV(Origin(node, ""), f"{q}.{attr}")
    return LibFuncV(Origin(node, ""), canonical(f"{q}.{attr}"))


def import_names(stmt: ast.Import | ast.ImportFrom) -> list[tuple[str, Value]]:
    """The bindings an import statement makes, as (name, value)."""
    out: list[tuple[str, Value]] = []
    if isinstance(stmt, ast.Import):
        for alias in stmt.names:
            if alias.asname:
                out.append((alias.asname, module_value(alias.name, stmt)))
            else:
                top = alias.name.split(".")[0]
                out.append((top, module_value(top, stmt)))
        return out
    if stmt.level or stmt.module is None:
        return [(a.asname or a.name, UnknownV(Origin(stmt, ""))) for a in stmt.names if a.name != "*"]
    base = canonical(stmt.module)
    for alias in stmt.names:
        if alias.name == "*":
            continue
        name = alias.asname or alias.name
        if alias.name in SUBMODULES.get(base, ()) or f"{base}.{alias.name}" in CANONICAL:
            out.append((name, module_value(f"{base}.{alias.name}", stmt)))
        else:
            out.append((name, module_attribute(ModuleV(Origin(stmt, ""), base), alias.name, stmt)))
    return out
