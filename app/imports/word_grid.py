"""A Word table as a grid: which cell covers which column of which row, merges resolved.

python-docx's ``Table.cell()`` and ``_Row.cells`` do resolve merges, but they rebuild the
whole grid on every call and raise on a damaged ``gridSpan``, and the public API does not
say whether a cell is a vertical merge's continuation, which is what tells "same workstream
as above" from a new one. So the merges are read here from the cell XML itself:
``w:gridSpan`` (a cell across columns), ``w:vMerge`` (restart, or continue the cell above),
the older ``w:hMerge``, and ``w:gridBefore`` (columns a row leaves out at its start).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from docx.oxml.ns import qn

from app.imports.word_text import EMPTY, W_VAL, CellText, Numbering, cell_text, safe_int

MAX_SPAN = 64  # far wider than any report; a damaged file's span is cut to it
W_TR = qn("w:tr")
W_TC = qn("w:tc")
W_TRPR = qn("w:trPr")
W_TCPR = qn("w:tcPr")
W_GRID_SPAN = qn("w:gridSpan")
W_VMERGE = qn("w:vMerge")
W_HMERGE = qn("w:hMerge")
W_GRID_BEFORE = qn("w:gridBefore")
W_TBL_HEADER = qn("w:tblHeader")
W_TBL_GRID = qn("w:tblGrid")
W_GRID_COL = qn("w:gridCol")
# Rows and cells may sit inside content controls or custom XML; nothing else holds them.
WRAPPERS = {qn("w:sdt"), qn("w:sdtContent"), qn("w:customXml")}


@dataclass
class Cell:
    column: int  # the first grid column it covers
    span: int
    text: CellText
    own: bool  # False: the continuation of a vertical merge, showing the text above


@dataclass
class Row:
    number: int  # 1-based, as a reader counts the table's rows
    cells: list[Cell]
    marked_header: bool  # Word repeats it at the top of each page (w:tblHeader)

    def at(self, column: int) -> Cell | None:
        for cell in self.cells:
            if cell.column <= column < cell.column + cell.span:
                return cell
        return None

    def texts(self) -> list[str]:
        return [cell.text.text for cell in self.cells]

    def is_empty(self) -> bool:
        return not any(cell.text.paragraphs for cell in self.cells)


@dataclass
class Grid:
    rows: list[Row]
    width: int  # columns


def _children(element: Any, tag: str) -> Iterable[Any]:
    if element is None:
        return
    for child in element:
        if child.tag == tag:
            yield child
        elif child.tag in WRAPPERS:
            yield from _children(child, tag)


def _property(parent: Any, container: str, tag: str) -> Any:
    properties = parent.find(container)
    return None if properties is None else properties.find(tag)


def grid_of(tbl: Any, numbering: Numbering) -> Grid:
    rows: list[Row] = []
    width = min(sum(1 for _ in _children(tbl.find(W_TBL_GRID), W_GRID_COL)), MAX_SPAN)
    above: Row | None = None
    for number, tr in enumerate(_children(tbl, W_TR), start=1):
        before = _property(tr, W_TRPR, W_GRID_BEFORE)
        column = safe_int(before.get(W_VAL) if before is not None else None, 0, high=MAX_SPAN)
        header = _property(tr, W_TRPR, W_TBL_HEADER)
        row = Row(number, [], header is not None and (header.get(W_VAL) or "1") not in ("0",))
        for tc in _children(tr, W_TC):
            span_element = _property(tc, W_TCPR, W_GRID_SPAN)
            span = safe_int(
                span_element.get(W_VAL) if span_element is not None else None,
                1,
                low=1,
                high=MAX_SPAN,
            )
            h_merge = _property(tc, W_TCPR, W_HMERGE)
            if h_merge is not None and h_merge.get(W_VAL) != "restart" and row.cells:
                row.cells[-1].span += span  # the older form of a cell across columns
                column += span
                continue
            v_merge = _property(tc, W_TCPR, W_VMERGE)
            if v_merge is not None and v_merge.get(W_VAL) != "restart":
                start = above.at(column) if above is not None else None
                aligned = start is not None and start.column == column
                text = start.text if start is not None and aligned else EMPTY
                row.cells.append(Cell(column, span, text, own=False))
            else:
                row.cells.append(Cell(column, span, cell_text(tc, numbering), own=True))
            column += span
        width = max(width, column)
        rows.append(row)
        above = row
    return Grid(rows, min(width, MAX_SPAN * 4))
