"""KPI values as councils write them: a number with its unit, or one of a few set words.

"25.6%", "£1,200", "12 days", "0.52" are numbers; "Baseline Year", "Baseline Year (80%)",
"-", "data not available" are the words the documents use. Anything else ("abc", "12%%")
is refused with a message saying what would be accepted, so a typo never becomes a value
that silently has no number in it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.core.errors import ValidationError
from app.core.validation import check_characters

_NUMBER = re.compile(
    r"^(?P<pound>£)?\s*(?P<number>-?\d{1,3}(?:,\d{3})+(?:\.\d+)?|-?\d+(?:\.\d+)?)"
    r"\s*(?P<unit>%|days?|hours?|weeks?|minutes?|mins?)?$",
    re.IGNORECASE,
)
_UNITS = {
    "day": "days",
    "days": "days",
    "hour": "hours",
    "hours": "hours",
    "week": "weeks",
    "weeks": "weeks",
    "minute": "minutes",
    "minutes": "minutes",
    "min": "minutes",
    "mins": "minutes",
    "%": "%",
}
# Words that stand in for a number, as the seed documents write them (case-insensitive).
WORDS = ("-", "Baseline Year", "data not available", "not applicable", "TBC")
_BASELINE_WITH_FIGURE = re.compile(r"^baseline year\s*\((?P<figure>[^()]+)\)$", re.IGNORECASE)
VALUE_LIMIT = 200


@dataclass(frozen=True)
class KpiValue:
    text: str  # as written
    number: float | None  # None for words
    unit: str | None  # "%", "£", "days"… or None


def _number(words: str) -> KpiValue | None:
    match = _NUMBER.match(words)
    if match is None:
        return None
    number = float(match["number"].replace(",", ""))
    unit = "£" if match["pound"] else _UNITS.get((match["unit"] or "").lower())
    return KpiValue(words, number, unit)


def written(text: str) -> str:
    """A value as it will be kept: white space collapsed, not empty, not too long, and
    passing the text rule. Every value, numbers and words alike, is first read by this."""
    words = " ".join(str(text).split())
    if not words:
        raise ValidationError("A value cannot be empty: write “-” where there is none.")
    if len(words) > VALUE_LIMIT:
        raise ValidationError(
            f"A value is too long: {len(words):,} characters, and the most "
            f"allowed is {VALUE_LIMIT}."
        )
    return check_characters(words, "A value")


def baseline_figure(text: str) -> KpiValue | None:
    """The aim in “Baseline Year (80%)”: not a value of the year, but written in a unit."""
    baseline = _BASELINE_WITH_FIGURE.match(text)
    return _number(baseline["figure"].strip()) if baseline else None


def parse_value(text: str) -> KpiValue:
    """Read a target or actual; raise ValidationError naming what is wrong."""
    words = written(text)
    value = _number(words)
    if value is not None:
        return value
    if any(words.casefold() == word.casefold() for word in WORDS):
        return KpiValue(words, None, None)
    if baseline_figure(words) is not None:
        return KpiValue(words, None, None)  # the figure is an aim, not this year's target
    raise ValidationError(
        f"“{words}” is not a value I can read: write a number with its unit (25.6%, £1,200, "
        f"12 days, 0.52) or one of: {', '.join(WORDS[1:])}, or “-” for none."
    )
