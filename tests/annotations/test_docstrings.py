"""docstring_shapes: one test per dialect, Returns sections, continuations, no noise."""

from __future__ import annotations

import time
from pathlib import Path

from derivlint.annotations.docstrings import ReturnShape, docstring_shapes
from derivlint.annotations.spec import (
    AnyDim,
    BinDim,
    IntDim,
    ShapeSpec,
    SpecError,
    SymDim,
    VarDims,
)


def S(*names: str) -> tuple[SymDim, ...]:
    return tuple(SymDim(name) for name in names)


def dims(spec: ShapeSpec | SpecError | None) -> tuple[object, ...]:
    assert isinstance(spec, ShapeSpec), spec
    return spec.dims


def test_numpydoc_sklearn() -> None:
    doc = """Fit the model.

    Parameters
    ----------
    X : {array-like, sparse matrix} of shape (n_samples, n_features)
        Training data.
    y : array-like of shape (n_samples,) or (n_samples, n_outputs)
        Target values.
    sample_weight : array-like, shape (n_samples,), default=None
        Weights.
    w : (d,) ndarray
    coef : array, shape = [n_features]
    alpha : float, optional
    random_state : int, RandomState instance or None
    callback : callable
        Called with an array of shape (n,) each step.

    Returns
    -------
    loss : float
    grad : ndarray of shape (d,)
        The gradient.
    """
    found = docstring_shapes(doc)
    assert dims(found.params["X"]) == S("n_samples", "n_features")
    assert "y" not in found.params  # "A or B" is either: taking the first was a guess (S103 on a 2-D y)
    assert dims(found.params["sample_weight"]) == S("n_samples")
    assert dims(found.params["w"]) == S("d")
    assert dims(found.params["coef"]) == S("n_features")
    assert dims(found.params["alpha"]) == () and found.params["alpha"].dtype == "float"  # type: ignore[union-attr]
    assert "random_state" not in found.params
    assert dims(found.params["callback"]) == S("n")  # the description counts too
    assert found.param_lines["X"] == 5
    assert [(r.name, r.line) for r in found.returns] == [("loss", 20), ("grad", 21)]
    assert dims(found.returns[0].spec) == ()
    assert dims(found.returns[1].spec) == S("d")


def test_numpydoc_unnamed_returns() -> None:
    doc = """Predict.

    Returns
    -------
    ndarray of shape (n,)
        Predictions.
    float
        The score.
    """
    found = docstring_shapes(doc)
    assert [r.name for r in found.returns] == [None, None]
    assert dims(found.returns[0].spec) == S("n")
    assert dims(found.returns[1].spec) == ()


def test_cs231n_bullets_and_returns_tuple() -> None:
    doc = """
    Structured SVM loss function, naive implementation (with loops).

    Inputs have dimension D, there are C classes, and we operate on minibatches
    of N examples.

    Inputs:
    - W: A numpy array of shape (D, C) containing weights.
    - X: A numpy array of shape (N, D) containing a minibatch of data.
    - y: A numpy array of shape (N,) containing training labels; y[i] = c means
      that X[i] has label c, where 0 <= c < C.
    - reg: (float) regularization strength

    Returns a tuple of:
    - loss as single float
    - gradient with respect to weights W; an array of same shape as W
    """
    found = docstring_shapes(doc)
    assert dims(found.params["W"]) == S("D", "C")
    assert dims(found.params["X"]) == S("N", "D")
    assert dims(found.params["y"]) == S("N")
    assert dims(found.params["reg"]) == ()
    assert found.param_lines["X"] == 9
    loss, grad = found.returns
    assert loss.name is None and dims(loss.spec) == ()
    assert grad == ReturnShape(None, None, same_as="W", line=16)


