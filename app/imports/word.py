"""Reading a council's Word report: the tables of actions in a quarterly report or workplan.

A report holds more than its tables of actions (a cover sheet, summary counts, indicators),
and councils lay those tables out in their own ways: an objective's title across the table
or as a paragraph above it, a workstream merged down over its actions, a judgement as a
glyph in one Status column or as a mark in the column headed by its symbol, a table split
over pages with its header repeated. Each table is therefore read by what its header says
(:mod:`app.imports.word_headers`), through a grid with the merges resolved
(:mod:`app.imports.word_grid`) and the words as the page shows them
(:mod:`app.imports.word_text`), row by row (:mod:`app.imports.word_detail`, with the rules
for titles, numbers and judgements in :mod:`app.imports.word_values`); what the reader
skipped or had to infer is said in ``Source.notes``, so the review can show it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docx.oxml.ns import qn

from app.imports.source import Source, SourceError
from app.imports.word_detail import DetailTable, Reading
from app.imports.word_file import describe, open_document
from app.imports.word_grid import Grid, grid_of
from app.imports.word_headers import LEVEL_WORDS, kind_of, level_name, read_header
from app.imports.word_headings import layout_of, read_our_headings
from app.imports.word_text import NOT_MAPPED, W_P, Numbering, cell_text, font_name

W_TBL = qn("w:tbl")
BLOCK_WRAPPERS = {qn("w:sdt"), qn("w:sdtContent"), qn("w:customXml")}


class TableReader:
    """The document: its tables in order, each read as what its header says it is. A
    workbook's sheets (app/imports/workbook_report.py) are read by it too, as grids."""

    def __init__(self, path: Path, document: Any) -> None:
        self.name = describe(path)
        self.document = document
        self.numbering = Numbering(_numbering_element(document) if document is not None else None)
        self.reading = Reading(self.name, Source(name=path.name))
        self.source = self.reading.source
        self.levels: list[str] | None = None
        self.summary_actions: int | None = None
        self.ignored: dict[str, int] = {}
        self.first_rows: list[tuple[int, str]] = []
        self.detail_tables: list[int] = []

    def read(self) -> Source:
        body = getattr(self.document.element, "body", None)
        tables = 0
        before = ""  # the last paragraph above a table: an objective's title, in some reports
        for element in _blocks(body):
            if element.tag == W_P:
                text = cell_text([element], self.numbering).text
                if text:
                    before = text
                continue
            tables += 1
            self.table(tables, grid_of(element, self.numbering), before)
            before = ""
        self.finish(tables)
        return self.source

    def table(self, number: int, grid: Grid, before: str) -> None:
        kind, index = kind_of(grid)
        if kind == "summary" and index is not None:
            counted = _count_actions(grid, index)
            if counted is not None:
                self.summary_actions = (self.summary_actions or 0) + counted
            self.note(f"Table {number} is a summary of actions: skipped.")
        elif kind == "indicators":
            self.note(
                f"Table {number} is a table of indicators: skipped "
                "(indicators are not read from Word documents)."
            )
        elif kind == "detail" and index is not None:
            self.detail(number, grid, index, before)
        else:
            first = next((row for row in grid.rows if not row.is_empty()), None)
            words = " | ".join(t for t in first.texts() if t) if first is not None else ""
            self.first_rows.append((number, words))
            self.note(f"Table {number} is not a table of actions: skipped.")

    def finish(self, tables: int) -> None:
        if not tables:
            raise SourceError(
                f"{self.name} has no tables. The actions of a report are read from its tables "
                "(objectives, workstreams and actions with their responsibility, milestones, "
                "achievements and judgement)."
            )
        if not self.detail_tables:
            wanted = (
                "a header naming a level (Objective, Theme, Workstream, Activity or Action) "
                "beside a Responsibility, Milestones, Achievements or Judgement column"
            )
            if tables == 1:
                number, words = self.first_rows[0] if self.first_rows else (1, "")
                reads = f" Its first row reads “{words[:120]}”." if words else ""
                raise SourceError(
                    f"{self.name}, table {number}: no row in its first 8 is {wanted}, so it is "
                    f"not a table of actions.{reads}"
                )
            raise SourceError(
                f"{self.name}: none of its {tables} tables has {wanted}, so no actions could "
                "be read."
            )
        if not self.source.rows:
            raise SourceError(
                f"{self.name}, table {self.detail_tables[0]}: the table of actions has a "
                "header but no rows."
            )
        levels = list(self.levels or [])
        if self.reading.rows_under_top:
            levels.insert(0, self.top_level_name(levels))
        self.source.levels = levels
        for (font, code), places in self.reading.unmapped.items():
            more = f", and {len(places) - 1} more" if len(places) > 1 else ""
            which = f"A {font_name(font)} character" if font else "A symbol-font character"
            self.note(
                f"{which} (code {code:04X}) in {places[0]}{more} could not be read as a "
                f"symbol; it reads as “{NOT_MAPPED}”."
            )
        for title, number in self.ignored.items():
            self.note(f"The column “{title[:60]}” (table {number}) is not read.")
        if self.summary_actions is not None:
            read = len(self.source.rows)
            check = "" if read == self.summary_actions else ": check that none was missed"
            self.note(
                f"The summary tables count {self.summary_actions} actions; {read} were read "
                f"from the tables of actions{check}."
            )

    def top_level_name(self, levels: list[str]) -> str:
        for top in self.reading.tops:
            found = LEVEL_WORDS.search((top.number or "").lower())
            if found:
                return level_name(found.group(1))
        below = f" above “{levels[0]}”" if levels else ""
        self.note(f"The level{below} is not named in the tables: called “Objective”.")
        return "Objective"

    def note(self, text: str) -> None:
        self.source.notes.append(text)

    def detail(self, number: int, grid: Grid, index: int, before: str) -> None:
        header = read_header(grid, index)
        self.detail_tables.append(number)
        levels = header.levels()
        if self.levels is None:
            self.levels = levels
        elif levels != self.levels:
            self.note(
                f"Table {number} names its levels {', '.join(levels)}, unlike the first table "
                f"of actions ({', '.join(self.levels)}): its rows are read by its own names."
            )
        for title in header.ignored:
            self.ignored.setdefault(title, number)
        DetailTable(self.reading, number, grid, header).read(before)


