"""Turn a ``.py`` file or an ``.ipynb`` notebook into one program plus a position map.

INTERFACE (implemented by the sources work item; the engine relies on it).
"""
