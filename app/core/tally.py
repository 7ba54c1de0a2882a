"""Judgements counted per category, and the percentages seed 002's Tables 1–2 print.

The summary text (app/read/summary.py) and the quarterly report's summary tables count
through here, so the two cannot disagree. Percentages are of the *judged* actions, rounded
half up to whole numbers as the document does; unjudged actions are counted apart, because
"not yet judged" is not the same as "?" (unknown).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from app.core.enums import Category


def percent(part: int, whole: int) -> int:
    if whole == 0:
        return 0
    exact = Decimal(part * 100) / Decimal(whole)
    return int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))


@dataclass(frozen=True)
class Tally:
    actions: int
    counts: dict[Any, int]  # per summary column (or category): only those with an action
    unjudged: int
    # Per glyph, for the nested counts of a two-level scheme: "6 in progress (3 green…)".
    glyphs: dict[str, int] = field(default_factory=dict, kw_only=True)

    @property
    def judged(self) -> int:
        return self.actions - self.unjudged

    def percent(self, key: Any) -> int:
        return percent(self.counts.get(key, 0), self.judged)


def tally_by(keys: Iterable[Hashable | None], glyphs: Iterable[str | None] = ()) -> Tally:
    """``keys``: each action's summary column (its name), None for an action not yet judged;
    ``glyphs``, where given: each action's glyph, for the counts within a rated column."""
    found = list(keys)
    counts = Counter(key for key in found if key is not None)
    per_glyph = Counter(glyph for glyph in glyphs if glyph is not None)
    return Tally(
        len(found), dict(counts), sum(1 for key in found if key is None), glyphs=dict(per_glyph)
    )


def tally(categories: Iterable[str | None]) -> Tally:
    """``categories``: each action's category (a :class:`Category` or the text the file
    stores), None for an action not yet judged."""
    found = list(categories)
    counts = Counter(Category(category) for category in found if category is not None)
    return Tally(len(found), dict(counts), sum(1 for category in found if category is None))


def glyph_counts(shown: Iterable[str | None], glyphs: Iterable[str]) -> tuple[dict[str, int], int]:
    """How many of ``shown`` (each measure's status, None for none) bear each of ``glyphs``,
    in their order, and how many bear none: the KPI summary of a period."""
    counted = Counter(shown)
    without = counted.pop(None, 0)
    return {glyph: counted.get(glyph, 0) for glyph in glyphs}, without