def test_cs231n_multiline_and_nested_bullets() -> None:
    doc = """Computes the backward pass for an affine layer.

    Inputs:
    - dout: Upstream derivative, of shape (N, M)
    - cache: Tuple of:
      - x: Input data, of shape (N, d_1, ... d_k)
      - w: Weights, of shape (D, M)
    - b: Biases, a numpy array
      of shape (M,)

    Returns a tuple of:
    - dx: Gradient with respect to x, of shape (N, d1, ..., d_k)
    - dw: Gradient with respect to w, of shape (D, M)
    """
    found = docstring_shapes(doc)
    assert set(found.params) == {"dout", "b"}  # nested "x", "w" describe cache's parts
    assert dims(found.params["b"]) == S("M")
    dx, dw = found.returns
    assert dx.name == "dx" and dims(dx.spec) == (
        SymDim("N"),
        SymDim("d1"),
        VarDims(),
        SymDim("d_k"),
    )
    assert dw.name == "dw" and dims(dw.spec) == S("D", "M")


def test_deeplearning_ai() -> None:
    doc = """
    Argument:
    X -- input data of size (n_x, m)
    parameters -- python dictionary containing your parameters (output of initialization function)
                    W1 -- weight matrix of shape (n_h, n_x)
    w -- weights, a numpy array of size (num_px * num_px * 3, 1)
    b -- bias, a scalar

    Returns:
    A2 -- The sigmoid output of the second activation, of shape (1, number of examples)
    cache -- a dictionary containing "Z1", "A1", "Z2" and "A2"
    dw -- gradient of the loss with respect to w, thus same shape as w
    """
    found = docstring_shapes(doc)
    assert dims(found.params["X"]) == S("n_x", "m")
    assert "parameters" not in found.params  # a dict; W1's shape is not its shape
    num_px = SymDim("num_px")
    assert dims(found.params["w"]) == (
        BinDim("*", BinDim("*", num_px, num_px), IntDim(3)),
        IntDim(1),
    )
    assert dims(found.params["b"]) == ()
    a2, cache, dw = found.returns
    assert a2.name == "A2" and dims(a2.spec) == (IntDim(1), AnyDim())  # prose dim keeps rank
    assert cache.name == "cache" and cache.spec is None
    assert dw.name == "dw" and dw.spec is None and dw.same_as == "w"


def test_deeplearning_ai_indented_entries() -> None:
    doc = """Implements forward propagation.

    Arguments:
        X -- data, numpy array of shape (input size, number of examples)
        Y -- true "label" vector (containing 0 if cat, 1 if non-cat), of shape (1, number of examples)
    """
    found = docstring_shapes(doc)
    assert dims(found.params["X"]) == (AnyDim(), AnyDim())
    assert dims(found.params["Y"]) == (IntDim(1), AnyDim())


def test_coursera_ml() -> None:
    doc = """
    Computes the cost function for linear regression.

    Args:
      X (ndarray (m,n)): Data, m examples with n features
      y (ndarray (m,)) : target values
      w (ndarray Shape (n,)) : model parameters
      b (scalar)       : model parameter
      lambda_,alpha (float): regularization and learning rate

    Returns
      total_cost (float): The cost of using w,b as the parameters for linear regression
               to fit the data points in x and y
      f_wb (ndarray (m,)): predictions
    """
    found = docstring_shapes(doc)
    assert dims(found.params["X"]) == S("m", "n")
    assert dims(found.params["y"]) == S("m")
    assert dims(found.params["w"]) == S("n")
    assert dims(found.params["b"]) == ()
    assert dims(found.params["lambda_"]) == () and dims(found.params["alpha"]) == ()
    cost, f_wb = found.returns
    assert cost.name == "total_cost" and dims(cost.spec) == ()
    assert f_wb.name == "f_wb" and dims(f_wb.spec) == S("m")


def test_google_style() -> None:
    doc = """Project the data.

    Args:
        X (np.ndarray): shape (n, d)
        W (np.ndarray): Data of shape (d, k).
        v: A vector
            of shape (k,).
        name (str): a label

    Returns:
        np.ndarray: shape (n, k)

    Raises:
        ValueError: if X has shape (n,).
    """
    found = docstring_shapes(doc)
    assert dims(found.params["X"]) == S("n", "d")
    assert dims(found.params["W"]) == S("d", "k")
    assert dims(found.params["v"]) == S("k")
    assert "name" not in found.params and "ValueError" not in found.params
    (ret,) = found.returns
    assert ret.name is None and dims(ret.spec) == S("n", "k")


