"""Status against target and KPI values: both polarities, tolerance edges, words, no data."""

import pytest

from app.core.enums import Category
from app.core.errors import ValidationError
from app.core.kpi_status import Status, status, symbol_for
from app.core.kpi_values import parse_value
from app.core.travel import indicator_direction, judgement_direction, travel


@pytest.mark.parametrize(
    ("actual", "target", "polarity", "expected"),
    [
        (45.0, 40.0, "higher", Status.ON_TARGET),
        (40.0, 40.0, "higher", Status.ON_TARGET),  # meeting the target is on target
        (38.0, 40.0, "higher", Status.WITHIN_TOLERANCE),  # 5.0% short: the edge is inside
        (37.99, 40.0, "higher", Status.BEYOND_TOLERANCE),  # just past 5%
        (35.56, 40.0, "higher", Status.BEYOND_TOLERANCE),  # NI 52i at quarter 1
        (18.0, 19.0, "lower", Status.ON_TARGET),
        (19.0, 19.0, "lower", Status.ON_TARGET),
        (19.95, 19.0, "lower", Status.WITHIN_TOLERANCE),  # 5.0% over a lower-is-better target
        (19.96, 19.0, "lower", Status.BEYOND_TOLERANCE),
        (25.6, 19.0, "lower", Status.BEYOND_TOLERANCE),  # NI 14 at quarter 1
        (None, 40.0, "higher", Status.NO_DATA),
        (30.0, None, "higher", Status.NO_TARGET),  # target in words: "Baseline Year"
        (30.0, 40.0, None, Status.NO_TARGET),  # polarity unknown
        (-1.0, 0.0, "higher", Status.BEYOND_TOLERANCE),  # a zero target still judges
    ],
)
def test_status_rules(actual, target, polarity, expected):
    assert status(actual, target, polarity).status == expected


def test_tolerance_is_the_programmes():
    assert status(36.0, 40.0, "higher", tolerance_percent=10).status == Status.WITHIN_TOLERANCE
    assert status(36.0, 40.0, "higher", tolerance_percent=0).status == Status.BEYOND_TOLERANCE
    assert status(40.0, 40.0, "higher", tolerance_percent=0).status == Status.ON_TARGET
    assert round(status(35.56, 40.0, "higher").shortfall_percent, 1) == 11.1


@pytest.mark.parametrize(
    ("before", "after", "polarity", "expected"),
    [
        (39.43, 35.56, "higher", "worse"),
        (24.3, 25.6, "lower", "worse"),
        (25.6, 24.3, "lower", "improved"),
        (40.0, 40.0, "higher", "same"),
        (None, 40.0, "higher", None),
        (1.0, 2.0, None, None),
    ],
)
def test_direction_of_travel(before, after, polarity, expected):
    assert indicator_direction(before, after, polarity) == expected


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        (Category.BEHIND, Category.ON_TRACK, "improved"),
        (Category.ON_TRACK, Category.COMPLETED, "improved"),
        (Category.COMPLETED, Category.BEHIND, "worse"),
        (Category.ON_TRACK, Category.ON_TRACK, "same"),
        (Category.UNKNOWN, Category.ON_TRACK, None),  # "unknown" is not on the ladder
        (None, Category.BEHIND, None),
    ],
)
def test_direction_of_a_judgement(before, after, expected):
    assert judgement_direction(before, after) == expected


def test_both_directions_read_a_change_the_same_way():
    assert [travel(g) for g in (2, 1e-12, -0.5)] == ["improved", "same", "worse"]


def test_statuses_map_onto_the_four_level_key():
    key = [
        ("●", Category.ON_TRACK),
        ("◆", Category.BEHIND),
        ("▲", Category.BEHIND),
        ("○", Category.UNKNOWN),
    ]
    assert [symbol_for(s, key) for s in Status] == ["●", "◆", "▲", "○", None]
    rag = [
        ("B", Category.COMPLETED),
        ("G", Category.ON_TRACK),
        ("A", Category.BEHIND),
        ("R", Category.BEHIND),
    ]
    assert symbol_for(Status.NO_DATA, rag) is None


@pytest.mark.parametrize(
    ("text", "number", "unit"),
    [
        ("25.6%", 25.6, "%"),
        ("£1,200", 1200.0, "£"),
        ("12 days", 12.0, "days"),
        ("0.52", 0.52, None),
        ("-3", -3.0, None),
        ("Baseline Year", None, None),
        ("Baseline year", None, None),
        ("Baseline Year (80%)", None, None),
        ("-", None, None),
        ("data not available", None, None),
        ("Data not available", None, None),
    ],
)
def test_values_as_councils_write_them(text, number, unit):
    value = parse_value(text)
    assert (value.text, value.number, value.unit) == (text, number, unit)


@pytest.mark.parametrize("text", ["12%%", "abc", "25.6 %%", "Baseline Year (soon)", "1.2.3"])
def test_bad_values_are_refused(text):
    with pytest.raises(ValidationError) as caught:
        parse_value(text)
    assert str(caught.value) == (
        f"“{text}” is not a value I can read: write a number with its unit (25.6%, £1,200, "
        "12 days, 0.52) or one of: Baseline Year, data not available, not applicable, TBC, or "
        "“-” for none."
    )


def test_empty_and_huge_values():
    with pytest.raises(ValidationError, match="cannot be empty"):
        parse_value("  ")
    with pytest.raises(ValidationError, match="too long: 100,000 characters"):
        parse_value("9" * 100_000)
