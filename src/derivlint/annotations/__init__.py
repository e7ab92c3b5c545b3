"""Parsers for shape annotations: text in, ``ShapeSpec`` out. Nothing is ever evaluated."""
