"""The programme update (seed 000): numbered sections, a section per strand with its
updates as bullets, and the signature footer of contacts and date."""

from __future__ import annotations

from app.core.dates import format_date
from app.reports.data import ProgrammeData
from app.reports.layouts.shared import Options, section, selected_roots, titled_report
from app.reports.model import Bullets, Cell, Fields, Heading, Paragraph, Report, Table


def programme_update(data: ProgrammeData, options: Options) -> Report:
    title = data.report.title if data.report else f"{data.name} – progress update"
    report = titled_report(data, title, data.period_label)
    blocks = report.blocks
    if data.report and data.report.meeting:
        when = f" on {format_date(data.report.meeting_date)}" if data.report.meeting_date else ""
        blocks.append(Paragraph(f"To: {data.report.meeting}{when}", bold=True))
    number = 0
    rows: list[list[Cell]] = []
    for heading, text in (data.report.sections if data.report else []) + data.plan_sections:
        number += 1
        blocks.extend(section(f"{number}. {heading}", text))
    strands = [s for s in selected_roots(data, options) if options.wants(s.responsible)]
    for strand in strands:
        number += 1
        blocks.append(Heading(f"{number}. {strand.title}", 2))
        updates = [
            text if not heading else f"{heading}: {text}" for heading, text in strand.updates
        ]
        if updates:
            blocks.append(Bullets(updates))
        else:
            blocks.append(Paragraph(f"No update for {data.period_label}."))
        # The workbook's sheet: a row per update, the strand on each (as the CSV has it),
        # so a filter shows one strand's and an import gives the strand each entry.
        rows.extend([Cell(strand.title), Cell(text)] for text in updates or [""])
    if data.contacts:
        fields: list[tuple[str, str]] = []
        for name, role, phone, email in data.contacts:
            fields.append((name, role or ""))
            if phone:
                fields.append(("Telephone", phone))
            if email:
                fields.append(("Email", email))
        blocks.append(Fields(fields))
    blocks.append(Paragraph(format_date(report.date)))
    level = data.levels[0] if data.levels else "Strand"
    report.workbook_tables.append(
        Table(
            caption=None,
            header=[[Cell(level, bold=True), Cell("Update", bold=True)]],
            rows=rows,
            widths=[2, 7],
            sheet="Updates",
        )
    )
    report.flat_rows = [
        {
            "Programme": data.name,
            "Period": data.period_label,
            "Strand": strand.title,
            "Update": text,
        }
        for strand in strands
        for _h, text in strand.updates
    ]
    return report
