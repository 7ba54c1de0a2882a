"""Per-period progress: judgements and achievements narrative; and milestones."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from app.core.dates import derive_due
from app.core.enums import MilestoneStatus
from app.core.errors import PermissionRefusedError, ValidationError
from app.core.validation import (
    SHORT_LIMIT,
    TEXT_LIMIT,
    check_characters,
    clean_text,
    required_text,
)
from app.services.context import Change, Op, ensure_open, get, operation
from app.store.database import Database
from app.store.models import (
    Item,
    Judgement,
    Milestone,
    Period,
    Programme,
    ProgressUpdate,
    Symbol,
    SymbolScheme,
)


def _item_and_period(op: Op, item_id: int, period_id: int) -> tuple[Item, Period]:
    item = op.fetch(Item, item_id, "item")
    period = get(op.session, Period, period_id, "period")
    if period.programme_id != item.programme_id:
        raise ValidationError(f"{period.label} is a period of another programme.")
    ensure_open(period)
    check_in_scope(op, item)
    if op.scope is not None and period_id != op.scope.period_id:
        raise ValidationError(f"This update pack is for {op.scope.period_label} only.")
    return item, period


def check_in_scope(op: Op, item: Item) -> None:
    """In an update pack, only the holder's own items change; the rest is context. On a
    server a service lead's likewise: the server refuses the rest anyway, but a refused
    DELETE there is a quiet nothing, so the lead is told here, in the same words."""
    if op.lead is not None and item.responsible_id != op.lead.responsible_id:
        raise PermissionRefusedError("", "")  # worded by operation(), naming who and what
    if op.scope is not None and item.id not in op.scope.owned:
        raise ValidationError(
            f"“{item.title[:80]}” is not one of {op.scope.person}’s items: it is in this "
            "update pack for context only."
        )


def progress_symbol(session: Session, programme_id: int, glyph: str) -> Symbol:
    """The symbol with this glyph in the programme's progress scheme, or a readable refusal."""
    check_characters(glyph, "The judgement")
    scheme_id = session.scalar(
        select(Programme.progress_scheme_id).where(Programme.id == programme_id)
    )
    symbol = session.scalar(
        select(Symbol).where(Symbol.scheme_id == scheme_id, Symbol.glyph == glyph)
    )
    if symbol is None:
        scheme_name = session.scalar(select(SymbolScheme.name).where(SymbolScheme.id == scheme_id))
        glyphs = list(
            session.scalars(
                select(Symbol.glyph).where(Symbol.scheme_id == scheme_id).order_by(Symbol.position)
            )
        )
        choices = ", ".join(glyphs[:-1]) + f" or {glyphs[-1]}" if len(glyphs) > 1 else glyphs[0]
        raise ValidationError(
            f"“{glyph}” is not a symbol of this programme’s scheme ({scheme_name}): use {choices}."
        )
    return symbol


def set_judgement(
    db: Database, item_id: int, period_id: int, glyph: str | None, *, carried: bool = False
) -> Change:
    """Judge an item for a period; ``None`` clears it back to "not yet judged".

    A judgement set by hand is confirmed: pressing the key a carried judgement already has
    confirms it. ``carried`` puts one back as carried (undoing that confirmation)."""
    carried = carried and glyph is not None
    with operation(db, "set judgement") as op:
        was_carried = bool(
            op.session.scalar(
                select(Judgement.carried).where(
                    Judgement.item_id == item_id, Judgement.period_id == period_id
                )
            )
        )
        old = write_judgement(op, item_id, period_id, glyph, carried=carried)
        op.unchanged = old == glyph and was_carried == carried
    return Change(
        "set judgement",
        "judgement",
        (item_id,),
        frozenset({"judgement"}),
        old,
        glyph,
        extra={"period_id": period_id, "was_carried": was_carried, "carried": carried},
    )


# write_judgement or write_achievements: (op, item_id, period_id, value) -> the old value.
_PeriodWrite = Callable[[Op, int, int, str | None], str | None]


