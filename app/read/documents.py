"""What a programme says besides its tree and indicators, as plain rows: its plan's sections,
outcomes and contacts, and the record of a period's report (cover fields and sections).

They are read here, with the other reads, rather than inside the reports, so that whatever
else comes to need them (a programme's JSON export, say) reads them in the same order.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.read.queries import in_order
from app.store.models import Contact, Outcome, Report, ReportField, Section


@dataclass(frozen=True)
class ReportRecord:
    title: str
    meeting: str | None
    report_date: dt.date | None
    meeting_date: dt.date | None
    fields: list[tuple[str, str]]
    sections: list[tuple[str, str]]


def plan_sections(session: Session, programme_id: int) -> list[tuple[str, str]]:
    """(heading, text) of the programme's own sections: those of no period's report."""
    return [
        (s.heading, s.text)
        for s in in_order(session, Section, programme_id, Section.report_id.is_(None))
    ]


def outcomes(session: Session, programme_id: int) -> list[tuple[str, str | None]]:
    """(text, target) of each key outcome."""
    return [(o.text, o.target) for o in in_order(session, Outcome, programme_id)]


def contacts(
    session: Session, programme_id: int
) -> list[tuple[str, str | None, str | None, str | None]]:
    """(name, role, phone, email) of each contact."""
    return [(c.name, c.role, c.phone, c.email) for c in in_order(session, Contact, programme_id)]


def report_record(session: Session, programme_id: int, period_id: int) -> ReportRecord | None:
    """The period's report (the first made, if more than one), or None."""
    row = session.scalars(
        select(Report)
        .where(Report.programme_id == programme_id, Report.period_id == period_id)
        .order_by(Report.id)
    ).first()
    if row is None:
        return None
    return ReportRecord(
        row.title,
        row.meeting,
        row.report_date,
        row.meeting_date,
        [
            (f.label, f.value)
            for f in session.scalars(
                select(ReportField)
                .where(ReportField.report_id == row.id)
                .order_by(ReportField.position)
            )
        ],
        [
            (s.heading, s.text)
            for s in session.scalars(
                select(Section).where(Section.report_id == row.id).order_by(Section.position)
            )
        ],
    )
