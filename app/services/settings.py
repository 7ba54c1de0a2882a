"""Programme settings: symbols of a scheme, the scheme a programme uses, pledges,
recommendations. Each function is one operation with its change-log rows."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, insert, select

from app.core.conflicts import Seen
from app.core.errors import ValidationError
from app.core.schemes import EDITABLE_SYMBOL_FIELDS, check_symbol_value
from app.core.validation import NAME_LIMIT, SHORT_LIMIT, TEXT_LIMIT, required_text
from app.services.context import Change, Op, get, operation
from app.services.seen import check_field, check_seen
from app.store.database import Database
from app.store.models import (
    Pledge,
    Programme,
    Recommendation,
    SummaryColumn,
    Symbol,
    item_pledge,
)

# A symbol's fields as a conflict names them: "the colour of “On track”".
SYMBOL_WORDS = {
    "glyph": "symbol",
    "name": "name",
    "meaning": "meaning",
    "colour": "colour",
    "column": "summary column",
    "shortcut": "shortcut",
}


def _symbol_named(seen: Seen | None, symbol: Symbol, field: str) -> str:
    """ "the colour of “On track”", naming the symbol as the person asked knew it."""
    name = seen.name if seen is not None and seen.name else symbol.name
    return f"the {SYMBOL_WORDS[field]} of “{name}”"


def _set_column(op: Op, symbol: Symbol, name: str, seen: Seen | None = None) -> Change:
    """Count the symbol in its scheme's column called ``name`` (and so play that role)."""
    columns = list(
        op.session.scalars(
            select(SummaryColumn)
            .where(SummaryColumn.scheme_id == symbol.scheme_id)
            .order_by(SummaryColumn.position)
        )
    )
    column = next((c for c in columns if c.name == name), None)
    if column is None:
        names = ", ".join(f"“{c.name}”" for c in columns)
        raise ValidationError(f"“{name}” is not a summary column of this scheme ({names}).")
    old = next(c.name for c in columns if c.id == symbol.column_id)
    check_seen(
        op,
        seen,
        old,
        version=symbol.version,
        log=("symbol", symbol.id, ("column",)),
        what=_symbol_named(seen, symbol, "column"),
    )
    if column.id != symbol.column_id:
        # Its role is now the column's (app/read/queries.py reads it so); the role of its
        # own is kept, for when it is a rating in a rated column again (undo included).
        symbol.column_id = column.id
        op.log("symbol", symbol.id, "column", old, name)
    else:
        op.unchanged = True
    return Change("edit symbol", "symbol", (symbol.id,), frozenset({"column"}), old, name)


def edit_symbol(
    db: Database, symbol_id: int, field: str, value: Any, *, seen: Seen | None = None
) -> Change:
    """Change one property of a symbol. Glyphs and shortcuts stay unique within the scheme.
    ``seen`` is the field as the settings dialog showed it (``app.services.seen``)."""
    if field not in EDITABLE_SYMBOL_FIELDS:
        raise ValueError(f"not a symbol field: {field}")
    if field == "column":
        with operation(db, "edit symbol") as op:
            name = required_text(value, "The summary column", limit=100)
            return _set_column(op, get(op.session, Symbol, symbol_id, "symbol"), name, seen)
    value = check_symbol_value(field, value)
    with operation(db, "edit symbol") as op:
        symbol = get(op.session, Symbol, symbol_id, "symbol")
        check_field(op, seen, symbol, field, "symbol", _symbol_named(seen, symbol, field))
        old = getattr(symbol, field)
        if old == value:
            op.unchanged = True
            return Change("edit symbol", "symbol", (symbol_id,), frozenset({field}), old, value)
        if field in ("glyph", "shortcut"):
            column = Symbol.glyph if field == "glyph" else Symbol.shortcut
            clash = op.session.scalar(
                select(Symbol.name).where(
                    Symbol.scheme_id == symbol.scheme_id, column == value, Symbol.id != symbol_id
                )
            )
            if clash is not None:
                what = "symbol" if field == "glyph" else "shortcut"
                raise ValidationError(
                    f"“{value}” is already the {what} of “{clash}” in this scheme."
                )
        setattr(symbol, field, value)
        op.log("symbol", symbol_id, field, old, value)
    return Change("edit symbol", "symbol", (symbol_id,), frozenset({field}), old, value)