def _period_operation(
    db: Database,
    names: tuple[str, str, str],
    write: _PeriodWrite,
    item_id: int,
    period_id: int,
    value: str | None,
) -> Change:
    """``write`` as an operation of its own, named (operation, entity, field) by ``names``:
    the window changes one item's period at a time, a pack merge many in one operation."""
    name, entity, field = names
    with operation(db, name) as op:
        old = write(op, item_id, period_id, value)
        op.unchanged = old == value
    return Change(
        name, entity, (item_id,), frozenset({field}), old, value, extra={"period_id": period_id}
    )


def write_judgement(
    op: Op,
    item_id: int,
    period_id: int,
    glyph: str | None,
    *,
    user: str | None = None,
    carried: bool = False,
) -> str | None:
    """The body of :func:`set_judgement`, inside a caller's operation; returns the old glyph."""
    item, _period = _item_and_period(op, item_id, period_id)
    session = op.session
    current = session.scalar(
        select(Judgement).where(Judgement.item_id == item_id, Judgement.period_id == period_id)
    )
    old = (
        session.scalar(select(Symbol.glyph).where(Symbol.id == current.symbol_id))
        if current
        else None
    )
    if old == glyph:
        if current is not None and current.carried != carried:
            current.carried = carried
            what = "carried" if carried else "confirmed"
            op.log("judgement", item_id, f"period {period_id} {what}", old, glyph, user=user)
        return old
    if glyph is None:
        session.delete(current)
    else:
        symbol = progress_symbol(session, item.programme_id, glyph)
        if current is None:
            session.add(
                Judgement(
                    item_id=item_id, period_id=period_id, symbol_id=symbol.id, carried=carried
                )
            )
        else:
            current.symbol_id = symbol.id
            current.carried = carried
    op.log("judgement", item_id, f"period {period_id}", old, glyph, user=user)
    return old


# --- achievements narrative -----------------------------------------------------------------


def _updates(session: Session, item_id: int, period_id: int) -> list[ProgressUpdate]:
    return list(
        session.scalars(
            select(ProgressUpdate)
            .where(ProgressUpdate.item_id == item_id, ProgressUpdate.period_id == period_id)
            .order_by(ProgressUpdate.position)
        )
    )


def add_update(
    db: Database,
    item_id: int,
    period_id: int,
    text: str,
    *,
    heading: str | None = None,
    position: int | None = None,
) -> Change:
    text = required_text(text, "The update", limit=TEXT_LIMIT)
    heading = clean_text(heading, "The heading", limit=SHORT_LIMIT)
    with operation(db, "add update") as op:
        _item_and_period(op, item_id, period_id)
        entries = _updates(op.session, item_id, period_id)
        position = len(entries) if position is None else max(0, min(position, len(entries)))
        update = ProgressUpdate(
            item_id=item_id, period_id=period_id, position=position, heading=heading, text=text
        )
        entries.insert(position, update)
        for index, entry in enumerate(entries):
            entry.position = index
        op.add(update, "progress_update", "text", text)
    return Change(
        "add update",
        "progress_update",
        (update.id,),
        frozenset({"text"}),
        None,
        text,
        extra={"item_id": item_id, "period_id": period_id},
    )


def set_achievements(db: Database, item_id: int, period_id: int, text: str | None) -> Change:
    """Edit the narrative as one text: the common case of a single update per period.

    With several updates (Salford's), only the first is replaced; empty text removes it.
    """
    value = clean_text(text, "Achievements", limit=TEXT_LIMIT)
    return _period_operation(
        db,
        ("edit achievements", "progress_update", "text"),
        write_achievements,
        item_id,
        period_id,
        value,
    )


