import datetime as dt
import re

import pytest

from app.core.dates import derive_due, format_date, parse_date
from app.core.enums import DuePrecision
from app.core.errors import ValidationError
from app.core.periods import financial_year_of, quarter_dates, quarter_label, quarters_of


def test_format_date_is_british_long_form():
    assert format_date(dt.date(2009, 8, 17)) == "17 August 2009"
    assert format_date(dt.date(2011, 12, 9)) == "9 December 2011"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("17 August 2009", dt.date(2009, 8, 17)),
        ("17th August 2009", dt.date(2009, 8, 17)),
        ("17 Aug 09", dt.date(2009, 8, 17)),
        ("17/08/2009", dt.date(2009, 8, 17)),
        ("2009-08-17", dt.date(2009, 8, 17)),
    ],
)
def test_parse_date(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("31 February 2010", "“31 February 2010” is not a real date."),
        ("30/02/2010", "“30/02/2010” is not a real date."),
        (
            "17 August 20009",
            "“17 August 20009” is not a plausible date: years from 1900 to 2100 are accepted.",
        ),
        (
            "1 January 1066",
            "“1 January 1066” is not a plausible date: years from 1900 to 2100 are accepted.",
        ),
        ("next Tuesday", "“next Tuesday” is not a date I can read. Write it as 17 August 2009."),
        ("  ", "Please enter a date, such as 17 August 2009."),
    ],
)
def test_parse_date_refuses_bad_dates_with_exact_message(text, message):
    with pytest.raises(ValidationError) as caught:
        parse_date(text)
    assert str(caught.value) == message


@pytest.mark.parametrize(
    ("words", "date", "precision"),
    [
        ("Sep 09", dt.date(2009, 9, 30), DuePrecision.MONTH),
        ("March 2010", dt.date(2010, 3, 31), DuePrecision.MONTH),
        ("Sept 2009", dt.date(2009, 9, 30), DuePrecision.MONTH),
        ("Autumn 09", dt.date(2009, 11, 30), DuePrecision.SEASON),
        ("Summer 09", dt.date(2009, 8, 31), DuePrecision.SEASON),
        ("Winter 2009", dt.date(2010, 2, 28), DuePrecision.SEASON),
        ("2010/11", dt.date(2011, 3, 31), DuePrecision.FINANCIAL_YEAR),
        ("Accreditation 2010/11", dt.date(2011, 3, 31), DuePrecision.FINANCIAL_YEAR),
        ("Quarter 3 2009/10", dt.date(2009, 12, 31), DuePrecision.QUARTER),
        ("15 April 2005", dt.date(2005, 4, 15), DuePrecision.DAY),
        ("April –June 2009", dt.date(2009, 6, 30), DuePrecision.MONTH),
        ("June / July 2009", dt.date(2009, 7, 31), DuePrecision.MONTH),
        ("Aug/Sep 2009", dt.date(2009, 9, 30), DuePrecision.MONTH),
        ("May 2009 – April 2010", dt.date(2010, 4, 30), DuePrecision.MONTH),
        ("April 2009 - 2010", dt.date(2010, 4, 30), DuePrecision.MONTH),
        ("2011", dt.date(2011, 12, 31), DuePrecision.YEAR),
        ("TBD as project develops", None, DuePrecision.NONE),
        ("tba", None, DuePrecision.NONE),
        ("", None, DuePrecision.NONE),
    ],
)
def test_derive_due_keeps_words_and_finds_last_day(words, date, precision):
    due = derive_due(words)
    assert (due.date, due.precision) == (date, precision)


def test_derive_due_refuses_impossible_explicit_date():
    with pytest.raises(ValidationError, match=re.escape("“30 February 2010” is not a real date.")):
        derive_due("30 February 2010")


def test_uk_financial_year_quarters():
    assert quarter_label(2009, 1) == "Quarter 1 2009/10"
    assert quarter_dates(2009, 1) == (dt.date(2009, 4, 1), dt.date(2009, 6, 30))
    assert quarter_dates(2009, 4) == (dt.date(2010, 1, 1), dt.date(2010, 3, 31))
    assert quarter_label(1999, 4) == "Quarter 4 1999/00"
    assert [q[0] for q in quarters_of(2011)][-1] == "Quarter 4 2011/12"
    assert financial_year_of(dt.date(2010, 3, 31)) == 2009
    assert financial_year_of(dt.date(2010, 4, 1)) == 2010


def test_a_date_typed_day_first_with_slashes_is_that_day():
    """Trackers type due dates as 31/03/2026: the UK's day-first order."""
    from app.core.dates import derive_due

    assert derive_due("31/03/2026").date == dt.date(2026, 3, 31)
    assert derive_due("1/4/25").date == dt.date(2025, 4, 1)
    with pytest.raises(ValidationError) as caught:
        derive_due("31/02/2026")
    assert str(caught.value) == "“31/02/2026” is not a real date."
