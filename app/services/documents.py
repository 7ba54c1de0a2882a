"""The lists a programme's reports print besides its tree: a period's cover-sheet fields and
sections, the plan's own sections, contacts, key outcomes, kinds of objective and scrutiny
recommendations. Each is added, edited, moved and removed by the same four operations, one
undoable step each, because each is the same thing: rows kept in document order by
``position`` within one owner (the programme, or one period's report record).

A removed row comes back with its id and in its place (:func:`restore_row`), so the steps
after it in the undo history still find it; a kind of objective comes back on the items
that were of it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, insert, select, update

from app.core.conflicts import Seen
from app.core.cover_grid import DATE_TEXT_LIMIT, date_as_written
from app.core.errors import ValidationError
from app.core.validation import NAME_LIMIT, TEXT_LIMIT, clean_text
from app.services.context import Change, Op, get, operation
from app.services.cover_sheet import check_report_open, report_for, report_snapshot
from app.services.seen import check_field
from app.services.settings import RECOMMENDATION_FIELDS
from app.store.database import Database
from app.store.models import (
    BackgroundPaper,
    Contact,
    Item,
    ItemKind,
    Outcome,
    Period,
    Programme,
    Recommendation,
    Report,
    ReportField,
    ReportTracking,
    Section,
    bumped,
)

Snapshot = dict[str, Any]


@dataclass(frozen=True)
class Rule:
    """How one text field is checked: its name in messages, its limit, whether it may be
    empty, and what a column that cannot be NULL holds when it is (``""``)."""

    label: str
    limit: int
    required: bool = False
    empty: str | None = None

    def check(self, value: Any) -> str | None:
        text = clean_text(value, self.label, limit=self.limit, required=self.required)
        return self.empty if text is None else text


@dataclass(frozen=True)
class DocumentList:
    name: str  # the change log's entity, and how the window names the list
    model: Any
    what: str  # one row, as a message or an undo entry names it
    rules: Mapping[str, Rule]
    owner: tuple[str, ...]  # the columns whose values make one ordered list
    shown: str  # the field a row is named by in the change log


# The limits are those of the programme JSON import (app/interchange/document_rows.py), so a
# value typed here could also have been imported, and the other way round.
LISTS = {
    d.name: d
    for d in (
        DocumentList(
            "report_field",
            ReportField,
            "cover-sheet field",
            {
                "label": Rule("The label", TEXT_LIMIT, required=True),
                "value": Rule("The value", TEXT_LIMIT, empty=""),
            },
            ("report_id",),
            "label",
        ),
        DocumentList(
            "background_paper",
            BackgroundPaper,
            "background paper",
            {
                "title": Rule("The title of the document", TEXT_LIMIT, required=True),
                "meeting": Rule("The meeting it went to", NAME_LIMIT),
                "written_date": Rule("The date of the meeting", DATE_TEXT_LIMIT),
                "available_from": Rule("Where a copy is available", TEXT_LIMIT),
            },
            ("report_id",),
            "title",
        ),
        DocumentList(
            "section",
            Section,
            "section",
            {
                "heading": Rule("The heading", 500, required=True),
                "text": Rule("The text", TEXT_LIMIT, empty=""),
            },
            ("programme_id", "report_id"),
            "heading",
        ),
        DocumentList(
            "contact",
            Contact,
            "contact",
            {
                "name": Rule("The name", NAME_LIMIT, required=True),
                "role": Rule("The role", NAME_LIMIT),
                "phone": Rule("The telephone number", 50),
                "email": Rule("The email address", NAME_LIMIT),
            },
            ("programme_id",),
            "name",
        ),
        DocumentList(
            "outcome",
            Outcome,
            "outcome",
            {
                "text": Rule("The outcome", TEXT_LIMIT, required=True),
                "target": Rule("The target", 500),
            },
            ("programme_id",),
            "text",
        ),
        DocumentList(
            "item_kind",
            ItemKind,
            "kind of objective",
            {
                "name": Rule("The kind’s name", 200, required=True),
                "plural": Rule("The plural", 200, required=True),
            },
            ("programme_id",),
            "name",
        ),
        DocumentList(
            "recommendation",
            Recommendation,
            "recommendation",
            {
                field: Rule(label, limit, required)
                for field, (label, limit, required) in RECOMMENDATION_FIELDS.items()
            },
            ("programme_id",),
            "number",
        ),
    )
}
PERIOD_FIELD = "period_id"  # a recommendation's period: chosen, not typed
# The lists of a period's report record, and those that may also be the programme's own.
REPORT_LISTS = ("report_field", "background_paper")
PERIOD_LISTS = (*REPORT_LISTS, "section")


def _list(name: str) -> DocumentList:
    if name not in LISTS:
        raise ValueError(f"not a document list: {name}")
    return LISTS[name]


def _check(op: Op, doc: DocumentList, row: Any, field: str, value: Any) -> Any:
    """The value ``field`` of ``row`` will hold, checked; ``row`` is new when its id is None."""
    if doc.name == "recommendation" and field == PERIOD_FIELD:
        if value is None:
            return None
        period = get(op.session, Period, int(value), "period")
        if period.programme_id != row.programme_id:
            raise ValidationError(f"{period.label} is not a period of this programme.")
        return period.id
    if field not in doc.rules:
        raise ValueError(f"not a field of {doc.name}: {field}")
    value = doc.rules[field].check(value)
    if doc.name == "item_kind" and field == "name":
        clash = op.session.scalar(
            select(ItemKind.id).where(
                ItemKind.programme_id == row.programme_id,
                func.lower(ItemKind.name) == value.lower(),
                ItemKind.id != (row.id or 0),
            )
        )
        if clash is not None:
            raise ValidationError(f"There is already a kind of objective called “{value}”.")
    if doc.name == "contact" and field == "email" and value and "@" not in value:
        raise ValidationError(
            f"“{value}” is not an email address: write it as name@council.gov.uk."
        )
    return value


def _siblings(op: Op, doc: DocumentList, owner: Mapping[str, Any]) -> list[Any]:
    """The rows of one list in their order (``owner``: the values of ``doc.owner``)."""
    model = doc.model
    where = [
        getattr(model, c).is_(None) if owner[c] is None else getattr(model, c) == owner[c]
        for c in doc.owner
    ]
    return list(op.session.scalars(select(model).where(*where).order_by(model.position, model.id)))


def _owner_of(doc: DocumentList, row: Any) -> dict[str, Any]:
    return {c: getattr(row, c) for c in doc.owner}


def _snapshot(row: Any) -> Snapshot:
    return {c.key: getattr(row, c.key) for c in type(row).__table__.columns}


def _columns(doc: DocumentList) -> set[str]:
    return {c.key for c in doc.model.__table__.columns}


def _fetch(op: Op, doc: DocumentList, row_id: int) -> Any:
    """The row, with the change log filed under its programme; a row of a period's report
    may change only while the period is open."""
    row = get(op.session, doc.model, row_id, doc.what)
    report_id = getattr(row, "report_id", None)
    if report_id is not None:
        check_report_open(op, report_id)
    else:
        op.programme_id = row.programme_id
    return row


def add_row(
    db: Database,
    name: str,
    programme_id: int,
    values: Mapping[str, Any],
    period_id: int | None = None,
) -> Change:
    """A new row at the end of its list. Fields of a cover sheet, and sections when a period
    is given, go in that period's report record, made now if it has none.

    ``Change.new`` is a snapshot for :func:`restore_row` (redo); its ``"report"`` is the
    record this step made, or None.
    """
    doc = _list(name)
    if name in REPORT_LISTS and period_id is None:
        raise ValueError(f"a {doc.what} belongs to a period's report")
    with operation(db, f"add {doc.what}", programme_id) as op:
        made = None
        row = doc.model()
        if "programme_id" in _columns(doc):
            row.programme_id = programme_id
        if period_id is not None and name in PERIOD_LISTS:
            report, made = report_for(op, programme_id, period_id)
            row.report_id = report.id
        else:
            get(op.session, Programme, programme_id, "programme")
        for field in (*doc.rules, *((PERIOD_FIELD,) if name == "recommendation" else ())):
            setattr(row, field, _check(op, doc, row, field, values.get(field)))
        if name == "background_paper":
            row.meeting_date = date_as_written(row.written_date)
        row.position = len(_siblings(op, doc, _owner_of(doc, row)))
        op.add(row, name, doc.shown, getattr(row, doc.shown))
        new: Snapshot = {"row": _snapshot(row), "report": made, "items": []}
    return Change(f"add {doc.what}", name, (row.id,), new=new)


def edit_row(
    db: Database, name: str, row_id: int, field: str, value: Any, *, seen: Seen | None = None
) -> Change:
    """Change one field of a row. ``Change.old``/``new`` are the values for undo/redo;
    ``seen`` is the field as the dialog showed it (``app.services.seen``)."""
    doc = _list(name)
    with operation(db, f"edit {doc.what}") as op:
        row = _fetch(op, doc, row_id)
        if seen is not None:
            label = seen.name or getattr(row, doc.shown, None)
            words = field.removesuffix("_id").replace("_", " ")
            what = f"the {words} of the {doc.what} “{label}”" if label else f"a {doc.what}"
            check_field(op, seen, row, field, name, what)
        value = _check(op, doc, row, field, value)
        old = op.change(row, field, value, name)
        if name == "background_paper" and field == "written_date":
            # the date as read follows the words, both ways of undo
            row.meeting_date = date_as_written(value)
    return Change(f"edit {doc.what}", name, (row_id,), frozenset({field}), old, value)


def move_row(db: Database, name: str, row_id: int, step: int) -> Change:
    """Swap a row with its neighbour ``step`` (-1 up, +1 down) away; at an end, nothing."""
    doc = _list(name)
    with operation(db, f"move {doc.what}") as op:
        row = _fetch(op, doc, row_id)
        order = _siblings(op, doc, _owner_of(doc, row))
        here = order.index(row)
        there = here + step
        if not 0 <= there < len(order):
            op.unchanged = True
            return Change(op.name, name, (row_id,), old=here, new=here)
        order[here], order[there] = order[there], order[here]
        for position, each in enumerate(order):
            each.position = position
        op.log(name, row_id, "position", here, there)
    return Change(f"move {doc.what}", name, (row_id,), old=here, new=there)


def remove_row(db: Database, name: str, row_id: int, *, drop_report: bool = False) -> Change:
    """Remove a row. Items of a removed kind of objective are left with no kind (Tables 1–2
    then count them under "Other objectives"). ``drop_report`` also removes the row's report
    record when nothing is left in it: undoing the step that made the record with this row.
    ``Change.old`` is what :func:`restore_row` needs."""
    doc = _list(name)
    with operation(db, f"remove {doc.what}") as op:
        session = op.session
        row = _fetch(op, doc, row_id)
        owner = _owner_of(doc, row)
        old: Snapshot = {"row": _snapshot(row), "report": None, "items": []}
        if name == "item_kind":
            old["items"] = list(session.scalars(select(Item.id).where(Item.kind_id == row_id)))
            if old["items"]:
                session.execute(
                    update(Item).where(Item.kind_id == row_id).values(kind_id=None, **bumped(Item))
                )
                op.log(name, row_id, "items of this kind", len(old["items"]), 0)
        session.delete(row)
        session.flush()
        for position, each in enumerate(_siblings(op, doc, owner)):
            each.position = position
        op.log(name, row_id, "deleted", old["row"][doc.shown], None)
        report_id = owner.get("report_id")
        if drop_report and report_id is not None and _empty(op, report_id):
            report = get(session, Report, report_id, "report")
            old["report"] = report_snapshot(session, report)
            session.delete(report)
            op.log("report", report_id, "deleted", report.title, None)
    return Change(f"remove {doc.what}", name, (row_id,), frozenset({"deleted"}), old)


def _empty(op: Op, report_id: int) -> bool:
    for model in (ReportField, Section, BackgroundPaper, ReportTracking):
        if op.session.scalar(select(func.count(model.id)).where(model.report_id == report_id)):
            return False
    return True


def restore_row(db: Database, name: str, snapshot: Snapshot) -> Change:
    """Put a removed row back with its id, in its place (and its report record first, if the
    step took that too; and a kind back on its items)."""
    doc = _list(name)
    row = snapshot["row"]
    with operation(db, f"restore {doc.what}") as op:
        session = op.session
        report = snapshot.get("report")
        if report is not None:
            op.programme_id = report["report"]["programme_id"]
            session.execute(insert(Report), [report["report"]])
            op.log("report", report["report"]["id"], "deleted", None, report["report"]["title"])
        if row.get("report_id") is not None:
            check_report_open(op, row["report_id"])
        else:
            op.programme_id = row["programme_id"]
        for each in reversed(_siblings(op, doc, {c: row[c] for c in doc.owner})):
            if each.position >= row["position"]:
                each.position += 1
        session.flush()
        session.execute(insert(doc.model), [row])
        if snapshot.get("items"):
            session.execute(
                update(Item)
                .where(Item.id.in_(snapshot["items"]))
                .values(kind_id=row["id"], **bumped(Item))
            )
        op.log(name, row["id"], "deleted", None, row[doc.shown])
    return Change(f"restore {doc.what}", name, (row["id"],), frozenset({"deleted"}), new=snapshot)
