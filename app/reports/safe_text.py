"""Text from a programme file, made safe for every export format before it is written.

A file may hold text that validation refuses today: an old file, or one written by another
tool. Every renderer starts with :func:`clean_report`, so none is handed a character its
format cannot hold (Word and Excel refuse them with a traceback):

* C0 control characters other than tab, line feed and carriage return (illegal in XML);
* lone surrogates (UTF-8 cannot encode them);
* Unicode non-characters: U+FDD0–U+FDEF and the last two code points of every plane
  (U+FFFE, U+FFFF, U+1FFFE … U+10FFFF), which XML and HTML exclude or discourage.

Each is replaced by U+FFFD, the replacement character "�", so the reader sees that something
was there rather than losing it silently. Bidirectional embeddings and overrides (U+202A–E,
U+2066–8) left open at the end of a piece of text are closed there, so a right-to-left
override in one title cannot reorder the text that follows it. Colours that are not #RRGGBB
become black (a symbol's colour is only ever drawn beside its name).

:func:`continue_long_cells` serves the paged formats (Word, PDF): a table cell of hundreds of
pages makes Qt's layout and LibreOffice take minutes, and helps no reader, so a cell longer
than :data:`CELL_LIMIT` characters (:data:`HEADER_LIMIT` in header rows, which repeat on every
page) shows its beginning and "… [continued after this table: see note N]", and the rest
follows the table as "Note N, continued from the table above: …". Nothing is left out.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

from app.core.labels import shorten
from app.reports.model import Block, Cell, Fields, Mark, Paragraph, Report, Table

REPLACEMENT = "\ufffd"
_UNFIT = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufdd0-\ufdef"
    + "".join(chr(plane << 16 | 0xFFFE) + chr(plane << 16 | 0xFFFF) for plane in range(17))
    + "]"
)
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
_EMBEDDINGS = frozenset("\u202a\u202b\u202d\u202e")  # LRE, RLE, LRO, RLO
_ISOLATES = frozenset("\u2066\u2067\u2068")  # LRI, RLI, FSI
POP_EMBEDDING, POP_ISOLATE = "\u202c", "\u2069"  # PDF, PDI
_COLOUR = re.compile(r"#[0-9A-Fa-f]{6}")
CELL_LIMIT = 10_000  # characters of a table cell in Word and PDF (the demo's longest: 1,620)
HEADER_LIMIT = 1_000  # characters of a header row's cell


def clean(text: str) -> str:
    """``text`` with every character no export format can hold replaced by U+FFFD, and any
    bidirectional override it leaves open closed at its end."""
    if text.isascii() and text.isprintable():  # nearly all text: nothing to do
        return text
    text = _UNFIT.sub(REPLACEMENT, text)
    if _BIDI.search(text) is None:
        return text
    return text + _closers(text)


def _closers(text: str) -> str:
    """The PDF and PDI characters that close what ``text`` opens, innermost first (as the
    Unicode bidirectional algorithm matches them)."""
    open_: list[str] = []
    for match in _BIDI.finditer(text):
        char = match.group()
        if char in _EMBEDDINGS:
            open_.append(POP_EMBEDDING)
        elif char in _ISOLATES:
            open_.append(POP_ISOLATE)
        elif char == POP_EMBEDDING:
            if open_ and open_[-1] == POP_EMBEDDING:
                open_.pop()
        elif POP_ISOLATE in open_:  # a PDI closes its isolate and anything opened inside it
            while open_.pop() != POP_ISOLATE:
                pass
    return "".join(reversed(open_))


def colour(value: str | None) -> str:
    """A colour as #RRGGBB; black for anything else."""
    return value if value is not None and _COLOUR.fullmatch(value) else "#000000"


def clean_report(report: Report) -> Report:
    """``report`` with every piece of text cleaned (see the module's docstring). Only what
    changes is copied: a 50,000-action report is a quarter of a gigabyte, and nearly all of
    it is clean already."""
    cleaned: Report = _clean(report)
    return cleaned


def _identical(new: tuple[Any, ...], old: tuple[Any, ...]) -> bool:
    return all(a is b for a, b in zip(new, old, strict=True))