def test_google_free_text_returns() -> None:
    found = docstring_shapes(
        "Loss.\n\n    Returns:\n        The loss of the model, an array\n        of shape (n,).\n"
    )
    (ret,) = found.returns
    assert ret.name is None and dims(ret.spec) == S("n") and ret.line == 4
    inline = docstring_shapes("Returns: array of shape (n, k)")
    assert dims(inline.returns[0].spec) == S("n", "k")
    google_named = docstring_shapes("f.\n\nReturn:\n    loss (float): the loss\n")
    assert google_named.returns[0].name == "loss"


def test_other_headers() -> None:
    doc = """f.

    Outputs:
    - out: output, of shape (N, M)

    Parameters:
        X: ndarray of shape (n, d)
    """
    found = docstring_shapes(doc)
    assert dims(found.returns[0].spec) == S("N", "M")
    assert dims(found.params["X"]) == S("n", "d")


def test_broken_shape_is_an_error_only_after_shape() -> None:
    doc = """f.

    Parameters
    ----------
    X : ndarray of shape (n, $)
    Y : ndarray of shape (n, d
    Z : ndarray of size (n, $)
    W : ndarray (weird $ stuff)
    """
    found = docstring_shapes(doc)
    assert isinstance(found.params["X"], SpecError)
    assert isinstance(found.params["Y"], SpecError)
    assert "Z" not in found.params and "W" not in found.params


def test_prose_gives_nothing() -> None:
    doc = """Compute the shape (n, $) of things.

    X: the data, of shape (n, d), but outside any section.
    Note: shape ( is weird here.
    We return a float or a list of arrays of shape (n,).
    """
    found = docstring_shapes(doc)
    assert found.params == {} and found.returns == [] and found.same_as == {}


def test_same_shape_param() -> None:
    found = docstring_shapes("f.\n\nInputs:\n- dout: Upstream derivatives, of same shape as x\n")
    assert found.same_as == {"dout": "x"} and "dout" not in found.params


def test_absurd_docstrings_fail_fast() -> None:
    start = time.perf_counter()
    huge = "f.\n\nArgs:\n    X: of shape (" + "n, " * 5_000_000 + ")\n"
    assert isinstance(docstring_shapes(huge).params.get("X", SpecError("", "")), SpecError)
    deep = "f.\n\nArgs:\n    X: of shape " + "(" * 100_000 + "\n"
    assert isinstance(docstring_shapes(deep).params["X"], SpecError)
    many = "f.\n\nArgs:\n" + "    x: of shape (n,)\n" * 200_000
    assert dims(docstring_shapes(many).params["x"]) == S("n")
    names = "f.\n\nArgs:\n    " + "a, " * 1_000_000 + "b : float\n"
    docstring_shapes(names)
    assert time.perf_counter() - start < 5.0


