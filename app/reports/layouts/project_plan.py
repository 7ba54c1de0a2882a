"""The project plan (seed 003): purpose, key outcomes, key milestones, and a section per
work package with its stages and their actions.

The document says its work packages in headings and bullets; the workbook, which has no
headings, holds them as a "Work packages" sheet (a row per package with its lead officer,
milestones and dependencies, then a row per action), and the CSV holds the same rows, so
that each format, imported, gives back the packages, stages and actions it shows."""

from __future__ import annotations

from app.reports.data import ItemData, ProgrammeData
from app.reports.layouts.shared import (
    Options,
    paragraphs,
    section,
    selected_roots,
    titled_report,
)
from app.reports.model import Bullets, Cell, Heading, Paragraph, Report, Table
from app.reports.typed import due

MILESTONE = "Milestone: "  # a package's milestone line, told apart from its description


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
        report.workbook_tables.append(
            Table(
                caption=None,
                header=[[Cell("Key outcome", bold=True), Cell("Target", bold=True)]],
                rows=[[Cell(text), Cell(target or "")] for text, target in data.outcomes],
                widths=[3, 1],
                sheet="Key outcomes",
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
        numbered = package.number or str(number)
        below: list[dict[str, str]] = []  # the CSV holds what the document shows
        for stage in package.children:
            blocks.append(Heading(stage.title, 3))
            actions = [a for a in stage.children if options.wants(a.responsible)]
            if actions:
                blocks.append(Bullets([a.title for a in actions]))
            elif not stage.children and options.wants(stage.responsible):
                below.append(_row(data, level, stage, numbered, package))  # a row of its own
            below.extend(_row(data, level, a, numbered, package, stage) for a in actions)
        # A package's own row (its lead officer, milestones, dependencies), in a report of
        # one person's rows only where they lead it or hold something in it.
        if below or options.wants(package.responsible):
            flat.append(_row(data, level, package, numbered))
        flat.extend(below)
        for milestone in package.milestones:
            blocks.append(Paragraph(MILESTONE + milestone.words()))
        if package.description:
            blocks.extend(paragraphs(package.description))
    report.flat_rows = flat
    report.workbook_tables.append(_packages_sheet(level, flat))
    return report


def _packages_sheet(level: str, flat: list[dict[str, str]]) -> Table:
    """The flat rows as a sheet: the package's number in a "No." column on its own row only
    (a table of actions numbers the row's deepest title by it)."""
    columns = [level, "Stage", "Action", "Lead officer", "Milestones", "Depends on"]
    rows = [
        [Cell("" if row["Stage"] else row[f"{level} number"])]
        + [Cell(row[column]) for column in columns]
        for row in flat
    ]
    return Table(
        caption=None,
        header=[[Cell(c, bold=True) for c in ["No.", *columns]]],
        rows=rows,
        widths=[1, 3, 3, 5, 2, 3, 3],
        sheet="Work packages",
    )


def _row(
    data: ProgrammeData,
    level: str,
    item: ItemData,
    number: str,
    package: ItemData | None = None,
    stage: ItemData | None = None,
) -> dict[str, str]:
    """A flat row: a package's own (its lead officer, milestones and dependencies, as its
    section prints them), or a stage's or an action's under it (their titles only)."""
    own = package is None
    titles = [t.title for t in (package, stage) if t is not None] + [item.title]
    return {
        "Programme": data.name,
        f"{level} number": number,
        level: titles[0],
        "Stage": titles[1] if len(titles) > 1 else "",
        "Action": titles[2] if len(titles) > 2 else "",
        "Lead officer": (item.responsible or "") if own else "",
        "Milestones": "; ".join(m.words() for m in item.milestones) if own else "",
        "Depends on": "; ".join(item.depends_on) if own else "",
        # The item's id, so this file imported back finds each row's item by it.
        "Item id": str(item.id),
    }
