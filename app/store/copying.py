"""Copy a whole programme database between engines: a file to a server, a server to a file.

Every row of every table is copied with its id, so the change log, the update packs' records
and anything else that names a row by id still name the same row; the copy's schema is made
by the same migrations as any new file or server database, so both are at the same revision.
Rows are read in one snapshot of the source and written in one transaction of the target
(on a server, the same one that makes the schema): a failure leaves a server database as empty
as it was and no file behind.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from sqlalchemy import Connection, Table, delete, insert, select
from sqlalchemy.orm import Session

from app.store.models import Base
from app.store.server import advance_sequences

# Rows inserted per statement: enough to keep round trips few on a server, small enough that
# SQLite's limit on bound parameters (32,766) is never reached by the widest table.
CHUNK = 500


def copy_rows(reading: Session, writing: Connection) -> None:
    """Replace every row of the target's tables with the source's, parents before children;
    on a server, move each id sequence past the ids copied."""
    tables = Base.metadata.sorted_tables
    for table in reversed(tables):
        writing.execute(delete(table))
    for table in tables:
        for chunk in _chunks(_rows_in_order(reading, table)):
            writing.execute(insert(table), chunk)
    if writing.dialect.name == "postgresql":
        advance_sequences(writing, tables)


def _rows_in_order(reading: Session, table: Table) -> list[dict[str, Any]]:
    """The table's rows by primary key; a table whose rows refer to each other (an item's
    parent) has each row after the row it refers to, whatever their ids."""
    rows = [
        dict(row) for row in reading.execute(select(table).order_by(*table.primary_key)).mappings()
    ]
    self_refs = [fk.parent.name for fk in table.foreign_keys if fk.column.table is table]
    if not self_refs:
        return rows
    placed: set[Any] = set()
    ordered: list[dict[str, Any]] = []
    pending = rows
    while pending:
        ready = [r for r in pending if all(r[c] is None or r[c] in placed for c in self_refs)]
        if not ready:  # a row refers to one that is not there: the source's own damage
            ready = pending
        ordered.extend(ready)
        placed.update(r["id"] for r in ready)
        done = {id(r) for r in ready}
        pending = [r for r in pending if id(r) not in done]
    return ordered


def _chunks(rows: Sequence[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    for start in range(0, len(rows), CHUNK):
        yield list(rows[start : start + CHUNK])
