"""Is every table and column the application uses really in the file?

A file can carry our identity and the latest revision number and still have lost a table
(edited with another SQLite tool, or restored from a bad copy). Without this check it opens for
editing and the first change fails with "could not be written", which tells the user nothing.
It reads only ``sqlite_schema`` and ``PRAGMA table_info``: a millisecond on a large file.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from app.core.errors import CorruptFileError
from app.store.filecheck import describe
from app.store.models import Base


def check_schema(path: Path, connection: sqlite3.Connection) -> None:
    """Raise :class:`CorruptFileError` naming the first missing table or column."""
    name = describe(path)
    present = {
        row[0] for row in connection.execute("SELECT name FROM sqlite_schema WHERE type = 'table'")
    }
    for table in Base.metadata.sorted_tables:
        if table.name not in present:
            raise CorruptFileError(
                path,
                f"{name} is damaged: its table “{table.name}” is missing (was it changed with "
                "another program?). It has not been changed.",
            )
        columns = {row[1] for row in connection.execute(f'PRAGMA table_info("{table.name}")')}
        for column in table.columns:
            if column.name not in columns:
                raise CorruptFileError(
                    path,
                    f"{name} is damaged: the column “{column.name}” of its table "
                    f"“{table.name}” is missing (was it changed with another program?). "
                    "It has not been changed.",
                )
