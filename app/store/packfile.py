"""A pack file at the level of SQL: written by copying rows, and read back as bytes.

A returned pack is checked first, with a connection of its own, so that a pack edited with
another tool is refused as a bad pack, naming the row, instead of failing half-way through
the review as if the programme file could not be read.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path
from typing import cast

from sqlalchemy import Date, Integer, String

from app.core.labels import item_label
from app.store.filecheck import sqlite_uri
from app.store.models import Base, Pack, PackItem
from app.store.newfile import APP_VERSION, create_file

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


def write_pack_file(
    source: Path,
    target: Path,
    identity: dict[str, object],
    pack: Pack,
    rows: list[PackItem],
    owned: set[int],
    return_email: str | None = None,
    made_from: str | None = None,
) -> None:
    """A new pack file at ``target``: the rows of ``source`` a pack carries, copied by SQL.

    The copy is made with ATTACH, table by table, so every value keeps its stored type, and
    it is checked with SQLite's own foreign-key check before the caller moves it into place.
    """
    create_file(target)
    # Both files are named by ``file:`` URIs (spaces, "#", "?", "%" and accents escaped), and
    # the connection is opened with uri=True: SQLite honours a URI given to ATTACH only then,
    # unless it was built with SQLITE_USE_URI, which Python's SQLite on Windows is not.
    raw = sqlite3.connect(sqlite_uri(target.resolve(), "rw"), uri=True)
    try:
        raw.execute("PRAGMA foreign_keys = OFF")
        raw.execute("ATTACH DATABASE ? AS src", (sqlite_uri(source.resolve(), "ro"),))
        raw.execute("CREATE TEMP TABLE keep_item (id INTEGER PRIMARY KEY)")
        raw.execute("CREATE TEMP TABLE own_item (id INTEGER PRIMARY KEY)")
        raw.executemany("INSERT INTO keep_item VALUES (?)", [(r.item_id,) for r in rows])
        raw.executemany("INSERT INTO own_item VALUES (?)", [(i,) for i in owned])
        raw.execute("DELETE FROM symbol")
        raw.execute("DELETE FROM summary_column")
        raw.execute("DELETE FROM symbol_scheme")
        schemes = (identity["progress_scheme_id"], identity["kpi_scheme_id"])
        programme, period = identity["programme_id"], identity["period_id"]
        # Last period's judgements and narratives travel too, to be read beside this one's;
        # the review ignores them and the services refuse to change them.
        previous = identity.get("previous_period_id") or period
        copies = {
            "symbol_scheme": ("id IN (?, ?)", schemes),
            "summary_column": ("scheme_id IN (?, ?)", schemes),
            "symbol": ("scheme_id IN (?, ?)", schemes),
            "programme": ("id = ?", (programme,)),
            "level": ("programme_id = ?", (programme,)),
            "item_kind": ("programme_id = ?", (programme,)),
            "period": ("id IN (?, ?)", (period, previous)),
            "responsible": (
                "id IN (SELECT responsible_id FROM src.item WHERE id IN "
                "(SELECT id FROM keep_item))",
                (),
            ),
            "item": ("id IN (SELECT id FROM keep_item)", ()),
            "judgement": (
                "item_id IN (SELECT id FROM own_item) AND period_id IN (?, ?)",
                (period, previous),
            ),
            "progress_update": (
                "item_id IN (SELECT id FROM own_item) AND period_id IN (?, ?)",
                (period, previous),
            ),
            "milestone": ("item_id IN (SELECT id FROM own_item)", ()),
        }
        for table, (where, parameters) in copies.items():
            columns = ", ".join(
                f'"{row[1]}"' for row in raw.execute(f'PRAGMA main.table_info("{table}")')
            )
            raw.execute(
                f'INSERT INTO main."{table}" ({columns}) SELECT {columns} FROM src."{table}" '
                f"WHERE {where}",
                parameters,
            )
        raw.execute(
            "INSERT INTO pack (id, programme_id, programme_name, period_id, period_label, "
            "responsible_id, person, made_at, made_by, due) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                pack.id,
                pack.programme_id,
                pack.programme_name,
                pack.period_id,
                pack.period_label,
                pack.responsible_id,
                pack.person,
                pack.made_at,
                pack.made_by,
                pack.due.isoformat() if pack.due else None,
            ),
        )
        raw.executemany(
            "INSERT INTO pack_item (pack_id, item_id, owned, fingerprint) VALUES (?, ?, ?, ?)",
            [(pack.id, r.item_id, r.owned, r.fingerprint) for r in rows],
        )
        sent = raw.execute("SELECT id FROM main.milestone ORDER BY id").fetchall()
        raw.executemany(
            "INSERT INTO app_meta (key, value) VALUES (?, ?)",
            [
                ("pack_id", pack.id),
                ("pack_made_from", source.name if made_from is None else made_from),
                ("pack_made_by", f"Programme Tracker {APP_VERSION}"),
                # the milestones sent: the holder may add others, and change only those fully
                ("pack_milestones", ",".join(str(m) for (m,) in sent)),
                *([("pack_return_email", return_email)] if return_email else []),
            ],
        )
        raw.commit()
        problems = raw.execute("PRAGMA main.foreign_key_check").fetchall()
        if problems:
            raise AssertionError(f"pack for {pack.person} is inconsistent: {problems[:3]}")
    finally:
        raw.close()
