"""The PDF's bytes after Qt has written them: page numbers stamped, dates made reproducible.

"Page 3 of 1067" needs the number of pages before the first is painted, and that is known
only when the last block has been laid out. Holding every block's laid-out QTextDocument
until then took 1.5 GB for 50,000 actions; painting each page as soon as it is full, and
freeing what it used, keeps the memory flat. So the page numbers are written afterwards:
each page gets a second, small content stream that draws "Page X of Y" in Helvetica (one of
PDF's standard fonts, which every reader has; Arial, the report's font, has its widths),
centred where Qt drew the footer's first line.

Qt writes the time of writing into the PDF; it is replaced by the report's date, so the
same data gives the same bytes. Both changes rewrite the cross-reference table, whose
offsets they move.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from app.reports.widths import text_width

FONT = b"PTPageNumber"


@dataclass(frozen=True)
class Stamp:
    """Where a page's number goes, in the page's PDF coordinates (points, from the bottom)."""

    centre_x: float
    baseline_y: float
    size_pt: float


def stamp_page_numbers(data: bytes, stamps: list[Stamp]) -> bytes:
    """``data`` with "Page X of Y" drawn on its first ``len(stamps)`` pages (Y the number of
    stamps). Qt's own content stream is wrapped in q … Q, as it leaves its page transform
    (pixels, y downwards) in force at its end."""
    if not stamps:
        return data
    xref_at, count, offsets = _xref(data)
    pages = _page_numbers(data, offsets)
    total = len(stamps)
    font, save = count, count + 1
    added = [
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length 2 >>\nstream\nq\nendstream",
    ]
    edits: list[tuple[int, int, int, bytes]] = []
    for number, (page, stamp) in enumerate(zip(pages, stamps, strict=False), start=1):
        text = f"Page {number} of {total}"  # as Word's PAGE and NUMPAGES fields
        x = stamp.centre_x - text_width(text, stamp.size_pt) / 2
        content = (
            f"\nQ\nBT /{FONT.decode()} {stamp.size_pt:g} Tf 0 g "
            f"1 0 0 1 {x:.2f} {stamp.baseline_y:.2f} Tm ({text}) Tj ET\n"
        ).encode()
        stream = count + len(added)
        added.append(b"<< /Length %d >>\nstream\n%sendstream" % (len(content), content))
        start, end, body = _object(data, offsets, page)
        contents = re.search(rb"/Contents (\d+) 0 R", body)
        if contents is None:
            raise ValueError(f"page {number} of the PDF has no content stream")
        body = b"%s/Contents [%d 0 R %s 0 R %d 0 R]%s" % (
            body[: contents.start()],
            save,
            contents.group(1),
            stream,
            body[contents.end() :],
        )
        edits.append((start, end, page, body))
        resources = re.search(rb"/Resources (\d+) 0 R", body)
        if resources is not None:
            shared = int(resources.group(1))
            start, end, body = _object(data, offsets, shared)
            body = body.replace(b"/Font <<\n", b"/Font <<\n/%s %d 0 R\n" % (FONT, font), 1)
            edits.append((start, end, shared, body))
    edits.sort()
    # One pass: unchanged runs of the file as views, edited objects in their place, the new
    # objects and the table at the end; each object's new offset follows from the lengths.
    view = memoryview(data)
    parts: list[bytes | memoryview] = []
    moved: dict[int, int] = {}
    old_order = sorted(offsets.items(), key=lambda item: item[1])
    next_old = 0
    position = at = 0

    def keep(upto: int) -> None:
        nonlocal position, at, next_old
        while next_old < len(old_order) and old_order[next_old][1] < upto:
            number, offset = old_order[next_old]
            if offset >= at:
                moved[number] = position + offset - at
            next_old += 1
        parts.append(view[at:upto])
        position += upto - at
        at = upto

    for start, end, number, body in edits:
        if start < at:  # a resources object shared by several pages: edited once
            continue
        keep(start)
        moved[number] = position
        parts.append(body)
        position += len(body)
        at = end
        while next_old < len(old_order) and old_order[next_old][1] < at:
            next_old += 1
    keep(xref_at)
    for number, body in enumerate(added, start=count):
        moved[number] = position
        chunk = b"%d 0 obj\n%s\nendobj\n" % (number, body)
        parts.append(chunk)
        position += len(chunk)
    total_objects = count + len(added)
    trailer = re.sub(rb"/Size \d+", b"/Size %d" % total_objects, _trailer(data))
    parts.append(_xref_table(moved, total_objects) + trailer)
    parts.append(b"startxref\n%d\n%%%%EOF\n" % position)
    return b"".join(parts)


def reproducible(data: bytes, day: dt.date) -> bytes:
    """``data`` with Qt's time of writing replaced by ``day`` at 09:00."""
    stamp = dt.datetime.combine(day, dt.time(9, 0))
    length = len(data)
    # The dates are in the Info dictionary and the XMP metadata, Qt's first two objects:
    # only they are searched, not a 50,000-action report's 40 MB.
    metadata_end = data.find(b"\nendobj", data.find(b"\n2 0 obj\n"))
    head = data[:metadata_end] if metadata_end > 0 else data
    # XMP dates sit inside a stream of fixed length: replace them with same-length text.
    iso = stamp.strftime("%Y-%m-%dT%H:%M:%S").encode()
    head = re.sub(
        rb'(="|>)\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d([+-]\d\d:\d\d|Z)(?=["<])',
        lambda m: m.group(1) + iso + (b"+00:00" if len(m.group(2)) == 6 else b"Z"),
        head,
    )
    # The Info dictionary's dates are plain strings: replace, then rebuild the xref offsets.
    head = re.sub(
        rb"/(CreationDate|ModDate) \(D:[^)]*\)",
        lambda m: b"/" + m.group(1) + b" (D:" + stamp.strftime("%Y%m%d%H%M%S").encode() + b"Z)",
        head,
    )
    data = head + (data[metadata_end:] if metadata_end > 0 else b"")
    if len(data) == length:  # Qt's dates are written at the same length: offsets unmoved
        return data
    start = data.rfind(b"\nxref\n")
    header = re.match(rb"xref\n0 (\d+)\n", data[start + 1 :]) if start >= 0 else None
    if header is None:
        return data
    return _with_xref(data[: start + 1], int(header.group(1)), _trailer(data))


