"""The five report layouts, each following its seed document's structure and wording.

quarterly          seed 002: cover sheet, summary Tables 1–2, KPI Table 3, detail tables
programme-update   seed 000: numbered sections, a section per strand with bullet updates,
                   the signature footer of contacts and date
workplan           seed 001: theme, activities/targets, pledges, achievements; pledge key
project-plan       seed 003: purpose, key outcomes, key milestones, work packages
recommendations    seed 004: numbered recommendations and responses
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from app.core.dates import format_date
from app.core.enums import Category
from app.core.errors import ValidationError
from app.read.summary import CATEGORY_TITLES, percent
from app.reports.data import IndicatorData, ItemData, KpiGroupData, ProgrammeData
from app.reports.model import (
    Block,
    Bullets,
    Cell,
    Fields,
    Heading,
    Key,
    Mark,
    PageBreak,
    Paragraph,
    Report,
    Table,
)

LAYOUTS = ("quarterly", "programme-update", "workplan", "project-plan", "recommendations")
HEADING_SHADE = "#DCE6F2"
GROUP_SHADE = "#EFEFEF"
ACHIEVEMENTS_HEADER = (
    "Achievements to Date: Has the milestone been reached? Provide Evidence: "
    "What has been the impact of the task to date?"
)


@dataclass
class Options:
    """What to include. ``roots``: only these top-level items; ``responsible``: only rows
    this person or role is responsible for; ``exceptions_only``: only behind-schedule actions
    and off-target indicators, which committees ask for instead of the full tables."""

    roots: list[int] | None = None
    responsible: str | None = None
    include_unjudged: bool = True
    exceptions_only: bool = False
    cover: bool = True
    charts: bool = False  # trend charts of the indicators after the KPI table
    extra: dict[str, str] = field(default_factory=dict)


def build(layout: str, data: ProgrammeData, options: Options | None = None) -> Report:
    options = options or Options()
    builders: dict[str, Callable[[ProgrammeData, Options], Report]] = {
        "quarterly": quarterly,
        "programme-update": programme_update,
        "workplan": workplan,
        "project-plan": project_plan,
        "recommendations": recommendations,
    }
    if layout not in builders:
        raise ValidationError(
            f"There is no layout called “{layout}” (the layouts are: {', '.join(LAYOUTS)})."
        )
    return builders[layout](data, options)


def _report_date(data: ProgrammeData) -> dt.date:
    if data.report and data.report.report_date:
        return data.report.report_date
    return data.period_end


def _titled_report(
    data: ProgrammeData, title: str, subtitle: str, *, landscape: bool = False
) -> Report:
    """A report whose first block is its title as the top heading."""
    report = Report(
        title=title,
        subtitle=subtitle,
        date=_report_date(data),
        organisation=data.organisation or "",
        landscape=landscape,
    )
    report.blocks.append(Heading(title, 1))
    return report


def _fy(year: int) -> str:
    return f"{year}-{(year + 1) % 100:02d}"


def _roots(data: ProgrammeData, options: Options) -> list[ItemData]:
    if options.roots is None:
        return data.roots
    wanted = set(options.roots)
    return [root for root in data.roots if root.id in wanted]


def _keep(data: ProgrammeData, leaf: ItemData, options: Options) -> bool:
    if options.responsible and leaf.responsible != options.responsible:
        return False
    if not options.include_unjudged and leaf.glyph is None:
        return False
    return not (options.exceptions_only and data.category(leaf.glyph) != Category.BEHIND.value)


def _text_of_updates(updates: list[tuple[str | None, str]]) -> str:
    return "\n\n".join(f"{heading}\n{text}" if heading else text for heading, text in updates)


def _section_text(data: ProgrammeData, name: str) -> str | None:
    if data.report is None:
        return None
    for heading, text in data.report.sections:
        bare = heading.split(". ", 1)[-1] if heading[:1].isdigit() else heading
        if bare.strip().casefold() == name.casefold():
            return text
    return None


def _paragraphs(text: str) -> list[Block]:
    """Paragraphs split at blank lines; a run of "• " lines becomes a bulleted list."""
    blocks: list[Block] = []
    for part in (p.strip() for p in text.split("\n\n")):
        if not part:
            continue
        lines = part.split("\n")
        bullets = [line for line in lines if line.startswith("• ")]
        if bullets and len(bullets) == len(lines):
            blocks.append(Bullets([line[2:].strip() for line in lines]))
        elif (
            bullets
            and lines[0]
            and not lines[0].startswith("• ")
            and len(bullets) == len(lines) - 1
        ):
            blocks.append(Paragraph(lines[0]))
            blocks.append(Bullets([line[2:].strip() for line in lines[1:]]))
        else:
            blocks.append(Paragraph(part))
    return blocks


# --- quarterly performance report (seed 002) ------------------------------------------------


BODY_SECTIONS = (
    "Introduction",
    "Summary of Performance",
    "Key Performance Indicators",
    "Progress against Departmental Tasks",
)


def quarterly(data: ProgrammeData, options: Options) -> Report:
    report = Report(
        title=data.name,
        subtitle=f"{data.period_label} monitoring report",
        date=_report_date(data),
        organisation=data.organisation or "",
    )
    if data.quarter is not None:
        report.subtitle = (
            f"Quarter {data.quarter} Monitoring "
            f"({data.financial_year}/{(data.financial_year + 1) % 100:02d})"
        )
    blocks = report.blocks
    if options.cover and data.report is not None:
        blocks.append(Heading(data.report.title, 1))
        if data.report.fields:
            blocks.append(Fields(data.report.fields))
        for heading, text in data.report.sections:
            bare = heading.split(". ", 1)[-1] if heading[:1].isdigit() else heading
            if any(bare.strip().casefold() == name.casefold() for name in BODY_SECTIONS):
                continue
            blocks.append(Heading(heading, 2))
            blocks.extend(_paragraphs(text))
        blocks.append(PageBreak())
    blocks.append(Heading(data.name, 1))
    blocks.append(Paragraph(report.subtitle, bold=True))
    if options.exceptions_only:
        blocks.append(
            Paragraph(
                "This report shows exceptions only: actions behind schedule "
                "and indicators off target.",
                bold=True,
            )
        )
    scope = _scope_note(data, options)
    if scope:
        blocks.append(Paragraph(scope))
    numbering = iter(range(1, 100))
    blocks.append(Heading("1. Introduction", 2))
    blocks.extend(
        _paragraphs(
            _section_text(data, "Introduction")
            or (
                f"This report gives an overview of progress as at the end of {data.period_label} "
                f"({format_date(data.period_start)} to {format_date(data.period_end)}) against the "
                f"{data.name}."
            )
        )
    )
    blocks.append(Heading("2. Summary of Performance", 2))
    blocks.extend(
        _paragraphs(
            _section_text(data, "Summary of Performance")
            or ("The tables below summarise progress against the workstreams and actions.")
        )
    )
    roots = _roots(data, options)
    groups = _groups_by_kind(data, roots)
    table_numbers: dict[str, int] = {}
    for name, group_roots in groups:
        number = next(numbering)
        table_numbers[name] = number
        blocks.extend(_summary_table(data, name, group_roots, options, number))
    indicators = _indicator_count(data.kpi_groups)
    if indicators:
        blocks.append(Heading("3. Key Performance Indicators", 2))
        blocks.extend(
            _paragraphs(
                _section_text(data, "Key Performance Indicators")
                or ("The table below shows performance against the key performance indicators.")
            )
        )
        if data.kpi_symbols:
            blocks.append(
                Key(
                    "Key: performance against our targets",
                    [Mark(s.glyph, s.name, s.colour, s.meaning) for s in data.kpi_symbols],
                )
            )
        blocks.append(_kpi_table(data, options, next(numbering)))
    blocks.append(Heading(f"{4 if indicators else 3}. Progress against Departmental Tasks", 2))
    blocks.extend(
        _paragraphs(
            _section_text(data, "Progress against Departmental Tasks")
            or (
                "The tables below show progress against each action, with comments on performance "
                "to date."
            )
        )
    )
    blocks.append(
        Key(
            "Key: judgement of progress",
            [Mark(s.glyph, s.name, s.colour, s.meaning) for s in data.symbols],
        )
    )
    for name, group_roots in groups:
        number = next(numbering)
        caption = (
            f"Table {number}: Progress against individual workstreams/actions within "
            f"the {name.lower()}"
            if name
            else f"Table {number}: Progress against individual workstreams/actions"
        )
        first = True
        for root in group_roots:
            table = _detail_table(data, root, options, caption if first else None)
            if table.rows:
                blocks.append(table)
                first = False
        if first:
            blocks.append(Paragraph(f"{caption}: no actions to show."))
    report.flat_rows = _flat_rows(data, roots, options)
    return report


def _scope_note(data: ProgrammeData, options: Options) -> str | None:
    parts = []
    if options.roots is not None:
        parts.append("selected objectives only")
    if options.responsible:
        parts.append(f"actions for which {options.responsible} is responsible")
    if not options.include_unjudged:
        parts.append("actions not yet judged are left out")
    return ("Scope: " + "; ".join(parts) + ".") if parts else None


def _groups_by_kind(data: ProgrammeData, roots: list[ItemData]) -> list[tuple[str, list[ItemData]]]:
    if not data.kinds:
        return [("", roots)]
    groups: list[tuple[str, list[ItemData]]] = []
    for name, plural in data.kinds:
        members = [root for root in roots if root.kind == name]
        if members:
            groups.append((plural, members))
    others = [root for root in roots if root.kind not in {name for name, _ in data.kinds}]
    if others:
        groups.append(("Other objectives", others))
    return groups


def _actions(data: ProgrammeData, roots: list[ItemData], options: Options) -> list[ItemData]:
    return [
        leaf
        for root in roots
        for leaf in root.leaves()
        if leaf is not root or len(data.levels) == 1
        if _keep(data, leaf, options)
    ]


def _summary_table(
    data: ProgrammeData, name: str, roots: list[ItemData], options: Options, number: int
) -> list[Block]:
    actions = _actions(data, roots, options)
    categories = [
        c
        for c in (Category.COMPLETED, Category.ON_TRACK, Category.BEHIND, Category.UNKNOWN)
        if any(s.category == c for s in data.symbols)
    ]
    counts = {c: 0 for c in categories}
    unjudged = 0
    for leaf in actions:
        category = data.category(leaf.glyph)
        if category is None:
            unjudged += 1
        else:
            counts[Category(category)] = counts.get(Category(category), 0) + 1
    if Category.UNKNOWN in categories and not counts.get(Category.UNKNOWN):
        categories.remove(Category.UNKNOWN)
    judged = len(actions) - unjudged
    titles = {c: CATEGORY_TITLES[c] for c in categories}
    titles[Category.ON_TRACK] = "On-track"
    titles[Category.BEHIND] = "Behind Schedule"
    header = [
        [Cell("Number of Actions", bold=True)]
        + [Cell(f"% {titles[c]}", bold=True, align="centre") for c in categories],
        [Cell("")]
        + [
            Cell(
                " ".join(s.glyph for s in data.symbols if s.category == c),
                mark=_category_mark(data, c),
                align="centre",
            )
            for c in categories
        ],
    ]
    row = [Cell(str(len(actions)), align="centre")]
    for c in categories:
        share = percent(counts.get(c, 0), judged)
        row.append(
            Cell(
                f"{share}%" if counts.get(c, 0) == 0 else f"{share}% ({counts[c]})", align="centre"
            )
        )
    within = f"within the {name}" if name else "in the programme"
    blocks: list[Block] = [
        Table(
            caption=f"Table {number}: Summary of progress against workstreams/actions {within}",
            header=header,
            rows=[row],
            widths=[2] + [2] * len(categories),
            sheet=f"Table {number} Summary",
        )
    ]
    if unjudged:
        blocks.append(
            Paragraph(
                f"{unjudged} action{'s are' if unjudged != 1 else ' is'} not "
                f"yet judged; the percentages are of the {judged} judged.",
                small=True,
            )
        )
    return blocks


def _category_mark(data: ProgrammeData, category: Category) -> Mark | None:
    symbols = [s for s in data.symbols if s.category == category]
    if len(symbols) != 1:
        return None
    s = symbols[0]
    return Mark(s.glyph, s.name, s.colour, s.meaning)


def _indicator_count(groups: list[KpiGroupData]) -> int:
    return sum(len(g.indicators) + _indicator_count(g.children) for g in groups)


def _off_target(indicator: IndicatorData) -> bool:
    return indicator.status is not None and indicator.status.name.lower().startswith("off")


def _kpi_table(data: ProgrammeData, options: Options, number: int) -> Table:
    year = data.financial_year
    average_years = [
        ind.national_average[0] for ind in _all_indicators(data.kpi_groups) if ind.national_average
    ]
    average_year = max(set(average_years), key=average_years.count) if average_years else year - 1
    short = f"Quarter {data.quarter}" if data.quarter else data.period_label
    header = [
        [
            Cell("Measure", bold=True),
            Cell("Responsibility", bold=True),
            Cell("Actual", bold=True),
            Cell("National Average", bold=True),
            Cell("Targets", bold=True, colspan=3, align="centre"),
            Cell(f"{short} Actual", bold=True),
            Cell("Performance Against Target", bold=True),
            Cell("Comment on Performance", bold=True),
        ],
        [
            Cell(""),
            Cell(""),
            Cell(_fy(year - 1), bold=True),
            Cell(_fy(average_year), bold=True),
            Cell(_fy(year), bold=True),
            Cell(_fy(year + 1), bold=True),
            Cell(_fy(year + 2), bold=True),
            Cell(""),
            Cell(""),
            Cell(""),
        ],
    ]
    rows: list[list[Cell]] = []

    def add(group: KpiGroupData) -> None:
        kept = [ind for ind in group.indicators if not options.exceptions_only or _off_target(ind)]
        if options.responsible:
            kept = [ind for ind in kept if ind.responsible == options.responsible]
        if not kept and not any(_has_rows(child, options) for child in group.children):
            return
        rows.append([Cell(group.name, bold=True, colspan=10, shade=GROUP_SHADE)])
        for ind in kept:
            average = ind.national_average
            average_text = ""
            if average:
                average_text = average[1].words()
                if average[0] != average_year:
                    average_text += f" ({str(average[0])[2:]}/{str(average[0] + 1)[2:]})"
            rows.append(
                [
                    Cell(ind.measure()),
                    Cell(ind.responsible or ""),
                    Cell(ind.outturns[year - 1].words() if year - 1 in ind.outturns else ""),
                    Cell(average_text),
                    *[
                        Cell(ind.targets[y].words() if y in ind.targets else "")
                        for y in (year, year + 1, year + 2)
                    ],
                    Cell(ind.actual.words() if ind.actual else ""),
                    Cell(ind.status.name if ind.status else "", mark=ind.status, align="centre"),
                    Cell(ind.comment or ""),
                ]
            )
        for child in group.children:
            add(child)

    for group in data.kpi_groups:
        add(group)
    return Table(
        caption=f"Table {number}: Performance against key performance indicators at "
        f"{data.period_label.split(' 20')[0].lower()}",
        header=header,
        rows=rows,
        widths=[4.6, 2.8, 1.5, 2, 1.6, 1.6, 1.6, 2.2, 2.1, 4.6],
        sheet="Indicators",
        landscape=True,
    )


def _has_rows(group: KpiGroupData, options: Options) -> bool:
    if any(not options.exceptions_only or _off_target(i) for i in group.indicators):
        return True
    return any(_has_rows(child, options) for child in group.children)


def _all_indicators(groups: list[KpiGroupData]) -> list[IndicatorData]:
    return [ind for g in groups for ind in g.indicators + _all_indicators(g.children)]


def _detail_table(
    data: ProgrammeData, root: ItemData, options: Options, caption: str | None
) -> Table:
    level_1 = data.levels[1] if len(data.levels) > 1 else "Workstream/Project"
    level_2 = data.levels[2] if len(data.levels) > 2 else "Action"
    symbols = data.symbols
    width = 5 + len(symbols)
    header = [
        [Cell(root.numbered_title(), bold=True, colspan=width, shade=HEADING_SHADE)],
        [
            Cell(level_1, bold=True),
            Cell(level_2, bold=True),
            Cell("Responsibility", bold=True),
            Cell("Milestones", bold=True),
            Cell(ACHIEVEMENTS_HEADER, bold=True),
            Cell("Judgement of Progress", bold=True, colspan=len(symbols), align="centre"),
        ],
        [Cell(""), Cell(""), Cell(""), Cell(""), Cell("")]
        + [
            Cell(s.glyph, mark=Mark(s.glyph, s.name, s.colour, s.meaning), align="centre")
            for s in symbols
        ],
    ]
    rows: list[list[Cell]] = []
    for workstream in root.children:
        shown_workstream = False
        for leaf in workstream.leaves():
            if not _keep(data, leaf, options):
                continue
            mark = data.mark(leaf.glyph)
            rows.append(
                [
                    Cell(workstream.numbered_title() if not shown_workstream else ""),
                    Cell(leaf.title if leaf is not workstream else ""),
                    Cell(leaf.responsible or ""),
                    Cell("\n".join(m.words() for m in leaf.milestones)),
                    Cell(_text_of_updates(leaf.updates)),
                    *[
                        Cell(
                            s.glyph if mark and mark.glyph == s.glyph else "",
                            mark=mark if mark and mark.glyph == s.glyph else None,
                            align="centre",
                        )
                        for s in symbols
                    ],
                ]
            )
            shown_workstream = True
    return Table(
        caption=caption,
        header=header,
        rows=rows,
        widths=[3, 3.4, 2.3, 3, 5] + [1.5] * len(symbols),
        sheet=(root.number or root.title)[:28],
        landscape=True,
    )


def _flat_rows(
    data: ProgrammeData, roots: list[ItemData], options: Options
) -> list[dict[str, str]]:
    rows = []
    for root in roots:
        for workstream in root.children or [root]:
            for leaf in workstream.leaves():
                if not _keep(data, leaf, options):
                    continue
                mark = data.mark(leaf.glyph)
                previous = data.mark(leaf.previous_glyph)
                rows.append(
                    {
                        "Programme": data.name,
                        "Period": data.period_label,
                        "Objective number": root.number or "",
                        "Objective": root.title,
                        "Workstream/Project": workstream.title if workstream is not root else "",
                        "Action": leaf.title if leaf is not workstream else "",
                        "Responsibility": leaf.responsible or "",
                        "Milestones": "; ".join(m.words() for m in leaf.milestones),
                        "Achievements": _text_of_updates(leaf.updates),
                        "Judgement": mark.glyph if mark else "",
                        "Judgement name": mark.name if mark else "Not yet judged",
                        "Category": data.category(leaf.glyph) or "",
                        "Last period": previous.name if previous else "",
                    }
                )
    return rows


# --- programme update (seed 000) ------------------------------------------------------------


def programme_update(data: ProgrammeData, options: Options) -> Report:
    title = data.report.title if data.report else f"{data.name} – progress update"
    report = _titled_report(data, title, data.period_label)
    blocks = report.blocks
    if data.report and data.report.meeting:
        when = f" on {format_date(data.report.meeting_date)}" if data.report.meeting_date else ""
        blocks.append(Paragraph(f"To: {data.report.meeting}{when}", bold=True))
    number = 0
    for heading, text in (data.report.sections if data.report else []) + data.plan_sections:
        number += 1
        blocks.append(Heading(f"{number}. {heading}", 2))
        blocks.extend(_paragraphs(text))
    for strand in _roots(data, options):
        if options.responsible and strand.responsible != options.responsible:
            continue
        number += 1
        blocks.append(Heading(f"{number}. {strand.title}", 2))
        updates = [
            text if not heading else f"{heading}: {text}" for heading, text in strand.updates
        ]
        if updates:
            blocks.append(Bullets(updates))
        else:
            blocks.append(Paragraph(f"No update for {data.period_label}."))
    if data.contacts:
        rows: list[tuple[str, str]] = []
        for name, role, phone, email in data.contacts:
            rows.append((name, role or ""))
            if phone:
                rows.append(("Telephone", phone))
            if email:
                rows.append(("Email", email))
        blocks.append(Fields(rows))
    blocks.append(Paragraph(format_date(report.date)))
    report.flat_rows = [
        {
            "Programme": data.name,
            "Period": data.period_label,
            "Strand": strand.title,
            "Update": text,
        }
        for strand in _roots(data, options)
        if not options.responsible or strand.responsible == options.responsible
        for _h, text in strand.updates
    ]
    return report


# --- workplan (seed 001) --------------------------------------------------------------------


def _pledge_words(data: ProgrammeData, numbers: list[int]) -> str:
    if data.pledges and numbers == [n for n, _ in data.pledges] and len(numbers) > 1:
        return f"All {len(numbers)}"
    return ", ".join(map(str, numbers))


def workplan(data: ProgrammeData, options: Options) -> Report:
    title = data.report.title if data.report else f"{data.name}: {data.period_label}"
    report = _titled_report(data, title, data.period_label, landscape=True)
    blocks = report.blocks
    level_0 = data.levels[0] if data.levels else "Theme"
    header = [
        [
            Cell(f"Workplan {level_0}", bold=True),
            Cell("Service Plan Activities / Targets", bold=True),
            Cell("Pledge", bold=True, align="centre"),
            Cell("Achievements", bold=True),
        ]
    ]
    rows: list[list[Cell]] = []
    flat = []
    for theme in _roots(data, options):
        first = True
        for activity in theme.children or [theme]:
            if options.responsible and activity.responsible != options.responsible:
                continue
            what = activity.title + (f"\n\n{activity.description}" if activity.description else "")
            rows.append(
                [
                    Cell(theme.title if first else "", bold=first),
                    Cell(what),
                    Cell(_pledge_words(data, activity.pledges), align="centre"),
                    Cell(_text_of_updates(activity.updates)),
                ]
            )
            flat.append(
                {
                    "Programme": data.name,
                    "Period": data.period_label,
                    "Theme": theme.title,
                    "Activity": activity.title,
                    "Pledges": _pledge_words(data, activity.pledges),
                    "Achievements": _text_of_updates(activity.updates),
                }
            )
            first = False
    blocks.append(
        Table(
            caption=None,
            header=header,
            rows=rows,
            widths=[3, 5, 1.2, 9],
            sheet="Workplan",
            landscape=True,
        )
    )
    if data.pledges:
        blocks.append(Paragraph("NOTE: Pledges are referenced as follows:", bold=True))
        blocks.append(Fields([(f"Pledge {number}", title) for number, title in data.pledges]))
    report.flat_rows = flat
    return report


# --- project plan (seed 003) ----------------------------------------------------------------


def project_plan(data: ProgrammeData, options: Options) -> Report:
    report = _titled_report(data, data.name, "Project plan")
    blocks = report.blocks
    if data.description:
        blocks.extend(_paragraphs(data.description))
    sections = list(data.plan_sections)
    if sections:
        heading, text = sections.pop(0)
        blocks.append(Heading(heading, 2))
        blocks.extend(_paragraphs(text))
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
        blocks.append(Heading(heading, 2))
        blocks.extend(_paragraphs(text))
    if data.programme_milestones:
        blocks.append(Heading("Key milestones", 2))
        blocks.append(
            Table(
                caption=None,
                header=[[Cell("Date", bold=True), Cell("Milestone", bold=True)]],
                rows=[[Cell(m.due or ""), Cell(m.text or "")] for m in data.programme_milestones],
                widths=[1, 3],
                sheet="Key milestones",
            )
        )
    level = data.levels[0] if data.levels else "Work package"
    flat = []
    for number, package in enumerate(_roots(data, options), start=1):
        blocks.append(Heading(f"{level} {package.number or number}: {package.title}", 2))
        if package.responsible:
            blocks.append(Paragraph(f"Lead officer: {package.responsible}"))
        if package.depends_on:
            blocks.append(Paragraph("Depends on: " + "; ".join(package.depends_on)))
        for stage in package.children:
            blocks.append(Heading(stage.title, 3))
            actions = [
                a.title
                for a in stage.children
                if not options.responsible or a.responsible == options.responsible
            ]
            if actions:
                blocks.append(Bullets(actions))
            for action in stage.children:
                if options.responsible and action.responsible != options.responsible:
                    continue  # the CSV holds what the document shows
                flat.append(
                    {
                        "Programme": data.name,
                        level: package.title,
                        "Stage": stage.title,
                        "Action": action.title,
                    }
                )
        for milestone in package.milestones:
            blocks.append(Paragraph(milestone.words()))
        if package.description:
            blocks.extend(_paragraphs(package.description))
    report.flat_rows = flat
    return report


# --- recommendations monitoring (seed 004) --------------------------------------------------


def recommendations(data: ProgrammeData, options: Options) -> Report:
    title = data.report.title if data.report else f"{data.name}: {data.period_label}"
    report = _titled_report(data, title, data.period_label)
    blocks = report.blocks
    for heading, text in data.plan_sections:
        if heading.casefold() != "introduction":
            blocks.append(Heading(heading, 2))
        blocks.extend(_paragraphs(text))
    rows = []
    flat = []
    for number, text, response, applies_to in data.recommendations:
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
        )
    )
    report.flat_rows = flat
    return report
