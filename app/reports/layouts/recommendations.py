"""Recommendations monitoring (seed 004): the plan's sections, then each numbered
recommendation beside its response."""

from __future__ import annotations

from app.reports.data import ProgrammeData
from app.reports.layouts.shared import Options, paragraphs, titled_report
from app.reports.model import Cell, Heading, Report, Table
from app.reports.typed import count


def recommendations(data: ProgrammeData, options: Options) -> Report:
    title = data.report.title if data.report else f"{data.name}: {data.period_label}"
    report = titled_report(data, title, data.period_label)
    blocks = report.blocks
    for heading, text in data.plan_sections:
        if heading.casefold() != "introduction":
            blocks.append(Heading(heading, 2))
        blocks.extend(paragraphs(text))
    rows = []
    sheet_rows = []
    flat = []
    for number, text, response, applies_to in data.recommendations:
        sheet_rows.append(
            [
                Cell(number, typed=count(int(number)) if number.isdigit() else None),
                Cell(text),
                Cell(response or ""),
                Cell(applies_to or ""),
            ]
        )
        answer = response or ""
        if applies_to and applies_to not in answer:
            answer = (answer + "\n\n" if answer else "") + f"Applies only to {applies_to}."
        rows.append([Cell(f"{number}: {text}"), Cell(answer)])
        flat.append(
            {
                "Number": number,
                "Recommendation": text,
                "Response": response or "",
                "Applies only to": applies_to or "",
            }
        )
    blocks.append(
        Table(
            caption=None,
            header=[[Cell("Recommendation", bold=True), Cell("Response", bold=True)]],
            rows=rows,
            widths=[1, 1],
            sheet="Recommendations",
            # An analyst sorts and filters by number and by whom a response applies to.
            workbook=Table(
                caption=None,
                header=[
                    [
                        Cell("Number", bold=True),
                        Cell("Recommendation", bold=True),
                        Cell("Response", bold=True),
                        Cell("Applies only to", bold=True),
                    ]
                ],
                rows=sheet_rows,
                widths=[0.6, 4, 4, 1.4],
                sheet="Recommendations",
            ),
        )
    )
    report.flat_rows = flat
    return report
