"""Write the accepted changes of an import proposal: one operation, logged as "imported from
<file>", so the change log says where every value came from and one undo takes it all back.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from sqlalchemy import func, select

from app.core.dates import derive_due
from app.core.enums import MilestoneStatus
from app.core.errors import ValidationError
from app.core.labels import shorten
from app.core.validation import NAME_LIMIT, TEXT_LIMIT, TITLE_LIMIT, clean_text, required_text
from app.imports.proposal import FieldChange, Proposal
from app.services.context import Change, Op, operation
from app.services.items import responsible_id
from app.services.progress import due_columns, write_achievements, write_judgement
from app.store.database import Database
from app.store.models import Item, Milestone


def split_milestone(words: str) -> tuple[str | None, str | None]:
    """(due words, text) of a milestone written in one line ("Sep 09: Draft the plan"), as
    the reports print it; words that are only a date are its due words."""
    head, sep, tail = words.partition(": ")
    if sep and derive_due(head).date is not None:
        return head.strip(), tail.strip() or None
    if derive_due(words).date is not None and len(words) <= 40:
        return words.strip(), None
    return None, words.strip()


def apply_import(db: Database, proposal: Proposal, accepted: Sequence[FieldChange]) -> Change:
    """Write ``accepted`` (taken from ``proposal.changes``). Returns the new items' ids and
    the old values of the rest, for undo."""
    if any(c not in proposal.changes for c in accepted):
        raise ValidationError("A change to import is not one of this import’s changes.")
    name = shorten(f"imported from {proposal.source}", 100)
    created: dict[tuple[str, ...], int] = {}
    milestones: list[int] = []
    with operation(db, name, proposal.programme_id) as op:
        for change in sorted((c for c in accepted if c.field == "item"), key=lambda c: len(c.key)):
            created[change.key] = _create(op, proposal, change, created)
        for change in accepted:
            if change.field == "item":
                continue
            item_id = change.item_id or created.get(change.key)
            if item_id is None:
                raise ValidationError(
                    f"{change.where}: “{change.label}” is new and was not accepted, so its "
                    f"{change.field} cannot be imported."
                )
            milestone = _write(op, proposal, item_id, change)
            if milestone is not None:
                milestones.append(milestone)
    changed = {c.item_id for c in accepted if c.item_id is not None}
    return Change(
        "import",
        "item",
        tuple(dict.fromkeys([*created.values(), *changed])),
        frozenset(c.field for c in accepted),
        old=[
            (c, c.current)
            for c in accepted
            if c.field in ("responsible", "achievements", "judgement")
        ],
        new=dict(created),
        extra={"proposal": proposal, "accepted": tuple(accepted), "milestones": milestones},
    )


def undo_import(db: Database, imported: Change) -> Change:
    """Undo :func:`apply_import`: the items it made go (with all below them), the milestones
    it added go, and the values it replaced come back."""
    proposal: Proposal = imported.extra["proposal"]
    with operation(
        db, shorten(f"undo import of {proposal.source}", 100), proposal.programme_id
    ) as op:
        session = op.session
        for milestone_id in imported.extra["milestones"]:
            milestone = session.get(Milestone, milestone_id)
            if milestone is not None:
                session.delete(milestone)
                op.log("milestone", milestone_id, "text", milestone.text, None)
        for change, old in reversed(imported.old):
            if change.item_id is None:
                continue  # on an item made by the import, which goes below
            _write(op, proposal, change.item_id, replace(change, theirs=old))
        for key in sorted(imported.new, key=len, reverse=True):
            item = session.get(Item, imported.new[key])
            if item is not None:
                op.log("item", item.id, "title", item.title, None)
                session.delete(item)
                session.flush()
    return Change(
        "undo import",
        "item",
        imported.ids,
        imported.fields,
        extra=imported.extra,
    )


def _create(
    op: Op, proposal: Proposal, change: FieldChange, created: dict[tuple[str, ...], int]
) -> int:
    session = op.session
    parent_key = change.key[:-1]
    parent_id = None
    if parent_key:
        parent_id = proposal.matched.get(parent_key) or created.get(parent_key)
        if parent_id is None:
            raise ValidationError(
                f"{change.where}: “{change.label}” belongs under an item that is not being "
                "imported."
            )
    title = required_text(change.theirs, "The title", limit=TITLE_LIMIT)
    position = session.scalar(
        select(func.count(Item.id)).where(
            Item.programme_id == proposal.programme_id,
            Item.parent_id.is_(None) if parent_id is None else Item.parent_id == parent_id,
        )
    )
    item = Item(
        programme_id=proposal.programme_id,
        parent_id=parent_id,
        position=position or 0,
        number=change.number,
        title=title,
    )
    op.add(item, "item", "title", title)
    return item.id


def _write(op: Op, proposal: Proposal, item_id: int, change: FieldChange) -> int | None:
    """Write one value; the new milestone's id, for undo."""
    session = op.session
    if change.field == "responsible":
        item = session.get(Item, item_id)
        assert item is not None
        old = item.responsible_id
        item.responsible_id = responsible_id(
            session, clean_text(change.theirs, "Responsibility", limit=NAME_LIMIT)
        )
        op.log("item", item_id, "responsible", old, change.theirs)
    elif change.field == "milestone":
        due, text = split_milestone(change.theirs or "")
        text = clean_text(text, "The milestone", limit=TEXT_LIMIT)
        position = session.scalar(
            select(func.count(Milestone.id)).where(Milestone.item_id == item_id)
        )
        milestone = Milestone(
            programme_id=proposal.programme_id,
            item_id=item_id,
            position=position or 0,
            text=text,
            status=MilestoneStatus.OPEN.value,
            **due_columns(due),
        )
        op.add(milestone, "milestone", "text", change.theirs)
        return milestone.id
    elif change.field == "achievements":
        text = clean_text(change.theirs, "Achievements", limit=TEXT_LIMIT)
        write_achievements(op, item_id, proposal.period_id, text)
    elif change.field == "judgement":
        write_judgement(op, item_id, proposal.period_id, change.theirs)
    else:  # pragma: no cover - the proposal makes no other
        raise ValueError(change.field)
    return None
