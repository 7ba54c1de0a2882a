"""The symbols and the summary columns of a programme's own scheme: added, edited,
reordered and removed, each one undoable step; no judgement is ever left without a symbol,
nor a symbol without a column.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from app.core.conflicts import Seen
from app.core.enums import Category
from app.core.errors import ValidationError
from app.core.schemes import SYMBOL_FIELDS
from app.core.validation import required_text
from app.services.context import Change, Op, get, operation
from app.services.schemes import PURPOSES, Snapshot
from app.services.seen import check_field
from app.store.database import Database
from app.store.models import (
    Judgement,
    KpiResult,
    Period,
    Programme,
    SummaryColumn,
    Symbol,
    bumped,
)

# --- the symbols of a programme's scheme -----------------------------------------------------

FREE_SHORTCUTS = "123456789defhijklmnpqstvwxyz"


def _scheme_of(session: Session, programme_id: int, purpose: str) -> int:
    programme = get(session, Programme, programme_id, "programme")
    scheme_id = getattr(programme, PURPOSES[purpose])
    if scheme_id is None:
        raise ValidationError(f"“{programme.name}” has no scheme for {purpose}.")
    return int(scheme_id)


# Symbols and summary columns are both rows of a scheme kept in order by ``position``; these
# keep that order the same way for both.
Ordered = type[Symbol] | type[SummaryColumn]


def _in_order(session: Session, model: Ordered, scheme_id: int) -> list[Any]:
    return list(
        session.scalars(
            select(model).where(model.scheme_id == scheme_id).order_by(model.position, model.id)
        )
    )


def _renumber(session: Session, model: Ordered, scheme_id: int) -> None:
    for position, row in enumerate(_in_order(session, model, scheme_id)):
        row.position = position


def _make_room(session: Session, model: Ordered, scheme_id: int, position: int) -> None:
    """Move the rows from ``position`` on one place down, for a row put back there."""
    for row in reversed(_in_order(session, model, scheme_id)):
        if row.position >= position:
            row.position += 1
    session.flush()


def _move(op: Op, row: Symbol | SummaryColumn, step: int, entity: str) -> Change:
    """Swap the row with its neighbour ``step`` (-1 or +1) away; at an end, nothing."""
    order = _in_order(op.session, type(row), row.scheme_id)
    here = order.index(row)
    there = here + step
    if not 0 <= there < len(order):
        op.unchanged = True
        return Change(op.name, entity, (row.id,), old=here, new=here)
    order[here], order[there] = order[there], order[here]
    for position, each in enumerate(order):
        each.position = position
    op.log(entity, row.id, "position", here, there)
    return Change(op.name, entity, (row.id,), old=here, new=there)


def add_symbol(db: Database, programme_id: int, purpose: str = "progress") -> Change:
    """A new symbol at the end of the programme's scheme, with a glyph and a key not yet
    taken, for the user to fill in. ``Change.new`` is its snapshot (for redo)."""
    with operation(db, "add symbol", programme_id) as op:
        session = op.session
        scheme_id = _scheme_of(session, programme_id, purpose)
        taken = session.execute(
            select(Symbol.glyph, Symbol.shortcut, Symbol.position).where(
                Symbol.scheme_id == scheme_id
            )
        ).all()
        glyphs = {row.glyph for row in taken}
        keys = {row.shortcut for row in taken}
        number = next(n for n in range(1, 1000) if f"S{n}" not in glyphs)
        key = next((k for k in FREE_SHORTCUTS if k not in keys), None)
        if key is None:
            raise ValidationError("Every key is already taken by a symbol of this scheme.")
        columns = _in_order(session, SummaryColumn, scheme_id)
        # Counted as "not known" until the user says otherwise, where the scheme has such a
        # column; else in its last.
        column = next((c for c in columns if c.role == "unknown"), columns[-1])
        symbol = Symbol(
            scheme_id=scheme_id,
            position=max((row.position for row in taken), default=-1) + 1,
            glyph=f"S{number}",
            name=f"New symbol {number}",
            meaning=f"New symbol {number}",
            colour="#616161",
            category=column.role,
            shortcut=key,
            column_id=column.id,
        )
        op.add(symbol, "symbol", "glyph", symbol.glyph)
        new = _symbol_snapshot(symbol)
    return Change("add symbol", "symbol", (new["id"],), new=new)


def _symbol_snapshot(symbol: Symbol) -> Snapshot:
    return {
        "id": symbol.id,
        "scheme_id": symbol.scheme_id,
        "position": symbol.position,
        "column_id": symbol.column_id,
        **{field: getattr(symbol, field) for field in SYMBOL_FIELDS},
    }


def remove_symbol(db: Database, symbol_id: int, move_to: int | None = None) -> Change:
    """Remove a symbol; the judgements that use it move to ``move_to`` (another symbol of the
    same scheme), so none is left without one. Refused when it is used and no symbol is
    named, when judgements in a published period would change, and for a scheme's last
    symbol. ``Change.old`` holds what :func:`restore_symbol` needs to undo it."""
    with operation(db, "remove symbol") as op:
        session = op.session
        symbol = get(session, Symbol, symbol_id, "symbol")
        programme = session.scalar(
            select(Programme).where(
                (Programme.progress_scheme_id == symbol.scheme_id)
                | (Programme.kpi_scheme_id == symbol.scheme_id)
            )
        )
        op.programme_id = programme.id if programme is not None else None
        others = session.scalar(
            select(func.count(Symbol.id)).where(
                Symbol.scheme_id == symbol.scheme_id, Symbol.id != symbol_id
            )
        )
        if not others:
            raise ValidationError("A scheme needs at least one symbol.")
        judgements = list(
            session.scalars(select(Judgement.id).where(Judgement.symbol_id == symbol_id))
        )
        statuses = list(
            session.scalars(select(KpiResult.id).where(KpiResult.status_symbol_id == symbol_id))
        )
        if judgements or statuses:  # the same count as read.queries.symbol_uses
            target = get(session, Symbol, move_to, "symbol") if move_to is not None else None
            if target is None or target.scheme_id != symbol.scheme_id or target.id == symbol_id:
                uses = len(judgements) + len(statuses)
                times = "once" if uses == 1 else f"{uses:,} times"
                raise ValidationError(
                    f"“{symbol.glyph} {symbol.name}” is used {times}: choose another symbol of "
                    "this scheme for its judgements to move to."
                )
            published = {
                *session.scalars(
                    select(Period.label)
                    .join(Judgement, Judgement.period_id == Period.id)
                    .where(Judgement.id.in_(judgements), Period.published_at.is_not(None))
                ),
                *session.scalars(
                    select(Period.label)
                    .join(KpiResult, KpiResult.period_id == Period.id)
                    .where(KpiResult.id.in_(statuses), Period.published_at.is_not(None))
                ),
            }
            if published:
                raise ValidationError(
                    f"“{symbol.glyph} {symbol.name}” is used in the published report for "
                    f"{', '.join(sorted(published))}, which must stay as it was: reopen the "
                    "period first."
                )
            session.execute(
                update(Judgement)
                .where(Judgement.id.in_(judgements))
                .values(symbol_id=target.id, **bumped(Judgement))
            )
            session.execute(
                update(KpiResult)
                .where(KpiResult.id.in_(statuses))
                .values(status_symbol_id=target.id, **bumped(KpiResult))
            )
            op.log(
                "symbol", target.id, "judgements moved here", None, len(judgements) + len(statuses)
            )
        removed = _symbol_snapshot(symbol)
        old: Snapshot = {"symbol": removed, "judgements": judgements, "statuses": statuses}
        session.delete(symbol)
        session.flush()
        _renumber(session, Symbol, removed["scheme_id"])
        op.log("symbol", symbol_id, "glyph", removed["glyph"], None)
    return Change("remove symbol", "symbol", (symbol_id,), old=old, new=move_to)


def restore_symbol(db: Database, old: Snapshot) -> Change:
    """Undo :func:`remove_symbol`: the symbol back in its place, its judgements back on it."""
    snapshot = old["symbol"]
    with operation(db, "restore symbol") as op:
        session = op.session
        _make_room(session, Symbol, snapshot["scheme_id"], snapshot["position"])
        op.add(Symbol(**snapshot), "symbol", "glyph", snapshot["glyph"])
        session.execute(
            update(Judgement)
            .where(Judgement.id.in_(old["judgements"]))
            .values(symbol_id=snapshot["id"], **bumped(Judgement))
        )
        session.execute(
            update(KpiResult)
            .where(KpiResult.id.in_(old["statuses"]))
            .values(status_symbol_id=snapshot["id"], **bumped(KpiResult))
        )
    return Change("restore symbol", "symbol", (snapshot["id"],), new=old)


def move_symbol(db: Database, symbol_id: int, step: int) -> Change:
    """Move a symbol up (-1) or down (+1) in its scheme's order: the order of the key, the
    menus and the summary columns."""
    with operation(db, "move symbol") as op:
        return _move(op, get(op.session, Symbol, symbol_id, "symbol"), step, "symbol")


# --- the summary columns of a programme's scheme ----------------------------------------------


def _column_snapshot(column: SummaryColumn) -> Snapshot:
    return {
        "id": column.id,
        "scheme_id": column.scheme_id,
        "position": column.position,
        "name": column.name,
        "role": column.role,
        "rated": column.rated,
    }


def _check_column_name(session: Session, scheme_id: int, typed: Any, except_id: int = 0) -> str:
    name = required_text(typed, "The column’s name", limit=100)
    clash = session.scalar(
        select(SummaryColumn.id).where(
            SummaryColumn.scheme_id == scheme_id,
            func.lower(SummaryColumn.name) == name.lower(),
            SummaryColumn.id != except_id,
        )
    )
    if clash is not None:
        raise ValidationError(f"This scheme already has a column called “{name}”.")
    return name


def add_column(db: Database, programme_id: int, purpose: str = "progress") -> Change:
    """A new column at the end of the scheme's summary tables, counting as "not known" until
    the user says what it counts as. ``Change.new`` is its snapshot (for redo)."""
    with operation(db, "add column", programme_id) as op:
        session = op.session
        scheme_id = _scheme_of(session, programme_id, purpose)
        columns = _in_order(session, SummaryColumn, scheme_id)
        names = {c.name for c in columns}
        number = next(n for n in range(1, 1000) if f"New column {n}" not in names)
        column = SummaryColumn(
            scheme_id=scheme_id,
            position=len(columns),
            name=f"New column {number}",
            role=Category.UNKNOWN.value,
        )
        op.add(column, "summary column", "name", column.name)
        new = _column_snapshot(column)
    return Change("add column", "summary column", (new["id"],), new=new)


def edit_column(
    db: Database, column_id: int, field: str, value: Any, *, seen: Seen | None = None
) -> Change:
    """Rename a column, say what it counts as (its symbols then play that role), or whether
    it is a state whose symbols are ratings (``rated``: each rating then keeps its own role,
    so a red one can be an exception while its state counts as on track)."""
    if field not in ("name", "role", "rated"):
        raise ValueError(f"not a column field: {field}")
    with operation(db, "edit column") as op:
        session = op.session
        column = get(session, SummaryColumn, column_id, "summary column")
        name = seen.name if seen is not None and seen.name else column.name
        words = {"name": "name", "role": "role", "rated": "ratings"}
        what = f"the {words[field]} of the column “{name}”"
        check_field(op, seen, column, field, "summary column", what)
        if field == "name":
            value = _check_column_name(session, column.scheme_id, value, column_id)
        elif field == "rated":
            if not isinstance(value, bool):
                raise ValidationError(f"“{value}” is not yes or no.")
        else:
            try:
                value = Category(value).value
            except ValueError:
                roles = ", ".join(c.value for c in Category)
                raise ValidationError(f"“{value}” is not a role (use {roles}).") from None
            if not column.rated:
                session.execute(
                    update(Symbol)
                    .where(Symbol.column_id == column_id)
                    .values(category=value, **bumped(Symbol))
                )
        old = op.change(column, field, value, "summary column")
    return Change("edit column", "summary column", (column_id,), frozenset({field}), old, value)


def move_column(db: Database, column_id: int, step: int) -> Change:
    """Move a column left (-1) or right (+1) in the summary tables."""
    with operation(db, "move column") as op:
        column = get(op.session, SummaryColumn, column_id, "summary column")
        return _move(op, column, step, "summary column")


def remove_column(db: Database, column_id: int) -> Change:
    """Remove a column no symbol counts in. ``Change.old`` is its snapshot for undo."""
    with operation(db, "remove column") as op:
        session = op.session
        column = get(session, SummaryColumn, column_id, "summary column")
        counted = list(session.scalars(select(Symbol.glyph).where(Symbol.column_id == column_id)))
        if counted:
            raise ValidationError(
                f"“{column.name}” counts {', '.join(counted)}: give "
                f"{'it' if len(counted) == 1 else 'them'} another column first."
            )
        old = _column_snapshot(column)
        session.delete(column)
        session.flush()
        _renumber(session, SummaryColumn, old["scheme_id"])
        op.log("summary column", column_id, "name", old["name"], None)
    return Change("remove column", "summary column", (column_id,), old=old)


def restore_column(db: Database, snapshot: Snapshot) -> Change:
    """Undo :func:`remove_column` (or redo :func:`add_column`): the column back in its place."""
    with operation(db, "restore column") as op:
        _make_room(op.session, SummaryColumn, snapshot["scheme_id"], snapshot["position"])
        op.add(SummaryColumn(**snapshot), "summary column", "name", snapshot["name"])
    return Change("restore column", "summary column", (snapshot["id"],), new=snapshot)
