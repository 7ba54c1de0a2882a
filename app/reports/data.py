"""Everything a report needs about one programme and period, read in one session as plain rows."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.labels import milestone_words
from app.read.documents import ReportRecord, contacts, outcomes, plan_sections, report_record
from app.read.queries import (
    ColumnRow,
    SymbolRow,
    in_order,
    level_names,
    previous_period,
    recommendations,
    scheme_name,
    summary_columns,
    symbols,
)
from app.reports.model import Mark
from app.store.models import (
    Dependency,
    Item,
    ItemKind,
    Judgement,
    Milestone,
    Period,
    Pledge,
    Programme,
    ProgressUpdate,
    Responsible,
    Symbol,
    item_pledge,
)


@dataclass
class MilestoneData:
    due: str | None
    text: str | None
    due_date: dt.date | None
    reached: bool

    def words(self) -> str:
        return milestone_words(self.due, self.text)


@dataclass
class ItemData:
    id: int
    depth: int
    number: str | None
    title: str
    description: str | None
    responsible: str | None
    kind: str | None
    milestones: list[MilestoneData] = field(default_factory=list)
    updates: list[tuple[str | None, str]] = field(default_factory=list)
    glyph: str | None = None
    previous_glyph: str | None = None
    pledges: list[int] = field(default_factory=list)
    depends_on: list[str] = field(default_factory=list)
    children: list[ItemData] = field(default_factory=list)

    def numbered_title(self) -> str:
        return f"{self.number} {self.title}" if self.number else self.title

    def leaves(self) -> list[ItemData]:
        if not self.children:
            return [self]
        return [leaf for child in self.children for leaf in child.leaves()]


@dataclass
class KpiValueData:
    text: str
    note: str | None

    def words(self) -> str:
        return f"{self.text} ({self.note})" if self.note else self.text


@dataclass
class IndicatorData:
    code: str | None
    title: str
    responsible: str | None
    polarity: str | None
    outturns: dict[int, KpiValueData]
    national_average: tuple[int, KpiValueData] | None
    targets: dict[int, KpiValueData]
    actual: KpiValueData | None
    status: Mark | None
    status_reason: str | None
    comment: str | None
    unit: str | None = None  # what the measure is in (app.core.kpi_units): a bare 80 may be 80%

    def measure(self) -> str:
        return f"{self.code} {self.title}" if self.code else self.title


@dataclass
class KpiGroupData:
    name: str
    category: str | None
    indicators: list[IndicatorData]
    children: list[KpiGroupData]


@dataclass
class ProgrammeData:
    id: int
    name: str
    organisation: str | None
    description: str | None
    levels: list[str]
    kinds: list[tuple[str, str]]  # (name, plural) in order
    period_id: int
    period_label: str
    period_start: dt.date
    period_end: dt.date
    financial_year: int
    quarter: int | None
    published_at: str | None
    symbols: list[SymbolRow]
    columns: list[ColumnRow]  # the summary columns of the judgement scheme, in its order
    kpi_symbols: list[SymbolRow]
    scheme: str  # the names of the programme's schemes, which title their keys
    kpi_scheme: str
    roots: list[ItemData]
    pledges: list[tuple[int, str]]
    kpi_groups: list[KpiGroupData]
    recommendations: list[tuple[str, str, str | None, str | None]]
    outcomes: list[tuple[str, str | None]]
    contacts: list[tuple[str, str | None, str | None, str | None]]
    plan_sections: list[tuple[str, str]]
    programme_milestones: list[MilestoneData]
    report: ReportRecord | None

    def mark(self, glyph: str | None) -> Mark | None:
        for symbol in self.symbols:
            if symbol.glyph == glyph:
                return mark_of(symbol)
        return None

    @property
    def two_level(self) -> bool:
        """Whether some state of the scheme carries a rating ("In progress: Amber")."""
        return any(c.rated for c in self.columns)

    def symbol(self, glyph: str | None) -> SymbolRow | None:
        return next((s for s in self.symbols if s.glyph == glyph), None)

    def column(self, glyph: str | None) -> str | None:
        """The summary column the glyph is counted in (its name; names are unique)."""
        for symbol in self.symbols:
            if symbol.glyph == glyph:
                return symbol.column_name
        return None

    def category(self, glyph: str | None) -> str | None:
        for symbol in self.symbols:
            if symbol.glyph == glyph:
                return symbol.category.value
        return None


def mark_of(symbol: SymbolRow) -> Mark:
    """A symbol as a report prints it: a rating is named with its state."""
    return Mark(symbol.glyph, symbol.label, symbol.colour, symbol.meaning)


def _by_item(session: Session, model: Any, *where: Any) -> dict[int | None, list[Any]]:
    """Rows of ``model`` (milestones, updates) per item, each item's in document order."""
    rows: dict[int | None, list[Any]] = defaultdict(list)
    row: Any
    for row in session.scalars(select(model).where(*where).order_by(model.item_id, model.position)):
        rows[row.item_id].append(row)
    return rows


