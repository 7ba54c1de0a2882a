"""Excel and CSV trackers: the sheet as a grid of text, its header row, and what each column
holds.

A tracker is read in three steps the import wizard shows one by one, so the user can correct
each: the grid (:func:`read_grid`: every cell as text, merged cells filled with their value,
dates in words, formulas by their cached values), the header row (:func:`find_header`:
trackers put a title and blank rows above it), and the mapping of columns to fields
(:func:`guess_mapping`, from the header text). :func:`to_source` then reads the rows.
"""

from __future__ import annotations

import calendar
import csv
import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.core.dates import derive_due, format_date
from app.core.errors import TrackerError
from app.core.labels import milestone_words
from app.imports.source import (
    Source,
    SourceError,
    SourceMeasure,
    SourceRow,
    split_number,
    split_titles,
)

# Enough for any council's tracker; a sheet beyond it is refused rather than read for minutes.
MAX_ROWS = 100_000
HEADER_SEARCH = 30  # rows looked at for the header: titles and notes sit above it

# What a column can hold. A "level" column names one level of the hierarchy (Objective,
# Workstream…): a row's path is read from them left to right, a blank cell repeating the one
# above, as trackers leave it.
FIELDS = (
    "level",
    "title",
    "number",
    "responsible",
    "due",
    "milestone",
    "status",
    "rating",
    "achievements",
    "id",
    "code",
    "unit",
    "target",
    "actual",
    "comment",
    "group",
    "depends",
    "ignore",
)

# Header words, most specific first: the first pattern a header matches gives its field.
_GUESSES: tuple[tuple[str, str], ...] = (
    (r"^(depends on|dependencies|dependent on)$", "depends"),
    (r"^(item )?id$", "id"),
    (r"\b(rag|rating)\b", "rating"),
    (r"\b(status|judgement|progress rating)\b", "status"),
    (r"\b(responsib\w*|lead|owner|officer|accountable)\b", "responsible"),
    (r"\b(due|deadline|target date|by when|date)\b", "due"),
    (r"\bmilestones?\b", "milestone"),
    (r"\b(achievements?|progress|update|commentary|narrative|evidence)\b", "achievements"),
    (r"\bcomments?\b", "comment"),
    (r"\b(target|goal)\b", "target"),
    (r"\b(actual|outturn|result|performance)\b", "actual"),
    (r"\bunits?\b", "unit"),
    (r"^(code|ref|reference|pi code|ni)$", "code"),
    (r"(^|\s)(no\.?|number|#|ref\.? no\.?)$", "number"),
    (
        r"\b(objective|theme|priority|strand|workstream|project|work package|stage|"
        r"outcome|programme area|area)\b",
        "level",
    ),
    (r"\b(action|activity|task|deliverable)s?\b", "title"),
    (r"\b(measure|indicator|kpi|pi)\b", "title"),
    (r"\b(title|description|name)\b", "title"),
    (r"\bgroup\b", "group"),
)


@dataclass
class Grid:
    """A sheet as text. ``rows`` are every row of the sheet (hidden ones too: a hidden row
    of a tracker is usually finished work, not something to lose)."""

    name: str  # the file's name
    sheet: str  # the sheet read ("" for CSV)
    sheets: list[str]  # every sheet of the workbook, for the wizard to choose from
    rows: list[list[str]]
    hidden: set[int] = field(default_factory=set)  # indexes into rows

    def where(self, index: int) -> str:
        """Row ``index`` as the user sees it in their spreadsheet program (1-based)."""
        return f"sheet {self.sheet}, row {index + 1}" if self.sheet else f"row {index + 1}"