# --- pledges ---------------------------------------------------------------------------------


def add_pledge(db: Database, programme_id: int, number: int, title: str) -> Change:
    title = required_text(title, "The pledge", limit=TEXT_LIMIT)
    if not 1 <= number <= 999:
        raise ValidationError("A pledge’s number must be between 1 and 999.")
    with operation(db, "add pledge", programme_id) as op:
        get(op.session, Programme, programme_id, "programme")
        if op.session.scalar(
            select(Pledge.id).where(Pledge.programme_id == programme_id, Pledge.number == number)
        ):
            raise ValidationError(f"There is already a pledge numbered {number}.")
        pledge = Pledge(programme_id=programme_id, number=number, title=title)
        op.add(pledge, "pledge", "title", title)
    return Change(
        "add pledge",
        "pledge",
        (pledge.id,),
        frozenset({"title"}),
        None,
        {"id": pledge.id, "programme_id": programme_id, "number": number, "title": title},
    )


def edit_pledge(db: Database, pledge_id: int, title: str, *, seen: Seen | None = None) -> Change:
    title = required_text(title, "The pledge", limit=TEXT_LIMIT)
    with operation(db, "edit pledge") as op:
        pledge = op.fetch(Pledge, pledge_id, "pledge")
        check_field(op, seen, pledge, "title", "pledge", f"the words of pledge {pledge.number}")
        old = op.change(pledge, "title", title, "pledge")
    return Change("edit pledge", "pledge", (pledge_id,), frozenset({"title"}), old, title)


def delete_pledge(db: Database, pledge_id: int) -> Change:
    """Delete a pledge and its links; ``Change.old`` holds what restore_pledge needs."""
    with operation(db, "delete pledge") as op:
        pledge = op.fetch(Pledge, pledge_id, "pledge")
        links: list[int] = list(
            op.session.scalars(
                select(item_pledge.c.item_id).where(item_pledge.c.pledge_id == pledge_id)
            )
        )
        snapshot = {
            "pledge": {
                "id": pledge.id,
                "programme_id": pledge.programme_id,
                "number": pledge.number,
                "title": pledge.title,
            },
            "items": links,
        }
        op.session.execute(delete(Pledge).where(Pledge.id == pledge_id))
        op.log("pledge", pledge_id, "deleted", pledge.title, None)
    return Change("delete pledge", "pledge", (pledge_id,), frozenset({"deleted"}), snapshot)


def restore_pledge(db: Database, snapshot: dict[str, Any]) -> Change:
    row = snapshot["pledge"]
    with operation(db, "restore pledge", row["programme_id"]) as op:
        op.session.execute(insert(Pledge), [row])
        if snapshot["items"]:
            op.session.execute(
                insert(item_pledge),
                [{"item_id": item_id, "pledge_id": row["id"]} for item_id in snapshot["items"]],
            )
        op.log("pledge", row["id"], "deleted", None, row["title"])
    return Change("restore pledge", "pledge", (row["id"],), frozenset({"deleted"}))


# --- recommendations -------------------------------------------------------------------------

RECOMMENDATION_FIELDS = {
    "number": ("The number", SHORT_LIMIT, True),
    "text": ("The recommendation", TEXT_LIMIT, True),
    "response": ("The response", TEXT_LIMIT, False),
    "applies_to": ("Applies to", NAME_LIMIT, False),
}


def edit_recommendation(
    db: Database,
    recommendation_id: int,
    field: str,
    value: str | None,
    *,
    seen: Seen | None = None,
) -> Change:
    from app.core.validation import clean_text

    label, limit, required = RECOMMENDATION_FIELDS[field]
    value = clean_text(value, label, limit=limit, required=required)
    with operation(db, "edit recommendation") as op:
        rec = op.fetch(Recommendation, recommendation_id, "recommendation")
        words = {"applies_to": "whom it applies to"}.get(field, f"the {field}")
        what = f"{words} of recommendation {rec.number}"
        check_field(op, seen, rec, field, "recommendation", what)
        old = op.change(rec, field, value, "recommendation")
    return Change(
        "edit recommendation",
        "recommendation",
        (recommendation_id,),
        frozenset({field}),
        old,
        value,
    )
