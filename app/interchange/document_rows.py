"""A programme's documents read from its description: scrutiny recommendations, outcomes,
contacts, free-standing sections, and committee reports with their fields and sections.

They hang off the programme and refer back only to its periods, so they are read last.
"""

from __future__ import annotations

from typing import Any

from app.core.validation import NAME_LIMIT, SHORT_LIMIT, TEXT_LIMIT, clean_text, required_text
from app.interchange.programme_rows import ProgrammeRows
from app.interchange.spec_fields import read_date, read_required, read_text
from app.store.models import Contact, Outcome, Recommendation, Report, ReportField, Section


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
