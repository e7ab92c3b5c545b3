"""jaxtyping_spec: dtype names, qualified names, string annotations, non-shapes."""

from __future__ import annotations

import ast
import time
from pathlib import Path

import pytest

from derivlint.annotations.jaxtyping import jaxtyping_spec
from derivlint.annotations.spec import IntDim, ShapeSpec, SpecError, SymDim, VarDims


def spec_of(annotation: str) -> ShapeSpec | SpecError | None:
    return jaxtyping_spec(ast.parse(annotation, mode="eval").body)


@pytest.mark.parametrize(
    ("annotation", "dtype"),
    [
        ('Float[np.ndarray, "n d"]', "float"),
        ('Float[Array, "n d"]', "float"),
        ('jaxtyping.Float[np.ndarray, "n d"]', "float"),
        ('jt.Float64[np.ndarray, "n d"]', "float"),
        ('Float32[torch.Tensor, "n d"]', "float"),
        ('Shaped[np.ndarray, "n d"]', None),
        ('Int[np.ndarray, "n d"]', "int"),
        ('Int64[np.ndarray, "n d"]', "int"),
        ('UInt8[np.ndarray, "n d"]', "int"),
        ('Integer[np.ndarray, "n d"]', "int"),
        ('Bool[np.ndarray, "n d"]', "bool"),
        ('Num[np.ndarray, "n d"]', None),
        ('Real[np.ndarray, "n d"]', None),
        ('Complex[np.ndarray, "n d"]', None),
        ('Complex128[np.ndarray, "n d"]', None),
    ],
)
def test_dtype_names(annotation: str, dtype: str | None) -> None:
    spec = spec_of(annotation)
    assert isinstance(spec, ShapeSpec)
    assert spec.dims == (SymDim("n"), SymDim("d"))
    assert spec.dtype == dtype
    assert spec.text == "n d"


def test_dims_forms() -> None:
    spec = spec_of('Float[np.ndarray, "*batch k 3"]')
    assert isinstance(spec, ShapeSpec)
    assert spec.dims == (VarDims("batch"), SymDim("k"), IntDim(3))
    scalar = spec_of('Float[np.ndarray, ""]')
    assert isinstance(scalar, ShapeSpec) and scalar.dims == ()


def test_scalar_is_a_dim_name_in_jaxtyping() -> None:
    spec = spec_of('Float[np.ndarray, "scalar"]')
    assert isinstance(spec, ShapeSpec) and spec.dims == (SymDim("scalar"),)


@pytest.mark.parametrize(
    "annotation",
    [
        "\"Float[np.ndarray, 'n d']\"",
        "\"jaxtyping.Float[np.ndarray, 'n d']\"",
        "'Float[Array, \"n d\"]'",
    ],
)
def test_string_annotation(annotation: str) -> None:
    spec = spec_of(annotation)
    assert isinstance(spec, ShapeSpec)
    assert spec.dims == (SymDim("n"), SymDim("d")) and spec.dtype == "float"


@pytest.mark.parametrize(
    "annotation",
    [
        'Float[np.ndarray, "n d"] | None',
        'Optional[Float[np.ndarray, "n d"]]',
        'Annotated[Float[np.ndarray, "n d"], "design matrix"]',
    ],
)
def test_wrappers_are_unwrapped(annotation: str) -> None:
    spec = spec_of(annotation)
    assert isinstance(spec, ShapeSpec) and spec.dims == (SymDim("n"), SymDim("d"))


@pytest.mark.parametrize(
    "annotation",
    [
        "int",
        "np.ndarray",
        "list[int]",
        "dict[str, np.ndarray]",
        "Optional[int]",
        "int | None",
        "int | str",
        "'int'",
        "'np.ndarray'",
        "'not valid python ('",
        "\"'nested string'\"",
        "FloatList[int, 'n']",
        "Float[np.ndarray, dims]",  # computed dims: nothing to read
        "Float[np.ndarray, f'{n} d']",
        "None",
    ],
)
def test_not_jaxtyping(annotation: str) -> None:
    assert spec_of(annotation) is None


@pytest.mark.parametrize(
    ("annotation", "hint"),
    [
        ('Float[np.ndarray, "n, d"]', "spaces, not commas"),
        ('Float[np.ndarray, "(n, d)"]', "'n d'"),
        ('Float[np.ndarray, "n $ d"]', "'$'"),
        ('Float[np.ndarray, "*a *b"]', "at most one"),
        ('Float[np.ndarray, "n + 1"]', "without spaces"),
        ("Float[np.ndarray]", "two arguments"),
        ('Float[np.ndarray, "n", "d"]', "two arguments"),
        ("'Float[np.ndarray, \"n d\"'", "not valid Python"),
        ("'Float[np.ndarray, \"n ^ d\"]'", "'^'"),
    ],
)
def test_errors(annotation: str, hint: str) -> None:
    spec = spec_of(annotation)
    assert isinstance(spec, SpecError), spec
    assert hint in spec.message


def test_absurd_string_annotations_fail_fast() -> None:
    start = time.perf_counter()
    huge = ast.Constant("Float[np.ndarray, '" + "n " * 5_000_000 + "']")
    assert isinstance(jaxtyping_spec(huge), SpecError)
    deep = ast.Constant("Float[np.ndarray, " + "(" * 400 + "'n'" + ")" * 400 + "]")
    assert isinstance(jaxtyping_spec(deep), SpecError)
    dims = ast.parse('Float[np.ndarray, "' + "(" * 1000 + '"]', mode="eval").body
    assert isinstance(jaxtyping_spec(dims), SpecError)
    assert jaxtyping_spec(ast.Constant("x" * 10_000_000)) is None
    assert time.perf_counter() - start < 1.0


def test_nothing_is_evaluated(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    payload = f"__import__('os').system('touch {marker}')"
    assert jaxtyping_spec(ast.Constant(payload)) is None
    node = ast.parse(f'Float[np.ndarray, "{payload}"]', mode="eval").body
    assert isinstance(jaxtyping_spec(node), SpecError)
    node = ast.parse(f"Float[{payload}, 'n']", mode="eval").body
    assert isinstance(jaxtyping_spec(node), ShapeSpec)  # the array type is never looked at
    assert not marker.exists()


def test_deep_annotation_trees_do_not_recurse() -> None:
    optional = ast.parse("Float[A, 'n']" + " | None" * 900, mode="eval").body
    assert jaxtyping_spec(optional) is None  # too many wrappers to be a real annotation
    chain = ast.parse("a" + ".b" * 900 + ".Float[A, 'n']", mode="eval").body
    assert isinstance(jaxtyping_spec(chain), ShapeSpec)
    assert jaxtyping_spec(ast.parse("f().Float[A, 'n']", mode="eval").body) is None
