"""Look at a file's bytes before SQLite does, so a bad file gets a message that names the problem.

SQLite itself reports a renamed Word document, a truncated copy and a damaged page all as
"file is not a database" or "malformed". We read the 100-byte header first and tell them apart.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path, PurePath

from app.core.errors import CorruptFileError, NotATrackerFileError

SQLITE_MAGIC = b"SQLite format 3\x00"
# PRAGMA application_id stamped into every file we create: "PTrk" read as a big-endian integer.
APPLICATION_ID = 0x5054726B
# The version named in the files we write and in Help ▸ About. Kept here, with nothing but the
# standard library, so the window's start-up and the command line's first check of a file can
# name it without importing SQLAlchemy.
APP_VERSION = "0.1.0"
# How long SQLite waits for another program's lock before giving up (engine.py, opencheck.py).
BUSY_TIMEOUT_SECONDS = 5.0
# A programme file's name ends so; an update pack's so (it is a programme file too).
FILE_SUFFIX = ".ptdb"
PACK_SUFFIX = ".ptpack"

_OTHER_FORMATS = {
    b"PK\x03\x04": "a Word, Excel or other zipped document",
    b"%PDF": "a PDF document",
    b"\xd0\xcf\x11\xe0": "an old-style Word or Excel document",
    b"{\\rtf": "a rich-text document",
}


@dataclass(frozen=True)
class Header:
    page_size: int
    page_count: int
    application_id: int
    file_size: int


def describe(path: Path) -> str:
    return f"“{path.name}”"


def read_header(path: Path) -> Header:
    """Raise a typed error unless ``path`` is a complete SQLite file; return its header."""
    name = describe(path)
    size = path.stat().st_size
    if size == 0:
        raise NotATrackerFileError(
            path, f"{name} is empty (0 bytes), so it is not a Programme Tracker file."
        )
    with path.open("rb") as handle:
        head = handle.read(100)
    if not head.startswith(SQLITE_MAGIC):
        what = next(
            (label for magic, label in _OTHER_FORMATS.items() if head.startswith(magic)), None
        )
        detail = f"it looks like {what}" if what else "it is not an SQLite database"
        raise NotATrackerFileError(path, f"{name} is not a Programme Tracker file: {detail}.")
    if len(head) < 100:
        raise CorruptFileError(
            path,
            f"{name} is damaged: it is only {size:,} bytes long, too "
            "short to hold a database. It has not been changed.",
        )
    (raw_page_size,) = struct.unpack(">H", head[16:18])
    page_size = 65536 if raw_page_size == 1 else raw_page_size
    change_counter, header_pages = struct.unpack(">II", head[24:32])
    (valid_for,) = struct.unpack(">I", head[92:96])
    (application_id,) = struct.unpack(">I", head[68:72])
    if page_size < 512 or page_size & (page_size - 1):
        raise CorruptFileError(
            path, f"{name} is damaged: its header is not valid. It has not been changed."
        )
    # The in-header page count is trustworthy only when written by SQLite 3.7.0 or later,
    # which it signals by "version-valid-for" matching the change counter.
    if header_pages and valid_for == change_counter:
        expected = header_pages * page_size
        if size < expected:
            raise CorruptFileError(
                path,
                f"{name} is damaged: it is {size:,} bytes but should be {expected:,} bytes, so "
                "part of it is missing (was a copy interrupted?). It has not been changed.",
            )
        page_count = header_pages
    else:
        if size % page_size:
            raise CorruptFileError(
                path,
                f"{name} is damaged: its length is not a whole number "
                "of pages. It has not been changed.",
            )
        page_count = size // page_size
    return Header(page_size, page_count, application_id, size)


def sqlite_uri(path: PurePath, mode: str) -> str:
    """An absolute path as an SQLite ``file:`` URI, on every platform.

    ``as_uri`` escapes spaces, "#", "?", "%" and accents, and gives ``file:///C:/…`` for a
    drive; a Windows share (``\\\\server\\share\\…``) comes out as ``file://server/share/…``,
    whose "server" SQLite refuses as a URI authority, so it is written with an empty authority
    and the share's two slashes in the path: ``file:////server/share/…``.
    """
    uri = path.as_uri()
    if not uri.startswith("file:///"):
        uri = "file:////" + uri.removeprefix("file://")
    return f"{uri}?mode={mode}"
