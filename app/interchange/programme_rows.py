"""A programme's own rows read from its description: the programme, its levels, kinds of item,
periods and pledges, then the item tree with its milestones, narrative and judgements, and the
dependencies between items.

:class:`ProgrammeRows` also keeps the names read so far, because later parts of a description
refer to earlier ones by name (an item's kind, a judgement's period, an indicator's person),
never by id; the indicators and the documents (``kpi_rows``, ``document_rows``) use them too.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.enums import MilestoneStatus
from app.core.errors import ValidationError
from app.core.periods import check_financial_year, financial_year_of, quarters_of
from app.core.schemes import DEFAULT_KPI_SCHEME, DEFAULT_PROGRESS_SCHEME
from app.core.validation import NAME_LIMIT, SHORT_LIMIT, TEXT_LIMIT, TITLE_LIMIT, clean_text
from app.interchange.plan import Plan
from app.interchange.spec_fields import located, read_choice, read_date, read_required, read_text
from app.services.milestones import due_columns
from app.services.schemes import scheme_from_spec
from app.store.models import (
    Dependency,
    Item,
    ItemKind,
    Judgement,
    Level,
    Milestone,
    Period,
    Pledge,
    Programme,
    ProgressUpdate,
    Responsible,
    Symbol,
    item_pledge,
)


class ProgrammeRows:
    """One programme's description turned into planned rows, and the names that later parts of
    the description refer to: periods, kinds, pledges, people, items, and symbols."""

    def __init__(
        self,
        session: Session,
        ids: Callable[[Any], int],
        plan: Plan,
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

    def add(self, model: Any, **values: Any) -> int:
        """Plan a row of one of the programme's own tables; returns its new id, for the rows
        that hang off it."""
        row_id = self.ids(model)
        self.plan.add(model, id=row_id, programme_id=self.programme_id, **values)
        return row_id

    # -- names used by later parts --

    def person(self, name: str | None, where: str) -> int | None:
        """The id of the person or role called ``name``, planned as a new row the first time;
        people are shared by every programme in the file."""
        with located(where):
            name = clean_text(name, "Responsibility", limit=NAME_LIMIT)
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

    def item_by_title(self, title: str, where: str) -> int:
        """A dependency names its items by title, so the title must be unique."""
        found = self.items_by_title.get(title, [])
        if len(found) != 1:
            problem = "no item" if not found else f"{len(found)} items"
            raise ValidationError(f"{where}: there is {problem} titled “{title}”.")
        return found[0]

    # -- the programme and its lists --

    def programme(self, name: str, where: str) -> None:
        """The programme's row, then the lists its items refer to: levels, kinds, periods and
        pledges."""
        spec = self.spec
        progress = scheme_from_spec(
            self.session,
            spec.get("progress_scheme", DEFAULT_PROGRESS_SCHEME),
            "progress",
            f"{where}, progress_scheme",
        )
        kpi_spec = spec.get("kpi_scheme", DEFAULT_KPI_SCHEME)
        kpi = (
            scheme_from_spec(self.session, kpi_spec, "kpi", f"{where}, kpi_scheme")
            if kpi_spec
            else None
        )
        self.glyphs = dict(
            self.session.execute(
                select(Symbol.glyph, Symbol.id).where(Symbol.scheme_id == progress)
            ).all()
        )
        if kpi:
            self.kpi_glyphs = dict(
                self.session.execute(
                    select(Symbol.glyph, Symbol.id)
                    .where(Symbol.scheme_id == kpi)
                    .order_by(Symbol.position)
                ).all()
            )
        self.plan.add(
            Programme,
            id=self.programme_id,
            name=name,
            organisation=read_text(spec, "organisation", "The organisation", NAME_LIMIT, where),
            description=read_text(spec, "description", "The description", TEXT_LIMIT, where),
            progress_scheme_id=progress,
            kpi_scheme_id=kpi,
        )
        levels = spec.get("levels") or ["Action"]
        for depth, level in enumerate(levels):
            self.add(
                Level,
                depth=depth,
                name=read_required(
                    level, "A level name", SHORT_LIMIT, f"{where}, level {depth + 1}"
                ),
            )
        for position, kind in enumerate(spec.get("kinds", [])):
            kind_name = read_required(
                kind.get("name"), "A kind’s name", SHORT_LIMIT, f"{where}, kind {position + 1}"
            )
            self.kinds[kind_name] = self.add(
                ItemKind,
                position=position,
                name=kind_name,
                plural=read_text(
                    kind, "plural", "The plural", SHORT_LIMIT, f"{where}, kind “{kind_name}”"
                )
                or kind_name,
            )
        self._periods(where)
        for pledge in spec.get("pledges", []):
            number = int(pledge["number"])
            self.pledges[number] = self.add(
                Pledge,
                number=number,
                title=read_required(
                    pledge.get("title"),
                    "A pledge’s title",
                    TITLE_LIMIT,
                    f"{where}, pledge {number}",
                ),
            )

    def _periods(self, where: str) -> None:
        for year in self.spec.get("quarters_for_years", []):
            check_financial_year(int(year))
            for label, first, last, quarter in quarters_of(int(year)):
                self._add_period(label, first, last, int(year), quarter)
        for position, custom in enumerate(self.spec.get("custom_periods", [])):
            label = read_required(
                custom.get("label"),
                "A period’s name",
                SHORT_LIMIT,
                f"{where}, period {position + 1}",
            )
            start = read_date(custom.get("start"), f"{where}, period “{label}”")
            end = read_date(custom.get("end"), f"{where}, period “{label}”")
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
        self.periods[label] = self.add(
            Period,
            label=label,
            start=start,
            end=end,
            financial_year=year,
            quarter=quarter,
            published_at=None,
            published_by=None,
        )

    # -- the item tree --

    def items(self) -> None:
        for position, item in enumerate(self.spec.get("items", [])):
            self._item(item, None, position, f"Item {position + 1}")

    def _item(self, spec: dict[str, Any], parent_id: int | None, position: int, where: str) -> None:
        title = read_text(spec, "title", "The title", TITLE_LIMIT, where, required=True)
        where = f"{where} (“{title[:40]}”)" if title else where
        kind = spec.get("kind")
        if kind is not None and kind not in self.kinds:
            raise ValidationError(f"{where}: there is no kind of item called “{kind}”.")
        item_id = self.add(
            Item,
            parent_id=parent_id,
            position=position,
            number=read_text(spec, "number", "The number", SHORT_LIMIT, where),
            title=title,
            description=read_text(spec, "description", "The description", TEXT_LIMIT, where),
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
        self.milestones(spec.get("milestones", []), item_id, where)
        for label, updates in spec.get("updates", {}).items():
            period_id = self.period(label, where)
            for index, update in enumerate(updates):
                self.plan.add(
                    ProgressUpdate,
                    id=self.ids(ProgressUpdate),
                    item_id=item_id,
                    period_id=period_id,
                    position=index,
                    heading=read_text(update, "heading", "The heading", SHORT_LIMIT, where),
                    text=read_text(update, "text", "The update", TEXT_LIMIT, where, required=True),
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

    def milestones(self, milestones: list[dict[str, Any]], item_id: int | None, where: str) -> None:
        """An item's milestones, or with ``item_id`` ``None`` the programme's own."""
        for index, milestone in enumerate(milestones):
            here = f"{where}, milestone {index + 1}"
            due = read_text(milestone, "due", "The due date", SHORT_LIMIT, here)
            text = read_text(milestone, "text", "The milestone", TEXT_LIMIT, here)
            if due is None and text is None:
                raise ValidationError(
                    f"{here}: a milestone needs a due date, a description, or both."
                )
            with located(here):
                due_values = due_columns(due)
            self.add(
                Milestone,
                item_id=item_id,
                position=index,
                text=text,
                status=read_choice(
                    milestone.get("status") or MilestoneStatus.OPEN.value,
                    MilestoneStatus,
                    "“{value}” is not a milestone status (use open or reached).",
                    here,
                ),
                **due_values,
            )

    def dependencies(self, where: str) -> None:
        seen: set[tuple[int, int]] = set()
        graph: dict[int, set[int]] = defaultdict(set)
        for dependency in self.spec.get("dependencies", []):
            item = self.item_by_title(dependency["item"], f"{where}, dependency")
            other = self.item_by_title(dependency["depends_on"], f"{where}, dependency")
            if item == other or (item, other) in seen:
                raise ValidationError(
                    f"{where}: the dependency of “{dependency['item']}” on "
                    f"“{dependency['depends_on']}” is repeated or circular."
                )
            seen.add((item, other))
            graph[item].add(other)
            self.plan.add(Dependency, item_id=item, depends_on_id=other)
        _refuse_cycles(graph, where)


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
