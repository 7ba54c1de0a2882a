"""Units are respected: a value that does not fit its indicator's unit is refused with a
sentence saying what to type, at the service and in the JSON import alike; an ambiguous one
is kept only when confirmed. And the set-up services: indicators and groups added, edited,
deleted and put back exactly."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from app.core.errors import ValidationError
from app.core.kpi_units import UnitQuestion, question, read_value
from app.core.kpi_values import parse_value
from app.interchange.programme_json import import_programme
from app.read.kpi_setup import GroupSpec, IndicatorSpec, YearValue, groups, indicator_detail
from app.reports import publication
from app.services import kpi_setup, kpis

from helpers import file_query

NI14_ACTUAL = (
    "SELECT r.actual_text, r.actual_number FROM kpi_result r JOIN indicator i "
    "ON i.id = r.indicator_id WHERE i.code = 'NI 14'"
)


def ids(db) -> tuple[int, int, int]:
    """NI 14's id, its programme's and the first quarter's."""
    with db.reader() as session:
        from app.store.models import Indicator, Period

        ni14 = session.query(Indicator).filter_by(code="NI 14").one()
        q1 = session.query(Period).filter_by(label="Quarter 1 2009/10").one()
        return ni14.id, ni14.programme_id, q1.id


@pytest.mark.parametrize(
    ("unit", "text", "message"),
    [
        (
            "%",
            "£1,200",
            "“£1,200” is money, but NI 14 is measured as a percentage: type a number such as "
            "25.6 or 25.6%.",
        ),
        (
            "%",
            "12 days",
            "“12 days” is a number of days, but NI 14 is measured as a percentage: type a "
            "number such as 25.6 or 25.6%.",
        ),
        (
            "£",
            "25%",
            "“25%” is a percentage, but NI 14 is measured in pounds: type an amount such as "
            "1200 or £1,200.",
        ),
        (
            "count",
            "3 weeks",
            "“3 weeks” is a number of weeks, but NI 14 is measured as a count: type a whole "
            "number such as 12.",
        ),
        (
            "days",
            "Baseline Year (£500)",
            "“Baseline Year (£500)” is money, but NI 14 is measured in days: type a number "
            "such as 12 or 12 days.",
        ),
        (
            "ratio",
            "52%",
            "“52%” is a percentage, but NI 14 is measured as a ratio: type a number such as 0.52.",
        ),
    ],
)
def test_a_value_in_another_unit_is_refused(unit, text, message):
    with pytest.raises(ValidationError) as caught:
        read_value(text, unit, "NI 14")
    assert str(caught.value) == message


@pytest.mark.parametrize(
    ("unit", "text"),
    [
        ("%", "25.6"),
        ("%", "25.6%"),
        ("£", "1200"),
        ("£", "£1,200"),
        ("days", "12"),
        ("days", "12 days"),
        ("count", "12"),
        ("ratio", "0.52"),
        ("%", "-"),
        ("%", "Baseline Year"),
        ("%", "data not available"),
        (None, "£1,200"),
        (None, "12 days"),
    ],
)
def test_bare_numbers_and_words_fit_every_unit(unit, text):
    assert read_value(text, unit, "NI 14").text == text


def test_ambiguous_values_are_asked_about():
    assert question(parse_value("0.52"), "%", "NI 14") == (
        "NI 14 is measured as a percentage, so “0.52” means 0.52%, not 52%. Keep it?"
    )
    assert question(parse_value("2.5"), "count", "“Complaints”") == (
        "“Complaints” is a count, and “2.5” is not a whole number. Keep it?"
    )
    assert question(parse_value("0.52%"), "%", "NI 14") is None  # written with its unit
    assert question(parse_value("52"), "%", "NI 14") is None
    assert question(parse_value("0.52"), "ratio", "NI 14") is None


def test_a_measure_in_words_takes_any_words_and_has_no_number():
    value = read_value("Achieved  ahead of plan", "text", "NI 14")
    assert (value.text, value.number) == ("Achieved ahead of plan", None)


def test_the_services_refuse_a_value_in_another_unit(demo, demo_path):
    ni14, _programme, q1 = ids(demo)
    with pytest.raises(ValidationError) as caught:
        kpis.set_result(demo, ni14, q1, "actual", "£1,200")
    assert str(caught.value) == (
        "“£1,200” is money, but NI 14 is measured as a percentage: type a number such as 25.6 "
        "or 25.6%."
    )
    with pytest.raises(ValidationError) as caught:
        kpis.set_yearly(demo, ni14, "target", 2010, "£1,200")
    assert str(caught.value).startswith("“£1,200” is money, but NI 14")
    assert file_query(demo_path, NI14_ACTUAL) == [("25.6%", 25.6)]


