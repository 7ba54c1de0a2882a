"""The closed sets of values the file stores as text, and what the user calls them.

They are pure rules, shared by the model (as CHECK constraints), the reads, the reports and
the window, so they live here rather than in ``app.store.models``.
"""

from __future__ import annotations

import enum


class Category(enum.StrEnum):
    """The summary column a symbol counts in (seed 002's Tables 1–2). Declared in the order
    the summary tables give their columns, so iterating over it gives that order."""

    COMPLETED = "completed"
    ON_TRACK = "on_track"
    BEHIND = "behind"
    UNKNOWN = "unknown"


# What the user reads for each category: the summary text, and anywhere else that names one.
CATEGORY_TITLES: dict[Category, str] = {
    Category.COMPLETED: "Completed",
    Category.ON_TRACK: "On track",
    Category.BEHIND: "Behind schedule",
    Category.UNKNOWN: "Unknown",
}
# The quarterly report's Tables 1–2 head their columns as seed 002 does, in its capitals.
SEED_002_CATEGORY_TITLES: dict[Category, str] = {
    **CATEGORY_TITLES,
    Category.ON_TRACK: "On-track",
    Category.BEHIND: "Behind Schedule",
}


class Polarity(enum.StrEnum):
    HIGHER = "higher"
    LOWER = "lower"


class KpiGroupCategory(enum.StrEnum):
    LAA = "laa"
    NATIONAL = "national"
    LOCAL = "local"


class DuePrecision(enum.StrEnum):
    """How much of a milestone's date the words give; ``due_date`` is the last day it covers."""

    DAY = "day"
    MONTH = "month"
    SEASON = "season"
    QUARTER = "quarter"
    YEAR = "year"
    FINANCIAL_YEAR = "financial_year"
    NONE = "none"


class MilestoneStatus(enum.StrEnum):
    OPEN = "open"
    REACHED = "reached"
