"""What a programme says besides its tree and indicators, as plain rows: its plan's sections,
outcomes and contacts, and the record of a period's report (cover fields and sections).

They are read here, with the other reads, rather than inside the reports, so that whatever
else comes to need them (a programme's JSON export, say) reads them in the same order. The
Report Details dialog reads the same rows with their ids (:func:`details`), so what it
shows is what the reports print.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.core.cover_grid import TRACKING_BODIES, split_categories
from app.read.queries import PeriodRow, in_order, periods
from app.store.models import (
    BackgroundPaper,
    Contact,
    Item,
    ItemKind,
    Outcome,
    Period,
    Recommendation,
    Report,
    ReportField,
    ReportTracking,
    Section,
)


@dataclass(frozen=True)
class ReportRecord:
    title: str
    meeting: str | None
    report_date: dt.date | None
    meeting_date: dt.date | None
    fields: list[tuple[str, str]]
    sections: list[tuple[str, str]]
    # The first page's grid (app/core/cover_grid.py); defaults, so that a period published
    # before the grid existed still reads its snapshot.
    categories: list[str] = field(default_factory=list)  # the ticked boxes' keys
    tracking: list[tuple[str, str]] = field(default_factory=list)  # (body key, date written)
    # (title, meeting, date of meeting as written, where a copy is available)
    papers: list[tuple[str, str, str, str]] = field(default_factory=list)
    proper_officer: str | None = None
    proper_officer_role: str | None = None


def tracking(session: Session, report_id: int) -> dict[str, str]:
    """Each body's date as written, by body key."""
    return {
        t.body: t.written
        for t in session.scalars(
            select(ReportTracking).where(ReportTracking.report_id == report_id)
        )
    }


def papers(session: Session, report_id: int) -> list[BackgroundPaper]:
    return list(
        session.scalars(
            select(BackgroundPaper)
            .where(BackgroundPaper.report_id == report_id)
            .order_by(BackgroundPaper.position, BackgroundPaper.id)
        )
    )


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


def period_report(session: Session, programme_id: int, period_id: int) -> Report | None:
    """The period's report (the first made, if more than one): the one every layout prints
    and the Report Details dialog edits."""
    return session.scalars(
        select(Report)
        .where(Report.programme_id == programme_id, Report.period_id == period_id)
        .order_by(Report.id)
    ).first()


def report_record(session: Session, programme_id: int, period_id: int) -> ReportRecord | None:
    """The period's report, or None."""
    row = period_report(session, programme_id, period_id)
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
        split_categories(row.categories),
        [(body, written) for body, written in _in_grid_order(tracking(session, row.id))],
        [
            (p.title, p.meeting or "", p.written_date or "", p.available_from or "")
            for p in papers(session, row.id)
        ],
        row.proper_officer,
        row.proper_officer_role,
    )


def _in_grid_order(dates: dict[str, str]) -> list[tuple[str, str]]:
    return [(body, dates[body]) for body in TRACKING_BODIES if body in dates]


# --- the same, with ids, for the Report Details dialog ----------------------------------------


@dataclass(frozen=True)
class CoverRow:
    """A period's report record: what its cover sheet is headed with."""

    id: int
    title: str
    meeting: str | None
    report_date: dt.date | None
    meeting_date: dt.date | None
    categories: list[str] = field(default_factory=list)
    proper_officer: str | None = None
    proper_officer_role: str | None = None
    tracking: dict[str, str] = field(default_factory=dict)  # body key → date as written


@dataclass(frozen=True)
class PaperRow:
    """A background paper: the date of its meeting as written, and as read (None when the
    words are not a date)."""

    id: int
    title: str
    meeting: str | None
    written_date: str | None
    meeting_date: dt.date | None
    available_from: str | None


@dataclass(frozen=True)
class FieldRow:
    id: int
    label: str
    value: str


@dataclass(frozen=True)
class SectionRow:
    id: int
    heading: str
    text: str


@dataclass(frozen=True)
class ContactRow:
    id: int
    name: str
    role: str | None
    phone: str | None
    email: str | None