def cell_text(value: Any) -> str:
    """A cell as the user reads it: dates in words, 12.0 as 12, never "None"."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return format_date(value.date())
    if isinstance(value, dt.date):
        return format_date(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, bool):
        return "Yes" if value else "No"
    return str(value).replace("\r\n", "\n").strip()


def shown_text(cell: Any) -> str:
    """A cell as its number format shows it, where that says what the figure is: 0.8 as a
    percentage is "80%", 1200 as pounds "£1,200", 12 with "days" after it "12 days", a
    date shown to the month "September 2009". Other cells as :func:`cell_text` reads them."""
    value, shape = cell.value, str(cell.number_format or "General")
    section = shape.split(";")[0]
    if isinstance(value, int | float) and not isinstance(value, bool):
        decimals = re.search(r"\.(0+)", section)
        places = len(decimals[1]) if decimals else 0
        grouping = "," if "," in section else ""
        if "%" in section:
            return f"{value * 100:{grouping}.{places}f}%"
        if "£" in section:
            figure = f"{abs(value):{grouping}.{places}f}"
            return f"-£{figure}" if value < 0 else f"£{figure}"
        suffix = re.search(r'"([^"]+)"\s*$', section)
        if suffix and section.lstrip().startswith(("0", "#")):
            return f"{value:{grouping}.{places}f} {suffix[1].strip()}"
    if isinstance(value, dt.date) and "d" not in section.casefold().replace("[$-", ""):
        day = value.date() if isinstance(value, dt.datetime) else value
        return f"{calendar.month_name[day.month]} {day.year}"
    return cell_text(value)


def read_grid(path: Path, sheet: str | None = None) -> Grid:
    """The sheet ``sheet`` (the first, if None) of an .xlsx, or a .csv, as text."""
    path = Path(path)
    name = path.name
    try:
        head = path.read_bytes()[:8]
    except OSError as error:
        raise SourceError(f"{name} cannot be read: {error.strerror or error}.") from error
    if path.suffix.lower() == ".csv":
        return _read_csv(path)
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise SourceError(
            f"{name} is password-protected or an old Excel 97–2003 workbook: save it from "
            "Excel as an unprotected .xlsx workbook and import that."
        )
    if not head.startswith(b"PK"):
        raise SourceError(f"{name} is not an Excel workbook (.xlsx).")
    return _read_xlsx(path, sheet)


def _read_csv(path: Path) -> Grid:
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - cp1252 decodes almost anything; latin-1 everything
        text = raw.decode("latin-1")
    if "\x00" in text:
        raise SourceError(f"{path.name} is not a text (CSV) file.")
    # The delimiter is the one the first line uses most (Excel writes ";" in some locales);
    # quoting is Excel's, which csv.Sniffer guesses wrongly for quotes inside quoted cells.
    first = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first.count)
    dialect = csv.excel
    rows = []
    for number, row in enumerate(csv.reader(io.StringIO(text), dialect, delimiter=delimiter)):
        if number >= MAX_ROWS:
            raise SourceError(f"{path.name} has more than {MAX_ROWS:,} rows.")
        rows.append([cell.strip() for cell in row])
    return Grid(path.name, "", [], rows)


def _read_xlsx(path: Path, sheet: str | None) -> Grid:
    from openpyxl import load_workbook

    name = path.name
    try:
        # data_only: a formula's value as Excel last calculated it, which is what the lead saw.
        book = load_workbook(path, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError) as error:
        raise SourceError(f"{name} is damaged or not an Excel workbook ({error}).") from error
    except Exception as error:  # openpyxl raises many kinds on a damaged file
        raise SourceError(f"{name} is damaged or not an Excel workbook ({error}).") from error
    names = list(book.sheetnames)
    chosen = sheet or names[0]
    if chosen not in names:
        listed = ", ".join(f"“{n}”" for n in names)
        raise SourceError(f"{name} has no sheet called “{chosen}” (it has {listed}).")
    ws = book[chosen]
    if ws.max_row > MAX_ROWS:
        raise SourceError(f"{name}, sheet {chosen}, has more than {MAX_ROWS:,} rows.")
    rows = [[shown_text(cell) for cell in row] for row in ws.iter_rows()]
    # A merged range shows its value once, in its top-left cell; a tracker means it for every
    # cell it covers (a workstream merged down over its actions).
    for merged in ws.merged_cells.ranges:
        value = rows[merged.min_row - 1][merged.min_col - 1] if merged.min_row <= len(rows) else ""
        for r in range(merged.min_row - 1, min(merged.max_row, len(rows))):
            for c in range(merged.min_col - 1, merged.max_col):
                if c < len(rows[r]):
                    rows[r][c] = value
    hidden = {
        number - 1
        for number, dimension in ws.row_dimensions.items()
        if dimension.hidden and number <= len(rows)
    }
    return Grid(name, chosen, names, rows, hidden)


def _words(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\n", " ")).strip().casefold()


def guess_field(header: str) -> str:
    """The field a column probably holds, from its header's words; "ignore" if none fits."""
    words = _words(header)
    if not words:
        return "ignore"
    for pattern, found in _GUESSES:
        if re.search(pattern, words):
            return found
    return "ignore"


