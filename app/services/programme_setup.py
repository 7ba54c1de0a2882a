"""A programme made from the New Programme dialog, and a programme deleted and put back.

Making one is one operation: its schemes, levels, periods and, when asked, another
programme's tree. Deleting one takes a snapshot of every row it owns, which is what undo
puts back, with the same ids, so nothing that refers to them (a pack's record, the change
log) is left pointing at nothing.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.core.errors import ValidationError
from app.core.period_patterns import PATTERNS, Span, check_period_dates, spans_of
from app.core.programme_plan import (
    SINGLE,
    PeriodPlan,
    ProgrammeSpec,
    SchemeSource,
    check_level_count,
)
from app.core.validation import NAME_LIMIT, SHORT_LIMIT, clean_text, required_text
from app.services.context import Change, get, operation
from app.services.periods import add_spans
from app.services.programme_copy import copy_structure
from app.services.programme_rows import Snapshot, put_back, remove, take
from app.services.programmes import check_programme_name_free
from app.services.schemes import (
    PURPOSES,
    insert_scheme,
    scheme_snapshot,
    template_snapshot,
    without_ids,
)
from app.store.database import Database
from app.store.models import Level, Programme


def planned_spans(plan: PeriodPlan | None) -> list[Span]:
    """The periods a plan makes, refused with a sentence when it cannot make them."""
    if plan is None:
        return []
    if plan.pattern in PATTERNS:
        if plan.year is None:
            raise ValueError("a pattern of periods needs its financial year")
        return spans_of(plan.pattern, plan.year)
    if plan.pattern != SINGLE:
        raise ValueError(f"not a plan of periods: {plan.pattern}")
    label = required_text(plan.label, "The period’s name", limit=SHORT_LIMIT)
    if plan.start is None or plan.end is None:
        raise ValidationError(f"Please give the dates “{label}” starts and ends.")
    check_period_dates(label, plan.start, plan.end)
    return [Span(label, plan.start, plan.end)]


def _scheme(session: Session, source: SchemeSource, purpose: str) -> int:
    """A new scheme for the new programme: a template's, or a copy of another's."""
    if source.template is not None:
        return insert_scheme(session, template_snapshot(source.template, purpose))
    assert source.programme_id is not None
    other = get(session, Programme, source.programme_id, "programme")
    scheme_id = getattr(other, PURPOSES[purpose])
    if scheme_id is None:
        raise ValidationError(f"“{other.name}” has no key for the statuses of its indicators.")
    return insert_scheme(session, without_ids(scheme_snapshot(session, scheme_id)))


def new_programme(db: Database, spec: ProgrammeSpec) -> Change:
    name = required_text(spec.name, "The programme’s name", limit=NAME_LIMIT)
    organisation = clean_text(spec.organisation, "The organisation", limit=NAME_LIMIT)
    levels = [required_text(level, "A level name", limit=SHORT_LIMIT) for level in spec.levels]
    check_level_count(levels)
    spans = planned_spans(spec.periods)
    with operation(db, "create programme") as op:
        session = op.session
        check_programme_name_free(session, name)
        if spec.structure_from is not None:
            get(session, Programme, spec.structure_from, "programme")
        programme = Programme(
            name=name,
            organisation=organisation,
            progress_scheme_id=_scheme(session, spec.progress_scheme, "progress"),
            kpi_scheme_id=_scheme(session, spec.kpi_scheme, "kpi") if spec.kpi_scheme else None,
        )
        session.add(programme)
        session.flush()
        op.programme_id = programme.id
        session.add_all(
            Level(programme_id=programme.id, depth=depth, name=level)
            for depth, level in enumerate(levels)
        )
        op.log("programme", programme.id, "name", None, name)
        items = (
            copy_structure(session, spec.structure_from, programme.id)
            if spec.structure_from is not None
            else {}
        )
        periods = add_spans(op, programme.id, spans)
    return Change(
        "create programme",
        "programme",
        (programme.id,),
        frozenset({"name"}),
        new=name,
        extra={"items": len(items), "periods": len(periods)},
    )


def delete_programme(db: Database, programme_id: int) -> Change:
    """Delete the programme and everything in it. ``Change.old`` is the snapshot that
    :func:`restore_programme` puts back."""
    with operation(db, "delete programme", programme_id) as op:
        session = op.session
        name = get(session, Programme, programme_id, "programme").name
        snapshot = take(session, programme_id)
        remove(session, programme_id)
        op.log("programme", programme_id, "deleted", name, None)
    return Change(
        "delete programme", "programme", (programme_id,), frozenset({"deleted"}), snapshot
    )


def restore_programme(db: Database, snapshot: Snapshot) -> Change:
    """Put back exactly what :func:`delete_programme` removed, with the same ids."""
    row: dict[str, Any] = snapshot["programme"][0]
    with operation(db, "restore programme", row["id"]) as op:
        clash = op.session.scalar(
            select(Programme.name).where(func.lower(Programme.name) == row["name"].lower())
        )
        if clash is not None:
            raise ValidationError(
                f"“{row['name']}” cannot be put back: another programme is now called “{clash}”."
            )
        put_back(op.session, snapshot)
        op.log("programme", row["id"], "deleted", None, row["name"])
    return Change("restore programme", "programme", (row["id"],), frozenset({"deleted"}))
