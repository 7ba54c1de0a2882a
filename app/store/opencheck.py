"""Every check made on a file before anything could write to it, read-only.

Header, identity, ``quick_check``, schema revision, and every table and column the application
uses: each problem raises a typed error whose message names it, and the file is untouched.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from app.core.errors import (
    CorruptFileError,
    FileBusyError,
    FileError,
    NewerFileError,
    NotATrackerFileError,
)
from app.store import migrate
from app.store.filecheck import (
    APP_VERSION,
    APPLICATION_ID,
    BUSY_TIMEOUT_SECONDS,
    describe,
    read_header,
    sqlite_uri,
)
from app.store.recovery import has_hot_journal
from app.store.sqlite_errors import SQLITE_BUSY, SQLITE_LOCKED, sqlite_code


def check_openable(path: Path) -> None:
    """The checks ``Database.open`` makes before it writes anything, raising the same errors,
    so the command line can refuse a bad file before the window starts. A file left with a
    hot journal by a crash passes: opening it rolls the journal back and says so."""
    check_is_a_file(path)
    if not has_hot_journal(path):
        inspect(path)


def check_is_a_file(path: Path) -> None:
    name = describe(path)
    if not path.exists():
        raise FileError(path, f"{name} does not exist.")
    if path.is_dir():
        raise FileError(path, f"{name} is a folder, not a Programme Tracker file.")
    if not path.is_file():
        raise FileError(
            path, f"{name} is not an ordinary file, so it is not a Programme Tracker file."
        )


def marked_read_only(path: Path) -> bool:
    """Read-only by permission, or marked read-only even for an administrator (who may still
    write it, but whose colleague marked it so for a reason)."""
    return not os.access(path, os.W_OK) or not path.stat().st_mode & 0o222


def inspect(path: Path) -> str | None:
    """Check a file read-only and return its schema revision, or raise a typed error."""
    name = describe(path)
    header = read_header(path)
    try:
        probe = sqlite3.connect(
            sqlite_uri(path.resolve(), "ro"), uri=True, timeout=BUSY_TIMEOUT_SECONDS
        )
    except sqlite3.Error as error:
        raise FileError(path, f"{name} cannot be opened: {error}.") from error
    try:
        tables = {
            row[0] for row in probe.execute("SELECT name FROM sqlite_schema WHERE type = 'table'")
        }
        if header.application_id != APPLICATION_ID or "alembic_version" not in tables:
            raise NotATrackerFileError(
                path,
                f"{name} is an SQLite database made by another "
                "program, not a Programme Tracker file.",
            )
        result = [row[0] for row in probe.execute("PRAGMA quick_check")]
        if result != ["ok"]:
            raise CorruptFileError(
                path,
                f"{name} is damaged: SQLite's check reports "
                f"“{result[0]}”. It has not been changed.",
            )
        row = probe.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError as error:
        if sqlite_code(error) in (SQLITE_BUSY, SQLITE_LOCKED):
            raise FileBusyError(
                path,
                f"{name} is busy: another program has been changing it for more than "
                f"{BUSY_TIMEOUT_SECONDS:g} seconds, so it could not be opened. Please try again.",
            ) from error
        raise CorruptFileError(
            path, f"{name} is damaged: SQLite reports “{error}”. It has not been changed."
        ) from error
    finally:
        probe.close()
    revision: str | None = row[0] if row else None
    if revision not in migrate.known_revisions():
        raise NewerFileError(
            path,
            f"{name} was saved by a newer version of Programme Tracker "
            f"(file format {revision}); this version ({APP_VERSION}) "
            f"reads formats up to {migrate.head_revision()}. It has not "
            "been changed: please open it with the newer version.",
        )
    return revision


def check_schema_of(path: Path) -> None:
    from app.store.schemacheck import check_schema

    probe = sqlite3.connect(sqlite_uri(path.resolve(), "ro"), uri=True)
    try:
        check_schema(path, probe)
    finally:
        probe.close()