def find_header(grid: Grid) -> int:
    """The index of the header row: the first of the top rows in which at least two cells
    name a field we know, else the first with at least two filled cells."""
    top = grid.rows[:HEADER_SEARCH]
    for index, row in enumerate(top):
        if sum(1 for cell in row if guess_field(cell) != "ignore") >= 2:
            return index
    for index, row in enumerate(top):
        if sum(1 for cell in row if cell) >= 2:
            return index
    where = f"{grid.name}, sheet {grid.sheet}" if grid.sheet else grid.name
    raise SourceError(f"{where} has no header row: no row names its columns.")


def guess_mapping(headers: list[str]) -> list[str]:
    """A field for each column. One column holds the title: the last "title" guess wins and
    earlier ones become levels (a tracker's "Objective | Action" reads as path, title)."""
    mapping = [guess_field(header) for header in headers]
    titles = [i for i, f in enumerate(mapping) if f == "title"]
    for index in titles[:-1]:
        mapping[index] = "level"
    for unique in (
        "status",
        "rating",
        "responsible",
        "achievements",
        "depends",
        "id",
        "code",
        "number",
    ):
        seen = [i for i, f in enumerate(mapping) if f == unique]
        for index in seen[1:]:
            mapping[index] = "ignore"
    return mapping


def _due_words(text: str | None) -> str | None:
    """A due date as words: an Excel date serial kept as a plain number (45930, when the
    cell lost its date format on the way) is the day it counts; anything else as written."""
    if text and text.isdigit() and 20_000 <= int(text) <= 80_000:
        day = dt.date(1899, 12, 30) + dt.timedelta(days=int(text))  # Excel's day 0
        return format_date(day)
    return text


def split_milestones(text: str) -> tuple[str, ...]:
    """Milestones in one cell, joined with "; " as our own CSV joins them ("Sep 09: Draft;
    Dec 09: Adopt"), when every part but one at most starts with its due words (a milestone
    may have none: "(more to be added)"); else the cell is one milestone."""
    parts = [p.strip() for p in text.split("; ")]
    if len(parts) > 1 and sum(1 for p in parts if not _due_first(p)) <= 1:
        return tuple(parts)
    return (text.strip(),)


def _due_first(part: str) -> bool:
    """Whether a part starts with due words ("Sep 09: …"), or is only due words."""
    head, sep, _tail = part.partition(": ")
    try:
        if sep:
            return derive_due(head).date is not None
        return len(part) <= 40 and derive_due(part).date is not None
    except TrackerError:
        return False


def _check(mapping: list[str], where: str) -> None:
    unknown = sorted({f for f in mapping if f not in FIELDS})
    if unknown:
        raise SourceError(f"{where}: “{unknown[0]}” is not a field (use {', '.join(FIELDS)}).")


