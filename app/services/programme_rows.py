"""Every row a programme owns, found table by table: to snapshot it before deleting it (and
put it back with the same ids), or to copy parts of it into another programme.

Which rows belong to a programme is said once per table (``OWNED_THROUGH``), for the tables
without a ``programme_id`` of their own; a table that is neither listed nor has one stops
the snapshot with an error, so a table added later cannot be silently left behind.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import ColumnElement, Table, insert, select
from sqlalchemy.orm import Session

from app.store.models import Base, Programme

Row = dict[str, Any]
Snapshot = dict[str, list[Row]]

# The tables whose rows belong to a programme through another table's: (column, table).
OWNED_THROUGH = {
    "summary_column": ("scheme_id", "symbol_scheme"),
    "symbol": ("scheme_id", "symbol_scheme"),
    "progress_update": ("item_id", "item"),
    "judgement": ("item_id", "item"),
    "item_pledge": ("item_id", "item"),
    "dependency": ("item_id", "item"),  # both ends are items of the same programme
    "report_field": ("report_id", "report"),
    "report_tracking": ("report_id", "report"),
    "background_paper": ("report_id", "report"),
    "kpi_target": ("indicator_id", "indicator"),
    "kpi_outturn": ("indicator_id", "indicator"),
    "kpi_national_average": ("indicator_id", "indicator"),
    "kpi_result": ("indicator_id", "indicator"),
    "pack_item": ("pack_id", "pack"),
    "period_snapshot": ("period_id", "period"),
}
# Shared by every programme in the file, or about the file itself (who may use a server
# database): never a programme's.
NOT_OWNED = frozenset({"responsible", "change_log", "app_meta", "server_person"})


def ownership(session: Session, programme_id: int) -> dict[str, ColumnElement[bool]]:
    """For each table holding any of the programme's rows, the condition that finds them,
    in the order the tables can be filled (a row after the rows it refers to)."""
    schemes = session.execute(
        select(Programme.progress_scheme_id, Programme.kpi_scheme_id).where(
            Programme.id == programme_id
        )
    ).one()
    found: dict[str, ColumnElement[bool]] = {}
    for table in Base.metadata.sorted_tables:
        name = table.name
        if name in NOT_OWNED:
            continue
        if name == "symbol_scheme":
            found[name] = table.c.id.in_([s for s in schemes if s is not None])
        elif name == "programme":
            found[name] = table.c.id == programme_id
        elif name in OWNED_THROUGH:
            column, parent = OWNED_THROUGH[name]
            parent_table = Base.metadata.tables[parent]
            found[name] = table.c[column].in_(select(parent_table.c.id).where(found[parent]))
        elif "programme_id" in table.c:
            found[name] = table.c.programme_id == programme_id
        else:
            raise AssertionError(f"no rule says which rows of “{name}” belong to a programme")
    return found


def parents_first(table: Table, rows: list[Row]) -> list[Row]:
    """Rows of a table that refers to itself (items, KPI groups) with each parent before its
    children: a row moved under a later one has a smaller id than its parent."""
    if "parent_id" not in table.c:
        return rows
    children: dict[Any, list[Row]] = {}
    for row in rows:
        children.setdefault(row["parent_id"], []).append(row)
    ids = {row["id"] for row in rows}
    ordered: list[Row] = []
    frontier = [row for row in rows if row["parent_id"] not in ids]
    while frontier:
        ordered.extend(frontier)
        frontier = [child for row in frontier for child in children.get(row["id"], [])]
    return ordered


def take(session: Session, programme_id: int) -> Snapshot:
    """Every row the programme owns, table by table, in the order :func:`put_back` needs."""
    snapshot: Snapshot = {}
    for name, where in ownership(session, programme_id).items():
        table = Base.metadata.tables[name]
        rows = [dict(row._mapping) for row in session.execute(select(table).where(where))]
        if rows:
            snapshot[name] = parents_first(table, rows)
    return snapshot


def remove(session: Session, programme_id: int) -> None:
    """Delete every row the programme owns, the rows that refer to others first."""
    conditions = ownership(session, programme_id)
    for name, where in reversed(conditions.items()):
        session.execute(Base.metadata.tables[name].delete().where(where))
    session.expunge_all()


def put_back(session: Session, snapshot: Snapshot) -> None:
    """Insert the rows of :func:`take` again, with their own ids."""
    for table in Base.metadata.sorted_tables:
        rows = snapshot.get(table.name)
        if rows:
            session.execute(insert(table), rows)


def rows_of(session: Session, table: Table, where: ColumnElement[bool]) -> list[Row]:
    return parents_first(
        table,
        [dict(row._mapping) for row in session.execute(select(table).where(where))],
    )


def copy_rows(
    session: Session,
    table: Table,
    rows: Iterable[Row],
    remap: dict[str, dict[Any, Any]],
    fixed: Row | None = None,
) -> dict[int, int]:
    """Insert copies of ``rows`` with new ids; each column named in ``remap`` is mapped old
    → new (a parent, an item), ``fixed`` sets columns outright (the new programme). Returns
    each copied row's old id → new id. A table that refers to itself is copied a generation
    at a time, so a child finds its parent's new id."""
    rows = list(rows)
    new_ids: dict[int, int] = {}
    parent_map = remap.setdefault("parent_id", new_ids) if "parent_id" in table.c else None
    pending = rows
    while pending:
        ready = [
            row
            for row in pending
            if parent_map is None or row["parent_id"] is None or row["parent_id"] in parent_map
        ]
        if not ready:  # a parent outside the rows copied: nothing to hang these under
            ready = pending
        values = []
        for row in ready:
            copy = {k: v for k, v in row.items() if k != "id"}
            for column, mapping in remap.items():
                if column in copy and copy[column] is not None:
                    copy[column] = mapping.get(copy[column])
            values.append({**copy, **(fixed or {})})
        if "id" in table.c:
            made: Iterable[int] = session.execute(
                insert(table).returning(table.c.id, sort_by_parameter_order=True), values
            ).scalars()
            new_ids.update(zip((row["id"] for row in ready), made, strict=True))
        else:
            session.execute(insert(table), values)
        done = {id(row) for row in ready}
        pending = [row for row in pending if id(row) not in done]
    return new_ids
