"""Import a whole programme from the JSON format of docs/PROGRAMME_JSON.md in one transaction.

The demo file and the synthetic benchmark programmes are written through here. Everything is
validated (with the same rules as the editing services) and turned into plain rows *before*
the transaction starts; ids are allocated in the transaction and rows go in with
``executemany``, so 10,000 actions import in seconds, and a bad spec writes nothing at all.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from app.core.dates import derive_due, parse_date
from app.core.enums import KpiGroupCategory, MilestoneStatus, Polarity
from app.core.errors import ValidationError
from app.core.kpi_values import parse_value
from app.core.periods import financial_year_of, quarters_of
from app.core.schemes import DEFAULT_KPI_SCHEME, DEFAULT_PROGRESS_SCHEME
from app.core.validation import (
    NAME_LIMIT,
    SHORT_LIMIT,
    TEXT_LIMIT,
    TITLE_LIMIT,
    clean_text,
    required_text,
)
from app.services.context import Change, operation
from app.services.programmes import _check_name_free, _check_year, scheme_id
from app.store.database import Database
from app.store.models import (
    Contact,
    Dependency,
    Indicator,
    Item,
    ItemKind,
    Judgement,
    KpiGroup,
    KpiNationalAverage,
    KpiOutturn,
    KpiResult,
    KpiTarget,
    Level,
    Milestone,
    Outcome,
    Period,
    Pledge,
    Programme,
    ProgressUpdate,
    Recommendation,
    Report,
    ReportField,
    Responsible,
    Section,
    Symbol,
    item_pledge,
)

FORMAT = "programme-tracker/programme@1"

# Parents before children, so every foreign key is satisfied as rows go in.
_INSERT_ORDER: tuple[Any, ...] = (
    Responsible,
    Programme,
    Level,
    ItemKind,
    Period,
    Pledge,
    Item,
    item_pledge,
    Milestone,
    ProgressUpdate,
    Judgement,
    Dependency,
    KpiGroup,
    Indicator,
    KpiTarget,
    KpiOutturn,
    KpiNationalAverage,
    KpiResult,
    Recommendation,
    Outcome,
    Contact,
    Report,
    ReportField,
    Section,
)


class _Ids:
    """Hands out ids above the current maximum of each table (inside the transaction)."""

    def __init__(self, session: Session) -> None:
        self._session = session
        self._next: dict[Any, int] = {}

    def __call__(self, model: Any) -> int:
        if model not in self._next:
            self._next[model] = (self._session.scalar(select(func.max(model.id))) or 0) + 1
        value = self._next[model]
        self._next[model] = value + 1
        return value


@dataclass
class _Plan:
    """Rows to insert, in dependency order, keyed by table; built before writing."""

    rows: dict[Any, list[dict[str, Any]]] = field(default_factory=lambda: defaultdict(list))

    def add(self, model: Any, **values: Any) -> dict[str, Any]:
        self.rows[model].append(values)
        return values


def _text(
    spec: dict[str, Any], key: str, label: str, limit: int, where: str, required: bool = False
) -> str | None:
    try:
        return clean_text(spec.get(key), label, limit=limit, required=required)
    except ValidationError as error:
        raise ValidationError(f"{where}: {error}") from None


def _required(value: Any, label: str, limit: int, where: str) -> str:
    """``required_text`` with the place in the description put first, as ``_text`` does."""
    try:
        return required_text(value, label, limit=limit)
    except ValidationError as error:
        raise ValidationError(f"{where}: {error}") from None


def _choice(value: Any, allowed: type[enum.StrEnum], message: str, where: str) -> str | None:
    """``None``, or one of an enumeration's values; else ``message`` (which quotes it)."""
    if value is None:
        return None
    if value not in {member.value for member in allowed}:
        raise ValidationError(f"{where}: {message.format(value=value)}")
    return str(value)