@dataclass(frozen=True)
class OutcomeRow:
    id: int
    text: str
    target: str | None


@dataclass(frozen=True)
class KindRow:
    """A kind of objective, and how many items are of it (a kind in use is asked about
    before it is removed)."""

    id: int
    name: str
    plural: str
    uses: int


@dataclass(frozen=True)
class RecommendationDetail:
    id: int
    number: str
    text: str
    response: str | None
    applies_to: str | None
    period_id: int | None
    period_label: str | None


@dataclass(frozen=True)
class DetailsView:
    """Everything the Report Details dialog shows, read at one moment: the chosen period's
    report (None until something is entered for it) and the programme's own lists."""

    periods: list[PeriodRow]
    period_id: int | None
    cover: CoverRow | None
    fields: list[FieldRow]
    sections: list[SectionRow]
    papers: list[PaperRow]
    plan_sections: list[SectionRow]
    contacts: list[ContactRow]
    outcomes: list[OutcomeRow]
    kinds: list[KindRow]
    recommendations: list[RecommendationDetail]


def _section_rows(session: Session, programme_id: int, report_id: int | None) -> list[SectionRow]:
    where = Section.report_id.is_(None) if report_id is None else Section.report_id == report_id
    return [
        SectionRow(s.id, s.heading, s.text)
        for s in session.scalars(
            select(Section)
            .where(Section.programme_id == programme_id, where)
            .order_by(Section.position, Section.id)
        )
    ]


def kind_rows(session: Session, programme_id: int) -> list[KindRow]:
    uses = dict(
        session.execute(
            select(Item.kind_id, func.count(Item.id))
            .where(Item.programme_id == programme_id, Item.kind_id.is_not(None))
            .group_by(Item.kind_id)
        ).all()
    )
    return [
        KindRow(k.id, k.name, k.plural, uses.get(k.id, 0))
        for k in in_order(session, ItemKind, programme_id)
    ]


def recommendation_rows(session: Session, programme_id: int) -> list[RecommendationDetail]:
    labels = dict(
        session.execute(
            select(Period.id, Period.label).where(Period.programme_id == programme_id)
        ).all()
    )
    return [
        RecommendationDetail(
            r.id,
            r.number,
            r.text,
            r.response,
            r.applies_to,
            r.period_id,
            labels.get(r.period_id) if r.period_id is not None else None,
        )
        for r in in_order(session, Recommendation, programme_id)
    ]


def details(session: Session, programme_id: int, period_id: int | None) -> DetailsView:
    report = period_report(session, programme_id, period_id) if period_id is not None else None
    cover = fields = sections = paper_rows = None
    if report is not None:
        cover = CoverRow(
            report.id,
            report.title,
            report.meeting,
            report.report_date,
            report.meeting_date,
            split_categories(report.categories),
            report.proper_officer,
            report.proper_officer_role,
            tracking(session, report.id),
        )
        paper_rows = [
            PaperRow(p.id, p.title, p.meeting, p.written_date, p.meeting_date, p.available_from)
            for p in papers(session, report.id)
        ]
        fields = [
            FieldRow(f.id, f.label, f.value)
            for f in session.scalars(
                select(ReportField)
                .where(ReportField.report_id == report.id)
                .order_by(ReportField.position, ReportField.id)
            )
        ]
        sections = _section_rows(session, programme_id, report.id)
    return DetailsView(
        periods=periods(session, programme_id),
        period_id=period_id,
        cover=cover,
        fields=fields or [],
        sections=sections or [],
        papers=paper_rows or [],
        plan_sections=_section_rows(session, programme_id, None),
        contacts=[
            ContactRow(c.id, c.name, c.role, c.phone, c.email)
            for c in in_order(session, Contact, programme_id)
        ],
        outcomes=[
            OutcomeRow(o.id, o.text, o.target) for o in in_order(session, Outcome, programme_id)
        ],
        kinds=kind_rows(session, programme_id),
        recommendations=recommendation_rows(session, programme_id),
    )
