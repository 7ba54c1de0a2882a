"""The quarterly performance report (seed 002): cover sheet, the summary Tables 1–2, the
KPI Table 3 (app/reports/layouts/kpi_table.py), a detail table per objective, and the flat
rows of its CSV.

Every table here is of the tree's actions, chosen by the one rule :func:`actions`, so the
summary's counts, the detail tables and the CSV always show the same actions.
"""

from __future__ import annotations

from app.core.dates import format_date
from app.core.enums import Category
from app.core.periods import financial_year_label
from app.core.tally import tally_by
from app.read.queries import SymbolRow
from app.read.summary import ratings
from app.reports.data import ItemData, ProgrammeData, mark_of
from app.reports.layouts.cover import cover_grid
from app.reports.layouts.kpi_table import indicator_count, kpi_table
from app.reports.layouts.shared import (
    Options,
    report_date,
    section,
    selected_roots,
    text_of_updates,
)
from app.reports.layouts.summary_sheet import summary_workbook
from app.reports.model import (
    Block,
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

HEADING_SHADE = "#DCE6F2"
ACHIEVEMENTS_HEADER = (
    "Achievements to Date: Has the milestone been reached? Provide Evidence: "
    "What has been the impact of the task to date?"
)
# The report's own numbered sections: a period's report record may hold their text, which
# goes in the body rather than on the cover sheet.
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
        date=report_date(data),
        organisation=data.organisation or "",
    )
    if data.quarter is not None:
        report.subtitle = (
            f"Quarter {data.quarter} Monitoring ({financial_year_label(data.financial_year)})"
        )
    blocks = report.blocks
    if options.cover and data.report is not None:
        blocks.append(Heading(data.report.title, 1))
        if data.report.fields:
            blocks.append(Fields(data.report.fields))
        blocks.extend(cover_grid(data.report))
        for heading, text in data.report.sections:
            if _bare(heading) in {name.casefold() for name in BODY_SECTIONS}:
                continue
            blocks.extend(section(heading, text))
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
    scope = _scope_note(options)
    if scope:
        blocks.append(Paragraph(scope))
    numbering = iter(range(1, 100))
    blocks.extend(
        _body_section(
            data,
            1,
            "Introduction",
            f"This report gives an overview of progress as at the end of {data.period_label} "
            f"({format_date(data.period_start)} to {format_date(data.period_end)}) against the "
            f"{data.name}.",
        )
    )
    blocks.extend(
        _body_section(
            data,
            2,
            "Summary of Performance",
            "The tables below summarise progress against the workstreams and actions.",
        )
    )
    roots = selected_roots(data, options)
    groups = _groups_by_kind(data, roots)
    for name, group_roots in groups:
        blocks.extend(_summary_table(data, name, group_roots, options, next(numbering)))
    indicators = indicator_count(data.kpi_groups)
    if indicators:
        blocks.extend(
            _body_section(
                data,
                3,
                "Key Performance Indicators",
                "The table below shows performance against the key performance indicators.",
            )
        )
        if data.kpi_symbols:
            blocks.append(Key(key_title(data.kpi_scheme), [mark_of(s) for s in data.kpi_symbols]))
        blocks.append(kpi_table(data, options, next(numbering)))
    blocks.extend(
        _body_section(
            data,
            4 if indicators else 3,
            "Progress against Departmental Tasks",
            "The tables below show progress against each action, with comments on performance "
            "to date.",
        )
    )
    blocks.append(Key(key_title(data.scheme), [mark_of(s) for s in _symbol_columns(data)]))
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


# How the seed documents word the keys and headings of the schemes made from them; any other
# scheme is titled by its own name.
DOCUMENT_WORDING = {
    "Judgement of progress": ("judgement of progress", "Judgement of Progress"),
    "Performance against target": ("performance against our targets", "Performance"),
}


def key_title(scheme: str) -> str:
    """ "Key: judgement of progress": the scheme's name, as a sentence goes on."""
    wording = DOCUMENT_WORDING.get(scheme)
    if wording:
        return f"Key: {wording[0]}"
    if not scheme:
        return "Key"
    first = scheme.split()[0]
    return f"Key: {scheme if first.isupper() else scheme[0].lower() + scheme[1:]}"


