"""A workbook's sheets as an analyst sets them up: names that say what each holds and never
clash, and pages that print as the report does.

Excel allows 31 characters in a sheet's name, none of ``[ ] : * ? / \\``, no apostrophe at
either end, no two names differing only in case, and not "History" (which it keeps for
itself). A name longer than that is shortened at a word and ends "…", so that it does not
stop mid-word as if it were the whole name; two that are the same once shortened are told
apart by a number, "(2)", within the 31.

Every table's sheet prints landscape on A4, as wide as one page and as long as it needs,
with its header rows repeated on each page and the sheet's name and page number below.
"""

from __future__ import annotations

import math
import re

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

NAME_LIMIT = 31
_NOT_IN_NAMES = re.compile(r"[\[\]:*?/\\\x00-\x1f]")
_RESERVED = {"history"}
_HEADER_LIMIT = 200  # Excel takes 255 characters for a page's header or footer, codes included
LINE_HEIGHT = 15  # points, a line of 11-point text
MAX_ROW_HEIGHT = 409  # points, the most Excel allows


def _shortened(name: str, limit: int) -> str:
    if len(name) <= limit:
        return name
    cut = name[: limit - 1]
    space = cut.rfind(" ")
    if space >= limit // 2:  # at a word, unless that would leave too little
        cut = cut[:space]
    return cut.rstrip(" –-.,;:'") + "…"


def _valid(wanted: str) -> str:
    return " ".join(_NOT_IN_NAMES.sub(" ", wanted).split()).strip(" '") or "Sheet"


_SMALL = {"a", "an", "and", "at", "by", "for", "in", "of", "on", "or", "the", "to", "with"}


def _initials(words: list[str]) -> list[str]:
    """A name's words as initials: "Organisational Effectiveness" is "OE", "Priority Service
    Objectives for 2009" is "PSO 2009"; numbers and dashes stay, small words go."""
    out: list[str] = []
    run = ""
    for word in words:
        if word[0].isupper():
            run += word[0]
        elif word[0].isdigit() or not word[0].isalnum():
            out.extend([run, word] if run else [word])
            run = ""
    return [*out, run] if run else out


def _shared_start(head: list[str]) -> list[str]:
    """The words a name shares with others at its start, shortened: a name's capitalised
    words as initials ("OE Objective 1"), else its first word and "…" ("Improve… north")."""
    named = [word for word in head if word.casefold() not in _SMALL]
    if len(named) >= 2 and all(word[0].isupper() or word[0].isdigit() for word in named):
        return _initials(head)
    return [head[0] + "…"]


def _told_apart(name: str, others: list[str]) -> str:
    """``name`` with the words it shares with ``others`` at its start shortened but the last
    ("OE Objective 2 Enable the…" beside "OE Objective 1 Develop a…"); a label before
    " – " ("Summary – …") stays whole."""
    label, dash, rest = name.partition(" – ")
    if not dash:
        label, rest = "", name
    words = rest.split()
    common = len(words)
    for other in others:
        theirs = other.partition(" – ")[2] if label else other
        shared = 0
        for mine, their in zip(words, theirs.split(), strict=False):
            if mine.casefold() != their.casefold():
                break
            shared += 1
        common = min(common, shared)
    if common < 2 or common == len(words):
        return name
    last = [] if words[common - 1].casefold() in _SMALL else [words[common - 1]]
    told = " ".join([*_shared_start(words[: common - 1]), *last, *words[common:]])
    return f"{label} – {told}" if label else told


def sheet_names(wanted: list[str], used: set[str]) -> list[str]:
    """Valid, unique names for sheets of these names, made together so that two long names
    that begin alike are told apart by their words rather than only by a number."""
    valid = [_valid(name) for name in wanted]
    short = [_shortened(name, NAME_LIMIT).casefold() for name in valid]
    names = []
    for index, name in enumerate(valid):
        clashes = [
            other
            for number, other in enumerate(valid)
            if number != index and short[number] == short[index] and other != name
        ]
        if clashes and len(name) > NAME_LIMIT:
            name = _told_apart(name, clashes)
        names.append(sheet_name(name, used))
    return names


def sheet_name(wanted: str, used: set[str]) -> str:
    """A valid name for a sheet from ``wanted``, unique among ``used`` (casefolded), which
    it joins."""
    name = _valid(wanted)
    candidate, number = _shortened(name, NAME_LIMIT), 2
    while candidate.casefold() in used | _RESERVED:
        suffix = f" ({number})"
        candidate = _shortened(name, NAME_LIMIT - len(suffix)) + suffix
        number += 1
    used.add(candidate.casefold())
    return candidate


def _header_text(text: str) -> str:
    """Text for a page's header: "&" doubled (a single one starts a code), shortened."""
    short = text if len(text) <= _HEADER_LIMIT else text[: _HEADER_LIMIT - 1] + "…"
    return short.replace("&", "&&")


def print_setup(
    sheet: Worksheet, title: str, header_rows: tuple[int, int] | None, *, landscape: bool = True
) -> None:
    """A4, one page wide, ``header_rows`` (first, last) repeated at the top of every page; the
    report's title above and the sheet's name and page number below."""
    if landscape:
        sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.page_margins.left = sheet.page_margins.right = 0.5
    if header_rows is not None:
        sheet.print_title_rows = f"{header_rows[0]}:{header_rows[1]}"
    header, footer = sheet.oddHeader, sheet.oddFooter  # openpyxl makes both with the sheet
    if title and header is not None:
        header.left.text = _header_text(title)
    if footer is not None:
        footer.left.text = "&A"
        footer.right.text = "Page &P of &N"


def _wrapped(text: str, per_line: int) -> int:
    """How many lines ``text`` takes wrapped at words into lines of ``per_line`` characters."""
    lines, used = 1, 0
    for word in text.split(" "):
        length = len(word)
        if used and used + 1 + length > per_line:
            lines, used = lines + 1, 0
        if length > per_line:  # a word longer than a line is broken across lines
            lines += (used + length - 1) // per_line
            used = (used + length) % per_line or per_line
        else:
            used += length + (1 if used else 0)
    return lines


def fit_rows(sheet: Worksheet, first: int, last: int) -> None:
    """Rows ``first`` to ``last`` as tall as their wrapped text needs. Neither Excel nor
    LibreOffice grows a row for wrapped text it did not lay out itself, so without a height
    each row shows one line and the next row's text is drawn over the rest."""
    widths = {
        column: sheet.column_dimensions[get_column_letter(column)].width or 8.43
        for column in range(1, sheet.max_column + 1)
    }
    spans = {
        (area.min_row, area.min_col): range(area.min_col, area.max_col + 1)
        for area in sheet.merged_cells.ranges
    }
    for row in range(first, last + 1):
        lines = 1.0
        for cell in sheet[row]:
            wraps = cell.alignment is not None and cell.alignment.wrap_text
            if not wraps or not isinstance(cell.value, str) or cell.column is None:
                continue
            columns = spans.get((row, cell.column), range(cell.column, cell.column + 1))
            size = float(cell.font.sz) if cell.font is not None and cell.font.sz else 11.0
            wider = 1.1 if cell.font is not None and cell.font.b else 1.0  # bold is wider
            width = sum(widths.get(c, 8.43) for c in columns) * 11 / size / wider
            needed = sum(
                _wrapped(part, max(1, int(width * 1.1) - 1)) for part in cell.value.split("\n")
            )
            lines = max(lines, needed * size / 11)
        if lines > 1:
            sheet.row_dimensions[row].height = min(
                MAX_ROW_HEIGHT, math.ceil(lines * LINE_HEIGHT) + 4
            )
