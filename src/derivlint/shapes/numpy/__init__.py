"""The numpy table (see ``table.py``); importing ``load`` registers every entry."""


def load() -> None:
    """Import every entry module once (registration happens at import)."""
    from derivlint.shapes.numpy import (  # noqa: F401
        creation,
        elementwise,
        limits,
        linalg,
        manipulation,
        randomness,
        reductions,
        special,
    )