def _heading_of(scheme: str) -> str:
    wording = DOCUMENT_WORDING.get(scheme)
    return wording[1] if wording else (scheme or "Judgement")


def _symbol_columns(data: ProgrammeData) -> list[SymbolRow]:
    """The symbols in the order the detail tables give them a column each: the scheme's own
    order, but a two-level scheme's grouped by state, so a state's ratings sit together
    under its name."""
    if not data.two_level:
        return data.symbols
    by_glyph = {s.glyph: s for s in data.symbols}
    return [by_glyph[g] for c in data.columns for g in c.glyphs]


def _bare(heading: str) -> str:
    """A section's heading as compared with a body section's name: "2. Summary of
    Performance" and "summary of performance " are the same section."""
    bare = heading.split(". ", 1)[-1] if heading[:1].isdigit() else heading
    return bare.strip().casefold()


def _body_section(data: ProgrammeData, number: int, name: str, default: str) -> list[Block]:
    """Body section ``number``: its text from the period's report record, else ``default``."""
    text = None
    if data.report is not None:
        text = next(
            (text for heading, text in data.report.sections if _bare(heading) == name.casefold()),
            None,
        )
    return section(f"{number}. {name}", text or default)


def _scope_note(options: Options) -> str | None:
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


def keep(data: ProgrammeData, leaf: ItemData, options: Options) -> bool:
    """Whether the options keep this action: its person, judged at all, behind schedule."""
    if not options.wants(leaf.responsible):
        return False
    if not options.include_unjudged and leaf.glyph is None:
        return False
    return not (options.exceptions_only and data.category(leaf.glyph) != Category.BEHIND.value)


def actions(data: ProgrammeData, roots: list[ItemData], options: Options) -> list[ItemData]:
    """The actions the report shows under ``roots``: the leaves of the tree (an objective is
    its own action only when the programme has one level), as the options keep them."""
    return [
        leaf
        for root in roots
        for leaf in root.leaves()
        if leaf is not root or len(data.levels) == 1
        if keep(data, leaf, options)
    ]


def _summary_table(
    data: ProgrammeData, name: str, roots: list[ItemData], options: Options, number: int
) -> list[Block]:
    shown = actions(data, roots, options)
    counted = tally_by((data.column(leaf.glyph) for leaf in shown), (leaf.glyph for leaf in shown))
    # The programme's own columns, in its order; one for "not known" only when it counts
    # something (seed 002 prints none).
    columns = [
        c
        for c in data.columns
        if c.glyphs and (c.role != Category.UNKNOWN or counted.counts.get(c.name))
    ]
    marks = [_column_mark(data, c.name) for c in columns]
    header = [
        [Cell("Number of Actions", bold=True)]
        + [Cell(f"% {c.name}", bold=True, align="centre") for c in columns],
        [Cell("")]
        + [
            Cell(" ".join(c.glyphs), mark=mark, align="centre")
            for c, mark in zip(columns, marks, strict=True)
        ],
    ]
    row = [Cell(str(counted.actions), align="centre")]
    for c in columns:
        share, count = counted.percent(c.name), counted.counts.get(c.name, 0)
        text = f"{share}%" if count == 0 else f"{share}% ({count})"
        nested = ratings(counted, c)
        if nested:  # a state's ratings: "67% (4)" over "G 2, A 1, R 1"
            text += "\n" + ", ".join(f"{g} {n}" for g, n in nested)
        row.append(Cell(text, align="centre"))
    within = f"within the {name}" if name else "in the programme"
    caption = f"Table {number}: Summary of progress against workstreams/actions {within}"
    sheet = f"Summary – {name}" if name else "Summary"
    blocks: list[Block] = [
        Table(
            caption=caption,
            header=header,
            rows=[row],
            widths=[2] + [2] * len(columns),
            sheet=sheet,
            workbook=summary_workbook(data, columns, marks, counted, caption, sheet),
        )
    ]
    unjudged = counted.unjudged
    if unjudged:
        blocks.append(
            Paragraph(
                f"{unjudged} action{'s are' if unjudged != 1 else ' is'} not "
                f"yet judged; the percentages are of the {counted.judged} judged.",
                small=True,
            )
        )
    return blocks


