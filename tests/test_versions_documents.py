"""Two people at once on a programme's documents: a contact, an outcome, a recommendation,
a background paper, a cover sheet's field and a tracking date each meet another person's
change, said in words with nothing written; another field of the same row goes through (on a
file and on a server)."""

from __future__ import annotations

import pytest
import test_versions
from sqlalchemy import select
from test_versions import by_other, refused

from app.core.conflicts import Seen
from app.services import cover_sheet, documents
from app.store.models import Contact, Report, ReportTracking

pytestmark = pytest.mark.both_engines
plan = test_versions.plan  # the same programme, objective 2 and action 2.3


def test_a_row_of_each_document_list_meets_someone_elses_change(plan):
    db, programme, q1 = plan["db"], plan["programme"], plan["q1"]
    rows = {
        "contact": (documents.add_row(db, "contact", programme, {"name": "Jo Bloggs"}), "role"),
        "outcome": (documents.add_row(db, "outcome", programme, {"text": "Fewer calls"}), "target"),
        "recommendation": (
            documents.add_row(db, "recommendation", programme, {"number": "R1", "text": "Do it"}),
            "response",
        ),
        "background_paper": (
            documents.add_row(db, "background_paper", programme, {"title": "Audit"}, q1),
            "meeting",
        ),
    }
    ids = {name: change.ids[0] for name, (change, _field) in rows.items()}
    by_other(
        db,
        lambda o: [
            documents.edit_row(o, name, ids[name], field, "Priya's")
            for name, (_change, field) in rows.items()
        ],
    )
    shown = {"contact": "Jo Bloggs", "outcome": "Fewer calls", "recommendation": "R1"}
    shown["background_paper"] = "Audit"
    for name, (_change, field) in rows.items():
        what = documents.LISTS[name].what
        refused(
            db,
            lambda n=name, f=field: documents.edit_row(db, n, ids[n], f, "Mine", seen=Seen(None)),
            f"the {field} of the {what} “{shown[name]}”",
        )
    # another field of the contact: no conflict
    documents.edit_row(db, "contact", ids["contact"], "phone", "0161 000", seen=Seen(None))
    with db.reader() as session:
        contact = session.get(Contact, ids["contact"])
        assert (contact.role, contact.phone) == ("Priya's", "0161 000")


def test_a_cover_field_and_a_tracking_date_meet_someone_elses_change(plan):
    db, programme, q1 = plan["db"], plan["programme"], plan["q1"]
    cover_sheet.set_cover(db, programme, q1, "meeting", "Cabinet")

    def theirs(other):
        cover_sheet.set_cover(other, programme, q1, "meeting", "Scrutiny Panel")
        cover_sheet.set_tracking(other, programme, q1, "panel", "Sep 09")

    by_other(db, theirs)
    refused(
        db,
        lambda: cover_sheet.set_cover(
            db, programme, q1, "meeting", "Council", seen=Seen("Cabinet")
        ),
        "the meeting of the report for Quarter 1 2009/10",
    )
    refused(
        db,
        lambda: cover_sheet.set_tracking(db, programme, q1, "panel", "Oct 09", seen=Seen(None)),
        "the date for Panel of the report for Quarter 1 2009/10",
    )
    # the proper officer is another field of the report: no conflict
    cover_sheet.set_cover(db, programme, q1, "proper_officer", "Ann Other", seen=Seen(None))
    with db.reader() as session:
        report = session.scalars(select(Report)).one()
        assert (report.meeting, report.proper_officer) == ("Scrutiny Panel", "Ann Other")
        assert session.scalars(select(ReportTracking.written)).one() == "Sep 09"