def load(session: Session, programme_id: int, period_id: int) -> ProgrammeData:
    programme = session.get(Programme, programme_id)
    period = session.get(Period, period_id)
    assert programme is not None and period is not None
    previous_id = previous_period(session, period_id)
    people = dict(session.execute(select(Responsible.id, Responsible.name)).all())
    kinds = list(in_order(session, ItemKind, programme_id))
    kind_names = {k.id: k.name for k in kinds}
    glyph_of = dict(session.execute(select(Symbol.id, Symbol.glyph)).all())

    judged: dict[int, dict[int, str]] = defaultdict(dict)
    for j in session.execute(
        select(Judgement.item_id, Judgement.period_id, Judgement.symbol_id).where(
            Judgement.period_id.in_([period_id, previous_id or -1])
        )
    ):
        judged[j.period_id][j.item_id] = glyph_of[j.symbol_id]
    milestones = {
        item_id: [
            MilestoneData(m.due_text, m.text, m.due_date, m.status == "reached") for m in rows
        ]
        for item_id, rows in _by_item(
            session, Milestone, Milestone.programme_id == programme_id
        ).items()
    }
    updates = {
        item_id: [(u.heading, u.text) for u in rows]
        for item_id, rows in _by_item(
            session, ProgressUpdate, ProgressUpdate.period_id == period_id
        ).items()
    }
    pledge_rows = session.execute(
        select(Pledge.id, Pledge.number, Pledge.title)
        .where(Pledge.programme_id == programme_id)
        .order_by(Pledge.number)
    ).all()
    pledge_number = {p.id: p.number for p in pledge_rows}
    item_pledges: dict[int, list[int]] = defaultdict(list)
    for link in session.execute(
        select(item_pledge.c.item_id, item_pledge.c.pledge_id).where(
            item_pledge.c.pledge_id.in_(list(pledge_number))
        )
    ):
        item_pledges[link.item_id].append(pledge_number[link.pledge_id])

    items = session.scalars(
        select(Item)
        .where(Item.programme_id == programme_id)
        .order_by(Item.parent_id, Item.position, Item.id)
    ).all()
    titles = {item.id: item.title for item in items}
    depends: dict[int, list[str]] = defaultdict(list)
    for d in session.execute(
        select(Dependency.item_id, Dependency.depends_on_id).where(
            Dependency.item_id.in_(list(titles))
        )
    ):
        depends[d.item_id].append(titles[d.depends_on_id])
    nodes: dict[int, ItemData] = {}
    children: dict[int | None, list[int]] = defaultdict(list)
    for item in items:
        children[item.parent_id].append(item.id)
        nodes[item.id] = ItemData(
            id=item.id,
            depth=0,
            number=item.number,
            title=item.title,
            description=item.description,
            responsible=(
                people.get(item.responsible_id) if item.responsible_id is not None else None
            ),
            kind=kind_names.get(item.kind_id),
            milestones=milestones.get(item.id, []),
            updates=updates.get(item.id, []),
            glyph=judged[period_id].get(item.id),
            previous_glyph=judged[previous_id].get(item.id) if previous_id else None,
            pledges=sorted(item_pledges.get(item.id, [])),
            depends_on=depends.get(item.id, []),
        )

    def attach(node_id: int, depth: int) -> ItemData:
        node = nodes[node_id]
        node.depth = depth
        node.children = [attach(child, depth + 1) for child in children.get(node_id, [])]
        return node

    roots = [attach(root, 0) for root in children.get(None, [])]
    return ProgrammeData(
        id=programme_id,
        name=programme.name,
        organisation=programme.organisation,
        description=programme.description,
        levels=level_names(session, programme_id),
        kinds=[(k.name, k.plural) for k in kinds],
        period_id=period_id,
        period_label=period.label,
        period_start=period.start,
        period_end=period.end,
        financial_year=period.financial_year,
        quarter=period.quarter,
        published_at=period.published_at,
        symbols=symbols(session, programme_id),
        columns=summary_columns(session, programme_id),
        kpi_symbols=symbols(session, programme_id, "kpi") if programme.kpi_scheme_id else [],
        scheme=scheme_name(session, programme_id),
        kpi_scheme=scheme_name(session, programme_id, "kpi"),
        roots=roots,
        pledges=[(p.number, p.title) for p in pledge_rows],
        kpi_groups=_kpis(session, programme_id, period_id, people),
        recommendations=[
            (r.number, r.text, r.response, r.applies_to)
            for r in recommendations(session, programme_id)
        ],
        outcomes=outcomes(session, programme_id),
        contacts=contacts(session, programme_id),
        plan_sections=plan_sections(session, programme_id),
        programme_milestones=milestones.get(None, []),
        report=report_record(session, programme_id, period_id),
    )


def _kpis(
    session: Session, programme_id: int, period_id: int, people: dict[int, str]
) -> list[KpiGroupData]:
    """The KPI table as the indicators view computes it: the status shown is the manager's
    override if there is one, else the one worked out from actual, target and tolerance."""
    from app.read.kpis import kpi_table

    table = kpi_table(session, programme_id, period_id)
    marks = {s.glyph: mark_of(s) for s in table.symbols}
    year = table.year
    roots: list[KpiGroupData] = []
    stack: list[KpiGroupData] = []
    loose: list[IndicatorData] = []
    for row in table.rows:
        if row.kind == "group":
            group = KpiGroupData(row.name, None, [], [])
            del stack[row.depth :]
            (stack[-1].children if stack else roots).append(group)
            stack.append(group)
            continue
        indicator = IndicatorData(
            code=row.code,
            title=row.name,
            responsible=row.responsible,
            polarity=row.polarity,
            outturns={year - 1: KpiValueData(row.prior_actual, None)} if row.prior_actual else {},
            national_average=(row.national_year, KpiValueData(row.national_average, None))
            if row.national_average and row.national_year
            else None,
            targets={
                y: KpiValueData(t, None)
                for y, t in zip((year, year + 1, year + 2), row.targets, strict=True)
                if t is not None
            },
            actual=KpiValueData(row.actual, row.note) if row.actual else None,
            status=marks.get(row.glyph) if row.glyph else None,
            status_reason=row.reason,
            comment=row.comment,
            unit=row.unit,
        )
        (stack[-1].indicators if stack else loose).append(indicator)
    if loose:
        roots.insert(0, KpiGroupData("Indicators", None, loose, []))
    return roots
