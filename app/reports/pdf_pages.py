"""The PDF's pages, cut where a clerk would cut them.

Qt lays a whole QTextDocument out on pages by itself, but it splits a table row across two
pages (an action's narrative on one, the end of it and its mark on the next) and leaves a
heading or a key at the foot of a page with its table on the next. So each block of the
report is laid out as a piece of its own, in one long column, and the pieces are cut into
pages here: a table only between its rows (its header rows painted again at the top of the
next page), a paragraph only between its lines, a heading, a caption or a key kept with what
follows it. Only a row taller than a whole page is cut inside, as it must be.

A table's lines are drawn here too, as Word's "Table Grid" draws them (single 0.5 pt black
lines), a page's worth in one stroke: Qt draws each cell's four borders as filled rectangles,
each with its own graphics state, which was a fifth of a big PDF's time and a third of its
bytes.

QtGui only (no widgets): this runs from the command line too.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from app.reports.model import Block, Heading, Key, Paragraph, Table
from app.reports.pdf_table import Fonts, lay_out_table, painter_of

if TYPE_CHECKING:
    from PySide6.QtGui import (
        QAbstractTextDocumentLayout,
        QFont,
        QPainter,
        QTextDocument,
        QTextTable,
    )

PADDING = 3  # px above a cell's text to its row's top (cellpadding 3; no border: drawn here)
LINE_PX = 0.5 / 0.75  # Word's Table Grid line, 0.5 pt, in px at 96 dpi
GAP = 6.0  # px between one block and the next on a page
HEADING_GAP = 12.0  # px above a heading
TABLE_AFTER = 8.0  # px more below a table, as a paragraph's own space follows one in Word


@dataclass
class Grid:
    """Where a table's lines go, in its piece's y: each row's top and the table's bottom,
    each column's left edge and the table's right, and for each row the columns its cells
    start at (None: every column; a cell spanning columns has no line inside it)."""

    rows: list[float]
    edges: list[float]
    starts: list[tuple[int, ...] | None]


# Paints a piece's part from top to bottom (its own y) at the painter's origin; the width.
Draw = Callable[["QPainter", float, float, float], None]


@dataclass
class Piece:
    """One block laid out at the page's width, and where it may be cut."""

    draw: Draw
    height: float
    cuts: list[float] = field(default_factory=list)  # y where a page may end, ascending
    lines: list[float] = field(default_factory=list)  # cuts for a part taller than a page
    header: tuple[float, float] | None = None  # a table's header rows, painted again
    keep_with_next: bool = False
    gap: float = GAP  # space above it, unless it starts a page
    after: float = 0.0  # more space below it, unless a page ends there
    grids: list[Grid] = field(default_factory=list)


@dataclass
class Slice:
    piece: Piece
    top: float  # the part of the piece shown: from top to bottom, in the piece's y
    bottom: float
    at: float  # where on the page it is painted


def table_piece(table: Table, width: float, fonts: Fonts) -> Piece:
    """A report's table, laid out by app.reports.pdf_table: cut only between its rows."""
    laid = lay_out_table(table, width, fonts)
    piece = Piece(painter_of(laid), laid.height, after=TABLE_AFTER)
    if not laid.rows:
        return piece
    tops = [row.top for row in laid.rows]
    headers = len(table.header)
    if headers and len(tops) > headers:
        piece.header = (tops[0], tops[headers])
    # A page may end before any body row but the first: never a header alone.
    piece.cuts = tops[headers + 1 :] if headers else tops[1:]
    piece.grids.append(Grid([*tops, laid.height], laid.edges, laid.starts))
    piece.lines = [y for row in laid.rows for y in row.lines]
    return piece


def _drawer(document: QTextDocument, *, by_line: bool = False) -> Draw:
    def draw(painter: QPainter, top: float, bottom: float, width: float) -> None:
        from PySide6.QtCore import QRectF

        if by_line and (top > 0.5 or bottom < document.size().height() - 0.5):
            _draw_lines(painter, document, top, bottom, width)
        else:
            document.drawContents(painter, QRectF(0, top, width, bottom - top))

    return draw