def write_achievements(
    op: Op, item_id: int, period_id: int, value: str | None, *, user: str | None = None
) -> str | None:
    """The body of :func:`set_achievements` (``value`` already cleaned); returns the old text."""
    _item_and_period(op, item_id, period_id)
    entries = _updates(op.session, item_id, period_id)
    first = entries[0] if entries else None
    old = first.text if first else None
    if old == value:
        return old
    if first is None:
        first = ProgressUpdate(item_id=item_id, period_id=period_id, position=0, text=value)
        op.session.add(first)
        op.session.flush()
    elif value is None:
        op.session.delete(first)
        for index, entry in enumerate(entries[1:]):
            entry.position = index
    else:
        first.text = value
    op.log("progress_update", first.id, "text", old, value, user=user)
    return old


# --- milestones ----------------------------------------------------------------------------


def due_columns(due: str | None) -> dict[str, Any]:
    """A milestone's due date as its three columns: the words as written, which the reports
    print, and the last day they cover with how precise they are, which "next due" and
    "overdue" need. Refuses an impossible date in the words."""
    derived = derive_due(due)
    return {"due_text": due, "due_date": derived.date, "due_precision": derived.precision.value}


def _milestones(session: Session, programme_id: int, item_id: int | None) -> list[Milestone]:
    condition = Milestone.item_id.is_(None) if item_id is None else Milestone.item_id == item_id
    return list(
        session.scalars(
            select(Milestone)
            .where(Milestone.programme_id == programme_id, condition)
            .order_by(Milestone.position)
        )
    )


def add_milestone(
    db: Database,
    programme_id: int,
    item_id: int | None,
    *,
    due: str | None = None,
    text: str | None = None,
    position: int | None = None,
) -> Change:
    due = clean_text(due, "The due date", limit=SHORT_LIMIT)
    text = clean_text(text, "The milestone", limit=TEXT_LIMIT)
    if due is None and text is None:
        raise ValidationError("A milestone needs a due date, a description, or both.")
    due_values = due_columns(due)
    with operation(db, "add milestone", programme_id) as op:
        get(op.session, Programme, programme_id, "programme")
        if item_id is not None:
            item = get(op.session, Item, item_id, "item")
            if item.programme_id != programme_id:
                raise ValidationError("That item belongs to another programme.")
            check_in_scope(op, item)
        elif op.scope is not None:
            raise ValidationError("The programme’s own milestones cannot be changed in a pack.")
        existing = _milestones(op.session, programme_id, item_id)
        position = len(existing) if position is None else max(0, min(position, len(existing)))
        milestone = Milestone(
            programme_id=programme_id,
            item_id=item_id,
            position=position,
            text=text,
            status=MilestoneStatus.OPEN.value,
            **due_values,
        )
        existing.insert(position, milestone)
        for index, entry in enumerate(existing):
            entry.position = index
        op.add(milestone, "milestone", "due", due)
        if text:
            op.log("milestone", milestone.id, "text", None, text)
    return Change(
        "add milestone",
        "milestone",
        (milestone.id,),
        frozenset({"due", "text"}),
        extra={"item_id": item_id},
    )


def edit_milestone(
    db: Database,
    milestone_id: int,
    *,
    due: str | None = None,
    text: str | None = None,
    status: str | None = None,
    fields: frozenset[str] = frozenset({"due", "text"}),
) -> Change:
    """Change the named ``fields`` ("due", "text", "status") of a milestone."""
    values: dict[str, object] = {}
    if "due" in fields:
        values.update(due_columns(clean_text(due, "The due date", limit=SHORT_LIMIT)))
    if "text" in fields:
        values["text"] = clean_text(text, "The milestone", limit=TEXT_LIMIT)
    if "status" in fields:
        if status not in {s.value for s in MilestoneStatus}:
            raise ValidationError(f"“{status}” is not a milestone status (use open or reached).")
        values["status"] = status
    with operation(db, "edit milestone") as op:
        milestone = op.fetch(Milestone, milestone_id, "milestone")
        if op.scope is not None:
            check_milestone_in_scope(op, milestone, fields)
        if op.lead is not None:
            owner = get(op.session, Item, milestone.item_id, "item") if milestone.item_id else None
            if owner is None:
                raise PermissionRefusedError("", "")
            check_in_scope(op, owner)
        old = {key: getattr(milestone, key) for key in values}
        after_due = values.get("due_text", milestone.due_text)
        after_text = values.get("text", milestone.text)
        if after_due is None and after_text is None:
            raise ValidationError("A milestone needs a due date, a description, or both.")
        for key, value in values.items():
            if old[key] != value:
                setattr(milestone, key, value)
                if key in {"due_text", "text", "status"}:
                    op.log("milestone", milestone_id, key, old[key], value)
        op.unchanged = op.logged == 0
    return Change(
        "edit milestone",
        "milestone",
        (milestone_id,),
        fields,
        old,
        values,
        extra={"item_id": milestone.item_id},
    )


