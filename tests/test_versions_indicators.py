"""Two people at once on an indicator: a status set by hand and the set-up fields (code,
measure, responsibility, polarity) meet another person's change, said in words with nothing
written; another field of the same row goes through (on a file and on a server)."""

from __future__ import annotations

import pytest
import test_versions
from test_versions import by_other, last_change, said

from app.core.conflicts import Seen
from app.core.errors import ConflictError
from app.read.kpi_setup import IndicatorSpec
from app.services import kpi_setup, kpis
from app.store.models import Indicator, KpiResult

pytestmark = pytest.mark.both_engines
plan = test_versions.plan  # the same programme, objective 2 and action 2.3


@pytest.fixture
def indicator(plan):
    spec = IndicatorSpec(code="NI 14", title="Avoidable contact")
    return kpi_setup.add_indicator(plan["db"], plan["programme"], spec).ids[0]


def glyphs(db, programme):
    from app.read.queries import symbols

    with db.reader() as session:
        return [s.glyph for s in symbols(session, programme, "kpi")]


def test_a_status_set_by_someone_else_is_a_conflict(plan, indicator):
    db, q1 = plan["db"], plan["q1"]
    red, green = glyphs(db, plan["programme"])[:2]
    by_other(db, lambda o: kpis.set_status_override(o, indicator, q1, red, "A plan is in place"))
    logged = last_change(db).id
    with pytest.raises(ConflictError) as raised:
        kpis.set_status_override(db, indicator, q1, green, "Mine", seen=Seen((None, None)))
    assert str(raised.value) == said(db, "the status of NI 14")
    assert raised.value.theirs == (red, "A plan is in place")
    assert (raised.value.indicator_id, last_change(db).id) == (indicator, logged)
    # the actual is another field of the same row: it goes through
    kpis.set_result(db, indicator, q1, "comment", "Mine", seen=Seen(None))
    with db.reader() as session:
        row = session.query(KpiResult).one()
        assert (row.status_reason, row.comment) == ("A plan is in place", "Mine")


def test_a_status_on_a_row_whose_comment_someone_changed_is_no_conflict(plan, indicator):
    db, q1 = plan["db"], plan["q1"]
    red = glyphs(db, plan["programme"])[0]
    by_other(db, lambda o: kpis.set_result(o, indicator, q1, "comment", "Priya's"))
    kpis.set_status_override(db, indicator, q1, red, "Mine", seen=Seen((None, None)))


def test_an_indicators_set_up_changed_by_someone_else_is_a_conflict(plan, indicator):
    db = plan["db"]
    by_other(db, lambda o: kpis.set_indicator_field(o, indicator, "title", "Calls avoided"))
    logged = last_change(db).id
    with pytest.raises(ConflictError) as raised:
        kpis.set_indicator_field(
            db, indicator, "title", "Mine", seen=Seen("Avoidable contact", version=1)
        )
    assert str(raised.value) == said(db, "the title of NI 14")
    assert last_change(db).id == logged
    # the code is another field: no conflict
    kpis.set_indicator_field(db, indicator, "code", "NI 15", seen=Seen("NI 14", version=1))
    by_other(db, lambda o: kpis.set_indicator_field(o, indicator, "responsibility", "Priya"))
    with pytest.raises(ConflictError) as raised:
        kpis.set_indicator_field(db, indicator, "responsibility", "Rachel", seen=Seen(None))
    assert str(raised.value) == said(db, "the responsibility of NI 15")
    with db.reader() as session:
        assert session.get(Indicator, indicator).title == "Calls avoided"


def spec_of(db, indicator):
    from app.read.kpi_setup import indicator_detail

    with db.reader() as session:
        detail = indicator_detail(session, indicator)
        assert detail is not None
        return detail.spec


def test_the_indicator_editors_form_meets_someone_elses_change(plan, indicator):
    import dataclasses

    from app.read.kpi_setup import YearValue

    db = plan["db"]
    shown = spec_of(db, indicator)  # the form as the editor opened it
    by_other(db, lambda o: kpis.set_yearly(o, indicator, "target", 2009, "90", confirmed=True))
    mine = dataclasses.replace(shown, title="Avoidable contact (all calls)")
    logged = last_change(db).id
    with pytest.raises(ConflictError) as raised:
        kpi_setup.update_indicator(db, indicator, mine, confirmed=True, seen=Seen(shown))
    assert str(raised.value) == said(db, "the targets of NI 14")
    assert last_change(db).id == logged
    assert spec_of(db, indicator).targets == {2009: YearValue("90", None)}
    # Keep Mine: the form saved over theirs; what it leaves is what its undo expects
    raised.value.seen.rebase(raised.value.theirs)
    change = kpi_setup.update_indicator(db, indicator, mine, confirmed=True, seen=raised.value.seen)
    assert change.new == spec_of(db, indicator)
    kpi_setup.update_indicator(db, indicator, change.old, confirmed=True, seen=Seen(change.new))
    assert spec_of(db, indicator).title == "Avoidable contact"


def test_an_indicator_groups_editor_meets_someone_elses_rename(plan):
    from app.read.kpi_setup import GroupSpec

    db = plan["db"]
    group = kpi_setup.add_group(db, plan["programme"], GroupSpec("LAA Indicators")).ids[0]
    shown = ("LAA Indicators", None, None)  # name, category and parent as the editor opened
    by_other(db, lambda o: kpi_setup.edit_group(o, group, GroupSpec("LAA")))
    logged = last_change(db).id
    with pytest.raises(ConflictError) as raised:
        kpi_setup.edit_group(db, group, GroupSpec("Local Area Agreement"), seen=Seen(shown))
    assert str(raised.value) == said(db, "the group “LAA Indicators”")
    assert last_change(db).id == logged
    # Keep Mine: saved over theirs
    raised.value.seen.rebase(raised.value.theirs)
    kpi_setup.edit_group(db, group, GroupSpec("Local Area Agreement"), seen=raised.value.seen)
