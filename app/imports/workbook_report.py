"""Our own Excel report read back: each sheet's table read as the Word reader reads a table.

An Excel export (app/reports/render_xlsx.py) holds the report's tables, one a sheet, laid out
as in Word: an objective's title across the table, a two-row header with a column per
symbol. Rather than a second table reader, each sheet becomes the grid the Word reader
works on (app/imports/word_grid.py): a merged range is one cell across its columns, and
its rows below the first continue it, as Word's ``vMerge`` does. What a workbook is, a
report or a tracker, is told by its "About" sheet, which only our exports write; a tracker
goes through the columns page of the import (app/imports/sheets.py) instead.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

from app.imports.sheets import shown_text
from app.imports.source import Source, SourceError, SourcePlanLine
from app.imports.word import TableReader
from app.imports.word_grid import Cell, Grid, Row
from app.imports.word_text import CellText

ABOUT = "About"
AS_WRITTEN = "As written: "  # how app/reports/render_xlsx.py begins a typed cell's comment


def is_report_workbook(path: Path) -> bool:
    """Whether ``path`` is a report exported by Programme Tracker (its first sheet is
    "About", tables follow), not a tracker."""
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True)
    except Exception:  # not readable: the tracker reader says why
        return False
    try:
        return len(book.sheetnames) > 1 and book.sheetnames[0] == ABOUT
    finally:
        book.close()


def read_report_workbook(path: Path) -> Source:
    """Every action in the report's tables of actions, as :func:`app.imports.word.read_word`
    reads a Word report; summary, indicator and other sheets are skipped with a note."""
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError) as error:
        raise SourceError(f"{path.name} is damaged or not an Excel workbook ({error}).") from error
    reader = TableReader(path, None)
    tables = 0
    lines: list[SourcePlanLine] = []
    for sheet in book.worksheets:
        if sheet.title == ABOUT:
            continue
        if sheet.title in PLAN_SHEETS:  # a project plan's own lines, not a table of items
            lines.extend(plan_lines(sheet))
            continue
        tables += 1
        reader.table(tables, sheet_grid(sheet), "")
    reader.finish(tables)
    reader.source.plan_lines.extend(lines)
    return reader.source


PLAN_SHEETS = {"Key milestones": "key milestone", "Key outcomes": "outcome"}


def plan_lines(sheet: Any) -> list[SourcePlanLine]:
    """A project plan's key milestones (Date, Milestone) or key outcomes (Key outcome,
    Target), one a row below the header."""
    kind = PLAN_SHEETS[sheet.title]
    found = []
    for number, row in enumerate(sheet.iter_rows(min_row=2), start=2):
        first, second = (_written(cell).strip() for cell in row[:2])
        text, extra = (second, first) if kind == "key milestone" else (first, second)
        if text:
            where = f"sheet {sheet.title}, row {number}"
            found.append(SourcePlanLine(where, kind, text, extra or None))
    return found


def _written(cell: Any) -> str:
    """A cell's words as the report wrote them: a typed figure or date whose words said more
    ("Sep 09", "81% (interim figure)") keeps them in its comment, which our exports write
    as "As written: …"; any other cell as its number format shows it."""
    comment = cell.comment.text if cell.comment is not None else ""
    if comment.startswith(AS_WRITTEN) and cell.value is not None:
        return str(comment[len(AS_WRITTEN) :])
    return shown_text(cell)


def sheet_grid(sheet: Any) -> Grid:
    """The sheet as a table grid: a merged range is one cell across its columns, shown
    again (not its own) on the rows it covers below its first."""
    values = [[_written(cell) for cell in row] for row in sheet.iter_rows()]
    width = max((len(row) for row in values), default=0)
    merged: dict[tuple[int, int], Any] = {}
    for area in sheet.merged_cells.ranges:
        for r in range(area.min_row, area.max_row + 1):
            merged[(r, area.min_col)] = area
    rows: list[Row] = []
    for number, row in enumerate(values, start=1):
        cells: list[Cell] = []
        column = 1
        while column <= width:
            area = merged.get((number, column))
            if area is not None:
                span = area.max_col - area.min_col + 1
                text = values[area.min_row - 1][area.min_col - 1]
                own = number == area.min_row
            else:
                span, text, own = 1, row[column - 1] if column <= len(row) else "", True
            paragraphs = [p for p in text.split("\n\n") if p.strip()]
            cells.append(Cell(column - 1, span, CellText(paragraphs), own))
            column += span
        rows.append(Row(number, cells, marked_header=False))
    return Grid(rows, width)
