"""derivlint: a shape-aware linter and language server for derivation notebooks."""

__version__ = "0.1.0"
