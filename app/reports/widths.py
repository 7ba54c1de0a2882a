"""Column widths from content: no word is broken inside a column.

A layout gives each column a share of the page ("the narrative is wide, the mark narrow").
In a fixed-layout Word table a column narrower than its longest word breaks that word
across lines ("Performanc / e Against Target"), which a clerk would never type. So each
column is first given room for its longest word (as the renderer will print it: its font
size, bold or not, and the cell's margins), and what that takes is found in the columns with
room to spare, in proportion to their spare room.

The text is measured with Helvetica's widths (Adobe's published metrics): Arial, the reports'
font, and Liberation Sans, which LibreOffice puts in its place, have the same widths, so no
font file or Qt is needed here.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence

from app.reports.model import Cell, Table

# Advance widths in 1/1000 em of the printable ASCII characters, space (32) to tilde (126).
_REGULAR = (
    "278 278 355 556 556 889 667 191 333 333 389 584 278 333 278 278 556 556 556 556 556 556 "
    "556 556 556 556 278 278 584 584 584 556 1015 667 667 722 722 667 611 778 722 278 500 667 "
    "556 833 722 778 667 778 722 667 611 722 667 944 667 667 611 278 278 278 469 556 333 556 "
    "556 500 556 556 278 556 556 222 222 500 222 833 556 556 556 556 333 500 278 556 500 722 "
    "500 500 500 334 260 334 584"
)
_BOLD = (
    "278 333 474 556 556 889 722 238 333 333 389 584 278 333 278 278 556 556 556 556 556 556 "
    "556 556 556 556 333 333 584 584 584 611 975 722 722 722 722 667 611 778 722 278 556 722 "
    "611 833 722 778 667 778 722 667 611 722 667 944 667 667 611 333 278 333 584 556 333 556 "
    "611 556 611 556 333 611 611 278 278 556 278 889 611 611 611 611 389 556 333 611 556 778 "
    "556 556 500 389 280 389 584"
)
REGULAR = {chr(32 + n): int(w) for n, w in enumerate(_REGULAR.split())}
BOLD = {chr(32 + n): int(w) for n, w in enumerate(_BOLD.split())}
OTHER = 650  # a letter outside ASCII (é, £, ’): about an average capital

TEXT_PT = 9.0  # a table cell's text, as render_docx writes it
MARK_NAME_PT = 7.0  # the symbol's name under its glyph
MARK_GLYPH_PT = 12.0
CELL_MARGINS_PT = 11.0  # Word's default left and right cell margins, 0.19 cm each
SLACK_PT = 2.0  # rounding in the layout engines
LONGEST_WORD_SHARE = 0.4  # of the page, the most a column widens for one long word


def text_width(text: str, size_pt: float, *, bold: bool = False) -> float:
    """The width of ``text`` on one line, in points."""
    table = BOLD if bold else REGULAR
    return sum(table.get(ch, OTHER) for ch in text) * size_pt / 1000


def longest_word(text: str, size_pt: float, *, bold: bool = False) -> float:
    """The widest word of ``text`` (lines broken only at spaces and hyphens' ends)."""
    words = text.replace("-", "- ").replace("/", "/ ").split()
    units = _BOLD_UNITS if bold else _REGULAR_UNITS
    return max(map(units, words), default=0) * size_pt / 1000


def _units(table: dict[str, int]) -> Callable[[str], int]:
    """A word's width in 1/1000 em, remembered: a programme's words repeat from row to row,
    and a 50,000-action report measures millions of them."""

    @functools.lru_cache(maxsize=65_536)
    def units(word: str) -> int:
        return sum(table.get(ch, OTHER) for ch in word)

    return units


_REGULAR_UNITS = _units(REGULAR)
_BOLD_UNITS = _units(BOLD)


def cell_need(cell: Cell, *, header: bool) -> float:
    """The narrowest width, in points, the cell's content fits without a broken word."""
    if cell.mark is not None:
        need = max(
            text_width(cell.mark.glyph, MARK_GLYPH_PT, bold=True),
            longest_word(cell.mark.name, MARK_NAME_PT),
        )
    else:
        need = longest_word(cell.text, TEXT_PT, bold=cell.bold or header)
    return need + CELL_MARGINS_PT + SLACK_PT


def fitted_widths(table: Table, usable_pt: float) -> list[float]:
    """Each column's width in points, summing to ``usable_pt``: the layout's shares, widened
    where a column's longest word needs it (cells spanning columns are left to the columns
    they span). If every column's need together exceeds the page, the needs are scaled
    down alike: a word then breaks, as it must.

    A word too long for any column (a web address, or ten thousand letters pasted without a
    space) is broken whatever is done, so its column asks for no more than its share or
    :data:`LONGEST_WORD_SHARE` of the page: given the whole page, it had squeezed every
    other column to a letter a line, and the header rows to half a page."""
    count = len(table.widths)
    total = sum(table.widths) or 1
    shares = [usable_pt * w / total for w in table.widths]
    needs = [0.0] * count
    for rows, header in ((table.header, True), (table.rows, False)):
        for row in rows:
            column = 0
            for cell in row:
                if cell.colspan == 1 and column < count:
                    needs[column] = max(needs[column], cell_need(cell, header=header))
                column += cell.colspan
    caps = [max(share, usable_pt * LONGEST_WORD_SHARE) for share in shares]
    needs = [min(need, cap) for need, cap in zip(needs, caps, strict=True)]
    return _share_out(shares, needs, usable_pt)


def _share_out(shares: Sequence[float], needs: Sequence[float], usable: float) -> list[float]:
    if sum(needs) >= usable:
        scale = usable / sum(needs)
        return [n * scale for n in needs]
    widths = list(shares)
    for _ in range(len(widths)):  # each pass settles at least one column
        short = sum(max(0.0, n - w) for n, w in zip(needs, widths, strict=True))
        if short <= 1e-6:
            break
        spare = [max(0.0, w - n) for n, w in zip(needs, widths, strict=True)]
        room = sum(spare)
        widths = [
            max(w, n) - (s / room * short if room else 0.0)
            for w, n, s in zip(widths, needs, spare, strict=True)
        ]
    return widths
