"""The report model: what a report says, with no idea of how any format draws it.

A layout (app/reports/layouts/) builds a :class:`Report` once; each renderer (Word, PDF,
Excel, HTML, CSV) walks the same blocks. Symbols travel as :class:`Mark` (glyph, name,
colour) so every renderer can put the symbol's name beside or behind its glyph: a committee
member reading a black-and-white print, or using a screen reader, loses nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Mark:
    glyph: str
    name: str
    colour: str  # "#RRGGBB"
    meaning: str = ""


@dataclass(frozen=True)
class Typed:
    """A figure or date as a spreadsheet keeps it, beside the cell's words, which every other
    format prints: ``value`` (80% is 0.8) and the Excel number format that shows it as the
    report does; ``note``, the words as written where they say more than the figure shows
    ("35.56% (estimates for 18 schools)", "Spring 2010"), so that nothing is lost by typing."""

    value: float | dt.date
    number_format: str
    note: str | None = None


@dataclass
class Cell:
    text: str = ""
    bold: bool = False
    mark: Mark | None = None  # a symbol drawn as its glyph with its name
    colspan: int = 1
    shade: str | None = None  # background, for group and heading rows
    align: str = "left"  # "left" or "centre"
    typed: Typed | None = None  # the figure or date in the text, for a workbook


@dataclass
class Table:
    """A table with header rows (repeated on every page and marked as headers)."""

    caption: str | None
    header: list[list[Cell]]
    rows: list[list[Cell]]
    widths: Sequence[float]  # relative column widths
    sheet: str = ""  # the Excel sheet's name
    landscape: bool = False  # needs a landscape page
    # The table as a workbook lays it out, where an analyst wants it otherwise than a
    # reader of the document ("81% (29)" as a percentage and a count in columns of their own).
    workbook: Table | None = None
    cover: bool = False  # a small table of the cover sheet: on Excel's cover sheet, not its own


@dataclass
class Heading:
    text: str
    level: int = 1


@dataclass
class Paragraph:
    text: str
    bold: bool = False
    small: bool = False


@dataclass
class Bullets:
    items: list[str]


@dataclass
class Key:
    """The key to a set of symbols: glyph and meaning, one per line."""

    title: str
    marks: list[Mark]


@dataclass
class Fields:
    """Label/value pairs: a committee cover sheet, a signature block."""

    rows: list[tuple[str, str]]


@dataclass
class PageBreak:
    pass


@dataclass
class Image:
    """A picture (a trend chart) with the same content in words, for screen readers."""

    png: bytes
    alt: str
    width_mm: float = 160


Block = Heading | Paragraph | Bullets | Key | Fields | Table | PageBreak | Image


class ExportCancelled(Exception):
    """Raised by a progress callback to stop an export; nothing is written."""


# Called with (done, total) as a renderer works; may raise ExportCancelled.
Progress = Callable[[int, int], None]


def no_progress(_done: int, _total: int) -> None:
    return None


@dataclass
class Report:
    title: str
    subtitle: str
    date: dt.date  # stamped into every format's metadata, so output is reproducible
    organisation: str = ""
    language: str = "en-GB"
    landscape: bool = False  # every page landscape (Salford's workplan is one wide table)
    blocks: list[Block] = field(default_factory=list)
    # One flat row per action (column name → text), for CSV.
    flat_rows: list[dict[str, str]] = field(default_factory=list)
    # What the document says in headings and bullets (a programme update's strands, a
    # project plan's work packages), as tables: a workbook has no headings, so it holds these
    # as sheets, and an import reads them back as it reads any table of actions.
    workbook_tables: list[Table] = field(default_factory=list)
    layout: str = ""  # the layout's name: our own Word file says which it is (its category)

    def tables(self) -> list[Table]:
        return [block for block in self.blocks if isinstance(block, Table)]