def check_milestone_in_scope(op: Op, milestone: Milestone, fields: frozenset[str]) -> None:
    """In a pack: a milestone it was sent with changes its status only; one its holder
    added is theirs to word, date or remove ("deleted" among ``fields``)."""
    assert op.scope is not None
    added = milestone.id not in op.scope.sent_milestones
    if fields - {"status"} and not added:
        if "deleted" in fields:
            raise ValidationError(
                "In an update pack only the milestones you added can be removed; mark this "
                "one reached, or say why in your note for the programme manager."
            )
        raise ValidationError(
            "In an update pack a milestone’s status can be changed, not its date or words."
        )
    if milestone.item_id is None:
        raise ValidationError("The programme’s own milestones cannot be changed in a pack.")
    check_in_scope(op, get(op.session, Item, milestone.item_id, "item"))


def write_milestone_status(
    op: Op, milestone_id: int, status: str, *, user: str | None = None
) -> str:
    """Set a milestone's status inside a caller's operation; returns the old status."""
    if status not in {s.value for s in MilestoneStatus}:
        raise ValidationError(f"“{status}” is not a milestone status (use open or reached).")
    milestone: Milestone = get(op.session, Milestone, milestone_id, "milestone")
    old = milestone.status
    if old != status:
        milestone.status = status
        op.log("milestone", milestone_id, "status", old, status, user=user)
    return old


def delete_milestone(db: Database, milestone_id: int) -> Change:
    with operation(db, "delete milestone") as op:
        milestone = op.fetch(Milestone, milestone_id, "milestone")
        if op.scope is not None:
            check_milestone_in_scope(op, milestone, frozenset({"deleted"}))
        snapshot = {c.key: getattr(milestone, c.key) for c in Milestone.__table__.columns}
        op.session.execute(delete(Milestone).where(Milestone.id == milestone_id))
        for index, entry in enumerate(
            _milestones(op.session, milestone.programme_id, milestone.item_id)
        ):
            entry.position = index
        op.log("milestone", milestone_id, "deleted", milestone.due_text or milestone.text, None)
    return Change(
        "delete milestone",
        "milestone",
        (milestone_id,),
        frozenset({"deleted"}),
        snapshot,
        None,
        extra={"item_id": snapshot["item_id"]},
    )


def restore_milestone(db: Database, snapshot: dict[str, object]) -> Change:
    """Put back a deleted milestone with its id and place (for undo)."""
    # the column values of one milestone row, as delete_milestone took them
    milestone_id = cast(int, snapshot["id"])
    programme_id = cast(int, snapshot["programme_id"])
    item_id = cast("int | None", snapshot["item_id"])
    position = cast(int, snapshot["position"])
    with operation(db, "restore milestone", programme_id) as op:
        if op.scope is not None and (item_id is None or item_id not in op.scope.owned):
            raise ValidationError("Only your own items’ milestones change in an update pack.")
        siblings = _milestones(op.session, programme_id, item_id)
        for sibling in siblings:
            if sibling.position >= position:
                sibling.position += 1
        op.session.flush()
        op.session.execute(insert(Milestone), [snapshot])
        op.log(
            "milestone",
            milestone_id,
            "deleted",
            None,
            snapshot.get("due_text") or snapshot.get("text"),
        )
    return Change(
        "restore milestone",
        "milestone",
        (milestone_id,),
        frozenset({"deleted"}),
        extra={"item_id": item_id},
    )
