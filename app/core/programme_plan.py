"""What a new programme is made from: its name, levels, periods and schemes, and whether it
starts with another programme's tree. Plain data, so the dialog that asks for it and the
service that makes it share one description without the dialog touching the file.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from app.core.errors import ValidationError
from app.core.schemes import DEFAULT_KPI_SCHEME, DEFAULT_PROGRESS_SCHEME

MAX_LEVELS = 4
# The level names of the council documents: Wigan's plan, Salford's workplan, the
# home-working pilot's project plan.
LEVEL_PRESETS: tuple[tuple[str, ...], ...] = (
    ("Objective", "Workstream/Project", "Action"),
    ("Theme", "Activity"),
    ("Work package", "Stage", "Action"),
)
DEFAULT_LEVELS = LEVEL_PRESETS[0]
SINGLE = "single"  # a period the council names itself ("November 2004")


def check_level_count(levels: tuple[str, ...] | list[str]) -> None:
    """One level (a list of recommendations) to four (work package, stage, action, task)."""
    if not levels:
        raise ValidationError("A programme needs at least one level (for example “Action”).")
    if len(levels) > MAX_LEVELS:
        raise ValidationError(
            f"A programme can have at most {MAX_LEVELS} levels; this one has {len(levels)}. "
            "Remove one."
        )


@dataclass(frozen=True)
class PeriodPlan:
    """A pattern of ``app.core.period_patterns`` for the financial year from April of
    ``year``, or (``SINGLE``) one period the council names, the rest to be added later."""

    pattern: str
    year: int | None = None
    label: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None


@dataclass(frozen=True)
class SchemeSource:
    """A shipped template by name, or a copy of another programme's own scheme."""

    template: str | None = None
    programme_id: int | None = None


@dataclass(frozen=True)
class ProgrammeSpec:
    name: str
    organisation: str | None = None
    levels: tuple[str, ...] = DEFAULT_LEVELS
    periods: PeriodPlan | None = None
    progress_scheme: SchemeSource = SchemeSource(DEFAULT_PROGRESS_SCHEME)
    kpi_scheme: SchemeSource | None = SchemeSource(DEFAULT_KPI_SCHEME)
    structure_from: int | None = None  # the programme whose tree the new one starts with