def _draw_lines(
    painter: QPainter, document: QTextDocument, top: float, bottom: float, width: float
) -> None:
    """A paragraph cut by a page: the lines beginning on this page, each once. Qt's own
    drawing also draws the line above its clip, so a search of the file found the line at
    the foot of each page again at the head of the next."""
    from PySide6.QtCore import QPointF, QRectF

    painter.save()
    painter.setClipRect(QRectF(0, top, width, bottom - top))
    layout = document.documentLayout()
    block = document.begin()
    while block.isValid():
        origin = layout.blockBoundingRect(block).topLeft()
        lines = block.layout()
        for number in range(lines.lineCount()):
            line = lines.lineAt(number)
            if top - 0.5 <= origin.y() + line.y() < bottom - 0.5:
                line.draw(painter, QPointF(origin))
        block = block.next()
    painter.restore()


def make_piece(block: Block, html: str, width: float, font: QFont, css: str) -> Piece:
    """Any other block (a heading, a paragraph, a key, the cover's fields, an image) laid out
    by Qt's rich text."""
    from PySide6.QtGui import QTextDocument, QTextTable

    document = QTextDocument()
    document.setDefaultFont(font)
    document.setDefaultStyleSheet(css)
    document.setDocumentMargin(0)
    document.setHtml(f"<html><body>{html}</body></html>")
    tables = [f for f in document.rootFrame().childFrames() if isinstance(f, QTextTable)]
    document.setTextWidth(width)
    layout = document.documentLayout()
    piece = Piece(
        _drawer(document, by_line=isinstance(block, Paragraph)),
        layout.documentSize().height(),
        keep_with_next=isinstance(block, Heading | Key),
        gap=HEADING_GAP if isinstance(block, Heading) else GAP,
    )
    if isinstance(block, Heading | Key):
        return piece  # never cut (a key taller than a page is cut by make_pages)
    if tables:
        for table in tables:
            tops = []
            for row in range(table.rows()):
                cell = table.cellAt(row, 0)
                top = layout.blockBoundingRect(cell.firstCursorPosition().block()).top()
                tops.append(top - PADDING)
            piece.grids.append(_grid(table, tops, layout))
            headers = table.format().headerRowCount()
            if headers and len(tops) > headers:
                piece.header = (tops[0], tops[headers])
            # A page may end before any body row but the first: never a header alone.
            piece.cuts.extend(tops[headers + 1 :] if headers else tops[1:])
        return piece
    block_ = document.begin()  # a paragraph, bullets, an image: between lines
    while block_.isValid():
        top = layout.blockBoundingRect(block_).top()
        lines = block_.layout()
        for number in range(lines.lineCount()):
            y = top + lines.lineAt(number).y()
            if y > 0:
                piece.cuts.append(y)
        block_ = block_.next()
    piece.cuts.sort()
    return piece


def _grid(table: QTextTable, tops: list[float], layout: QAbstractTextDocumentLayout) -> Grid:
    """A rich-text table's lines (the cover sheet's fields: a few rows, asked of Qt)."""
    frame = layout.frameBoundingRect(table)
    columns = table.columns()
    starts: list[tuple[int, ...] | None] = []
    for row in range(table.rows()):
        firsts, column = [], 0
        while column < columns:
            firsts.append(column)
            column += max(table.cellAt(row, column).columnSpan(), 1)
        starts.append(None if len(firsts) == columns else tuple(firsts))
    # Column edges from the first row whose cells are one column each: a cell's text starts
    # its padding inside the cell (the frame itself is wider than its cells).
    edges = [frame.left() + frame.width() * c / columns for c in range(columns + 1)]
    for row, row_starts in enumerate(starts):
        if row_starts is None:
            texts = [
                layout.blockBoundingRect(table.cellAt(row, c).firstCursorPosition().block())
                for c in range(columns)
            ]
            edges = [rect.left() - PADDING for rect in texts] + [texts[-1].right() + PADDING]
            break
    return Grid([*tops, frame.bottom()], edges, starts)


