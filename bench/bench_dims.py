"""Why dims are not sympy: the same workload on ``Dim`` and on sympy symbols.

The workload is what the engine does on every expression: build affine dims
(``n+1``, ``2*d``), products for reshapes (``n*d``), and equality checks.
Prints a table: seconds per representation and the ratio.

    python bench/bench_dims.py [--rounds N]
"""

from __future__ import annotations

import argparse
import time


def workload_dim(rounds: int) -> int:
    from derivlint.shapes.dims import Dim, Sym, compare, const_dim

    n, d, k = (Dim.of(Sym(x, True)) for x in "ndk")
    hits = 0
    for i in range(rounds):
        a = n + const_dim(i % 7)
        b = d * const_dim(2) + const_dim(1)
        c = n * d
        e = (a - const_dim(i % 7)) * d
        hits += compare(c, e) is True
        hits += compare(a, b) is False
        hits += compare(k + const_dim(1), k) is False
    return hits


def workload_sympy(rounds: int) -> int:
    import sympy

    n, d, k = sympy.symbols("n d k", positive=True, integer=True)
    hits = 0
    for i in range(rounds):
        a = n + (i % 7)
        b = d * 2 + 1
        c = n * d
        e = sympy.expand((a - (i % 7)) * d)
        hits += sympy.simplify(c - e) == 0
        hits += sympy.simplify(a - b) != 0
        hits += sympy.simplify(k + 1 - k) != 0
    return hits


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=300)
    args = parser.parse_args()
    rows = []
    for name, fn in (("derivlint Dim", workload_dim), ("sympy", workload_sympy)):
        start = time.perf_counter()
        fn(args.rounds)
        rows.append((name, time.perf_counter() - start))
    base = rows[0][1]
    print(f"| representation | seconds ({args.rounds} rounds) | ratio vs Dim |")
    print("|---|---|---|")
    for name, secs in rows:
        print(f"| {name} | {secs:.4f} | {secs / base:.1f}x |")


if __name__ == "__main__":
    main()