def _blocks(body: Any) -> Any:
    """The body's paragraphs and tables in order, looking inside content controls; tables
    nested in cells are part of their cell, not tables of the report."""
    if body is None:
        return
    for child in body:
        if child.tag in (W_P, W_TBL):
            yield child
        elif child.tag in BLOCK_WRAPPERS:
            yield from _blocks(child)


def _numbering_element(document: Any) -> Any:
    """The numbering definitions, or ``None`` when the document has none (python-docx
    raises ``NotImplementedError`` for a missing part)."""
    try:
        return document.part.numbering_part.element
    except (NotImplementedError, KeyError, ValueError, AttributeError):
        return None


def _count_actions(grid: Grid, index: int) -> int | None:
    """The "Number of Actions" of a summary table, to check the count read against."""
    header = grid.rows[index]
    column = next(
        (c.column for c in header.cells if "number of" in c.text.text.lower()),
        None,
    )
    if column is None:
        return None
    for row in grid.rows[index + 1 :]:
        cell = row.at(column)
        text = cell.text.text.replace(",", "") if cell is not None else ""
        if text.isdigit():
            return int(text)
    return None


def read_word(path: Path) -> Source:
    """Every action in the tables of actions of a Word report (.docx), or in the headings of
    one of our own that has its items there (app/imports/word_headings.py), with what was
    skipped or inferred in ``notes``; a :class:`SourceError` naming the file (and the table and row)
    for a file that cannot be read. Nothing is written."""
    document = open_document(path)
    reader = TableReader(path, document)
    layout = layout_of(document)
    ours = read_our_headings(reader.name, layout, document, reader.source) if layout else None
    return ours if ours is not None else reader.read()