def paginate(pieces: Iterable[Piece], page_height: float) -> Iterator[list[Slice]]:
    """The pieces cut into pages of ``page_height``, each page given as soon as it is full:
    a piece is laid out only when the page before it is done (with one piece of look-ahead,
    for a heading kept with what follows), so only a page's worth of documents is alive."""
    page: list[Slice] = []
    used = 0.0
    remaining = iter(pieces)
    piece = next(remaining, None)
    after = 0.0
    while piece is not None:
        following = next(remaining, None)
        if used > 0:
            used += piece.gap + after
        if piece.keep_with_next and used > 0 and following is not None:
            first = next((c for c in following.cuts if c > 0), following.height)
            if used + piece.height + following.gap + first > page_height:
                yield page  # the heading or key goes over with what it introduces
                page, used = [], 0.0
        y = 0.0
        while y < piece.height - 0.5:
            header = piece.header if y > 0 and piece.header is not None else None
            header_height = header[1] - header[0] if header else 0.0
            room = page_height - used - header_height
            if piece.height - y <= room:
                end = piece.height
            else:
                fitting = [c for c in piece.cuts if y < c <= y + room]
                if fitting:
                    end = fitting[-1]
                elif used > 0:
                    yield page  # try again at the top of a page
                    page, used = [], 0.0
                    continue
                else:  # taller than a page: cut between lines, or where the page ends
                    inside = [c for c in piece.lines if y < c <= y + room]
                    end = inside[-1] if inside else y + room
            if header is not None:
                page.append(Slice(piece, header[0], header[1], used))
                used += header_height
            page.append(Slice(piece, y, end, used))
            used += end - y
            y = end
            if y < piece.height - 0.5:
                yield page
                page, used = [], 0.0
        after = piece.after
        piece = following
    if page:
        yield page


def paint(painter: QPainter, page: list[Slice], width: float) -> None:
    from PySide6.QtCore import QLineF, Qt
    from PySide6.QtGui import QPen

    lines: list[QLineF] = []
    for part in page:
        painter.save()
        painter.translate(0, part.at - part.top)
        part.piece.draw(painter, part.top, part.bottom, width)
        painter.restore()
        shift = part.at - part.top
        for grid in part.piece.grids:
            for x1, y1, x2, y2 in grid_lines(grid, part.top, part.bottom):
                lines.append(QLineF(x1, y1 + shift, x2, y2 + shift))
    if lines:
        painter.save()
        painter.setPen(QPen(Qt.GlobalColor.black, LINE_PX))
        painter.drawLines(lines)
        painter.restore()


Line = tuple[float, float, float, float]


def grid_lines(grid: Grid, top: float, bottom: float) -> list[Line]:
    """The lines of the part of a table from ``top`` to ``bottom``: every row's top in it,
    the part's own top and bottom (a row cut by the page is closed on both pages), and each
    column's edge as one line down the rows that have it."""
    rows = grid.rows
    top, bottom = max(top, rows[0]), min(bottom, rows[-1])
    if bottom - top < 0.5:
        return []
    left, right = grid.edges[0], grid.edges[-1]
    across = [top, *(y for y in rows if top + 0.5 < y < bottom - 0.5), bottom]
    lines: list[Line] = [(left, y, right, y) for y in across]
    last = len(grid.edges) - 1
    runs: dict[int, float] = {}  # column edge → where its current line began
    for row, firsts in enumerate(grid.starts):
        y1, y2 = max(rows[row], top), min(rows[row + 1], bottom)
        if y2 <= y1:
            continue
        columns = set(range(last + 1)) if firsts is None else {*firsts, last}
        for column in [c for c in runs if c not in columns]:
            lines.append((grid.edges[column], runs.pop(column), grid.edges[column], y1))
        for column in columns:
            runs.setdefault(column, y1)
    for column, y1 in runs.items():
        lines.append((grid.edges[column], y1, grid.edges[column], bottom))
    return lines