def to_source(grid: Grid, header: int, mapping: list[str]) -> Source:
    """The rows below ``header`` read as ``mapping`` says: actions, or (when the mapping has
    a target or an actual and no levels) measures."""
    where = f"{grid.name}, sheet {grid.sheet}" if grid.sheet else grid.name
    _check(mapping, where)
    if header >= len(grid.rows):
        raise SourceError(f"{where} has no row {header + 1} to be its header.")
    headers = grid.rows[header]
    source = Source(grid.name)
    columns = {f: [i for i, m in enumerate(mapping) if m == f] for f in FIELDS}
    levels = columns["level"]
    if "title" not in mapping and not levels:
        raise SourceError(f"{where}: no column is the title of an action or a measure.")
    measures = bool(columns["target"] or columns["actual"]) and not levels
    # The title is the deepest level: a row without one is an item above the actions. With
    # no title column, the last level column is the title (our own CSV leaves an action's
    # cell empty on a workstream judged itself: that cell must not repeat the one above).
    title_columns = columns["title"][:1] or levels[-1:]
    level_columns = [c for c in levels if c not in title_columns]
    hierarchy = level_columns + title_columns
    source.levels = [headers[i] if i < len(headers) else "" for i in hierarchy]
    # A number column numbers the column of the hierarchy just right of it ("Objective
    # number | Objective"), or the title when none is.
    numbered: dict[int, int] = {}
    for column in columns["number"]:
        right = [h for h in hierarchy if h > column]
        numbered[column] = hierarchy.index(right[0]) if right else len(hierarchy) - 1
    above: list[str] = ["" for _ in level_columns]

    def cell(row: list[str], name: str) -> str | None:
        for index in columns[name]:
            if index < len(row) and row[index]:
                return row[index]
        return None

    for index in range(header + 1, len(grid.rows)):
        row = grid.rows[index]
        if not any(row):
            continue
        if measures:
            title = cell(row, "title")
            if title is None:
                continue
            source.measures.append(
                SourceMeasure(
                    where=grid.where(index),
                    title=title,
                    code=cell(row, "code"),
                    responsible=cell(row, "responsible"),
                    unit=cell(row, "unit"),
                    target=cell(row, "target"),
                    actual=cell(row, "actual"),
                    status=cell(row, "rating") or cell(row, "status"),
                    comment=cell(row, "comment") or cell(row, "achievements"),
                    group=cell(row, "group"),
                )
            )
            continue
        path: list[str] = []
        for depth, column in enumerate(level_columns):
            value = row[column] if column < len(row) else ""
            if value:
                above[depth] = value
                above[depth + 1 :] = ["" for _ in above[depth + 1 :]]
            if above[depth]:
                path.append(above[depth])
        title_column = title_columns[0]
        title = row[title_column] if title_column < len(row) else ""
        if title:
            path.append(title)
        elif not any(row[c] for c in level_columns if c < len(row)):
            continue
        if not path:
            continue
        numbers: list[str | None] = []
        for depth, printed_title in enumerate(path):
            printed, path[depth] = split_number(printed_title)
            numbers.append(printed)
        for column, depth in numbered.items():
            if column < len(row) and row[column] and depth < len(numbers):
                numbers[depth] = row[column]
        due, milestone = _due_words(cell(row, "due")), cell(row, "milestone")
        milestones = (
            split_milestones(milestone)
            if milestone and not due
            else tuple(m for m in (milestone_words(due, milestone),) if m)
        )
        item_id = cell(row, "id")
        source.rows.append(
            SourceRow(
                where=grid.where(index),
                path=tuple(path),
                numbers=tuple(numbers) if any(numbers) else (),
                responsible=cell(row, "responsible"),
                milestones=milestones,
                achievements=cell(row, "achievements"),
                status=cell(row, "status"),
                rating=cell(row, "rating"),
                item_id=int(item_id) if item_id and item_id.isdigit() else None,
                depends_on=split_titles(cell(row, "depends")),
            )
        )
    if grid.hidden:
        hidden = sum(1 for i in grid.hidden if i > header)
        if hidden:
            source.notes.append(f"{hidden} hidden row{'s' if hidden != 1 else ''} read as well.")
    return source
