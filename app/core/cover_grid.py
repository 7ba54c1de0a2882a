"""The grid of a Cabinet or committee report's first page, after its label rows (seed 002):
how the report is categorised, the bodies it has been or goes to with their dates, and the
proper officer who signs the list of background papers.

The boxes and bodies are those of Wigan's template, in its order; councils' templates name
the same ones, so they are fixed here rather than typed, and every format prints them in
the same order. Each has a key the file keeps (a label may be reworded without touching a
file) and the label the reports print.
"""

from __future__ import annotations

import datetime as dt

from app.core.dates import parse_date
from app.core.errors import ValidationError

# The two columns of "Categorisation of the report", each top to bottom: why the report goes
# to the meeting, and what the meeting is asked to do with it.
CATEGORY_COLUMNS: tuple[tuple[tuple[str, str], ...], ...] = (
    (
        ("decision_discussion", "Discussion leading to a decision"),
        ("monitoring", "Monitoring"),
        ("sharing", "Sharing for corporate understanding"),
    ),
    (
        ("discussion", "Discussion"),
        ("decision", "Decision"),
        ("information", "Information"),
    ),
)
CATEGORIES: dict[str, str] = {key: label for column in CATEGORY_COLUMNS for key, label in column}

# "Tracking/Process": who has seen the report, or will, each with the date.
TRACKING_BODIES: dict[str, str] = {
    "consultation": "Consultation",
    "ward_members": "Ward Members",
    "partners": "Partners",
    "panel": "Panel",
    "overview_scrutiny": "Overview & Scrutiny",
    "cabinet": "Cabinet",
    "council": "Council",
}
DATE_TEXT_LIMIT = 100  # a date as written ("17 August 2009", "to follow")


def category_key(word: str) -> str:
    """The key of a box named by its key or its label, in any case."""
    wanted = word.strip().casefold()
    for key, label in CATEGORIES.items():
        if wanted in (key, label.casefold()):
            return key
    raise ValidationError(
        f"“{word}” is not a box of the report’s categorisation: "
        + ", ".join(CATEGORIES.values())
        + "."
    )


def body_key(word: str) -> str:
    """The key of a body of the tracking grid named by its key or its label, in any case."""
    wanted = word.strip().casefold().replace(" and ", " & ")
    for key, label in TRACKING_BODIES.items():
        if wanted in (key, label.casefold()):
            return key
    raise ValidationError(
        f"“{word}” is not a body of the tracking grid: " + ", ".join(TRACKING_BODIES.values()) + "."
    )


def join_categories(keys: set[str] | list[str] | tuple[str, ...]) -> str | None:
    """The ticked boxes as the file keeps them: keys in the grid's order, comma-separated."""
    chosen = {category_key(k) for k in keys}
    return ",".join(k for k in CATEGORIES if k in chosen) or None


def split_categories(stored: str | None) -> list[str]:
    """The ticked boxes' keys, in the grid's order; an unknown key (a later version's) is
    left out rather than refused, so the file still opens."""
    kept = {k.strip() for k in (stored or "").split(",")}
    return [k for k in CATEGORIES if k in kept]


def date_as_written(text: str | None) -> dt.date | None:
    """The date that words typed for a meeting name, when they name one ("17 August 2009",
    "17/08/2009"); None for words that do not ("to follow", "Sep 09"), which are still kept
    and printed as written."""
    if text is None or not text.strip():
        return None
    try:
        return parse_date(text)
    except ValidationError:
        return None
