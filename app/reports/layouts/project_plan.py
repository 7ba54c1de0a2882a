"""The project plan (seed 003): purpose, key outcomes, key milestones, and a section per
work package with its stages and their actions."""

from __future__ import annotations

from app.reports.data import ProgrammeData
from app.reports.layouts.shared import (
    Options,
    paragraphs,
    section,
    selected_roots,
    titled_report,
)
from app.reports.model import Bullets, Cell, Heading, Paragraph, Report, Table
from app.reports.typed import due


def project_plan(data: ProgrammeData, options: Options) -> Report:
    report = titled_report(data, data.name, "Project plan")
    blocks = report.blocks
    if data.description:
        blocks.extend(paragraphs(data.description))
    # The first of the plan's sections (its purpose) comes before the key outcomes.
    sections = list(data.plan_sections)
    if sections:
        blocks.extend(section(*sections.pop(0)))
    if data.outcomes:
        blocks.append(Heading("Key outcomes", 2))
        blocks.append(
            Bullets(
                [
                    text + (f" (target: {target})" if target and target not in text else "")
                    for text, target in data.outcomes
                ]
            )
        )
    for heading, text in sections:
        blocks.extend(section(heading, text))
    if data.programme_milestones:
        blocks.append(Heading("Key milestones", 2))
        blocks.append(
            Table(
                caption=None,
                header=[[Cell("Date", bold=True), Cell("Milestone", bold=True)]],
                rows=[
                    [Cell(m.due or "", typed=due(m.due)), Cell(m.text or "")]
                    for m in data.programme_milestones
                ],
                widths=[1, 3],
                sheet="Key milestones",
            )
        )
    level = data.levels[0] if data.levels else "Work package"
    flat: list[dict[str, str]] = []
    for number, package in enumerate(selected_roots(data, options), start=1):
        blocks.append(Heading(f"{level} {package.number or number}: {package.title}", 2))
        if package.responsible:
            blocks.append(Paragraph(f"Lead officer: {package.responsible}"))
        if package.depends_on:
            blocks.append(Paragraph("Depends on: " + "; ".join(package.depends_on)))
        for stage in package.children:
            blocks.append(Heading(stage.title, 3))
            actions = [a for a in stage.children if options.wants(a.responsible)]
            if actions:
                blocks.append(Bullets([a.title for a in actions]))
            flat.extend(  # the CSV holds what the document shows
                {
                    "Programme": data.name,
                    level: package.title,
                    "Stage": stage.title,
                    "Action": action.title,
                }
                for action in actions
            )
        for milestone in package.milestones:
            blocks.append(Paragraph(milestone.words()))
        if package.description:
            blocks.extend(paragraphs(package.description))
    report.flat_rows = flat
    return report
