"""A programme's documents read from its description: scrutiny recommendations, outcomes,
contacts, free-standing sections, and committee reports with their fields and sections.

They hang off the programme and refer back only to its periods, so they are read last.
"""

from __future__ import annotations

from typing import Any

from app.core.cover_grid import (
    DATE_TEXT_LIMIT,
    TRACKING_BODIES,
    body_key,
    date_as_written,
    join_categories,
)
from app.core.errors import ValidationError
from app.core.validation import NAME_LIMIT, SHORT_LIMIT, TEXT_LIMIT, clean_text, required_text
from app.interchange.programme_rows import ProgrammeRows
from app.interchange.spec_fields import located, read_date, read_required, read_text
from app.store.models import (
    BackgroundPaper,
    Contact,
    Outcome,
    Recommendation,
    Report,
    ReportField,
    ReportTracking,
    Section,
)


def read_documents(rows: ProgrammeRows, where: str) -> None:
    spec, plan, ids = rows.spec, rows.plan, rows.ids
    for position, rec in enumerate(spec.get("recommendations", [])):
        number = read_required(
            str(rec.get("number", position + 1)),
            "The number",
            SHORT_LIMIT,
            f"{where}, recommendation {position + 1}",
        )
        here = f"{where}, recommendation {number}"
        rows.add(
            Recommendation,
            position=position,
            number=number,
            text=read_text(rec, "text", "The recommendation", TEXT_LIMIT, here, required=True),
            response=read_text(rec, "response", "The response", TEXT_LIMIT, here),
            applies_to=read_text(rec, "applies_to", "Applies to", NAME_LIMIT, here),
            period_id=rows.period(rec["period"], here) if rec.get("period") else None,
        )
    for position, outcome in enumerate(spec.get("outcomes", [])):
        here = f"{where}, outcome {position + 1}"
        rows.add(
            Outcome,
            position=position,
            text=read_text(outcome, "text", "The outcome", TEXT_LIMIT, here, required=True),
            target=read_text(outcome, "target", "The target", 500, here),
        )
    for position, contact in enumerate(spec.get("contacts", [])):
        here = f"{where}, contact {position + 1}"
        rows.add(
            Contact,
            position=position,
            name=read_text(contact, "name", "The name", NAME_LIMIT, here, required=True),
            role=read_text(contact, "role", "The role", NAME_LIMIT, here),
            phone=read_text(contact, "phone", "The telephone number", 50, here),
            email=read_text(contact, "email", "The email address", NAME_LIMIT, here),
        )
    _sections(rows, spec.get("sections", []), None, where)
    for report in spec.get("reports", []):
        here = f"{where}, report “{str(report.get('title', ''))[:40]}”"
        report_id = rows.add(
            Report,
            period_id=rows.period(report["period"], here) if report.get("period") else None,
            title=read_text(report, "title", "The report’s title", 500, here, required=True),
            meeting=read_text(report, "meeting", "The meeting", NAME_LIMIT, here),
            report_date=read_date(report.get("report_date"), here),
            meeting_date=read_date(report.get("meeting_date"), here),
            **_grid(report, here),
        )
        for position, (label, value) in enumerate(report.get("fields", [])):
            plan.add(
                ReportField,
                id=ids(ReportField),
                report_id=report_id,
                position=position,
                label=required_text(label, f"{here}: a field label", limit=TEXT_LIMIT),
                value=clean_text(value, f"{here}: a field", limit=TEXT_LIMIT) or "",
            )
        _sections(rows, report.get("sections", []), report_id, here)
        _tracking(rows, report.get("tracking") or {}, report_id, here)
        _papers(rows, report.get("background_papers") or [], report_id, here)


def _grid(report: dict[str, Any], where: str) -> dict[str, Any]:
    """The report's own columns of the first page's grid: the ticked boxes (by label or
    key) and the proper officer."""
    officer = report.get("proper_officer") or {}
    if not isinstance(officer, dict):
        raise ValidationError(f'{where}: the proper officer is {{"name": …, "role": …}}.')
    ticked = report.get("categorisation") or []
    if not isinstance(ticked, list):
        raise ValidationError(f"{where}: the categorisation is a list of the ticked boxes.")
    with located(where):
        categories = join_categories([str(word) for word in ticked])
    return {
        "categories": categories,
        "proper_officer": read_text(officer, "name", "The proper officer", NAME_LIMIT, where),
        "proper_officer_role": read_text(
            officer, "role", "The proper officer’s role", NAME_LIMIT, where
        ),
    }


def _tracking(rows: ProgrammeRows, dates: Any, report_id: int, where: str) -> None:
    """``{"Overview & Scrutiny": "17 August 2009", …}``: each body's date as written."""
    if not isinstance(dates, dict):
        raise ValidationError(f"{where}: the tracking is an object of dates by body.")
    seen: set[str] = set()
    for body, written in dates.items():
        with located(where):
            key = body_key(str(body))
            text = clean_text(
                written, f"The date for {TRACKING_BODIES[key]}", limit=DATE_TEXT_LIMIT
            )
        if key in seen:
            raise ValidationError(f"{where}: {TRACKING_BODIES[key]} is dated twice.")
        seen.add(key)
        if text is not None:
            rows.plan.add(
                ReportTracking,
                id=rows.ids(ReportTracking),
                report_id=report_id,
                body=key,
                written=text,
                date=date_as_written(text),
            )


def _papers(rows: ProgrammeRows, papers: list[Any], report_id: int, where: str) -> None:
    for position, paper in enumerate(papers):
        here = f"{where}, background paper {position + 1}"
        if not isinstance(paper, dict):
            raise ValidationError(f"{here}: a background paper is an object with a title.")
        written = read_text(paper, "date", "The date of the meeting", DATE_TEXT_LIMIT, here)
        rows.plan.add(
            BackgroundPaper,
            id=rows.ids(BackgroundPaper),
            report_id=report_id,
            position=position,
            title=read_text(paper, "title", "The title of the document", TEXT_LIMIT, here, True),
            meeting=read_text(paper, "meeting", "The meeting it went to", NAME_LIMIT, here),
            written_date=written,
            meeting_date=date_as_written(written),
            available_from=read_text(
                paper, "available_from", "Where a copy is available", TEXT_LIMIT, here
            ),
        )


def _sections(
    rows: ProgrammeRows, sections: list[dict[str, Any]], report_id: int | None, where: str
) -> None:
    """The programme's own sections, or with a ``report_id`` that report's."""
    for position, section in enumerate(sections):
        here = f"{where}, section {position + 1}"
        rows.add(
            Section,
            report_id=report_id,
            position=position,
            heading=read_text(section, "heading", "The heading", 500, here, required=True),
            text=read_text(section, "text", "The text", TEXT_LIMIT, here) or "",
        )
