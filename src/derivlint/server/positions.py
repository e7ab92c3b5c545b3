"""Program coordinates <-> LSP positions, in the negotiated position encoding.

Program coordinates (``findings.Span``) are 1-based lines and 0-based
code-point columns over the whole program; LSP positions are 0-based lines in
one document (a ``.py`` file or a notebook cell) and columns in UTF-16 code
units by default, UTF-8 or UTF-32 if the client and server agreed on that.
"""

from __future__ import annotations

from lsprotocol import types
from pygls.workspace import PositionCodec

from derivlint.findings import Span
from derivlint.server.documents import Snapshot


class Mapper:
    def __init__(self, snapshot: Snapshot, codec: PositionCodec) -> None:
        self.snapshot = snapshot
        self.codec = codec

    def location(self, span: Span) -> tuple[str, types.Range, int | None]:
        """``span`` as (document URI, LSP range, notebook cell index or None)."""
        program = self.snapshot.program
        cell, line, col = program.locate(span.line, span.col)
        end_cell, end_line, end_col = program.locate(span.end_line, span.end_col)
        view = self.snapshot.doc(cell)
        if view is None:  # a file that is not open: the unit's own URI, program lines
            if cell is not None:  # a closed notebook: no cell documents to point into
                return self.snapshot.key, types.Range(types.Position(0, 0), types.Position(0, 0)), cell
            lines = program.lines
            start = types.Position(max(line - 1, 0), self.units(lines, line, col))
            end = types.Position(max(end_line - 1, 0), self.units(lines, end_line, end_col))
            return self.snapshot.key, types.Range(start, end), None
        if end_cell != cell:  # never expected: spans stay inside one cell; keep it on its line
            end_line, end_col = line, col
        start = types.Position(line - 1, self.units(view.lines, line, col))
        end = types.Position(end_line - 1, self.units(view.lines, end_line, end_col))
        return view.uri, types.Range(start, end), cell

    def to_program(self, uri: str, position: types.Position) -> tuple[int, int] | None:
        """An LSP position in one of the unit's documents -> program ``(line, col)``."""
        cell = self.snapshot.cell_of(uri)
        view = self.snapshot.doc(cell)
        if view is None:
            return None
        col = self.codec.position_from_client_units(view.lines, types.Position(position.line, position.character)).character
        try:
            return self.snapshot.program.to_program(cell, position.line + 1, col)
        except ValueError:  # a markdown cell
            return None

    def units(self, lines: list[str], line: int, col: int) -> int:
        if not 0 < line <= len(lines):
            return col
        text = lines[line - 1]
        prefix = text[:col]
        return col if prefix.isascii() else self.codec.client_num_units(prefix)