def _column_mark(data: ProgrammeData, column: str) -> Mark | None:
    symbols = [s for s in data.symbols if s.column_name == column]
    if len(symbols) != 1:
        return None
    return mark_of(symbols[0])


def _detail_table(
    data: ProgrammeData, root: ItemData, options: Options, caption: str | None
) -> Table:
    # One column per level below the objective (the programme's own names): a two-level
    # programme (themes and activities) has one, not an empty "Action" beside its activities.
    item_levels = data.levels[1:3] if len(data.levels) > 1 else ["Workstream/Project"]
    two = len(item_levels) == 2
    symbols = _symbol_columns(data)
    width = 3 + len(item_levels) + len(symbols)
    # One heading over every symbol's column, or, for a two-level scheme, each state's name
    # over its own: "Complete | In progress (G A R) | Not started".
    judgement_heads = (
        [
            Cell(c.name, bold=True, colspan=len(c.glyphs), align="centre")
            for c in data.columns
            if c.glyphs
        ]
        if data.two_level
        else [Cell(_heading_of(data.scheme), bold=True, colspan=len(symbols), align="centre")]
    )
    header = [
        [Cell(root.numbered_title(), bold=True, colspan=width, shade=HEADING_SHADE)],
        [
            *[Cell(level, bold=True) for level in item_levels],
            Cell("Responsibility", bold=True),
            Cell("Milestones", bold=True),
            Cell(ACHIEVEMENTS_HEADER, bold=True),
            *judgement_heads,
        ],
        [Cell("") for _ in range(3 + len(item_levels))]
        # Under its state's name, a rating is called by its own ("Green").
        + [
            Cell(s.glyph, mark=Mark(s.glyph, s.name, s.colour, s.meaning), align="centre")
            for s in symbols
        ],
    ]
    rows: list[list[Cell]] = []
    for workstream in root.children:
        shown_workstream = False
        for leaf in workstream.leaves():
            if not keep(data, leaf, options):
                continue
            mark = data.mark(leaf.glyph)
            rows.append(
                [
                    Cell(workstream.numbered_title() if not shown_workstream else ""),
                    *([Cell(leaf.title if leaf is not workstream else "")] if two else []),
                    Cell(leaf.responsible or ""),
                    Cell("\n".join(m.words() for m in leaf.milestones)),
                    Cell(text_of_updates(leaf.updates)),
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
        widths=([3, 3.4] if two else [6.4]) + [2.3, 3, 5] + [1.5] * len(symbols),
        sheet=root.numbered_title(),
        landscape=True,
    )


def _flat_rows(
    data: ProgrammeData, roots: list[ItemData], options: Options
) -> list[dict[str, str]]:
    """One row per action, its place named by the programme's own level names."""
    top = data.levels[0] if data.levels else "Objective"
    below = data.levels[1:3] if len(data.levels) > 1 else ["Workstream/Project"]
    rows = []
    for root in roots:
        for workstream in root.children or [root]:
            for leaf in workstream.leaves():
                if not keep(data, leaf, options):
                    continue
                mark = data.mark(leaf.glyph)
                previous = data.mark(leaf.previous_glyph)
                symbol = data.symbol(leaf.glyph)
                levels = (
                    {
                        "State": symbol.column_name if symbol else "",
                        "Rating": symbol.name if symbol and symbol.rated else "",
                    }
                    if data.two_level
                    else {}
                )
                titles = [
                    workstream.title if workstream is not root else "",
                    leaf.title if leaf is not workstream else "",
                ]
                rows.append(
                    {
                        "Programme": data.name,
                        "Period": data.period_label,
                        f"{top} number": root.number or "",
                        top: root.title,
                        **dict(zip(below, titles, strict=False)),
                        "Responsibility": leaf.responsible or "",
                        "Milestones": "; ".join(m.words() for m in leaf.milestones),
                        "Achievements": text_of_updates(leaf.updates),
                        "Judgement": mark.glyph if mark else "",
                        "Judgement name": mark.name if mark else "Not yet judged",
                        **levels,
                        "Category": data.category(leaf.glyph) or "",
                        "Last period": previous.name if previous else "",
                        # The item's id, so this file imported back finds each row's item
                        # even after its title has been changed here.
                        "Item id": str(leaf.id),
                    }
                )
    return rows
