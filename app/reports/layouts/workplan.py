"""The workplan (seed 001): a theme per row group, its activities and targets, the pledges
each serves, and the achievements; then the key to the pledges' numbers."""

from __future__ import annotations

from app.reports.data import ProgrammeData
from app.reports.layouts.shared import Options, selected_roots, text_of_updates, titled_report
from app.reports.model import Cell, Fields, Paragraph, Report, Table


def _pledge_words(data: ProgrammeData, numbers: list[int]) -> str:
    """The pledge column: "All 5" when an activity serves every pledge, as the seed writes."""
    if data.pledges and numbers == [n for n, _ in data.pledges] and len(numbers) > 1:
        return f"All {len(numbers)}"
    return ", ".join(map(str, numbers))


def workplan(data: ProgrammeData, options: Options) -> Report:
    title = data.report.title if data.report else f"{data.name}: {data.period_label}"
    report = titled_report(data, title, data.period_label, landscape=True)
    blocks = report.blocks
    level_0 = data.levels[0] if data.levels else "Theme"
    level_1 = data.levels[1] if len(data.levels) > 1 else "Activity"
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
    for theme in selected_roots(data, options):
        first = True
        for activity in theme.children or [theme]:
            if not options.wants(activity.responsible):
                continue
            what = activity.title + (f"\n\n{activity.description}" if activity.description else "")
            # A theme with no activities (every theme, in a one-level programme) is its own
            # row: its words in the theme's cell and none under activities, so the row reads
            # back as the one item it is, not as a theme holding an activity of its name.
            alone = activity is theme
            rows.append(
                [
                    Cell(what if alone else theme.title if first else "", bold=first),
                    Cell("" if alone else what),
                    Cell(_pledge_words(data, activity.pledges), align="centre"),
                    Cell(text_of_updates(activity.updates)),
                ]
            )
            flat.append(
                {
                    "Programme": data.name,
                    "Period": data.period_label,
                    level_0: theme.title,
                    level_1: "" if activity is theme else activity.title,
                    "Pledges": _pledge_words(data, activity.pledges),
                    "Achievements": text_of_updates(activity.updates),
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
