"""A period's report record: the title, meeting and dates its cover sheet is headed with.

A period has no record until something is entered for it, so the first edit makes one (with
a title the council can change); undoing that edit removes the record again rather than
leaving an empty cover sheet that every export of the period would then print. Fields and
sections of the record are the lists of :mod:`app.services.documents`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import delete, insert, select

from app.core.conflicts import Seen
from app.core.cover_grid import (
    DATE_TEXT_LIMIT,
    TRACKING_BODIES,
    body_key,
    date_as_written,
    join_categories,
)
from app.core.dates import parse_date
from app.core.errors import ValidationError
from app.core.validation import NAME_LIMIT, clean_text, required_text
from app.read.documents import period_report
from app.services.context import Change, Op, ensure_open, get, operation
from app.services.seen import check_field, check_seen
from app.store.database import Database
from app.store.models import (
    BackgroundPaper,
    Period,
    Programme,
    Report,
    ReportField,
    ReportTracking,
    Section,
)

Snapshot = dict[str, Any]

COVER_FIELDS = (
    "title",
    "meeting",
    "report_date",
    "meeting_date",
    "categories",
    "proper_officer",
    "proper_officer_role",
)
DATE_LABELS = {"report_date": "The report date", "meeting_date": "The meeting date"}
TITLE_LIMIT = 500  # the column's length, as the programme JSON import checks it


def check_cover_value(field: str, value: Any) -> str | dt.date | None:
    """The value as the file keeps it: text cleaned, a date read as councils type it."""
    if field == "title":
        return required_text(value, "The report’s title", limit=TITLE_LIMIT)
    if field == "meeting":
        return clean_text(value, "The meeting", limit=NAME_LIMIT)
    if field == "categories":
        # the ticked boxes, as keys or labels (a list, or the file's comma-separated form)
        ticked = value.split(",") if isinstance(value, str) else [str(v) for v in value or ()]
        return join_categories([word for word in ticked if word.strip()])
    if field == "proper_officer":
        return clean_text(value, "The proper officer", limit=NAME_LIMIT)
    if field == "proper_officer_role":
        return clean_text(value, "The proper officer’s role", limit=NAME_LIMIT)
    if field in DATE_LABELS:
        if value is None or isinstance(value, dt.date):
            return value
        words = str(value).strip()
        if not words:
            return None
        try:
            return parse_date(words)
        except ValidationError as error:
            raise ValidationError(f"{DATE_LABELS[field]}: {error}") from None
    raise ValueError(f"not a cover-sheet field: {field}")


def default_title(programme: Programme, period: Period) -> str:
    """What a new record is called until the council names it, as Wigan's are."""
    return f"{programme.name} – {period.label} report"[:TITLE_LIMIT]


def report_snapshot(session: Any, report: Report) -> Snapshot:
    """The record and everything in it, as :func:`restore_report` puts it back."""

    def columns(row: Any) -> Snapshot:
        return {c.key: getattr(row, c.key) for c in type(row).__table__.columns}

    return {
        "report": columns(report),
        "fields": [
            columns(f)
            for f in session.scalars(select(ReportField).where(ReportField.report_id == report.id))
        ],
        "sections": [
            columns(s)
            for s in session.scalars(select(Section).where(Section.report_id == report.id))
        ],
        "tracking": [
            columns(t)
            for t in session.scalars(
                select(ReportTracking).where(ReportTracking.report_id == report.id)
            )
        ],
        "papers": [
            columns(p)
            for p in session.scalars(
                select(BackgroundPaper).where(BackgroundPaper.report_id == report.id)
            )
        ],
    }


def report_for(op: Op, programme_id: int, period_id: int) -> tuple[Report, Snapshot | None]:
    """The period's report record, made now if it has none (then with its snapshot, so the
    step that made it can take it away again). Refused for a published period."""
    period = get(op.session, Period, period_id, "period")
    if period.programme_id != programme_id:
        raise ValidationError(f"{period.label} is not a period of this programme.")
    ensure_open(period)
    op.programme_id = programme_id
    report = period_report(op.session, programme_id, period_id)
    if report is not None:
        return report, None
    programme = get(op.session, Programme, programme_id, "programme")
    report = Report(
        programme_id=programme_id, period_id=period_id, title=default_title(programme, period)
    )
    op.add(report, "report", "title", report.title)
    return report, report_snapshot(op.session, report)


def check_report_open(op: Op, report_id: int) -> Report:
    """The record a field or section belongs to; its period must not be published."""
    report: Report = get(op.session, Report, report_id, "report")
    op.programme_id = report.programme_id
    if report.period_id is not None:
        ensure_open(get(op.session, Period, report.period_id, "period"))
    return report