def _date(value: str | None, where: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        try:
            return parse_date(str(value))
        except ValidationError as error:
            raise ValidationError(f"{where}: {error}") from None


def import_programme(db: Database, spec: dict[str, Any]) -> Change:
    """Create the programme described by ``spec``; returns its id in ``Change.ids``."""
    if not isinstance(spec, dict):
        raise ValidationError("The programme description must be a JSON object.")
    fmt = spec.get("format", FORMAT)
    if fmt != FORMAT:
        raise ValidationError(f"This is a “{fmt}” description; this version reads “{FORMAT}”.")
    name = required_text(spec.get("name"), "The programme’s name", limit=NAME_LIMIT)
    with operation(db, "import programme") as op:
        session = op.session
        _check_name_free(session, name)
        ids = _Ids(session)
        plan = _Plan()
        programme_id = ids(Programme)
        op.programme_id = programme_id
        builder = _Builder(session, ids, plan, programme_id, spec)
        builder.build(name)
        for model in _INSERT_ORDER:
            if plan.rows.get(model):
                target = model if not hasattr(model, "__table__") else model.__table__
                session.execute(insert(target), plan.rows[model])
        op.log("programme", programme_id, "imported", None, name)
    return Change(
        "import programme", "programme", (programme_id,), frozenset({"imported"}), new=name
    )


class _Builder:
    def __init__(
        self,
        session: Session,
        ids: Callable[[Any], int],
        plan: _Plan,
        programme_id: int,
        spec: dict[str, Any],
    ) -> None:
        self.session = session
        self.ids = ids
        self.plan = plan
        self.programme_id = programme_id
        self.spec = spec
        self.periods: dict[str, int] = {}
        self.kinds: dict[str, int] = {}
        self.pledges: dict[int, int] = {}
        self.people: dict[str, int] = dict(
            session.execute(select(Responsible.name, Responsible.id)).all()
        )
        self.items_by_title: dict[str, list[int]] = defaultdict(list)
        self.glyphs: dict[str, int] = {}
        self.kpi_glyphs: dict[str, int] = {}

    # -- helpers --

    def person(self, name: str | None, where: str) -> int | None:
        try:
            name = clean_text(name, "Responsibility", limit=NAME_LIMIT)
        except ValidationError as error:
            raise ValidationError(f"{where}: {error}") from None
        if name is None:
            return None
        if name not in self.people:
            self.people[name] = self.ids(Responsible)
            self.plan.add(Responsible, id=self.people[name], name=name, email=None)
        return self.people[name]

    def period(self, label: str, where: str) -> int:
        if label not in self.periods:
            known = ", ".join(self.periods) or "none"
            raise ValidationError(
                f"{where}: there is no period called “{label}” (periods: {known})."
            )
        return self.periods[label]

    # -- the whole programme --

    def build(self, name: str) -> None:
        spec = self.spec
        where = f"Programme “{name}”"
        progress = scheme_id(
            self.session, spec.get("progress_scheme", DEFAULT_PROGRESS_SCHEME), "progress"
        )
        kpi_name = spec.get("kpi_scheme", DEFAULT_KPI_SCHEME)
        kpi = scheme_id(self.session, kpi_name, "kpi") if kpi_name else None
        self.glyphs = dict(
            self.session.execute(
                select(Symbol.glyph, Symbol.id).where(Symbol.scheme_id == progress)
            ).all()
        )
        if kpi:
            self.kpi_glyphs = dict(
                self.session.execute(
                    select(Symbol.glyph, Symbol.id).where(Symbol.scheme_id == kpi)
                ).all()
            )
        self.plan.add(
            Programme,
            id=self.programme_id,
            name=name,
            organisation=_text(spec, "organisation", "The organisation", NAME_LIMIT, where),
            description=_text(spec, "description", "The description", TEXT_LIMIT, where),
            progress_scheme_id=progress,
            kpi_scheme_id=kpi,
        )
        levels = spec.get("levels") or ["Action"]
        for depth, level in enumerate(levels):
            self.plan.add(
                Level,
                id=self.ids(Level),
                programme_id=self.programme_id,
                depth=depth,
                name=_required(level, "A level name", SHORT_LIMIT, f"{where}, level {depth + 1}"),
            )
        for position, kind in enumerate(spec.get("kinds", [])):
            kind_id = self.ids(ItemKind)
            kind_name = _required(
                kind.get("name"), "A kind’s name", SHORT_LIMIT, f"{where}, kind {position + 1}"
            )
            self.kinds[kind_name] = kind_id
            self.plan.add(
                ItemKind,
                id=kind_id,
                programme_id=self.programme_id,
                position=position,
                name=kind_name,
                plural=_text(
                    kind, "plural", "The plural", SHORT_LIMIT, f"{where}, kind “{kind_name}”"
                )
                or kind_name,
            )
        self._periods(where)
        for pledge in spec.get("pledges", []):
            number = int(pledge["number"])
            self.pledges[number] = self.ids(Pledge)
            self.plan.add(
                Pledge,
                id=self.pledges[number],
                programme_id=self.programme_id,
                number=number,
                title=_required(
                    pledge.get("title"),
                    "A pledge’s title",
                    TITLE_LIMIT,
                    f"{where}, pledge {number}",
                ),
            )
        for position, item in enumerate(spec.get("items", [])):
            self._item(item, None, position, f"Item {position + 1}")
        self._milestones(spec.get("milestones", []), None, where)
        self._dependencies(where)
        self._kpis(where)
        self._documents(where)

    def _periods(self, where: str) -> None:
        for year in self.spec.get("quarters_for_years", []):
            _check_year(int(year))
            for label, first, last, quarter in quarters_of(int(year)):
                self._add_period(label, first, last, int(year), quarter)
        for position, custom in enumerate(self.spec.get("custom_periods", [])):
            label = _required(
                custom.get("label"),
                "A period’s name",
                SHORT_LIMIT,
                f"{where}, period {position + 1}",
            )
            start = _date(custom.get("start"), f"{where}, period “{label}”")
            end = _date(custom.get("end"), f"{where}, period “{label}”")
            if start is None or end is None or end < start:
                raise ValidationError(
                    f"{where}, period “{label}”: it needs a start and an end "
                    "date, the end not before the start."
                )
            self._add_period(label, start, end, financial_year_of(start), None)

    def _add_period(
        self, label: str, start: dt.date, end: dt.date, year: int, quarter: int | None
    ) -> None:
        if label in self.periods:
            raise ValidationError(f"The period “{label}” is listed twice.")
        self.periods[label] = self.ids(Period)
        self.plan.add(
            Period,
            id=self.periods[label],
            programme_id=self.programme_id,
            label=label,
            start=start,
            end=end,
            financial_year=year,
            quarter=quarter,
            published_at=None,
            published_by=None,
        )

    def _item(self, spec: dict[str, Any], parent_id: int | None, position: int, where: str) -> None:
        item_id = self.ids(Item)
        title = _text(spec, "title", "The title", TITLE_LIMIT, where, required=True)
        where = f"{where} (“{title[:40]}”)" if title else where
        kind = spec.get("kind")
        if kind is not None and kind not in self.kinds:
            raise ValidationError(f"{where}: there is no kind of item called “{kind}”.")
        self.plan.add(
            Item,
            id=item_id,
            programme_id=self.programme_id,
            parent_id=parent_id,
            position=position,
            number=_text(spec, "number", "The number", SHORT_LIMIT, where),
            title=title,
            description=_text(spec, "description", "The description", TEXT_LIMIT, where),
            kind_id=self.kinds.get(kind) if kind else None,
            responsible_id=self.person(spec.get("responsibility"), where),
        )
        assert title is not None
        self.items_by_title[title].append(item_id)
        pledges = spec.get("pledges")
        numbers = sorted(self.pledges) if pledges == "all" else (pledges or [])
        for number in numbers:
            if number not in self.pledges:
                raise ValidationError(f"{where}: there is no pledge numbered {number}.")
            self.plan.add(item_pledge, item_id=item_id, pledge_id=self.pledges[number])
        self._milestones(spec.get("milestones", []), item_id, where)
        for label, updates in spec.get("updates", {}).items():
            period_id = self.period(label, where)
            for index, update in enumerate(updates):
                self.plan.add(
                    ProgressUpdate,
                    id=self.ids(ProgressUpdate),
                    item_id=item_id,
                    period_id=period_id,
                    position=index,
                    heading=_text(update, "heading", "The heading", SHORT_LIMIT, where),
                    text=_text(update, "text", "The update", TEXT_LIMIT, where, required=True),
                )
        for label, glyph in spec.get("judgements", {}).items():
            period_id = self.period(label, where)
            if glyph not in self.glyphs:
                raise ValidationError(
                    f"{where}: “{glyph}” is not a symbol of this programme’s "
                    f"scheme (use {', '.join(self.glyphs)})."
                )
            self.plan.add(
                Judgement,
                id=self.ids(Judgement),
                item_id=item_id,
                period_id=period_id,
                symbol_id=self.glyphs[glyph],
            )
        for index, child in enumerate(spec.get("children", [])):
            self._item(child, item_id, index, f"{where} › item {index + 1}")

    def _milestones(
        self, milestones: list[dict[str, Any]], item_id: int | None, where: str
    ) -> None:
        for index, milestone in enumerate(milestones):
            here = f"{where}, milestone {index + 1}"
            due = _text(milestone, "due", "The due date", SHORT_LIMIT, here)
            text = _text(milestone, "text", "The milestone", TEXT_LIMIT, here)
            if due is None and text is None:
                raise ValidationError(
                    f"{here}: a milestone needs a due date, a description, or both."
                )
            try:
                derived = derive_due(due)
            except ValidationError as error:
                raise ValidationError(f"{here}: {error}") from None
            self.plan.add(
                Milestone,
                id=self.ids(Milestone),
                programme_id=self.programme_id,
                item_id=item_id,
                position=index,
                text=text,
                due_text=due,
                due_date=derived.date,
                due_precision=derived.precision.value,
                status=_choice(
                    milestone.get("status") or MilestoneStatus.OPEN.value,
                    MilestoneStatus,
                    "“{value}” is not a milestone status (use open or reached).",
                    here,
                ),
            )

    def _item_by_title(self, title: str, where: str) -> int:
        found = self.items_by_title.get(title, [])
        if len(found) != 1:
            problem = "no item" if not found else f"{len(found)} items"
            raise ValidationError(f"{where}: there is {problem} titled “{title}”.")
        return found[0]

    def _dependencies(self, where: str) -> None:
        seen: set[tuple[int, int]] = set()
        graph: dict[int, set[int]] = defaultdict(set)
        for dependency in self.spec.get("dependencies", []):
            item = self._item_by_title(dependency["item"], f"{where}, dependency")
            other = self._item_by_title(dependency["depends_on"], f"{where}, dependency")
            if item == other or (item, other) in seen:
                raise ValidationError(
                    f"{where}: the dependency of “{dependency['item']}” on "
                    f"“{dependency['depends_on']}” is repeated or circular."
                )
            seen.add((item, other))
            graph[item].add(other)
            self.plan.add(Dependency, item_id=item, depends_on_id=other)
        _refuse_cycles(graph, where)

    def _kpis(self, where: str) -> None:
        def value_row(value: Any, here: str) -> dict[str, Any]:
            text, note = (
                (value.get("value"), value.get("note"))
                if isinstance(value, dict)
                else (value, None)
            )
            try:
                parsed = parse_value(str(text))
                note = clean_text(note, "The note", limit=TEXT_LIMIT)
            except ValidationError as error:
                raise ValidationError(f"{here}: {error}") from None
            return {"value_text": parsed.text, "value_number": parsed.number, "note": note}

        indicator_position = 0
        groups = 0  # counted in the order they are written, nested ones included

        def group(spec: dict[str, Any], parent_id: int | None, position: int) -> None:
            nonlocal indicator_position, groups
            group_id = self.ids(KpiGroup)
            groups += 1
            name = _required(
                spec.get("name"), "A group’s name", NAME_LIMIT, f"{where}, indicator group {groups}"
            )
            self.plan.add(
                KpiGroup,
                id=group_id,
                programme_id=self.programme_id,
                parent_id=parent_id,
                position=position,
                name=name,
                category=_choice(
                    spec.get("category"),
                    KpiGroupCategory,
                    "“{value}” is not a group category (use laa, national or local).",
                    f"{where}, indicator group “{name[:40]}”",
                ),
            )
            for kpi in spec.get("indicators", []):
                here = f"{where}, indicator “{kpi.get('code') or kpi.get('title', '')[:40]}”"
                indicator_id = self.ids(Indicator)
                units = set()
                self.plan.add(
                    Indicator,
                    id=indicator_id,
                    programme_id=self.programme_id,
                    group_id=group_id,
                    position=indicator_position,
                    code=_text(kpi, "code", "The code", SHORT_LIMIT, here),
                    title=_text(kpi, "title", "The measure", TITLE_LIMIT, here, required=True),
                    responsible_id=self.person(kpi.get("responsibility"), here),
                    polarity=_choice(
                        kpi.get("polarity"),
                        Polarity,
                        "Polarity is “higher” (higher is better) or “lower”.",
                        here,
                    ),
                    unit=None,
                )
                indicator_position += 1
                for year, value in kpi.get("targets", {}).items():
                    _check_year(int(year))
                    row = value_row(value, f"{here}, target {year}")
                    units.add(parse_value(row["value_text"]).unit)
                    self.plan.add(
                        KpiTarget,
                        id=self.ids(KpiTarget),
                        indicator_id=indicator_id,
                        financial_year=int(year),
                        **row,
                    )
                for year, value in kpi.get("outturns", {}).items():
                    _check_year(int(year))
                    row = value_row(value, f"{here}, actual {year}")
                    units.add(parse_value(row["value_text"]).unit)
                    self.plan.add(
                        KpiOutturn,
                        id=self.ids(KpiOutturn),
                        indicator_id=indicator_id,
                        financial_year=int(year),
                        **row,
                    )
                if average := kpi.get("national_average"):
                    _check_year(int(average["year"]))
                    self.plan.add(
                        KpiNationalAverage,
                        id=self.ids(KpiNationalAverage),
                        indicator_id=indicator_id,
                        financial_year=int(average["year"]),
                        **value_row(average["value"], f"{here}, national average"),
                    )
                for label, result in kpi.get("results", {}).items():
                    actual = result.get("actual")
                    row = value_row(actual, f"{here}, actual {label}") if actual else {}
                    status = result.get("status")
                    if status is not None and status not in self.kpi_glyphs:
                        raise ValidationError(f"{here}: “{status}” is not a KPI status symbol.")
                    self.plan.add(
                        KpiResult,
                        id=self.ids(KpiResult),
                        indicator_id=indicator_id,
                        period_id=self.period(label, here),
                        actual_text=row.get("value_text"),
                        actual_number=row.get("value_number"),
                        actual_note=row.get("note"),
                        status_symbol_id=self.kpi_glyphs.get(status) if status else None,
                        status_reason=_text(
                            result, "status_reason", "The reason", TEXT_LIMIT, f"{here}, {label}"
                        ),
                        comment=_text(result, "comment", "The comment", TEXT_LIMIT, here),
                    )
                    if row:
                        units.add(parse_value(row["value_text"]).unit)
                units.discard(None)
                if len(units) == 1:
                    self.plan.rows[Indicator][-1]["unit"] = units.pop()
            for index, child in enumerate(spec.get("children", [])):
                group(child, group_id, index)

        for index, top in enumerate(self.spec.get("kpi_groups", [])):
            group(top, None, index)

    def _documents(self, where: str) -> None:
        spec = self.spec
        for position, rec in enumerate(spec.get("recommendations", [])):
            number = _required(
                str(rec.get("number", position + 1)),
                "The number",
                SHORT_LIMIT,
                f"{where}, recommendation {position + 1}",
            )
            here = f"{where}, recommendation {number}"
            self.plan.add(
                Recommendation,
                id=self.ids(Recommendation),
                programme_id=self.programme_id,
                position=position,
                number=number,
                text=_text(rec, "text", "The recommendation", TEXT_LIMIT, here, required=True),
                response=_text(rec, "response", "The response", TEXT_LIMIT, here),
                applies_to=_text(rec, "applies_to", "Applies to", NAME_LIMIT, here),
                period_id=self.period(rec["period"], here) if rec.get("period") else None,
            )
        for position, outcome in enumerate(spec.get("outcomes", [])):
            here = f"{where}, outcome {position + 1}"
            self.plan.add(
                Outcome,
                id=self.ids(Outcome),
                programme_id=self.programme_id,
                position=position,
                text=_text(outcome, "text", "The outcome", TEXT_LIMIT, here, required=True),
                target=_text(outcome, "target", "The target", 500, here),
            )
        for position, contact in enumerate(spec.get("contacts", [])):
            here = f"{where}, contact {position + 1}"
            self.plan.add(
                Contact,
                id=self.ids(Contact),
                programme_id=self.programme_id,
                position=position,
                name=_text(contact, "name", "The name", NAME_LIMIT, here, required=True),
                role=_text(contact, "role", "The role", NAME_LIMIT, here),
                phone=_text(contact, "phone", "The telephone number", 50, here),
                email=_text(contact, "email", "The email address", NAME_LIMIT, here),
            )
        self._sections(spec.get("sections", []), None, where)
        for report in spec.get("reports", []):
            here = f"{where}, report “{str(report.get('title', ''))[:40]}”"
            report_id = self.ids(Report)
            self.plan.add(
                Report,
                id=report_id,
                programme_id=self.programme_id,
                period_id=self.period(report["period"], here) if report.get("period") else None,
                title=_text(report, "title", "The report’s title", 500, here, required=True),
                meeting=_text(report, "meeting", "The meeting", NAME_LIMIT, here),
                report_date=_date(report.get("report_date"), here),
                meeting_date=_date(report.get("meeting_date"), here),
            )
            for position, (label, value) in enumerate(report.get("fields", [])):
                self.plan.add(
                    ReportField,
                    id=self.ids(ReportField),
                    report_id=report_id,
                    position=position,
                    label=required_text(label, f"{here}: a field label", limit=TEXT_LIMIT),
                    value=clean_text(value, f"{here}: a field", limit=TEXT_LIMIT) or "",
                )
            self._sections(report.get("sections", []), report_id, here)

    def _sections(self, sections: list[dict[str, Any]], report_id: int | None, where: str) -> None:
        for position, section in enumerate(sections):
            here = f"{where}, section {position + 1}"
            self.plan.add(
                Section,
                id=self.ids(Section),
                programme_id=self.programme_id,
                report_id=report_id,
                position=position,
                heading=_text(section, "heading", "The heading", 500, here, required=True),
                text=_text(section, "text", "The text", TEXT_LIMIT, here) or "",
            )


def _refuse_cycles(graph: dict[int, set[int]], where: str) -> None:
    state: dict[int, int] = {}

    def visit(node: int) -> None:
        state[node] = 1
        for nxt in graph.get(node, ()):
            if state.get(nxt) == 1:
                raise ValidationError(f"{where}: the dependencies go round in a circle.")
            if nxt not in state:
                visit(nxt)
        state[node] = 2

    for node in list(graph):
        if node not in state:
            visit(node)
