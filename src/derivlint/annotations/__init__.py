"""Parsers for shape annotations: text in, ``ShapeSpec`` out. Nothing is ever evaluated."""

from derivlint.annotations.comments import CommentAnnotations, Declaration, comment_annotations
from derivlint.annotations.docstrings import DocShapes, ReturnShape, docstring_shapes
from derivlint.annotations.jaxtyping import jaxtyping_spec
from derivlint.annotations.markdown import MarkdownDecl, markdown_shapes
from derivlint.annotations.shape_text import parse_shape

__all__ = [
    "CommentAnnotations",
    "Declaration",
    "DocShapes",
    "MarkdownDecl",
    "ReturnShape",
    "comment_annotations",
    "docstring_shapes",
    "jaxtyping_spec",
    "markdown_shapes",
    "parse_shape",
]