def _clean(value: Any) -> Any:
    if isinstance(value, Cell):  # the commonest block part first, and its commonest case
        if (
            value.mark is None
            and value.typed is None
            and value.text.isascii()
            and value.text.isprintable()
            and (value.shade is None or _COLOUR.fullmatch(value.shade))
        ):
            return value
        text, mark = clean(value.text), _clean(value.mark)
        shade = value.shade if value.shade and _COLOUR.fullmatch(value.shade) else None
        typed = _clean(value.typed)
        if _identical(
            (text, mark, shade, typed), (value.text, value.mark, value.shade, value.typed)
        ):
            return value
        return Cell(text, value.bold, mark, value.colspan, shade, value.align, typed)
    if isinstance(value, str):
        return clean(value)
    if isinstance(value, list):
        changed: list[Any] | None = None
        for index, item in enumerate(value):
            new = _clean(item)
            if new is not item:
                if changed is None:
                    changed = list(value)
                changed[index] = new
        return value if changed is None else changed
    if isinstance(value, tuple):
        parts = tuple(_clean(item) for item in value)
        return value if _identical(parts, value) else parts
    if isinstance(value, dict):
        pairs = [(_clean(key), _clean(item)) for key, item in value.items()]
        if all(k is k2 and v is v2 for (k, v), (k2, v2) in zip(value.items(), pairs, strict=True)):
            return value
        return dict(pairs)
    if isinstance(value, Mark):
        glyph, name, meaning = clean(value.glyph), clean(value.name), clean(value.meaning)
        shade = colour(value.colour)
        now = (glyph, name, shade, meaning)
        if _identical(now, (value.glyph, value.name, value.colour, value.meaning)):
            return value
        return Mark(glyph, name, shade, meaning)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {
            f.name: _clean(getattr(value, f.name)) for f in dataclasses.fields(value) if f.init
        }
        if all(changes[name] is getattr(value, name) for name in changes):
            return value
        return dataclasses.replace(value, **changes)
    return value  # numbers, dates, pictures' bytes, None


def utf16_length(text: str) -> int:
    """Length as Excel and Word count it: characters beyond U+FFFF take two units."""
    return len(text.encode("utf-16-le")) // 2


def cut_marker(total: int) -> str:
    return f"… [cut: {total:,} characters in full; see the programme file]"


def fit(text: str, limit: int) -> str:
    """``text`` if it fits in ``limit`` UTF-16 units; otherwise as much as fits followed by
    :func:`cut_marker`, so a cut is always visible in the file and says what was lost."""
    if len(text) <= limit // 2 or utf16_length(text) <= limit:
        return text
    marker = cut_marker(len(text))
    budget = limit - utf16_length(marker)
    head = text[:budget]
    excess = utf16_length(head) - budget
    while excess > 0:  # characters beyond U+FFFF took more room than one each
        head = head[: len(head) - excess]
        excess = utf16_length(head) - budget
    return head + marker


def metadata(text: str, limit: int = 255) -> str:
    """A document property (title, subject, author): at most ``limit`` characters
    (python-docx refuses more; Word and Excel show no more), ending "…" when shortened. The
    text in full is in the document itself."""
    return shorten(text, limit)


def continue_long_cells(
    report: Report, cell_limit: int = CELL_LIMIT, header_limit: int = HEADER_LIMIT
) -> Report:
    """A copy of ``report`` whose over-long table cells are continued after their tables (see
    the module's docstring); notes are numbered through the report."""
    blocks: list[Block] = []
    notes: list[Block] = []
    count = 0

    def split(text: str, limit: int) -> str:
        nonlocal count
        if len(text) <= limit:
            return text
        cut = text.rfind(" ", limit - 200, limit)  # at a space near the limit, if there is one
        cut = cut if cut > 0 else limit
        count += 1
        notes.append(Paragraph(f"Note {count}, continued from the table above: …{text[cut:]}"))
        return f"{text[:cut]} … [continued after this table: see note {count}]"

    def cells(row: list[Cell], limit: int) -> list[Cell]:
        return [
            dataclasses.replace(cell, text=split(cell.text, limit))
            if len(cell.text) > limit
            else cell
            for cell in row
        ]

    for block in report.blocks:
        if isinstance(block, Table):
            header = [cells(row, header_limit) for row in block.header]
            rows = [cells(row, cell_limit) for row in block.rows]
            blocks.append(dataclasses.replace(block, header=header, rows=rows))
        elif isinstance(block, Fields):
            pairs = [(split(a, cell_limit), split(b, cell_limit)) for a, b in block.rows]
            blocks.append(Fields(pairs))
        else:
            blocks.append(block)
        blocks.extend(notes)
        notes.clear()
    return dataclasses.replace(report, blocks=blocks)
