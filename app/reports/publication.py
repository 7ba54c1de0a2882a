"""Publishing a period and reopening it: the two operations that freeze and unfreeze what a
period's report says.

They live beside the reports rather than in ``app.services`` because publishing keeps the
report's own data (``app.reports.snapshot``), which the services, below the reports, cannot
build; like a pack merge, they are operations all the same (``app.services.context``).
"""

from __future__ import annotations

from app.core.errors import ValidationError
from app.core.validation import TEXT_LIMIT, required_text
from app.reports import snapshot
from app.services.context import Change, operation
from app.store.database import Database
from app.store.models import Period, PeriodSnapshot


def publish_period(db: Database, period_id: int, stamp: dict[str, str] | None = None) -> Change:
    """Freeze a period: its judgements, updates and KPI results can no longer change, and what
    its report is built from is kept as it is now, so the report reads the same whatever is
    renamed, reassigned or reordered later. ``stamp`` (who, when and the snapshot, as a
    reopening returned it) puts an undone reopening back exactly as it was."""
    with operation(db, "publish period") as op:
        period = op.fetch(Period, period_id, "period")
        if period.published_at is not None:
            raise ValidationError(f"{period.label} is already published.")
        if stamp is None:
            period.published_at = op.at
            period.published_by = op.user
            taken = {
                "published_at": op.at,
                "published_by": op.user,
                "data": snapshot.take(op.session, period.programme_id, period_id),
            }
        else:
            taken = dict(stamp)
            period.published_at = taken["published_at"]
            period.published_by = taken["published_by"] or None
        if taken["data"]:  # a period published before snapshots were kept has none
            op.session.add(
                PeriodSnapshot(
                    period_id=period_id, taken_at=taken["published_at"], data=taken["data"]
                )
            )
        op.log("period", period_id, "published", None, period.published_at)
    return Change("publish period", "period", (period_id,), frozenset({"published"}), None, taken)


def reopen_period(db: Database, period_id: int, reason: str) -> Change:
    """Unfreeze a published period, saying why: who reopened it and why stay in the change log
    and are shown with the period. Its snapshot goes (the returned stamp carries it for undo)."""
    with operation(db, "reopen period") as op:
        period = op.fetch(Period, period_id, "period")
        if not (reason or "").strip():
            raise ValidationError(
                f"Say why {period.label} is being reopened: the reason is kept with the "
                "period, so its published report is not changed unexplained."
            )
        reason = required_text(reason, "The reason for reopening", limit=TEXT_LIMIT)
        if period.published_at is None:
            raise ValidationError(f"{period.label} is not published.")
        kept = op.session.get(PeriodSnapshot, period_id)
        stamp = {
            "published_at": period.published_at,
            "published_by": period.published_by or "",
            "data": kept.data if kept is not None else "",
        }
        if kept is not None:
            op.session.delete(kept)
        period.published_at = None
        period.published_by = None
        op.log("period", period_id, "published", stamp["published_at"], None)
        op.log("period", period_id, "reopened", None, reason)
    return Change("reopen period", "period", (period_id,), frozenset({"published"}), stamp, None)
