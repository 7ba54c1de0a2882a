"""Merge the accepted changes of a reviewed pack as one operation, and take it back (undo).

The change log names the service lead as the author of each merged value, and the manager as
the one who merged the pack.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from app.core.errors import ValidationError
from app.core.validation import TEXT_LIMIT, clean_text
from app.packs.review import PackChange, PackReview
from app.services.added_milestones import remove_added_milestone, write_added_milestone
from app.services.context import Change, Op, get, operation
from app.services.milestones import write_milestone_status
from app.services.progress import write_achievements, write_judgement
from app.store.database import Database
from app.store.models import Pack


def _write(op: Op, change: PackChange, period_id: int, value: str | None, user: str) -> object:
    if change.field == "milestone_added":  # returns the new milestone's id, for undo
        assert change.added is not None
        return write_added_milestone(op, change.item_id, *change.added, user=user)
    if change.field == "judgement":
        return write_judgement(op, change.item_id, period_id, value, user=user)
    if change.field == "achievements":
        return write_achievements(op, change.item_id, period_id, value, user=user)
    assert change.milestone_id is not None and value is not None
    return write_milestone_status(op, change.milestone_id, value, user=user)


def merge_pack(db: Database, review: PackReview, accepted: Sequence[PackChange]) -> Change:
    """Write ``accepted`` (taken from ``review.changes``) and mark the pack merged."""
    offered = set(review.changes)
    if any(c not in offered for c in accepted):
        raise ValidationError("A change to merge is not one of this pack’s changes.")
    for change in accepted:  # the review checked them; a merge never relies on that alone
        if change.field == "achievements":
            clean_text(change.theirs, "Achievements", limit=TEXT_LIMIT)
    with operation(db, "merge pack", review.programme_id) as op:
        # TODO: typed by the lead (context.get's ident is int; a Pack's id is str)
        record = get(op.session, Pack, review.pack_id, "update pack")
        if record.merged_at is not None:
            raise ValidationError(f"{review.person}’s pack has already been merged.")
        before = []
        for change in accepted:
            old = _write(op, change, review.period_id, change.theirs, review.person)
            before.append((change, old))
        record.merged_at = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        record.merged_by = db.user
        record.note = review.note
        op.log(
            "pack",
            None,
            "merged",
            None,
            f"{review.person}’s pack, {review.period_label}: {len(accepted)} of "
            f"{len(review.changes)} changes accepted",
        )
    return Change(
        "merge pack",
        "pack",
        tuple(dict.fromkeys(c.item_id for c in accepted)),
        frozenset(c.field for c in accepted),
        before,
        [(c, c.theirs) for c in accepted],
        extra={"review": review, "accepted": tuple(accepted)},
    )


def unmerge_pack(db: Database, merged: Change) -> Change:
    """Undo :func:`merge_pack`: the values it replaced come back, and the pack may be merged
    again."""
    review: PackReview = merged.extra["review"]
    with operation(db, "undo merge pack", review.programme_id) as op:
        # TODO: typed by the lead (context.get's ident is int; a Pack's id is str)
        record = get(op.session, Pack, review.pack_id, "update pack")
        for change, old in reversed(merged.old):
            if change.field == "milestone_added":
                remove_added_milestone(op, old)
            else:
                _write(op, change, review.period_id, old, db.user)
        record.merged_at = None
        record.merged_by = None
        record.note = None
        op.log("pack", None, "merged", f"{review.person}’s pack, {review.period_label}", None)
    return Change(
        "undo merge pack",
        "pack",
        merged.ids,
        merged.fields,
        merged.new,
        merged.old,
        extra=merged.extra,
    )