def test_an_ambiguous_value_is_kept_only_when_confirmed(demo, demo_path):
    ni14, _programme, q1 = ids(demo)
    with pytest.raises(UnitQuestion) as caught:
        kpis.set_result(demo, ni14, q1, "actual", "0.52")
    assert str(caught.value) == (
        "NI 14 is measured as a percentage, so “0.52” means 0.52%, not 52%. Keep it?"
    )
    assert file_query(demo_path, NI14_ACTUAL) == [("25.6%", 25.6)]
    kpis.set_result(demo, ni14, q1, "actual", "0.52", confirmed=True)
    assert file_query(demo_path, NI14_ACTUAL) == [("0.52", 0.52)]


def test_codes_are_unique_within_the_programme(demo):
    ni14, programme, _q1 = ids(demo)
    [(ni3,)] = file_query(demo.path, "SELECT id FROM indicator WHERE code = 'NI 3'")
    message = (
        "“NI 14” is already the code of “Avoidable Contact” in this programme: give this "
        "indicator a different code."
    )
    with pytest.raises(ValidationError) as caught:
        kpis.set_indicator_field(demo, ni3, "code", "ni  14")
    assert str(caught.value) == message
    with pytest.raises(ValidationError) as caught:
        kpi_setup.add_indicator(demo, programme, IndicatorSpec("NI 14", "Another"))
    assert str(caught.value) == message
    kpis.set_indicator_field(demo, ni14, "code", "NI 14 ")  # its own code is no clash


# --- the JSON import ---------------------------------------------------------------------------


def description(**kpi: Any) -> dict[str, Any]:
    indicator = {"code": "NI 14", "title": "Avoidable Contact", "polarity": "lower"} | kpi
    return {
        "name": "Units test",
        "quarters_for_years": [2009],
        "levels": ["Action"],
        "items": [{"title": "An action"}],
        "kpi_scheme": "Performance against target",
        "kpi_groups": [{"name": "National", "indicators": [indicator]}],
    }


@pytest.mark.both_engines
def test_the_import_refuses_a_value_in_another_unit(db):
    spec = description(
        unit="%", targets={"2009": "19%"}, results={"Quarter 1 2009/10": {"actual": "£1,200"}}
    )
    with pytest.raises(ValidationError) as caught:
        import_programme(db, spec)
    assert str(caught.value) == (
        "Programme “Units test”, indicator “NI 14”, actual Quarter 1 2009/10: “£1,200” is "
        "money, but NI 14 is measured as a percentage: type a number such as 25.6 or 25.6%."
    )


@pytest.mark.both_engines
def test_the_import_refuses_values_in_two_units_when_none_is_given(db):
    spec = description(targets={"2009": "19%"}, results={"Quarter 1 2009/10": {"actual": "£1,200"}})
    with pytest.raises(ValidationError) as caught:
        import_programme(db, spec)
    assert str(caught.value) == (
        "Programme “Units test”, indicator “NI 14”: its values are in different units (“19%” "
        "is a percentage, “£1,200” is money): say which it is measured in with “unit”, and "
        "write its values in that unit."
    )


@pytest.mark.both_engines
def test_the_import_refuses_an_unknown_unit_and_a_repeated_code(db):
    with pytest.raises(ValidationError) as caught:
        import_programme(db, description(unit="furlongs"))
    assert str(caught.value) == (
        "Programme “Units test”, indicator “NI 14”: “furlongs” is not a unit an indicator can "
        "be measured in: choose %, count, days, £, ratio or text."
    )
    twice = description()
    twice["kpi_groups"][0]["indicators"].append({"code": "ni 14", "title": "Again"})
    with pytest.raises(ValidationError) as caught:
        import_programme(db, twice)
    assert str(caught.value) == (
        "Programme “Units test”, indicator “ni 14”: “ni 14” is already the code of “Avoidable "
        "Contact” in this programme: give this indicator a different code."
    )


def test_the_import_keeps_units_given_and_found(db):
    spec = description(unit="text", targets={"2009": "Fewer calls than last year"})
    spec["kpi_groups"][0]["indicators"].append(
        {"code": "NI 195", "title": "Street cleanliness", "targets": {"2009": "12%", "2010": "10"}}
    )
    import_programme(db, spec)
    rows = file_query(
        db.path,
        "SELECT i.code, i.unit, t.value_text, t.value_number FROM indicator i "
        "JOIN kpi_target t ON t.indicator_id = i.id ORDER BY i.position, t.financial_year",
    )
    assert rows == [
        ("NI 14", "text", "Fewer calls than last year", None),
        ("NI 195", "%", "12%", 12.0),
        ("NI 195", "%", "10", 10.0),
    ]


def test_the_demo_still_imports_with_its_units(demo_path):
    units = dict(file_query(demo_path, "SELECT code, unit FROM indicator WHERE code LIKE 'NI%'"))
    assert units == {code: "%" for code in units} and len(units) == 8


# --- the set-up services -----------------------------------------------------------------------


def detail(db, indicator_id):
    with db.reader() as session:
        return indicator_detail(session, indicator_id)


