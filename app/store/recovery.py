"""Bringing a file back after a crash or power cut, before anything else looks at it.

A process killed in the middle of a commit leaves a *hot journal* (``x.ptdb-journal``) that
holds the pages as they were before the unfinished change. SQLite rolls it back the next time
the file is read, but only on a connection that may write: a read-only look at the file fails
with "attempt to write a readonly database", which reads as damage to a file that is intact.
So the journal is rolled back first, on a read-write connection that only reads, and the user
is told what happened. When the file may not be written (it, or its folder, is read-only) the
message says what to do, and never to delete the journal: that would lose the rollback and
leave the file half-changed.

A file switched to write-ahead logging by another program is switched back when it is opened
for editing (rollback journals work on network drives, WAL does not); that rewrite is reported
too, never silent.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from app.core.errors import FileError
from app.store.filecheck import describe, sqlite_uri

JOURNAL_MAGIC = bytes.fromhex("d9d505f920a163d7")
WAL_FORMAT = 2  # file header bytes 18 and 19: 1 for a rollback journal, 2 for WAL


@dataclass(frozen=True)
class Recovery:
    """What was done to the file before it was opened, in words for the user."""

    note: str


def journal_path(path: Path) -> Path:
    return path.with_name(path.name + "-journal")


def wal_path(path: Path) -> Path:
    return path.with_name(path.name + "-wal")


def has_hot_journal(path: Path) -> bool:
    """A journal with a live header: a change was being committed when the writer stopped
    (or is being committed right now by another process; SQLite tells the two apart)."""
    try:
        with journal_path(path).open("rb") as handle:
            return handle.read(8) == JOURNAL_MAGIC
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        return False


def in_wal_mode(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            header = handle.read(20)
    except OSError:
        return False
    return len(header) == 20 and header[18] == WAL_FORMAT and header[19] == WAL_FORMAT


def _why_not_writable(path: Path) -> str | None:
    name = describe(path)
    if not os.access(path, os.W_OK) or not path.stat().st_mode & 0o222:
        return f"{name} is marked read-only"
    if not os.access(path.parent, os.W_OK):
        return f"the folder holding {name} is read-only"
    return None


def recover_journal(path: Path) -> Recovery | None:
    """Roll back an unfinished change left by a crash; ``None`` if there was none.

    Raises :class:`FileError` with instructions when the file may not be written.
    """
    if not has_hot_journal(path):
        return None
    name = describe(path)
    journal = describe(journal_path(path))
    reason = _why_not_writable(path)
    if reason is not None:
        raise FileError(
            path,
            f"{name} was not closed properly (the program stopped or the computer lost power "
            f"while saving), and the unfinished change must be undone before it can be read, "
            f"but {reason}. Nothing has been lost: copy {name} and {journal} together into a "
            f"folder you can change, and open the copy there. Do not delete {journal}: it "
            "holds what is needed to undo the unfinished change.",
        )
    # A read on a read-write connection makes SQLite roll the hot journal back. If another
    # process is committing right now, the journal is not hot: SQLite waits and reads.
    raw = sqlite3.connect(sqlite_uri(path.resolve(), "rw"), uri=True, timeout=5.0)
    try:
        raw.execute("SELECT count(*) FROM sqlite_schema").fetchone()
    except sqlite3.DatabaseError:
        return None  # not a database after all: the checks that follow say what it is
    finally:
        raw.close()
    if has_hot_journal(path):
        return None
    return Recovery(
        f"{name} was not closed properly last time (the program stopped or the computer lost "
        "power while saving). The unfinished change has been undone; every change saved "
        "before it is intact."
    )


def wal_note(path: Path) -> Recovery:
    return Recovery(
        f"{describe(path)} had been switched to write-ahead logging by another program. It has "
        "been switched back to Programme Tracker’s rollback journal, which works on network "
        "drives; nothing in it has changed."
    )
