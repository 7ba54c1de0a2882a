"""A report's table laid out and painted for the PDF cell by cell, without a QTextDocument.

Qt's rich-text table parses HTML, then lays every cell out twice (once unbounded, to learn
its columns' least and greatest widths, then at its width) and walks its frames to paint
them: at 50,000 actions that was nine seconds of a PDF's twenty. The report's columns are
known already (app/reports/widths.py, as Word gets them), so each cell is one QTextLayout at
its column's width, laid out once, and painted where its row falls on the page. A piece of
text is laid out and drawn by Qt's own text engine either way, so it reads, wraps and is
written into the PDF as it was.

The look is the rich-text table's: 3 px of padding, header rows bold on light blue, a mark
as its glyph over its name. Lines are drawn by app.reports.pdf_pages, as for every table.

QtGui only (no widgets): this runs from the command line too.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from app.reports.model import Cell, Table
from app.reports.widths import fitted_widths

if TYPE_CHECKING:
    from PySide6.QtGui import QColor, QFont, QPainter, QTextLayout

PADDING = 3.0  # px between a cell's lines and its text
HEADER_SHADE = "#D9E2F3"  # as QT_CSS's th
TEXT_PT = 9.0  # th, td
MARK_GLYPH_PT = 12.0
MARK_NAME_PT = 6.5
CAPTION_PT = 10.5  # the body's size, as Qt gives a caption
CAPTION_GAP = 4.0  # px between a caption and its table
TALL_ROW = 400.0  # px: a row this tall may not fit on a page, so where it may be cut is kept
LINE_BREAK = "\u2028"  # QTextLayout's line separator: a "\n" in a cell is a new line


@dataclass
class Text:
    """One laid-out run of a cell, where it goes in its row (x from the table's left)."""

    layout: QTextLayout
    x: float
    y: float
    height: float
    colour: QColor | None = None  # a mark's glyph; the rest is black


@dataclass
class Row:
    top: float
    height: float
    cells: list[tuple[float, float, str | None]]  # x, width and shade of each cell
    texts: list[Text]
    lines: list[float] = field(default_factory=list)  # where a row taller than a page is cut


@dataclass
class LaidTable:
    """A table laid out at a width: its caption, its rows from the top, its column edges."""

    caption: list[Text]
    rows: list[Row]
    edges: list[float]
    starts: list[tuple[int, ...] | None]
    height: float
    tops: list[float] = field(default_factory=list)  # each row's top, for finding a page's rows


class Fonts:
    """The fonts a table is set in, made once per report from the body font (whose
    features, no ligatures and no shaping, every size keeps)."""

    def __init__(self, body: QFont) -> None:
        from PySide6.QtGui import QFont, QFontMetricsF

        def sized(points: float, bold: bool = False) -> QFont:
            font = QFont(body)
            font.setPointSizeF(points)
            font.setBold(bold)
            return font

        self.text = sized(TEXT_PT)
        self.bold = sized(TEXT_PT, bold=True)
        self.glyph = sized(MARK_GLYPH_PT, bold=True)
        self.name = sized(MARK_NAME_PT)
        self.caption = sized(CAPTION_PT)
        # An empty cell is as tall as one line of its font, as an empty paragraph is.
        self.empty = QFontMetricsF(self.text).height()


def lay_out_table(table: Table, width: float, fonts: Fonts) -> LaidTable:
    shares = fitted_widths(table, width * 0.75)  # px at 96 dpi → pt, as Word's
    scale = width / (sum(shares) or 1)
    edges, total = [0.0], 0.0
    for share in shares:  # whole pixels, as Qt's rich-text tables (and the pages they made)
        total += share * scale
        edges.append(float(round(total)))
    caption: list[Text] = []
    y = 0.0
    if table.caption:
        layout, height = _lay_out(table.caption, fonts.caption, width, centre=False)
        caption.append(Text(layout, 0.0, 0.0, height))
        y = height + CAPTION_GAP
    rows: list[Row] = []
    starts: list[tuple[int, ...] | None] = []
    colours: dict[str, QColor] = {}
    for cells, header in [(r, True) for r in table.header] + [(r, False) for r in table.rows]:
        row = Row(y, 0.0, [], [])
        column, firsts, tallest = 0, [], fonts.empty
        for cell in cells:
            if column >= len(shares):
                break
            firsts.append(column)
            end = min(column + max(cell.colspan, 1), len(shares))
            left, right = edges[column], edges[end]
            shade = cell.shade or (HEADER_SHADE if header else None)
            row.cells.append((left, right - left, shade))
            tallest = max(
                tallest, _lay_out_cell(cell, header, left, right - left, row, fonts, colours)
            )
            column = end
        row.height = tallest + 2 * PADDING
        if row.height > TALL_ROW:
            row.lines = _line_tops(row)
        rows.append(row)
        starts.append(None if len(firsts) == len(shares) else tuple(firsts))
        y += row.height
    return LaidTable(caption, rows, edges, starts, y, [row.top for row in rows])


def _line_tops(row: Row) -> list[float]:
    """Where the row's longest text may be cut between its lines. Every cell's text is set at
    one size from the row's top, so a cut between one cell's lines falls between the others'."""
    longest = max(row.texts, key=lambda text: text.layout.lineCount(), default=None)
    if longest is None:
        return []
    layout = longest.layout
    return [longest.y + layout.lineAt(n).y() for n in range(1, layout.lineCount())]


def _lay_out_cell(
    cell: Cell,
    header: bool,
    left: float,
    width: float,
    row: Row,
    fonts: Fonts,
    colours: dict[str, QColor],
) -> float:
    """Lays the cell's text out into ``row``; its height, without padding."""
    from PySide6.QtGui import QColor

    inner = max(width - 2 * PADDING, 1.0)
    centre = cell.align == "centre"
    x, y = left + PADDING, row.top + PADDING
    mark = cell.mark
    if mark is not None and cell.text in ("", mark.glyph, mark.name):
        glyph, glyph_height = _lay_out(mark.glyph, fonts.glyph, inner, centre)
        name, name_height = _lay_out(mark.name, fonts.name, inner, centre)
        colour = colours.get(mark.colour)
        if colour is None:
            colour = colours[mark.colour] = QColor(mark.colour)
        row.texts.append(Text(glyph, x, y, glyph_height, colour))
        row.texts.append(Text(name, x, y + glyph_height, name_height))
        return glyph_height + name_height
    if not cell.text:
        return 0.0
    font = fonts.bold if header or cell.bold else fonts.text
    layout, height = _lay_out(cell.text, font, inner, centre)
    row.texts.append(Text(layout, x, y, height))
    return height


def _lay_out(text: str, font: QFont, width: float, centre: bool) -> tuple[QTextLayout, float]:
    """``text`` broken into lines of ``width`` (at a space, or anywhere in a word longer than
    the line, as a rich-text cell breaks it); the layout and its height."""
    from PySide6.QtCore import QPointF, Qt
    from PySide6.QtGui import QTextLayout, QTextOption

    layout = QTextLayout(text.replace("\n", LINE_BREAK), font)
    option = QTextOption(Qt.AlignmentFlag.AlignHCenter if centre else Qt.AlignmentFlag.AlignLeft)
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    layout.beginLayout()
    y = 0.0
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        line.setPosition(QPointF(0, y))
        y += line.height()
    layout.endLayout()
    return layout, y


def painter_of(table: LaidTable) -> Callable[[QPainter, float, float, float], None]:
    """Paints the part of the table from ``top`` to ``bottom`` (in its own y) with the
    painter's origin at the table's top: the rows it crosses, backgrounds first."""

    def paint(painter: QPainter, top: float, bottom: float, width: float) -> None:
        from PySide6.QtCore import QPointF, QRectF, Qt
        from PySide6.QtGui import QColor

        painter.save()
        painter.setClipRect(QRectF(0, top, width, bottom - top))
        if table.rows and top < table.rows[0].top:
            for text in table.caption:
                text.layout.draw(painter, QPointF(text.x, text.y))
        rows = _rows_between(table, top, bottom)
        for row in rows:
            for left, cell_width, shade in row.cells:
                if shade is not None:
                    painter.fillRect(QRectF(left, row.top, cell_width, row.height), QColor(shade))
        black = QColor(Qt.GlobalColor.black)
        for row in rows:
            whole = top <= row.top and row.top + row.height <= bottom
            for text in row.texts:
                painter.setPen(text.colour if text.colour is not None else black)
                if whole:
                    text.layout.draw(painter, QPointF(text.x, text.y))
                else:
                    _draw_lines(painter, text, top, bottom)
        painter.restore()

    return paint


def _rows_between(table: LaidTable, top: float, bottom: float) -> list[Row]:
    """The rows crossing ``top``–``bottom``, found by bisection: a table of thousands of rows
    is painted over hundreds of pages, and a scan of every row for each had been quadratic."""
    first = max(bisect.bisect_right(table.tops, top) - 1, 0)
    rows = []
    for row in table.rows[first:]:
        if row.top >= bottom:
            break
        if row.top + row.height > top:
            rows.append(row)
    return rows


def _draw_lines(painter: QPainter, text: Text, top: float, bottom: float) -> None:
    """The lines of a row cut by a page that begin on it (a line cut through is drawn on
    the page it begins on, and clipped there). Each line is drawn once in the whole file:
    QTextLayout's own clip also draws a line or so above it, which a reader's search then
    found twice, at the foot of one page and the head of the next."""
    from PySide6.QtCore import QPointF

    position = QPointF(text.x, text.y)
    layout = text.layout
    for number in range(layout.lineCount()):
        line = layout.lineAt(number)
        y = text.y + line.y()
        if top - 0.5 <= y < bottom - 0.5:
            line.draw(painter, position)
