"""A returned pack read as bytes: every value has its column's type and all text is UTF-8.

Checked first, with a connection of its own, so that a pack edited with another tool is
refused as a bad pack, naming the row, instead of failing half-way through the review as if
the programme file could not be read.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path
from typing import cast

from sqlalchemy import Date, Integer, String

from app.filecheck import sqlite_uri
from app.models import Base
from app.packs.state import item_label

# What the person reading a refusal calls a column (the rest: its name in words).
COLUMN_LABELS = {
    ("item", "title"): "Title",
    ("item", "number"): "Number",
    ("item", "description"): "Description",
    ("progress_update", "text"): "Achievements",
    ("progress_update", "heading"): "The heading of an update",
    ("milestone", "text"): "A milestone’s description",
    ("milestone", "due_text"): "A milestone’s due date",
    ("milestone", "due_date"): "A milestone’s due date",
    ("milestone", "status"): "A milestone’s status",
    ("judgement", "symbol_id"): "The judgement",
}


def _problem(column: object, kind: str, value: object) -> str | None:
    """What is wrong with one stored value for its column's type, or None."""
    if isinstance(column, Date):
        if kind != "text":
            return "is not a date."
        try:
            dt.date.fromisoformat(bytes(cast("bytes", value)).decode("ascii"))
        except (UnicodeDecodeError, ValueError):
            return "is not a date."
        return None
    if isinstance(column, String):
        if kind != "text":
            return "must be text."
        try:
            bytes(cast("bytes", value)).decode("utf-8")
        except UnicodeDecodeError:
            return "is not valid text (it holds bytes that are not UTF-8)."
        return None
    if isinstance(column, Integer) and kind != "integer":
        return "is not a whole number."
    return None


def stored_type_problem(path: Path) -> str | None:
    """Every value in a pack has its column's type, and all its text is UTF-8.

    Read as bytes, with a connection of its own, before anything else reads the pack: a value
    that cannot be decoded would otherwise fail half-way through the checks, as if a file
    could not be read. A file that is not a pack is left to the checks that say so.
    """
    raw = sqlite3.connect(sqlite_uri(path.resolve(), "ro"), uri=True)
    raw.text_factory = bytes
    try:
        if raw.execute("SELECT 1 FROM app_meta WHERE key = 'pack_id'").fetchone() is None:
            return None
        titles = {
            item_id: item_label(
                {
                    "number": _lenient(number) if number is not None else None,
                    "title": _lenient(title),
                }
            )
            for item_id, number, title in raw.execute("SELECT id, number, title FROM item")
        }
        for table in Base.metadata.sorted_tables:
            owner = "id" if table.name == "item" else "item_id" if "item_id" in table.c else None
            for column in table.columns:
                rows = raw.execute(
                    f'SELECT rowid, typeof("{column.name}"), "{column.name}", '
                    f'{owner or "NULL"} FROM "{table.name}" '
                    f'WHERE "{column.name}" IS NOT NULL'
                )
                for rowid, kind, value, item_id in rows:
                    problem = _problem(column.type, kind.decode(), value)
                    if problem is None:
                        continue
                    label = COLUMN_LABELS.get(
                        (table.name, column.name), column.name.replace("_", " ").capitalize()
                    )
                    where = (
                        f"“{titles[item_id]}”"
                        if item_id in titles
                        else f"Row {rowid} of its “{table.name}” table"
                    )
                    return f"{where}: {label} {problem}"
    except sqlite3.DatabaseError as error:
        return f"SQLite reports “{error}”."
    finally:
        raw.close()
    return None


def _lenient(value: object) -> str:
    return bytes(value).decode("utf-8", "replace") if isinstance(value, bytes) else str(value)