def set_cover(
    db: Database,
    programme_id: int,
    period_id: int,
    field: str,
    value: Any,
    *,
    seen: Seen | None = None,
) -> Change:
    """Set the title, meeting or a date of the period's report, making the record if need be.
    ``Change.extra["made"]`` is the new record's snapshot when this edit made it. ``seen``
    is the field as the dialog showed it (a record made now had nothing to change)."""
    if field not in COVER_FIELDS:
        raise ValueError(f"not a cover-sheet field: {field}")
    value = check_cover_value(field, value)
    with operation(db, "edit cover sheet", programme_id) as op:
        report, made = report_for(op, programme_id, period_id)
        old = getattr(report, field)
        if made is None:
            what = (
                f"the {COVER_WORDS.get(field, field)} of the report for {report_label(op, report)}"
            )
            check_field(op, seen, report, field, "report", what)
        if old == value:
            op.unchanged = True
        else:
            setattr(report, field, value)
            op.log("report", report.id, field, old, value)
        if made is not None:
            made = report_snapshot(op.session, report)
    return Change(
        "edit cover sheet",
        "report",
        (report.id,),
        frozenset({field}),
        old,
        value,
        {"made": made},
    )


def delete_report(db: Database, report_id: int) -> Change:
    """Remove a period's report record with its fields and sections. ``Change.old`` is what
    :func:`restore_report` needs."""
    with operation(db, "delete report") as op:
        report = check_report_open(op, report_id)
        old = report_snapshot(op.session, report)
        for model in (Section, ReportField, ReportTracking, BackgroundPaper):
            op.session.execute(delete(model).where(model.report_id == report_id))
        op.session.delete(report)
        op.log("report", report_id, "deleted", report.title, None)
    return Change("delete report", "report", (report_id,), frozenset({"deleted"}), old)


def restore_report(db: Database, snapshot: Snapshot) -> Change:
    """Put back a record :func:`delete_report` removed (or redo the edit that made it)."""
    row = snapshot["report"]
    with operation(db, "restore report", row["programme_id"]) as op:
        if row["period_id"] is not None:
            ensure_open(get(op.session, Period, row["period_id"], "period"))
        op.session.execute(insert(Report), [row])
        if snapshot["fields"]:
            op.session.execute(insert(ReportField), snapshot["fields"])
        for key, model in (
            ("sections", Section),
            ("tracking", ReportTracking),
            ("papers", BackgroundPaper),
        ):
            if snapshot.get(key):  # a snapshot from before the grid has neither
                op.session.execute(insert(model), snapshot[key])
        op.log("report", row["id"], "deleted", None, row["title"])
    return Change("restore report", "report", (row["id"],), frozenset({"deleted"}), new=snapshot)


# A cover field as a conflict names it: "the meeting date of the report for Quarter 1 2009/10".
COVER_WORDS = {
    "report_date": "date",
    "meeting_date": "meeting date",
    "proper_officer_role": "proper officer’s role",
    "proper_officer": "proper officer",
}


def report_label(op: Op, report: Report) -> str:
    """The report's period, as a conflict names the report."""
    return str(op.session.scalar(select(Period.label).where(Period.id == report.period_id)))


def tracking_of(report: Report, session: Any, body: str) -> ReportTracking | None:
    found: ReportTracking | None = session.scalars(
        select(ReportTracking).where(
            ReportTracking.report_id == report.id, ReportTracking.body == body
        )
    ).first()
    return found


def set_tracking(
    db: Database,
    programme_id: int,
    period_id: int,
    body: str,
    written: str | None,
    *,
    seen: Seen | None = None,
) -> Change:
    """Set the date of one body of the "Tracking/Process" grid, as written (read as a date
    when it is one); empty clears it. Makes the period's report if need be, as
    :func:`set_cover` does, with its snapshot in ``Change.extra["made"]``."""
    key = body_key(body)
    text = clean_text(written, f"The date for {TRACKING_BODIES[key]}", limit=DATE_TEXT_LIMIT)
    with operation(db, "edit tracking", programme_id) as op:
        report, made = report_for(op, programme_id, period_id)
        row = tracking_of(report, op.session, key)
        old = row.written if row is not None else None
        if made is None:
            check_seen(
                op,
                seen,
                old,
                version=None,
                log=("report", report.id, (f"tracking: {TRACKING_BODIES[key]}",)),
                what=f"the date for {TRACKING_BODIES[key]} of the report for "
                f"{report_label(op, report)}",
            )
        if old == text:
            op.unchanged = True
        elif text is None:
            assert row is not None
            op.session.delete(row)
        elif row is None:
            op.session.add(
                ReportTracking(
                    report_id=report.id, body=key, written=text, date=date_as_written(text)
                )
            )
        else:
            row.written, row.date = text, date_as_written(text)
        if old != text:
            op.log("report", report.id, f"tracking: {TRACKING_BODIES[key]}", old, text)
        if made is not None:
            op.session.flush()
            made = report_snapshot(op.session, report)
    return Change(
        "edit tracking", "report", (report.id,), frozenset({key}), old, text, {"made": made}
    )
