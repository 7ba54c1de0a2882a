"""What the tests share beyond fixtures: reading a file as another program would."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from app.store.filecheck import sqlite_uri


def file_query(path: Path | str, sql: str, *args: Any) -> list[tuple]:
    """Read the file with a fresh read-only connection, never through the application."""
    raw = sqlite3.connect(sqlite_uri(Path(path).resolve(), "ro"), uri=True)
    try:
        return raw.execute(sql, args).fetchall()
    finally:
        raw.close()
