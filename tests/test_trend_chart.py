"""The trend chart stays legible whatever it is given: no text drawn over another, none
cut off at the edges, in the window's size and the report's."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from PySide6.QtGui import QImage, QPainter

from app.core.kpi_units import format_number
from app.read.kpis import Series
from app.reports import chart


def quarter_end(year: int, quarter: int) -> dt.date:
    month, day = {1: (6, 30), 2: (9, 30), 3: (12, 31), 4: (3, 31)}[quarter]
    return dt.date(year + (quarter == 4), month, day)


def quarters(values: list[float], year: int = 2009) -> list[tuple[str, dt.date, float]]:
    found = []
    for n, value in enumerate(values):
        y, q = year + n // 4, n % 4 + 1
        found.append((f"Quarter {q} {y}/{(y + 1) % 100:02d}", quarter_end(y, q), value))
    return found


def targets(values: list[float]) -> list[tuple[dt.date, dt.date, float]]:
    return [
        (dt.date(2009 + n, 4, 1), dt.date(2010 + n, 3, 31), value) for n, value in enumerate(values)
    ]


WORDS = ["Baseline year", "On schedule", "Plan agreed by Cabinet in September " * 4, "Achieved"]
CASES = {
    "no values": Series("NI 3 Civic Participation", "%", [], targets([10, 11]), (2008, 14.0)),
    "one value": Series("NI 14 Avoidable Contact", "%", quarters([25.6]), [], None),
    "one value and a target": Series(
        "NI 14 Avoidable Contact", "%", quarters([25.6]), targets([19]), (2008, 24.7)
    ),
    "different magnitudes": Series(
        "Savings from channel shift",
        "£",
        quarters([0.5, 120_000, 3, 98_000, 250_000]),
        targets([100_000, 150_000]),
        (2008, 75_000.0),
    ),
    "many close values": Series(
        "NI 52i Take up of school lunches (primary)",
        "%",
        quarters([35.56, 36.1, 36.3, 36.2, 37, 38.1, 38, 39.9, 40.1, 40.3, 40.2, 41]),
        targets([40, 40, 40]),
        (2007, 43.54),
    ),
    "long labels": Series(
        "% of staff who state that any actions agreed in their personal development review "
        "have been carried out within the agreed timescales across every directorate",
        "days",
        [
            ("April to September 2011 (the first half of the year)", dt.date(2011, 9, 30), 12),
            ("October 2011 to March 2012 (the second half)", dt.date(2012, 3, 31), 14),
        ],
        [],
        None,
    ),
    "values in words and numbers": Series(
        "NI 3 Civic Participation",
        "%",
        [p for n, p in enumerate(quarters([9.5, 0, 11.2, 12, 12.5])) if n != 1],
        targets([10, 11]),
        (2008, 14.0),
        words=[("Quarter 2 2009/10", quarter_end(2009, 2), "data not available")],
    ),
    "values in words only": Series(
        "Deliver departmental efficiency savings",
        "text",
        [],
        [],
        None,
        words=[(label, end, WORDS[n % 4]) for n, (label, end, _v) in enumerate(quarters([0] * 12))],
    ),
    "a count of zeros": Series(
        "Complaints upheld by the Ombudsman", "count", quarters([0] * 3), [], None
    ),
    "below zero": Series("Change in rough sleepers", "count", quarters([-3, 2, -7, 5]), [], None),
}


@pytest.mark.parametrize("dpi", [72, 96, 120])  # a report image; a screen; a scaled screen
@pytest.mark.parametrize("size", [(1300, 220), (900, 360), (480, 200)])
@pytest.mark.parametrize("case", list(CASES))
def test_no_text_overprints_or_is_cut_off(case, size, dpi):
    width, height = size
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.setDotsPerMeterX(round(dpi / 0.0254))
    image.setDotsPerMeterY(round(dpi / 0.0254))
    painter = QPainter(image)
    drawn = chart.paint(painter, width, height, CASES[case])
    painter.end()
    assert drawn, "nothing was written"
    for rect, text in drawn:
        assert rect.left() >= -0.5 and rect.top() >= -0.5, (text, rect)
        assert rect.right() <= width + 0.5 and rect.bottom() <= height + 0.5, (text, rect)
    for (a, a_text), (b, b_text) in itertools.combinations(drawn, 2):
        assert not a.adjusted(0.5, 0.5, -0.5, -0.5).intersects(b), (a_text, a, b_text, b)


def test_what_each_case_shows():
    def texts(case: str, width: int = 900) -> list[str]:
        image = QImage(width, 360, QImage.Format.Format_RGB32)
        painter = QPainter(image)
        drawn = chart.paint(painter, width, 360, CASES[case])
        painter.end()
        return [text for _rect, text in drawn]

    assert "No actuals recorded yet" in texts("no values")
    assert {"25.6%", "Q1 2009/10"} <= set(texts("one value"))
    magnitudes = texts("different magnitudes")
    assert {"£0", "£250,000", "£0.5", "£120,000", "£3", "£98,000"} <= set(magnitudes)
    assert "2.5e+05£" not in magnitudes  # as the axis read before
    long = texts("long labels", 480)
    title = CASES["long labels"].title
    assert long[0].endswith("…") and len(long[0]) < len(title)  # shortened to fit
    assert "12 days" in long and "14 days" in long
    mixed = texts("values in words and numbers")
    assert "data not available" in mixed and "Actual in words" in mixed
    words = texts("values in words only")
    assert words[1] == "Actuals in words:"
    assert "Achieved" in words and "Q4 2011/12" in words
    assert texts("a count of zeros")[1:3] == ["0", "1"]  # whole numbers on a count's axis
    many = texts("many close values", 480)
    assert "41%" in many and "Q4 2011/12" in many  # the latest period's always show


def test_the_description_has_every_actual_in_order_with_its_unit():
    assert chart.describe(CASES["values in words and numbers"]) == (
        "NI 3 Civic Participation: actuals Quarter 1 2009/10 9.5%, Quarter 2 2009/10 data not "
        "available, Quarter 3 2009/10 11.2%, Quarter 4 2009/10 12%, Quarter 1 2010/11 12.5%. "
        "Targets 2009/10 10%, 2010/11 11%. National average (2008/09) 14%."
    )
    assert chart.describe(CASES["different magnitudes"]).startswith(
        "Savings from channel shift: actuals Quarter 1 2009/10 £0.5, Quarter 2 2009/10 £120,000,"
    )
    assert (
        chart.describe(CASES["no values"]) == "NI 3 Civic Participation: no actuals recorded yet."
    )


@pytest.mark.parametrize(
    ("number", "unit", "text"),
    [
        (1200, "£", "£1,200"),
        (-5, "£", "-£5"),
        (25.6, "%", "25.6%"),
        (1, "days", "1 day"),
        (12, "days", "12 days"),
        (0.52, "ratio", "0.52"),
        (250_000, "count", "250,000"),
        (0.52, None, "0.52"),
    ],
)
def test_numbers_are_written_in_their_unit(number, unit, text):
    assert format_number(number, unit) == text


@pytest.mark.parametrize(
    ("low", "high", "whole", "ticks"),
    [
        (0, 250_000, False, [0, 50_000, 100_000, 150_000, 200_000, 250_000]),
        (0, 43.54, False, [0, 10, 20, 30, 40, 50]),
        (-7, 5, False, [-7.5, -5, -2.5, 0, 2.5, 5]),
        (0, 0, True, [0, 1]),
        (0, 3, True, [0, 1, 2, 3]),
    ],
)
def test_the_axis_steps_are_round(low, high, whole, ticks):
    assert chart.nice_ticks(low, high, whole=whole) == ticks
