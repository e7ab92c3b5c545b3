"""How a method is bound: ``@staticmethod`` has no receiver, ``@classmethod`` gets the class,
``@property`` is read as an attribute (its value is not followed)."""

from __future__ import annotations

import textwrap

from derivlint.analysis import check_text
from tests.shapes.test_engine_flow import run, shape


def codes(code: str) -> list[str]:
    return [f.code for f in check_text(textwrap.dedent(code), "case.py").findings]


def test_classmethod_called_on_the_class_binds_its_arguments_after_cls() -> None:
    code = """
        import numpy as np

        class M:
            @classmethod
            def fit(cls, X, y):
                w = np.linalg.solve(X.T @ X, X.T @ y)
                return w

        w = M.fit(np.ones((5, 3)), np.ones(5))
        """
    assert codes(code) == []
    assert shape(run(textwrap.dedent(code)), "w") == "(3,)"


def test_classmethod_called_on_an_instance_gets_the_class() -> None:
    code = """
        import numpy as np

        class M:
            @classmethod
            def gram(cls, X):
                G = X.T @ X
                return G

            def fit(self, X):
                return self.gram(X)

        out = M().fit(np.ones((5, 3)))
        """
    assert codes(code) == []
    assert shape(run(textwrap.dedent(code)), "out") == "(3, 3)"


def test_staticmethod_called_on_self_takes_no_receiver() -> None:
    code = """
        import numpy as np

        class M:
            @staticmethod
            def gram(X):
                return X.T @ X

            def fit(self, X, y):
                r = self.gram(X) @ y
                return r

        r = M().fit(np.ones((5, 3)), np.ones(5))
        """
    # gram(X) is (3, 3) and y is (5,): found only when X reaches gram's X, not self
    assert codes(code) == ["S101"]


def test_property_reads_are_not_taken_for_the_method() -> None:
    code = """
        import numpy as np

        class M:
            def __init__(self, w):
                self._w = w

            @property
            def w(self):
                return self._w

            @w.setter
            def w(self, value):
                self._w = value

            def predict(self, X):
                p = X @ self.w
                return p

        p = M(np.ones(3)).predict(np.ones((5, 3)))
        """
    assert codes(code) == []


def test_assigning_through_a_property_setter_does_not_store_the_raw_value() -> None:
    code = """
        import numpy as np

        class M:
            def __init__(self):
                self._w = np.zeros(3)

            @property
            def w(self):
                return self._w

            @w.setter
            def w(self, value):
                self._w = np.asarray(value).reshape(-1)

        m = M()
        m.w = np.ones((3, 1))
        r = np.ones((5, 3)) @ m.w - np.ones(5)
        """
    # the setter flattens the (3, 1) column: m.w is not known to be (3, 1)
    assert codes(code) == []
