"""What the tests share beyond fixtures: reading a file as another program would."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any


def file_query(path: Path | str, sql: str, *args: Any) -> list[tuple]:
    """Read the file with a fresh read-only connection, never through the application."""
    raw = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return raw.execute(sql, args).fetchall()
    finally:
        raw.close()
