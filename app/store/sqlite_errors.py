"""What went wrong, in words: SQLite's result codes and the operating system's errors.

Classified by code (``sqlite3.Error.sqlite_errorcode``, ``OSError.errno``), never by the wording
of a message, which changes between SQLite versions and languages.
"""

from __future__ import annotations

import errno
from pathlib import Path

# SQLite's primary result codes (sqlite3.Error.sqlite_errorcode & 0xFF): classified by code,
# never by the wording of the message, which changes between SQLite versions.
SQLITE_READONLY = 8
SQLITE_BUSY = 5
SQLITE_LOCKED = 6
SQLITE_IOERR = 10
SQLITE_CORRUPT = 11
SQLITE_FULL = 13
SQLITE_CANTOPEN = 14
SQLITE_CONSTRAINT = 19
SQLITE_NOTADB = 26


def sqlite_code(error: BaseException) -> int | None:
    """The primary result code of an SQLite error (wrapped by SQLAlchemy or not)."""
    original = getattr(error, "orig", error)
    code = getattr(original, "sqlite_errorcode", None)
    return None if code is None else int(code) & 0xFF


def os_problem(error: OSError, folder: Path) -> str:
    """Why a file could not be written, in words (errno, not message text)."""
    if error.errno == errno.ENOSPC:
        return "the disk is full"
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"you may not write to the folder {folder}"
    return (error.strerror or str(error)).lower()


def sqlite_problem(error: BaseException, folder: Path) -> str:
    code = sqlite_code(error)
    if code == SQLITE_FULL:
        return "the disk is full"
    if code in (SQLITE_READONLY, SQLITE_CANTOPEN):
        return f"you may not write to the folder {folder}"
    if code == SQLITE_IOERR:
        return "the disk reported an error while writing (it may be full or disconnected)"
    return f"SQLite reports “{error}”"
