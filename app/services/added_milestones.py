"""A milestone a service lead added in their update pack, written into the programme file when
the pack is merged (and removed again when the merge is undone), inside the merge's operation
and logged with the lead as its author."""

from __future__ import annotations

from sqlalchemy import func, select

from app.core.enums import MilestoneStatus
from app.core.errors import ValidationError
from app.core.validation import SHORT_LIMIT, TEXT_LIMIT, clean_text
from app.services.context import Op, get
from app.services.milestones import due_columns
from app.store.models import Item, Milestone


def write_added_milestone(
    op: Op, item_id: int, due: str | None, text: str | None, status: str, *, user: str
) -> int | None:
    """Add the milestone after the item's others; returns its id here (None: the item was
    deleted here since the pack was made, so there is nowhere to add it)."""
    due = clean_text(due, "The due date", limit=SHORT_LIMIT)
    text = clean_text(text, "The milestone", limit=TEXT_LIMIT)
    if due is None and text is None:
        raise ValidationError("A milestone needs a due date, a description, or both.")
    if status not in {s.value for s in MilestoneStatus}:
        raise ValidationError(f"“{status}” is not a milestone status (use open or reached).")
    item = op.session.get(Item, item_id)
    if item is None:
        return None
    last = op.session.scalar(
        select(func.max(Milestone.position)).where(Milestone.item_id == item_id)
    )
    milestone = Milestone(
        programme_id=item.programme_id,
        item_id=item_id,
        position=(last + 1) if last is not None else 0,
        text=text,
        status=status,
        **due_columns(due),
    )
    op.session.add(milestone)
    op.session.flush()
    op.log("milestone", milestone.id, "due", None, due, user=user)
    if text:
        op.log("milestone", milestone.id, "text", None, text, user=user)
    return milestone.id


def remove_added_milestone(op: Op, milestone_id: int | None) -> None:
    if milestone_id is None:
        return
    milestone: Milestone = get(op.session, Milestone, milestone_id, "milestone")
    op.log("milestone", milestone_id, "deleted", milestone.due_text or milestone.text, None)
    op.session.delete(milestone)
