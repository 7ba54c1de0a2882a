"""Reading a council's Word report: the tables of actions in a quarterly report or workplan.

A report holds more than its tables of actions (a cover sheet, summary counts, indicators),
and councils lay those tables out in their own ways: an objective's title across the table
or as a paragraph above it, a workstream merged down over its actions, a judgement as a
glyph in one Status column or as a mark in the column headed by its symbol, a table split
over pages with its header repeated. Each table is therefore read by what its header says
(:mod:`app.imports.word_headers`), through a grid with the merges resolved
(:mod:`app.imports.word_grid`) and the words as the page shows them
(:mod:`app.imports.word_text`); what the reader skipped or had to infer is said in
``Source.notes``, so the review can show it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from docx.oxml.ns import qn

from app.core.validation import TEXT_LIMIT
from app.imports.source import Source, SourceError, SourceRow
from app.imports.word_file import describe, open_document
from app.imports.word_grid import Cell, Grid, Row, grid_of
from app.imports.word_headers import (
    LEVEL_WORDS,
    Column,
    Header,
    Role,
    kind_of,
    level_name,
    read_header,
    spans_table,
)
from app.imports.word_text import (
    NOT_MAPPED,
    W_P,
    CellText,
    Numbering,
    cell_text,
    font_name,
)

W_TBL = qn("w:tbl")
BLOCK_WRAPPERS = {qn("w:sdt"), qn("w:sdtContent"), qn("w:customXml")}
NAMED_NUMBER = re.compile(
    r"((?:[A-Z][\w’'-]*\s+){0,3}?(?:Objective|Theme|Workstream|Project|Activity|Action|Task|"
    r"Strand|Outcome|Priority)\s+[A-Z]?\d{1,3}(?:\.\d{1,3})*)[.:)]?\s+(?=\S)"
)
NUMBER = re.compile(
    r"(\d{1,3}(?:\.\d{1,3})*\.?|\d{1,3}\)|\(\d{1,3}\)|\(?[a-z]\)|[A-Z]{1,3}\d{1,3}\.\d{1,3}\.?)"
    r"\s+(?=\S)"
)
BULLETS = ("•", "·", "-", "–", "▪", "◦", "o ")
MARK_LIMIT = 2  # a judgement "as printed" is its glyph when it starts with one this short


def sentence(where: str) -> str:
    return where[:1].upper() + where[1:]


def split_number(text: str) -> tuple[str | None, str]:
    """ "1.2 Improve…" → ("1.2", "Improve…"); "Organisational Effectiveness Objective 1
    Develop…" → (that number, "Develop…"). A bare integer counts only when short and followed
    by a capital, so "2 training days…" keeps its figure."""
    found = NAMED_NUMBER.match(text) or NUMBER.match(text)
    if not found:
        return None, text
    number = found.group(1)
    title = text[found.end() :].lstrip("–—-: ")
    if number.isdigit() and (len(number) > 2 or not title[:1].isupper()):
        return None, text
    return (number, title) if title else (None, text)


def status_of(text: str) -> str | None:
    """A judgement as printed: "●" for "●", "● On track" or "●\\nOn track"; words as they
    are ("Green", "On target")."""
    said = " ".join(text.split())
    if not said:
        return None
    first = said.split(" ")[0]
    if len(first) <= MARK_LIMIT and not first[0].isalnum():
        return first
    return said


def milestone_lines(text: str) -> list[str]:
    """One milestone per line; a bulleted line belongs to the milestone above it ("Roll out
    of products complete including:" and its list)."""
    lines: list[str] = []
    for line in text.split("\n"):
        if not line.strip():
            continue
        if lines and line.lstrip().startswith(BULLETS):
            lines[-1] += "\n" + line
        else:
            lines.append(line.strip())
    return lines


@dataclass
class Title:
    number: str | None
    title: str
    description: str | None = None


def title_of(cell: CellText) -> Title:
    """A level's title, and the words below it when the cell has a short bold or capitalised
    first paragraph above more (Salford's "THINK CUSTOMER" over its description)."""
    paragraphs = cell.paragraphs
    first = paragraphs[0] if paragraphs else ""
    heading = cell.first_bold or (first.isupper() and any(c.isalpha() for c in first))
    if len(paragraphs) > 1 and len(first) <= 150 and heading:
        number, title = split_number(first)
        return Title(number, title, CellText(paragraphs[1:]).text)
    number, title = split_number(cell.text)
    return Title(number, title)


@dataclass
class _State:
    """What carries from one table to the next: a table split over pages continues the
    objective and workstream of the part before it."""

    signature: Any = None
    top: Title | None = None
    titles: list[Title | None] = field(default_factory=list)
    last: int | None = None  # index in Source.rows of the row a fragment continues


class _Reader:
    def __init__(self, path: Path, document: Any) -> None:
        self.name = describe(path)
        self.source = Source(name=path.name)
        self.document = document
        self.numbering = Numbering(_numbering_element(document))
        self.state = _State()
        self.levels: list[str] | None = None
        self.tops: list[Title] = []
        self.summary_actions: int | None = None
        self.unmapped: dict[tuple[str, int], list[str]] = {}
        self.ignored: dict[str, int] = {}
        self.first_rows: list[tuple[int, str]] = []
        self.detail_tables: list[int] = []
        self.rows_under_top = 0

    # --- the document -----------------------------------------------------------------

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
            self.detail(number, grid, read_header(grid, index), before)
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
        if self.rows_under_top:
            levels.insert(0, self.top_level_name(levels))
        self.source.levels = levels
        for (font, code), places in self.unmapped.items():
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
        for top in self.tops:
            found = LEVEL_WORDS.search((top.number or "").lower())
            if found:
                return level_name(found.group(1))
        below = f" above “{levels[0]}”" if levels else ""
        self.note(f"The level{below} is not named in the tables: called “Objective”.")
        return "Objective"

    def note(self, text: str) -> None:
        self.source.notes.append(text)

    # --- a table of actions ---------------------------------------------------------------

    def detail(self, number: int, grid: Grid, header: Header, before: str) -> None:
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
        state = self.state
        continued = header.signature() == state.signature
        if not continued:
            state.signature = header.signature()
            state.top, state.last = None, None
            state.titles = [None] * len(levels)
        titled = False
        for index in header.title_rows:
            text = spans_table(grid.rows[index], grid.width)
            if text:
                self.new_top(Title(*split_number(text)))
                titled = True
        # An objective's title may stand above its table instead of across it (seed 002's
        # objective 3); only where the report's other tables have given their objectives.
        if not titled and before and state.top is not None:
            number_, title = split_number(before)
            if number_:
                self.new_top(Title(number_, title))
        header_rows = [grid.rows[i].texts() for i in range(header.first, header.last + 1)]
        for row in grid.rows[header.last + 1 :]:
            if row.is_empty() or row.texts() in header_rows:
                continue  # a header repeated where the table went on to another page
            where = f"table {number}, row {row.number}"
            heading = spans_table(row, grid.width)
            if heading is not None:
                self.new_top(Title(*split_number(self.checked(heading, where, "heading"))))
                continue
            self.data_row(where, row, header)

    def new_top(self, top: Title) -> None:
        self.state.top = top
        self.state.titles = [None] * len(self.state.titles)
        self.state.last = None
        self.tops.append(top)

    def checked(self, text: str, where: str, column: str) -> str:
        if len(text) > TEXT_LIMIT:
            raise SourceError(
                f"{self.name}, {where}: the {column} cell is {len(text):,} characters long, "
                f"and the most any text can be is {TEXT_LIMIT:,}. Shorten it in Word and "
                "read the file again."
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
                self.unmapped.setdefault(key, []).append(where)

    def data_row(self, where: str, row: Row, header: Header) -> None:
        state = self.state
        level_columns = header.of(Role.LEVEL)
        cells: list[Cell | None] = []
        for column in level_columns:
            cell = row.at(column.columns[0])
            # A title merged across the level columns (a workstream with no actions) is one
            # title, at the first of them.
            cells.append(None if cells and cell is not None and cell is cells[-1] else cell)
        own = [c is not None and c.own and bool(c.text.paragraphs) for c in cells]
        values = self.values(row, header, where)
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
                state.titles[depth] = title
                state.titles[depth + 1 :] = [None] * (len(state.titles) - depth - 1)
                description = title.description
        titles = [t for t in [state.top, *state.titles[: leaf + 1]] if t is not None]
        self.rows_under_top += state.top is not None
        numbers = [t.number for t in titles]
        if values.number:
            numbers[-1] = values.number
        self.source.rows.append(
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
            )
        )
        state.last = len(self.source.rows) - 1

    def fragment(self, where: str, values: _Values) -> None:
        """A row with no title of its own: the rest of the row above, as a row split over a
        page break comes out of some converters."""
        if self.state.last is None:
            if values.any():
                self.note(f"{sentence(where)} has no title and follows no action: left out.")
            return
        previous = self.source.rows[self.state.last]
        joined = _continue(previous.achievements, values.achievements)
        self.source.rows[self.state.last] = replace(
            previous,
            responsible=previous.responsible or values.responsible,
            milestones=previous.milestones + values.milestones,
            achievements=joined or None,
            status=previous.status or values.status,
        )
        self.note(
            f"{sentence(where)} has no title of its own: read as the rest of {previous.where}."
        )

    def values(self, row: Row, header: Header, where: str) -> _Values:
        values = _Values()
        numbers = header.of(Role.NUMBER)
        if numbers:
            values.number = self.text(row, numbers[0], where) or None
        people = [self.text(row, c, where) for c in header.of(Role.RESPONSIBLE)]
        values.responsible = next((p for p in people if p), None)
        values.milestones = self.milestones(row, header.of(Role.MILESTONES), where)
        narrative = [self.text(row, c, where) for c in header.of(Role.ACHIEVEMENTS)]
        values.achievements = "\n\n".join(t for t in narrative if t) or None
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
            self.note(
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


@dataclass
class _Values:
    number: str | None = None
    responsible: str | None = None
    milestones: tuple[str, ...] = ()
    achievements: str | None = None
    status: str | None = None
    rating: str | None = None

    def any(self) -> bool:
        return bool(self.responsible or self.milestones or self.achievements or self.status)


def _continue(text: str | None, more: str | None) -> str | None:
    """Text carried on from the row above: a sentence cut off at the page break goes on in
    the same paragraph; after a full stop, a new paragraph."""
    if not text or not more:
        return text or more
    cut = text.rstrip()[-1:] not in '.!?:;)"”’'
    return f"{text} {more}" if cut else f"{text}\n\n{more}"


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
    """Every action in the tables of actions of a Word report (.docx), with what was skipped
    or inferred in ``notes``; a :class:`SourceError` naming the file (and the table and row)
    for a file that cannot be read. Nothing is written."""
    return _Reader(path, open_document(path)).read()
