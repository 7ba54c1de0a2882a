"""The PDF's pages, cut where a clerk would cut them.

Qt lays a whole QTextDocument out on pages by itself, but it splits a table row across two
pages (an action's narrative on one, the end of it and its mark on the next) and leaves a
heading or a key at the foot of a page with its table on the next. So each block of the
report is laid out as a piece of its own, in one long column, and the pieces are cut into
pages here: a table only between its rows (its header rows painted again at the top of the
next page), a paragraph only between its lines, a heading, a caption or a key kept with what
follows it. Only a row taller than a whole page is cut inside, as it must be.

QtGui only (no widgets): this runs from the command line too.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from app.reports.model import Block, Heading, Key, Table
from app.reports.widths import fitted_widths

if TYPE_CHECKING:
    from PySide6.QtGui import QFont, QPainter, QTextDocument

BORDER_AND_PADDING = 4  # px above a cell's text to its row's top border (cellpadding 3, border 1)
GAP = 6.0  # px between one block and the next on a page
HEADING_GAP = 12.0  # px above a heading


@dataclass
class Piece:
    """One block laid out at the page's width, and where it may be cut."""

    document: QTextDocument
    height: float
    cuts: list[float] = field(default_factory=list)  # y where a page may end, ascending
    header: tuple[float, float] | None = None  # a table's header rows, painted again
    keep_with_next: bool = False
    gap: float = GAP  # space above it, unless it starts a page


@dataclass
class Slice:
    piece: Piece
    top: float  # the part of the piece shown: from top to bottom, in the piece's y
    bottom: float
    at: float  # where on the page it is painted


def make_piece(block: Block, html: str, width: float, font: QFont, css: str) -> Piece:
    from PySide6.QtGui import QTextDocument, QTextLength, QTextTable

    document = QTextDocument()
    document.setDefaultFont(font)
    document.setDefaultStyleSheet(css)
    document.setDocumentMargin(0)
    document.setHtml(f"<html><body>{html}</body></html>")
    tables = [f for f in document.rootFrame().childFrames() if isinstance(f, QTextTable)]
    if isinstance(block, Table) and len(tables) == 1 and tables[0].columns() == len(block.widths):
        # Widths from content, as in Word (app/reports/widths.py): "Completed" whole. Set
        # before the first layout, which setting them after would repeat.
        widths = fitted_widths(block, width * 0.75)  # px at 96 dpi → pt
        table_format = tables[0].format()
        table_format.setColumnWidthConstraints(
            [QTextLength(QTextLength.Type.PercentageLength, 100 * w / sum(widths)) for w in widths]
        )
        tables[0].setFormat(table_format)
    document.setTextWidth(width)
    layout = document.documentLayout()
    piece = Piece(
        document,
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
                tops.append(top - BORDER_AND_PADDING)
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


def paginate(pieces: Iterable[Piece], page_height: float) -> Iterator[list[Slice]]:
    """The pieces cut into pages of ``page_height``, each page given as soon as it is full:
    a piece is laid out only when the page before it is done (with one piece of look-ahead,
    for a heading kept with what follows), so only a page's worth of documents is alive."""
    page: list[Slice] = []
    used = 0.0
    remaining = iter(pieces)
    piece = next(remaining, None)
    while piece is not None:
        following = next(remaining, None)
        if used > 0:
            used += piece.gap
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
                else:
                    end = y + room  # taller than a page: cut where the page ends
            if header is not None:
                page.append(Slice(piece, header[0], header[1], used))
                used += header_height
            page.append(Slice(piece, y, end, used))
            used += end - y
            y = end
            if y < piece.height - 0.5:
                yield page
                page, used = [], 0.0
        piece = following
    if page:
        yield page


def paint(painter: QPainter, page: list[Slice], width: float) -> None:
    from PySide6.QtCore import QRectF

    for part in page:
        painter.save()
        painter.translate(0, part.at - part.top)
        part.piece.document.drawContents(
            painter, QRectF(0, part.top, width, part.bottom - part.top)
        )
        painter.restore()
