"""KPI values as councils write them: a number with its unit, or words ("Baseline Year")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.errors import ValidationError

_NUMBER = re.compile(
    r"^(?P<pound>£)?\s*(?P<number>-?\d{1,3}(?:,\d{3})+(?:\.\d+)?|-?\d+(?:\.\d+)?)"
    r"\s*(?P<unit>%|days?|hours?)?$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class KpiValue:
    text: str
    number: float | None
    unit: str | None


def parse_value(text: str) -> KpiValue:
    """Read the number and unit out of a value; words and "-" keep ``number`` None."""
    words = text.strip()
    if not words:
        raise ValidationError("A value cannot be empty: write “-” where there is none.")
    if len(words) > 200:
        raise ValidationError(
            f"A value is too long: {len(words):,} characters, and the most allowed is 200."
        )
    match = _NUMBER.match(words)
    if match is None:
        if re.search(r"\d", words) and re.fullmatch(r"[\d.,£%\s-]+", words):
            raise ValidationError(
                f"“{words}” is not a number I can read (for example 25.6%, £1,200 or 12)."
            )
        return KpiValue(words, None, None)
    number = float(match["number"].replace(",", ""))
    unit = "£" if match["pound"] else (match["unit"] or None)
    if unit and unit.lower().startswith("day"):
        unit = "days"
    elif unit and unit.lower().startswith("hour"):
        unit = "hours"
    return KpiValue(words, number, unit)
