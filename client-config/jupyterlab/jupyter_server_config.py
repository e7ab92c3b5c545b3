"""derivlint in JupyterLab through jupyterlab-lsp / jupyter-lsp.

Copy this file to a folder on ``jupyter --paths`` (config section), e.g.
``~/.jupyter/jupyter_server_config.py``, or merge it into yours; or start
JupyterLab with ``jupyter lab --config=/path/to/this/jupyter_server_config.py``.
Needs ``pip install jupyterlab jupyterlab-lsp derivlint`` in the same environment.

jupyterlab-lsp does not use LSP notebook sync: it sends each notebook as one
Python document (the code cells joined) under the notebook's ``.ipynb`` URI and
maps the diagnostics back to the cells itself. derivlint checks it as Python.
"""

# ``c`` is the configuration object Jupyter provides when it runs this file.
c = get_config()  # type: ignore[name-defined]  # noqa: F821

# Without this, jupyter-lsp also starts every other server it finds installed
# (pylsp, pyright, ...). Delete the line to keep those next to derivlint.
c.LanguageServerManager.autodetect = False

c.LanguageServerManager.language_servers = {
    "derivlint": {
        "version": 2,
        # For a specific environment: [sys.executable, "-m", "derivlint", "server"]
        "argv": ["derivlint", "server"],
        "languages": ["python"],
        "mime_types": ["text/x-python", "text/python", "text/x-ipython"],
        "display_name": "derivlint",
        "requires_documents_on_disk": False,
        # Shown in Settings > Language Servers; values set under
        # language_servers.derivlint.serverSettings reach the server.
        "config_schema": {
            "type": "object",
            "properties": {
                "derivlint.diagnosticsScope": {
                    "type": "string",
                    "enum": ["openFiles", "workspace"],
                    "default": "workspace",
                    "description": "Check only open documents, or every .py/.ipynb too.",
                },
                "derivlint.inlayHints": {
                    "type": "boolean",
                    "default": True,
                    "description": "Shape inlay hints after assignments.",
                },
                "derivlint.select": {
                    "type": ["array", "null"],
                    "items": {"type": "string"},
                    "default": None,
                    "description": "Rules to enable, replacing pyproject.toml's selection.",
                },
                "derivlint.ignore": {
                    "type": "array",
                    "items": {"type": "string"},
                    "default": [],
                    "description": "Rules to disable (codes, prefixes or names).",
                },
                "derivlint.extendSelect": {
                    "type": "array",
                    "items": {"type": "string"},
                    "default": [],
                    "description": "Rules to enable on top of the selection.",
                },
                "derivlint.severity": {
                    "type": "object",
                    "additionalProperties": {
                        "type": "string",
                        "enum": ["error", "warning", "info", "off"],
                    },
                    "default": {},
                    "description": "Severity per rule selector.",
                },
            },
        },
    }
}
