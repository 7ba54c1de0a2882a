"""Status against target for key performance indicators (direction of travel is in
app/core/travel.py, one rule with that of judgements).

The formula knows actual, target, polarity and the programme's tolerance. It does not know
whether an improvement plan is in place, which seed 002's key distinguishes; so it gives one
of four results, the programme's KPI scheme maps them onto symbols, and the manager can
override the symbol with a reason.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from app.core.enums import Category

DEFAULT_TOLERANCE_PERCENT = 5.0


class Status(enum.StrEnum):
    ON_TARGET = "on target"
    WITHIN_TOLERANCE = "off target, within tolerance"
    BEYOND_TOLERANCE = "off target, beyond tolerance"
    NO_DATA = "no data"
    NO_TARGET = "no numeric target"


@dataclass(frozen=True)
class Judged:
    status: Status
    shortfall_percent: float | None  # how far short of target, as % of the target


def status(
    actual: float | None,
    target: float | None,
    polarity: str | None,
    tolerance_percent: float = DEFAULT_TOLERANCE_PERCENT,
) -> Judged:
    """``polarity``: "higher" or "lower" is better; None means the rule cannot be applied.

    On target when the actual meets or beats the target. Off target within tolerance when
    it misses by no more than ``tolerance_percent`` of the target (inclusive); beyond that,
    off target beyond tolerance.
    """
    if actual is None:
        return Judged(Status.NO_DATA, None)
    if target is None or polarity not in ("higher", "lower"):
        return Judged(Status.NO_TARGET, None)
    short = (target - actual) if polarity == "higher" else (actual - target)
    if short <= 0:
        return Judged(Status.ON_TARGET, 0.0)
    scale = abs(target) if target else 1.0
    shortfall = 100.0 * short / scale
    if shortfall <= tolerance_percent + 1e-9:
        return Judged(Status.WITHIN_TOLERANCE, shortfall)
    return Judged(Status.BEYOND_TOLERANCE, shortfall)


def symbol_for(judged: Status, symbols: list[tuple[str, Category]]) -> str | None:
    """Map a status onto a scheme, given its (glyph, category) in scheme order: on target →
    the first on-track symbol; within tolerance → the first behind symbol; beyond → the last
    behind symbol; no data → the unknown symbol; no numeric target → none."""
    on_track = [g for g, c in symbols if c == Category.ON_TRACK]
    behind = [g for g, c in symbols if c == Category.BEHIND]
    unknown = [g for g, c in symbols if c == Category.UNKNOWN]
    if judged == Status.ON_TARGET:
        return on_track[0] if on_track else None
    if judged == Status.WITHIN_TOLERANCE:
        return behind[0] if behind else None
    if judged == Status.BEYOND_TOLERANCE:
        return behind[-1] if behind else None
    if judged == Status.NO_DATA:
        return unknown[0] if unknown else None
    return None
