"""The quarterly report's Table 3 (seed 002): each indicator's outturn, national average,
targets for three years, this period's actual and its status, grouped as the programme
groups its indicators.

It is the one table of the quarterly layout read from the indicators rather than the tree,
with its own idea of an exception (off target), so it stands apart from the action tables.
Its workbook layout has one header row and each indicator's group in a column, where the
document has group rows across the table: a sheet with merged rows cannot be sorted.
"""

from __future__ import annotations

from app.core.periods import financial_year_label
from app.reports.data import IndicatorData, KpiGroupData, ProgrammeData
from app.reports.layouts.shared import Options
from app.reports.model import Cell, Table
from app.reports.typed import kpi_figure

GROUP_SHADE = "#EFEFEF"


def _fy(year: int) -> str:
    return financial_year_label(year, "-")


def indicator_count(groups: list[KpiGroupData]) -> int:
    return sum(len(g.indicators) + indicator_count(g.children) for g in groups)


def _off_target(indicator: IndicatorData) -> bool:
    return indicator.status is not None and indicator.status.name.lower().startswith("off")


def kpi_table(data: ProgrammeData, options: Options, number: int) -> Table:
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
    # The workbook's rows: each names its group in a column of its own, so an analyst can
    # sort and filter the indicators without group rows merged across the sheet.
    sheet_rows: list[list[Cell]] = []

    def add(group: KpiGroupData, path: str = "") -> None:
        kept = [ind for ind in group.indicators if not options.exceptions_only or _off_target(ind)]
        kept = [ind for ind in kept if options.wants(ind.responsible)]
        if not kept and not any(_has_rows(child, options) for child in group.children):
            return
        path = f"{path} › {group.name}" if path else group.name
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
                    _value(ind.outturns[year - 1].words() if year - 1 in ind.outturns else "", ind),
                    _value(average_text, ind),
                    *[
                        _value(ind.targets[y].words() if y in ind.targets else "", ind)
                        for y in (year, year + 1, year + 2)
                    ],
                    _value(ind.actual.words() if ind.actual else "", ind),
                    Cell(ind.status.name if ind.status else "", mark=ind.status, align="centre"),
                    Cell(ind.comment or ""),
                ]
            )
            sheet_rows.append([Cell(path), *rows[-1]])
        for child in group.children:
            add(child, path)

    for group in data.kpi_groups:
        add(group)
    caption = (
        f"Table {number}: Performance against key performance indicators at "
        f"{data.period_label.split(' 20')[0].lower()}"
    )
    sheet_header = [
        Cell(text, bold=True)
        for text in (
            "Group",
            "Measure",
            "Responsibility",
            f"Actual {_fy(year - 1)}",
            f"National Average {_fy(average_year)}",
            *(f"Target {_fy(y)}" for y in (year, year + 1, year + 2)),
            f"{short} Actual",
            "Performance Against Target",
            "Comment on Performance",
        )
    ]
    return Table(
        caption=caption,
        header=header,
        rows=rows,
        widths=[4.6, 2.8, 1.5, 2, 1.6, 1.6, 1.6, 2.2, 2.1, 4.6],
        sheet="Indicators",
        landscape=True,
        workbook=Table(
            caption=caption,
            header=[sheet_header],
            rows=sheet_rows,
            widths=[2.6, 4.6, 2.8, 1.6, 2, 1.6, 1.6, 1.6, 1.8, 2.1, 4.6],
            sheet="Indicators",
        ),
    )


def _value(words: str, indicator: IndicatorData) -> Cell:
    """A value's words, with its figure in the measure's unit for a workbook."""
    return Cell(words, typed=kpi_figure(words, indicator.unit))


def _has_rows(group: KpiGroupData, options: Options) -> bool:
    if any(not options.exceptions_only or _off_target(i) for i in group.indicators):
        return True
    return any(_has_rows(child, options) for child in group.children)


def _all_indicators(groups: list[KpiGroupData]) -> list[IndicatorData]:
    return [ind for g in groups for ind in g.indicators + _all_indicators(g.children)]
