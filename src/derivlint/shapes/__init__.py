"""The shape engine: symbolic dims, shapes, the numpy table and the abstract interpreter."""