def test_add_then_delete_and_restore_with_the_same_ids(demo, demo_path):
    _ni14, programme, q1 = ids(demo)
    spec = IndicatorSpec(
        "NI 195",
        "Street cleanliness",
        "Street Scene Manager",
        "%",
        "lower",
        None,
        {2009: YearValue("12%"), 2010: YearValue("10")},
        {2008: YearValue("11.5%")},
    )
    added = kpi_setup.add_indicator(demo, programme, spec)
    new_id = added.ids[0]
    assert added.new == spec
    assert detail(demo, new_id).spec == spec
    kpis.set_result(demo, new_id, q1, "actual", "11%")
    tables = ("indicator", "kpi_target", "kpi_national_average", "kpi_result")

    def rows() -> dict[str, list[tuple]]:
        column = {"indicator": "id"}
        return {
            t: file_query(
                demo_path, f"SELECT * FROM {t} WHERE {column.get(t, 'indicator_id')} = ?", new_id
            )
            for t in tables
        }

    before = rows()
    assert [len(before[t]) for t in tables] == [1, 2, 1, 1]
    deleted = kpi_setup.delete_indicator(demo, new_id)
    assert all(not found for found in rows().values())
    kpi_setup.restore_indicator(demo, deleted.old)
    assert rows() == before


@pytest.mark.both_engines
def test_deleting_is_refused_when_a_result_is_in_a_published_period(demo):

    ni14, _programme, q1 = ids(demo)
    publication.publish_period(demo, q1)
    with pytest.raises(ValidationError) as caught:
        kpi_setup.delete_indicator(demo, ni14)
    assert str(caught.value) == (
        "NI 14 has a result in Quarter 1 2009/10, which is published: reopen the period "
        "before deleting the indicator."
    )


def test_editing_as_a_whole_and_back(demo, demo_path):
    ni14, _programme, _q1 = ids(demo)
    old = detail(demo, ni14).spec
    new = dataclasses.replace(old, unit="text", targets={2009: YearValue("Fewer calls", None)})
    change = kpi_setup.update_indicator(demo, ni14, new)
    assert change.old == old and change.new == new
    assert change.fields == frozenset({"unit", "targets"})
    assert file_query(demo_path, NI14_ACTUAL) == [("25.6%", None)]  # words now: no number
    kpi_setup.update_indicator(demo, ni14, old, confirmed=True)
    assert detail(demo, ni14).spec == old
    assert file_query(demo_path, NI14_ACTUAL) == [("25.6%", 25.6)]


@pytest.mark.both_engines
def test_the_unit_cannot_change_while_a_kept_value_does_not_fit(demo):
    ni14, _programme, _q1 = ids(demo)
    old = detail(demo, ni14).spec
    with pytest.raises(ValidationError) as caught:
        kpi_setup.update_indicator(
            demo, ni14, dataclasses.replace(old, unit="£", targets={}, national_averages={})
        )
    assert str(caught.value) == (
        "NI 14 cannot be measured in pounds while its annual actual for 2008/09 is “24.3%”: "
        "change that value first."
    )
    with pytest.raises(ValidationError) as caught:
        kpi_setup.update_indicator(demo, ni14, dataclasses.replace(old, unit="£"))
    assert str(caught.value) == (
        "The target for 2009/10: “19%” is a percentage, but NI 14 is measured in pounds: type "
        "an amount such as 1200 or £1,200."
    )
    assert detail(demo, ni14).spec == old


@pytest.mark.both_engines
def test_groups_added_moved_and_deleted_with_their_contents_put_back(demo):
    _ni14, programme, _q1 = ids(demo)

    def tree():
        with demo.reader() as session:
            return [
                (g.name, g.parent_id, g.depth, g.indicators, g.subgroups)
                for g in groups(session, programme)
            ]

    before = tree()
    added = kpi_setup.add_group(demo, programme, GroupSpec("Street scene", "local", 1))
    assert tree()[-1] == ("Street scene", 1, 1, 0, 0)
    with pytest.raises(ValidationError) as caught:
        kpi_setup.edit_group(demo, 1, GroupSpec("Priority", None, added.ids[0]))
    assert str(caught.value) == "A group cannot be inside itself or one of its own subgroups."
    with pytest.raises(ValidationError) as caught:
        kpi_setup.add_group(demo, programme, GroupSpec("Wrong", "regional"))
    assert str(caught.value) == (
        "“regional” is not a group category: choose laa, national or local, or none."
    )
    with pytest.raises(ValidationError) as caught:
        kpi_setup.add_group(demo, programme, GroupSpec("  "))
    assert str(caught.value) == "The group’s name cannot be empty."
    deleted = kpi_setup.delete_group(demo, 1)  # the top group: its three move up
    assert [row[:3] for row in tree()] == [
        ("LAA Indicators", None, 0),
        ("Other key National Indicators", None, 0),
        ("Key Local Indicators", None, 0),
        ("Street scene", None, 0),
    ]
    kpi_setup.restore_group(demo, deleted.old)
    kpi_setup.delete_group(demo, added.ids[0])
    assert tree() == before
