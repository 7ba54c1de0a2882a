"""Direction of travel between two periods: "improved", "same" or "worse".

One rule for a judgement (the arrows of an item's history) and for an indicator (the
indicators view's columns since last period and since last year): the change is measured so
that better is positive, and its sign gives the word (:func:`travel`). Only the measure
differs, so it is two functions over that one: a judgement's change is a step on the ladder
behind → on track → completed ("unknown" is not on it, so says nothing); an indicator's is
the change in its actual, turned round when lower is better.
"""

from __future__ import annotations

from app.core.enums import Category

# A change smaller than this is none: actuals are floats, and 0.1 + 0.2 is not quite 0.3.
_SAME = 1e-9
_RANK = {Category.BEHIND: 0, Category.ON_TRACK: 1, Category.COMPLETED: 2}


def travel(gain: float) -> str:
    """The word for a change of ``gain``, positive when it is for the better."""
    if abs(gain) < _SAME:
        return "same"
    return "improved" if gain > 0 else "worse"


def judgement_direction(before: Category | None, after: Category | None) -> str | None:
    """Between two judgements' categories; None if either is unknown or not yet judged."""
    if before not in _RANK or after not in _RANK:
        return None
    return travel(_RANK[after] - _RANK[before])


def indicator_direction(
    before: float | None, after: float | None, polarity: str | None
) -> str | None:
    """Between two actuals; None if either is missing or the polarity is not known."""
    if before is None or after is None or polarity not in ("higher", "lower"):
        return None
    return travel(after - before if polarity == "higher" else before - after)
