"""markdown_shapes: LaTeX set-membership declarations in markdown cells."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from derivlint.annotations.markdown import markdown_shapes
from derivlint.annotations.spec import AnyDim, BinDim, IntDim, ShapeSpec, SpecError, SymDim

n, d, k = SymDim("n"), SymDim("d"), SymDim("k")


def one(md: str) -> tuple[str, tuple[object, ...]]:
    (decl,) = markdown_shapes(md)
    assert isinstance(decl.spec, ShapeSpec), decl.spec
    return decl.name, decl.spec.dims


@pytest.mark.parametrize(
    ("md", "name", "dims"),
    [
        (r"$X \in \mathbb{R}^{n \times d}$", "X", (n, d)),
        (r"$w \in \mathbb{R}^d$", "w", (d,)),
        (r"$\mathbf{X} \in \mathbb{R}^{n\times d}$", "X", (n, d)),
        (r"$\boldsymbol{\mu} \in \mathbb R^{k}$", "mu", (k,)),
        (r"$\Sigma \in \mathbb{R}^{d \times d}$", "Sigma", (d, d)),
        (r"$y\in\R^{n}$", "y", (n,)),
        (r"$X \in \mathbb{R}^{N \times D}$", "X", (SymDim("N"), SymDim("D"))),
        (r"$x ∈ ℝ^{n}$", "x", (n,)),
        (r"$\mathbf{W}_1 \in \mathbb{R}^{d \times k}$", "W1", (d, k)),
        (r"$W_1 \in \mathbb{R}^{d \times k}$", "W1", (d, k)),
        (r"$W_{1} \in \mathbb{R}^{d \times k}$", "W1", (d, k)),
        (r"$W^{[2]} \in \mathbb{R}^{d \times k}$", "W2", (d, k)),
        (r"$\mu_k \in \mathbb{R}^{d}$", "mu_k", (d,)),
        (r"$\hat{y} \in \mathbb{R}^{n}$", "y_hat", (n,)),
        (r"$\lambda \in \mathbb{R}$", "lambda_", ()),
        (r"$\sigma \in \mathbb{R}_{+}$", "sigma", ()),
        (r"$c \in \mathbb{R}^+$", "c", ()),
        (r"$v \in \mathbb{R}^{3}$", "v", (IntDim(3),)),
        (r"$z \in \mathbb{R}^{n, d}$", "z", (n, d)),
    ],
)
def test_declarations(md: str, name: str, dims: tuple[object, ...]) -> None:
    assert one(md) == (name, dims)


def test_latex_dims() -> None:
    assert one(r"$\theta \in \mathbb{R}^{n+1}$")[1] == (BinDim("+", n, IntDim(1)),)
    assert one(r"$Z \in \mathbb{R}^{(n+1) \times 2d}$")[1] == (
        BinDim("+", n, IntDim(1)),
        BinDim("*", IntDim(2), d),
    )
    assert one(r"$A \in \mathbb{R}^{d_{in} \times d_{out}}$")[1] == (
        SymDim("d_in"),
        SymDim("d_out"),
    )
    assert one(r"$A \in \mathbb{R}^{n_{\text{samples}} \times d}$")[1] == (SymDim("n_samples"), d)
    assert one(r"$H \in \mathbb{R}^{n \times d^2}$")[1] == (n, BinDim("*", d, d))
    assert one(r"$F \in \mathbb{R}^{h \cdot w}$")[1] == (BinDim("*", SymDim("h"), SymDim("w")),)
    assert one(r"$K \in \mathbb{R}^{n \times \frac{n}{2}}$")[1] == (n, AnyDim())  # rank kept


def test_positions_and_several_per_line() -> None:
    md = (
        "Data:\n"
        + r"Let $X \in \mathbb{R}^{n \times d}$, $y \in \mathbb{R}^n$ and $X, Y \in \R^{k}$."
    )
    decls = markdown_shapes(md)
    line = md.split("\n")[1]
    assert [(x.name, x.line, x.col) for x in decls] == [
        ("X", 2, line.index("X")),
        ("y", 2, line.index("y")),
        ("X", 2, line.index("X, Y")),
        ("Y", 2, line.index("Y \\in")),
    ]
    assert decls[0].spec.text == r"\mathbb{R}^{n \times d}"


@pytest.mark.parametrize(
    "md",
    [
        r"$x^{(i)} \in \mathbb{R}^{d}$",  # one example, not a variable
        r"$\int f \, dx$ and $\infty$",
        r"$x \notin \mathbb{R}^{n}$",
        r"$i \in \{1, \dots, n\}$",
        "no math here at all",
        r"$A = \in$",
    ],
)
def test_not_declarations(md: str) -> None:
    assert markdown_shapes(md) == []


def test_broken_declarations_are_errors() -> None:
    decls = markdown_shapes(r"$Q \in \mathbb{R}^{n \times$ and $P \in \mathbb{R}^{n \times}$")
    assert [x.name for x in decls] == ["Q", "P"]
    assert all(isinstance(x.spec, SpecError) for x in decls)
    assert "never closed" in decls[0].spec.message  # type: ignore[union-attr]
    assert decls[1].spec.text == r"\mathbb{R}^{n \times}"


def test_absurd_markdown_is_fast() -> None:
    start = time.perf_counter()
    assert len(markdown_shapes(r"$x \in \mathbb{R}^{n}$ " * 500_000)) == 500
    assert markdown_shapes("a" * 10_000_000 + r" \in \mathbb{R}^{n}") == []
    (deep,) = markdown_shapes(r"x \in \mathbb{R}^{" + "{" * 100_000)
    assert isinstance(deep.spec, SpecError)
    (wide,) = markdown_shapes(r"x \in \mathbb{R}^{" + r"n \times " * 100_000 + "}")
    assert isinstance(wide.spec, SpecError)
    assert markdown_shapes(r"\in \in \in" * 1_000_000) == []
    assert time.perf_counter() - start < 2.0


def test_nothing_is_evaluated(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    md = rf"$X \in \mathbb{{R}}^{{__import__('os').system('touch {marker}')}}$"
    (decl,) = markdown_shapes(md)
    assert isinstance(decl.spec, SpecError)
    assert not marker.exists()


@pytest.mark.parametrize(
    "md",
    [
        r"$X W \in \mathbb{R}^{n \times g^2}$",  # a product, not a declaration of W
        r"$A_t A_t^\top \in \mathbb{R}^{m \times m}$",
        r"$H = X (X^\top X)^{-1} X^\top \in \mathbb{R}^{n \times n}$",
        r"$Xw \in \mathbb{R}^{n}$",
        r"$\mathbf{X}\mathbf{w} \in \mathbb{R}^{n}$",
    ],
)
def test_products_declare_nothing(md: str) -> None:
    assert markdown_shapes(md) == []


def test_declaration_boundaries() -> None:
    assert one(r"where $W \in \mathbb{R}^{d \times k}$")[0] == "W"
    assert one(r"$\text{where } W \in \mathbb{R}^{d}$")[0] == "W"
    assert one(r"$$\quad W \in \mathbb{R}^{d}$$")[0] == "W"
    assert one(r"given, $W \in \mathbb{R}^{d}$")[0] == "W"
    assert [x.name for x in markdown_shapes(r"$\mu_0, \mu_1 \in \mathbb{R}^{k}$")] == [
        "mu0",
        "mu1",
    ]
    assert [x.name for x in markdown_shapes(r"$\Sigma_0, \Sigma_1 \in \mathbb{R}^{k}$")] == [
        "Sigma0",
        "Sigma1",
    ]
    assert [x.name for x in markdown_shapes(r"$x^{(i)}, y \in \mathbb{R}^{k}$")] == ["y"]


def test_integer_sets() -> None:
    for md in (r"$y \in \{0, 1\}^n$", r"$y \in \{0, \dots, k-1\}^{n}$", r"$y \in \mathbb{Z}^n$"):
        (decl,) = markdown_shapes(md)
        assert isinstance(decl.spec, ShapeSpec), md
        assert decl.name == "y" and decl.spec.dims == (n,) and decl.spec.dtype == "int"
    (count,) = markdown_shapes(r"$k \in \mathbb{N}$")
    assert isinstance(count.spec, ShapeSpec) and count.spec.dims == () and count.spec.dtype == "int"
    assert markdown_shapes(r"$i \in \{1, \dots, n\}$") == []
