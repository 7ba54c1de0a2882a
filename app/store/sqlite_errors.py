"""What went wrong, in words: SQLite's result codes and the operating system's errors.

Classified by code (``sqlite3.Error.sqlite_errorcode``, ``OSError.errno``), never by the wording
of a message, which changes between SQLite versions and languages.
"""

from __future__ import annotations

import errno
from pathlib import Path
from typing import TYPE_CHECKING

from app.core.errors import (
    CorruptFileError,
    FileBusyError,
    FileError,
    ReadOnlyError,
    TrackerError,
    ValidationError,
)
from app.store.filecheck import BUSY_TIMEOUT_SECONDS, describe

if TYPE_CHECKING:
    from sqlalchemy import exc

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


def translate_file_error(
    path: Path, error: exc.DBAPIError, *, reading: bool = False
) -> TrackerError:
    """Turn SQLite's terse errors into messages a user can act on."""
    from sqlalchemy import exc  # at run time: this module loads before SQLAlchemy

    text = str(error.orig)
    name = describe(path)
    code = sqlite_code(error)
    outcome = "It could not be read" if reading else "Your change was not saved"
    if isinstance(error, exc.IntegrityError) or code == SQLITE_CONSTRAINT:
        return ValidationError(
            f"That change conflicts with what is already in the file ({text}). Nothing was saved."
        )
    if code in (SQLITE_BUSY, SQLITE_LOCKED):
        return FileBusyError(
            path,
            f"{name} is busy: another program has been "
            f"{'changing' if reading else 'writing to'} it for more than "
            f"{BUSY_TIMEOUT_SECONDS:g} seconds. {outcome}; please try again.",
        )
    if code == SQLITE_READONLY:
        return ReadOnlyError(
            path, f"{name} cannot be written (it has become read-only). {outcome}."
        )
    if code == SQLITE_FULL:
        return FileError(path, f"The disk holding {name} is full. {outcome}.")
    if code in (SQLITE_CORRUPT, SQLITE_NOTADB):
        return CorruptFileError(path, f"{name} is damaged: SQLite reports “{text}”. {outcome}.")
    if reading:
        return FileError(path, f"{name} could not be read: SQLite reports “{text}”.")
    return FileError(path, f"{name} could not be written: SQLite reports “{text}”. {outcome}.")
