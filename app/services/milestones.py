"""Milestones: an item's (or the programme's own) dated steps, added, edited, removed.

Kept apart from ``progress`` (judgements and narratives), which re-exports these names for the
window, the packs and the imports that call them through it.
"""

from __future__ import annotations

from typing import Any, cast

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from app.core.conflicts import Seen
from app.core.dates import derive_due
from app.core.enums import MilestoneStatus
from app.core.errors import PermissionRefusedError, ValidationError
from app.core.validation import SHORT_LIMIT, TEXT_LIMIT, clean_text
from app.services.context import Change, Op, get, operation
from app.services.seen import check_seen, item_named
from app.store.database import Database
from app.store.models import Item, Milestone, Programme


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
    seen: Seen | None = None,
) -> Change:
    """Change the named ``fields`` ("due", "text", "status") of a milestone. ``seen`` holds
    what the window showed of them ({"status": "open"}), checked against the row now."""
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
        if seen is not None:
            _check_milestone(op, milestone, seen)
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


# The window's names of a milestone's fields, and its columns.
_COLUMNS = {"due": "due_text", "text": "text", "status": "status"}


def _check_milestone(op: Op, milestone: Milestone, seen: Seen) -> None:
    """Only the fields being edited are compared: another person's new date is no conflict
    with this person's status."""
    shown: dict[str, Any] = seen.value
    now = {key: getattr(milestone, _COLUMNS[key]) for key in shown}
    item = get(op.session, Item, milestone.item_id, "item") if milestone.item_id else None
    owner = f"a milestone of {item_named(item)}" if item else "a programme milestone"
    what = f"the {next(iter(shown))} of {owner}" if len(shown) == 1 else owner
    check_seen(
        op,
        seen,
        now,
        version=milestone.version,
        log=("milestone", milestone.id, tuple(_COLUMNS[key] for key in shown)),
        what=what.replace("the due of", "the due date of"),
        item_id=milestone.item_id,
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
