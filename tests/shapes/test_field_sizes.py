"""A field read in another method: that method's declared sizes are not the reader's.

``train`` declares ``X: (N, D)`` and stores something built from it; ``predict``
declares its own ``X: (N, D)``. The two ``D`` are separate declarations, so what
``train`` stored has unknown (flexible) sizes in ``predict``, wherever it sits in
the field: the array itself, a dict or tuple or list of arrays, an integer size.
"""

from __future__ import annotations

import textwrap

import pytest

from derivlint.analysis import check_text
from tests.shapes.test_engine_flow import run, shape

TRAIN = '''
import numpy as np


class Net:
    def train(self, X, Y):
        """
        Parameters
        ----------
        X : ndarray of shape (N, D)
        Y : ndarray of shape (N, C)
        """
        W = X.T @ Y
        self.W = W
        self.params = {"W": W, "b": Y.sum(axis=0)}
        self.cache = (W, Y.sum(axis=0))
        self.history = [W]
        self.n_features = X.shape[1]
        self.input_shape = X.shape

    def predict(self, X):
        """
        Parameters
        ----------
        X : ndarray of shape (N, D)
        """
'''


def codes(code: str) -> list[str]:
    return [f.code for f in check_text(code, "case.py").findings]


@pytest.mark.parametrize(
    "body",
    [
        "s = X @ self.W",
        's = X @ self.params["W"] + self.params["b"]',
        "W, b = self.cache\n        s = X @ W + b",
        "s = X @ self.history[0]",
        "s = X @ np.zeros((self.n_features, 4))",
        "s = X + np.zeros(self.input_shape)",
    ],
    ids=["array", "dict", "tuple", "list", "int-size", "shape-tuple"],
)
def test_what_train_stored_fits_predicts_own_declaration(body: str) -> None:
    code = TRAIN + f"        {body}\n        return s\n"
    assert codes(code) == []
    assert shape(run(code), "s").startswith("(N,")


def test_a_container_field_still_carries_its_known_shapes() -> None:
    code = textwrap.dedent(
        """
        import numpy as np

        class Net:
            def __init__(self):
                self.params = {"W": np.zeros((3, 4))}

            def gram(self):
                G = self.params["W"] @ self.params["W"]
                return G
        """
    )
    assert codes(code) == ["S101"]


def test_a_global_another_function_wrote_fits_the_readers_declaration() -> None:
    code = textwrap.dedent(
        '''
        import numpy as np

        W = None

        def fit(X, Y):
            """
            Parameters
            ----------
            X : ndarray of shape (N, D)
            Y : ndarray of shape (N, C)
            """
            global W
            W = X.T @ Y

        def predict(X):
            """
            Parameters
            ----------
            X : ndarray of shape (N, D)
            """
            s = X @ W
            return s
        '''
    )
    assert codes(code) == []
    assert shape(run(code), "s") == "(N, C)"


def test_a_class_attribute_another_method_wrote_fits_the_readers_declaration() -> None:
    code = textwrap.dedent(
        '''
        import numpy as np

        class Registry:
            models = {}

            def fit(self, X, Y):
                """
                Parameters
                ----------
                X : ndarray of shape (N, D)
                Y : ndarray of shape (N, C)
                """
                Registry.models["W"] = X.T @ Y

            def predict(self, X):
                """
                Parameters
                ----------
                X : ndarray of shape (N, D)
                """
                s = X @ Registry.models["W"]
                return s
        '''
    )
    assert codes(code) == []
    assert shape(run(code), "s") == "(N, C)"


def test_module_declared_sizes_stay_rigid_inside_functions() -> None:
    code = textwrap.dedent(
        '''
        import numpy as np

        X = np.load("X.npy")  # shape: (n, d)
        w = np.load("w.npy")  # shape: (n,)

        def predict():
            s = X @ w
            return s
        '''
    )
    assert codes(code) == ["S101"]
