"""The five report layouts, each following its seed document's structure and wording.

quarterly          seed 002: cover sheet, summary Tables 1–2, KPI Table 3, detail tables
programme-update   seed 000: numbered sections, a section per strand with bullet updates,
                   the signature footer of contacts and date
workplan           seed 001: theme, activities/targets, pledges, achievements; pledge key
project-plan       seed 003: purpose, key outcomes, key milestones, work packages
recommendations    seed 004: numbered recommendations and responses

A module per layout (the quarterly report's KPI table in one of its own); what more than one
layout uses is in ``shared``.
"""

from __future__ import annotations

from collections.abc import Callable

from app.core.errors import ValidationError
from app.reports.data import ProgrammeData
from app.reports.layouts.programme_update import programme_update
from app.reports.layouts.project_plan import project_plan
from app.reports.layouts.quarterly import quarterly
from app.reports.layouts.recommendations import recommendations
from app.reports.layouts.shared import Options
from app.reports.layouts.workplan import workplan
from app.reports.model import Report

__all__ = ["LAYOUTS", "Options", "build"]

_BUILDERS: dict[str, Callable[[ProgrammeData, Options], Report]] = {
    "quarterly": quarterly,
    "programme-update": programme_update,
    "workplan": workplan,
    "project-plan": project_plan,
    "recommendations": recommendations,
}
LAYOUTS = tuple(_BUILDERS)


def build(layout: str, data: ProgrammeData, options: Options | None = None) -> Report:
    if layout not in _BUILDERS:
        raise ValidationError(
            f"There is no layout called “{layout}” (the layouts are: {', '.join(LAYOUTS)})."
        )
    report = _BUILDERS[layout](data, options or Options())
    report.layout = layout
    return report
