"""One table of actions of a Word report, read row by row into source rows.

A row's titles inherit from the rows above (a workstream written once, or merged down, over
its actions), a row spanning the table is a new objective, and a row with no title is the
rest of the one above (a row cut at a page break). What carries on from one table to the
next, a table split over pages, is kept in :class:`Reading`, which the document's reader
passes from table to table.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from app.core.validation import TEXT_LIMIT
from app.imports.source import Source, SourceError, SourceRow, split_titles
from app.imports.word_grid import Cell, Grid, Row
from app.imports.word_headers import Column, Header, Role, spans_table
from app.imports.word_values import (
    Title,
    Values,
    continued,
    milestone_lines,
    sentence,
    split_number,
    status_of,
    title_of,
)


@dataclass
class Reading:
    """What the tables of one document share: the source being filled, and what a table
    continues from the one before it."""

    name: str  # the file, as messages name it
    source: Source
    signature: Any = None  # the last table of actions' columns
    top: Title | None = None  # the objective the rows are under
    titles: list[Title | None] = field(default_factory=list)  # each level's current title
    last: int | None = None  # index in source.rows of the row a fragment continues
    tops: list[Title] = field(default_factory=list)
    rows_under_top: int = 0
    unmapped: dict[tuple[str, int], list[str]] = field(default_factory=dict)

    def note(self, text: str) -> None:
        self.source.notes.append(text)

    def new_top(self, top: Title) -> None:
        self.top = top
        self.titles = [None] * len(self.titles)
        self.last = None
        self.tops.append(top)


class DetailTable:
    """A table of actions being read: its header has said which column holds what, so each
    row is read by those columns, whatever order the council put them in."""

    def __init__(self, reading: Reading, number: int, grid: Grid, header: Header) -> None:
        self.reading = reading
        self.number = number
        self.grid = grid
        self.header = header

    def read(self, before: str) -> None:
        """The table's rows; ``before`` is the last paragraph above the table."""
        reading, header, grid = self.reading, self.header, self.grid
        if header.signature() != reading.signature:
            reading.signature = header.signature()
            reading.top, reading.last = None, None
            reading.titles = [None] * len(header.levels())
        titled = False
        for index in header.title_rows:
            text = spans_table(grid.rows[index], grid.width)
            if text:
                reading.new_top(Title(*split_number(text)))
                titled = True
        # An objective's title may stand above its table instead of across it (seed 002's
        # objective 3); only where the report's other tables have given their objectives.
        if not titled and before and reading.top is not None:
            number, title = split_number(before)
            if number:
                reading.new_top(Title(number, title))
        header_rows = [grid.rows[i].texts() for i in range(header.first, header.last + 1)]
        for row in grid.rows[header.last + 1 :]:
            if row.is_empty() or row.texts() in header_rows:
                continue  # a header repeated where the table went on to another page
            where = f"table {self.number}, row {row.number}"
            heading = spans_table(row, grid.width)
            if heading is not None:
                reading.new_top(Title(*split_number(self.checked(heading, where, "heading"))))
                continue
            self.row(where, row)

    def checked(self, text: str, where: str, column: str) -> str:
        if len(text) > TEXT_LIMIT:
            raise SourceError(
                f"{self.reading.name}, {where}: the {column} cell is {len(text):,} characters "
                f"long, and the most any text can be is {TEXT_LIMIT:,}. Shorten it in Word "
                "and read the file again."
            )
        return text

    def text(self, row: Row, column: Column, where: str) -> str:
        cell = row.at(column.columns[0])
        if cell is None:
            return ""
        self.symbols_of(cell, where)
        return self.checked(cell.text.text, where, column.label)

    def symbols_of(self, cell: Cell, where: str) -> None:
        if cell.own:
            for key in cell.text.unmapped:
                self.reading.unmapped.setdefault(key, []).append(where)

    def row(self, where: str, row: Row) -> None:
        reading = self.reading
        level_columns = self.header.of(Role.LEVEL)
        cells: list[Cell | None] = []
        for column in level_columns:
            cell = row.at(column.columns[0])
            # A title merged across the level columns (a workstream with no actions) is one
            # title, at the first of them.
            cells.append(None if cells and cell is not None and cell is cells[-1] else cell)
        own = [c is not None and c.own and bool(c.text.paragraphs) for c in cells]
        values = self.values(row, where)
        if not any(own):
            self.fragment(where, values)
            return
        leaf = max(i for i, o in enumerate(own) if o)
        description = None
        for depth, cell in enumerate(cells[: leaf + 1]):
            if own[depth] and cell is not None:
                self.symbols_of(cell, where)
                self.checked(cell.text.text, where, level_columns[depth].label)
                title = title_of(cell.text)
                reading.titles[depth] = title
                reading.titles[depth + 1 :] = [None] * (len(reading.titles) - depth - 1)
                description = title.description
        titles = [t for t in [reading.top, *reading.titles[: leaf + 1]] if t is not None]
        reading.rows_under_top += reading.top is not None
        numbers = [t.number for t in titles]
        if values.number:
            numbers[-1] = values.number
        reading.source.rows.append(
            SourceRow(
                where=where,
                path=tuple(t.title for t in titles),
                numbers=tuple(numbers),
                responsible=values.responsible,
                milestones=values.milestones,
                achievements=values.achievements,
                status=values.status,
                rating=values.rating,
                description=description,
                depends_on=values.depends_on,
            )
        )
        reading.last = len(reading.source.rows) - 1

    def fragment(self, where: str, values: Values) -> None:
        """A row with no title of its own: the rest of the row above, as a row split over a
        page break comes out of some converters."""
        reading = self.reading
        if reading.last is None:
            if values.any():
                reading.note(f"{sentence(where)} has no title and follows no action: left out.")
            return
        previous = reading.source.rows[reading.last]
        reading.source.rows[reading.last] = replace(
            previous,
            responsible=previous.responsible or values.responsible,
            milestones=previous.milestones + values.milestones,
            achievements=continued(previous.achievements, values.achievements),
            status=previous.status or values.status,
        )
        reading.note(
            f"{sentence(where)} has no title of its own: read as the rest of {previous.where}."
        )

    def values(self, row: Row, where: str) -> Values:
        header = self.header
        values = Values()
        numbers = header.of(Role.NUMBER)
        if numbers:
            values.number = self.text(row, numbers[0], where) or None
        people = [self.text(row, c, where) for c in header.of(Role.RESPONSIBLE)]
        values.responsible = next((p for p in people if p), None)
        values.milestones = self.milestones(row, header.of(Role.MILESTONES), where)
        narrative = [self.text(row, c, where) for c in header.of(Role.ACHIEVEMENTS)]
        values.achievements = "\n\n".join(t for t in narrative if t) or None
        for column in header.of(Role.DEPENDS):
            values.depends_on += split_titles(self.text(row, column, where))
        statuses = header.of(Role.STATUS)
        if statuses:
            values.status = self.status(row, statuses, where)
            rating = [c for c in statuses[1:] if not c.labels]
            if rating:
                values.rating = status_of(self.text(row, rating[0], where))
        return values

    def milestones(self, row: Row, columns: list[Column], where: str) -> tuple[str, ...]:
        """Each milestone's words; a separate "Target date" column beside a "Milestones" one
        goes first, line by line, as the programme writes a milestone ("Sep 09: Audit…")."""
        due = [c for c in columns if c.due]
        words = [c for c in columns if not c.due]
        if len(due) == 1 and len(words) == 1:
            dates = milestone_lines(self.text(row, due[0], where))
            texts = milestone_lines(self.text(row, words[0], where))
            if len(dates) == len(texts):
                return tuple(f"{d}: {t}" for d, t in zip(dates, texts, strict=True))
        lines: list[str] = []
        for column in columns:
            lines.extend(milestone_lines(self.text(row, column, where)))
        return tuple(lines)

    def status(self, row: Row, columns: list[Column], where: str) -> str | None:
        """The judgement: a glyph or words in one column; the symbol heading the column that
        holds a mark (our own export, and two-row "Judgement of Progress" headers); or the
        latest of one column per quarter."""
        marked: list[str] = []
        for column in columns:
            if column.symbols:
                for grid_column, label in zip(column.columns, column.labels, strict=True):
                    cell = row.at(grid_column)
                    if cell is not None and cell.text.paragraphs:
                        self.symbols_of(cell, where)
                        marked.append(label)
        if len(marked) > 1:
            self.reading.note(
                f"{sentence(where)} is marked under {', '.join(marked)}: read as {marked[0]}."
            )
        if marked:
            return marked[0]
        column = columns[0]
        if column.symbols:
            return None
        texts = []
        for grid_column in column.columns:
            cell = row.at(grid_column)
            if cell is not None and cell.text.paragraphs:
                self.symbols_of(cell, where)
                texts.append(self.checked(cell.text.text, where, column.label))
        if not texts:
            return None
        return status_of(texts[-1] if column.periods else texts[0])