def test_nothing_is_evaluated(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    doc = f"""f.

    Args:
        X (ndarray): of shape (__import__('os').system('touch {marker}'),)
    """
    assert isinstance(docstring_shapes(doc).params["X"], SpecError)
    assert not marker.exists()


def test_cs231n_cache_tuple_is_not_a_shape() -> None:
    doc = """Affine forward.

    Inputs:
    - x: A numpy array containing input data, of shape (N, d_1, ..., d_k)
    - w: (D, M) array of weights

    Returns a tuple of:
    - out: output, of shape (N, M)
    - cache: (x, w, b)
    """
    found = docstring_shapes(doc)
    assert dims(found.params["w"]) == S("D", "M")
    out, cache = found.returns
    assert dims(out.spec) == S("N", "M")
    assert cache.name == "cache" and cache.spec is None


def test_numpydoc_bare_tuple_type() -> None:
    doc = "f.\n\nParameters\n----------\nX : (n, d)\n    Data.\nc : (x, w) pair\n"
    found = docstring_shapes(doc)
    assert dims(found.params["X"]) == S("n", "d")
    assert "c" not in found.params


def test_underlined_header_with_colon() -> None:
    doc = "f.\n\nReturns:\n--------\nloss : float\ngrad : ndarray of shape (d,)\n"
    found = docstring_shapes(doc)
    assert [r.name for r in found.returns] == ["loss", "grad"]


def test_cs231n_same_shape_and_nested_dict() -> None:
    doc = """Forward pass for batch normalization.

    Input:
    - x: Data of shape (N, D)
    - gamma: Scale parameter of shape (D,)
    - bn_param: Dictionary with the following keys:
      - mode: 'train' or 'test'; required
      - running_mean: Array of shape (D,) giving running mean of features
    - dout: Upstream derivatives, of any shape
    - cache: Input x, of same shape as dout

    Returns a tuple of:
    - out: Output, of the same shape as x
    - loss: Scalar giving the loss
    """
    found = docstring_shapes(doc)
    assert set(found.params) == {"x", "gamma"}
    assert found.same_as == {"cache": "dout"}
    out, loss = found.returns
    assert out.same_as == "x" and out.spec is None
    assert dims(loss.spec) == ()


def test_coursera_entries_at_header_indent() -> None:
    doc = """single predict using linear regression
        Args:
        x (ndarray): Shape (n,) example with multiple features
        w (ndarray): Shape (n,) model parameters
        epochs (int, optional): number of iterations

        Returns:
        p (scalar):  prediction
        dj_dw (ndarray Shape (n,)): The gradient of the cost w.r.t. the parameters w.
        """
    found = docstring_shapes(doc)
    assert dims(found.params["x"]) == S("n") and dims(found.params["w"]) == S("n")
    assert dims(found.params["epochs"]) == () and found.params["epochs"].dtype == "int"  # type: ignore[union-attr]
    p, dj_dw = found.returns
    assert p.name == "p" and dims(p.spec) == ()
    assert dj_dw.name == "dj_dw" and dims(dj_dw.spec) == S("n")


def test_scalar_or_array_declares_nothing() -> None:
    # deeplearning.ai's sigmoid takes "A scalar or numpy array of any size": either, so no shape
    doc = """
    Compute the sigmoid of z

    Arguments:
    z -- A scalar or numpy array of any size.
    x -- scalar or array, the input
    b -- bias, a scalar
    t -- scalar, the temperature
    """
    found = docstring_shapes(doc)
    assert "z" not in found.params and "x" not in found.params
    # Coursera ML: the type names an array, the prose "A scalar, numpy array" cannot make it 0-d
    coursera = docstring_shapes("""
    Args:
        z (ndarray): A scalar, numpy array of any size.
        b (scalar): model parameter
    """)
    assert "z" not in coursera.params and dims(coursera.params["b"]) == ()
    assert dims(found.params["b"]) == () and dims(found.params["t"]) == ()


def test_numpy_ml_backticked_shapes() -> None:
    doc = """
    Parameters
    ----------
    X : :py:class:`ndarray <numpy.ndarray>` of shape `(N, M)`
        A dataset consisting of `N` examples, each of dimension `M`.
    y : :py:class:`ndarray <numpy.ndarray>` of shape `(N, K)`
        The targets for each of the `N` examples in `X`.

    Returns
    -------
    y_pred : :py:class:`ndarray <numpy.ndarray>` of shape `(Z, K)`
        The model predictions.
    """
    found = docstring_shapes(doc)
    assert dims(found.params["X"]) == S("N", "M")
    assert dims(found.params["y"]) == S("N", "K")
    assert dims(found.returns[0].spec) == S("Z", "K")


def test_union_of_shapes_declares_nothing() -> None:
    # sklearn writes "of shape (n_samples,) or (n_samples, n_targets)": either rank, so no shape
    doc = """
    Parameters
    ----------
    y : array-like of shape (n_samples,) or (n_samples, n_targets)
        Target values.
    b_mean : :py:class:`ndarray <numpy.ndarray>` of shape `(M,)` or float
        The prior mean.
    w : ndarray of shape (n_features,) or None
        Initial weights.
    x : ndarray of shape (n, d)
        Or anything else the prose says on the next line.
    """
    found = docstring_shapes(doc)
    assert "y" not in found.params and "b_mean" not in found.params
    assert dims(found.params["w"]) == S("n_features")
    assert dims(found.params["x"]) == S("n", "d")