def _xref(data: bytes) -> tuple[int, int, dict[int, int]]:
    """Where the cross-reference table starts, how many objects it counts and each object's
    offset, as Qt wrote them."""
    start = data.rfind(b"\nxref\n") + 1
    header = re.match(rb"xref\n0 (\d+)\n", data[start:])
    if start <= 0 or header is None:
        raise ValueError("the PDF has no cross-reference table")
    count = int(header.group(1))
    entries = data[start + header.end() : start + header.end() + 20 * count]
    offsets = {
        number: int(entries[20 * number : 20 * number + 10])
        for number in range(1, count)
        if entries[20 * number + 17 : 20 * number + 18] == b"n"
    }
    return start, count, offsets


def _object(data: bytes, offsets: dict[int, int], number: int) -> tuple[int, int, bytes]:
    start = offsets[number]
    end = data.index(b"endobj", start)
    return start, end, data[start:end]


def _page_numbers(data: bytes, offsets: dict[int, int]) -> list[int]:
    """The page objects in reading order (the page tree's kids: Qt writes one flat list)."""
    kids = re.search(rb"/Type /Pages\s*/Kids\s*\[([^\]]*)\]", data)
    if kids is None:
        raise ValueError("the PDF has no page tree")
    return [int(n) for n in re.findall(rb"(\d+) 0 R", kids.group(1)) if int(n) in offsets]


def _trailer(data: bytes) -> bytes:
    trailer_at = data.rfind(b"trailer")
    return data[trailer_at : data.index(b"startxref", trailer_at)]


def _xref_table(offsets: dict[int, int], count: int) -> bytes:
    entries = [b"xref\n0 %d\n" % count, b"0000000000 65535 f \n"]
    for number in range(1, count):
        entries.append(
            b"%010d 00000 n \n" % offsets[number] if number in offsets else b"0000000000 65535 f \n"
        )
    return b"".join(entries)


def _with_xref(body: bytes, count: int, trailer: bytes) -> bytes:
    """``body`` (everything before the cross-reference table) with the table, ``trailer``
    and the end of file after it, each object's offset found where it now is."""
    offsets = {
        int(m.group(1)): m.start() + (1 if body[m.start()] in b"\r\n" else 0)
        for m in re.finditer(rb"(?:^|[\r\n])(\d+) 0 obj", body)
    }
    return body + _xref_table(offsets, count) + trailer + b"startxref\n%d\n%%%%EOF\n" % len(body)
