"""A programme as an import compares it with a file: each item's title path and the values
a file can change (responsibility, milestones, the period's narrative and judgement)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.labels import item_label, milestone_words
from app.store.database import Database
from app.store.models import (
    Dependency,
    Item,
    Judgement,
    Milestone,
    ProgressUpdate,
    Responsible,
    Symbol,
)


def normal(text: str) -> str:
    """Titles compare without case, spacing or a trailing full stop."""
    return re.sub(r"\s+", " ", text).strip().rstrip(".").casefold()


@dataclass(frozen=True)
class ItemState:
    id: int
    parent_id: int | None
    key: tuple[str, ...]  # normalised titles from the top-level item down to this one
    number: str | None
    label: str
    responsible: str | None
    milestones: tuple[str, ...]  # each in one line, as the reports print them
    achievements: str | None  # the period's narrative, as the reports print it
    glyph: str | None  # the period's judgement
    depends_on: tuple[str, ...] = ()  # normalised titles of the items it depends on


@dataclass(frozen=True)
class ProgrammeState:
    items: dict[int, ItemState]


def programme_state(session: Session, programme_id: int, period_id: int) -> ProgrammeState:
    rows = session.execute(
        select(Item.id, Item.parent_id, Item.number, Item.title, Responsible.name)
        .outerjoin(Responsible, Responsible.id == Item.responsible_id)
        .where(Item.programme_id == programme_id)
    ).all()
    milestones: dict[int, list[str]] = {}
    for item_id, due, text in session.execute(
        select(Milestone.item_id, Milestone.due_text, Milestone.text)
        .where(Milestone.programme_id == programme_id, Milestone.item_id.is_not(None))
        .order_by(Milestone.item_id, Milestone.position)
    ):
        if item_id is not None:
            milestones.setdefault(item_id, []).append(milestone_words(due, text))
    updates: dict[int, list[str]] = {}
    for item_id, heading, text in session.execute(
        select(ProgressUpdate.item_id, ProgressUpdate.heading, ProgressUpdate.text)
        .join(Item, Item.id == ProgressUpdate.item_id)
        .where(Item.programme_id == programme_id, ProgressUpdate.period_id == period_id)
        .order_by(ProgressUpdate.item_id, ProgressUpdate.position)
    ):
        updates.setdefault(item_id, []).append(f"{heading}\n{text}" if heading else text)
    glyphs = dict(
        session.execute(
            select(Judgement.item_id, Symbol.glyph)
            .join(Symbol, Symbol.id == Judgement.symbol_id)
            .join(Item, Item.id == Judgement.item_id)
            .where(Item.programme_id == programme_id, Judgement.period_id == period_id)
        ).all()
    )
    parent = {row.id: row.parent_id for row in rows}
    title = {row.id: normal(row.title) for row in rows}
    depends: dict[int, list[str]] = {}
    for item_id, other in session.execute(
        select(Dependency.item_id, Dependency.depends_on_id).where(
            Dependency.item_id.in_(select(Item.id).where(Item.programme_id == programme_id))
        )
    ):
        if other in title:
            depends.setdefault(item_id, []).append(title[other])

    def key(item_id: int) -> tuple[str, ...]:
        path = []
        current: int | None = item_id
        while current is not None:
            path.append(title[current])
            current = parent[current]
        return tuple(reversed(path))

    return ProgrammeState(
        {
            row.id: ItemState(
                id=row.id,
                parent_id=row.parent_id,
                key=key(row.id),
                number=row.number,
                label=item_label({"number": row.number, "title": row.title}),
                responsible=row.name,
                milestones=tuple(milestones.get(row.id, ())),
                achievements="\n\n".join(updates[row.id]) if row.id in updates else None,
                glyph=glyphs.get(row.id),
                depends_on=tuple(depends.get(row.id, ())),
            )
            for row in rows
        }
    )


@dataclass(frozen=True)
class MeasureState:
    """An indicator as a sheet of measures is compared with it, for one period."""

    id: int
    code: str | None
    title: str
    responsible: str | None
    target: str | None  # for the period's financial year
    actual: str | None
    status: str | None  # the manager's status (a glyph), where set
    comment: str | None

    @property
    def label(self) -> str:
        return f"{self.code} {self.title}" if self.code else self.title


def measure_states(session: Session, programme_id: int, period_id: int) -> list[MeasureState]:
    from app.store.models import Indicator, KpiResult, KpiTarget, Period

    period = session.get(Period, period_id)
    assert period is not None
    targets = dict(
        session.execute(
            select(KpiTarget.indicator_id, KpiTarget.value_text)
            .join(Indicator, Indicator.id == KpiTarget.indicator_id)
            .where(
                Indicator.programme_id == programme_id,
                KpiTarget.financial_year == period.financial_year,
            )
        ).all()
    )
    results = {
        row.indicator_id: row
        for row in session.execute(
            select(KpiResult.indicator_id, KpiResult.actual_text, KpiResult.comment, Symbol.glyph)
            .outerjoin(Symbol, Symbol.id == KpiResult.status_symbol_id)
            .where(KpiResult.period_id == period_id)
        )
    }
    return [
        MeasureState(
            id=row.id,
            code=row.code,
            title=row.title,
            responsible=row.name,
            target=targets.get(row.id),
            actual=results[row.id].actual_text if row.id in results else None,
            status=results[row.id].glyph if row.id in results else None,
            comment=results[row.id].comment if row.id in results else None,
        )
        for row in session.execute(
            select(Indicator.id, Indicator.code, Indicator.title, Responsible.name)
            .outerjoin(Responsible, Responsible.id == Indicator.responsible_id)
            .where(Indicator.programme_id == programme_id)
            .order_by(Indicator.position, Indicator.id)
        )
    ]


def saved_mapping(session: Session, programme_id: int, headers: list[str]) -> dict[str, Any] | None:
    """The mapping kept with the programme for a sheet with these headers, if any."""
    import json

    from app.store.models import ImportMapping

    text = session.scalar(
        select(ImportMapping.mapping).where(
            ImportMapping.programme_id == programme_id,
            ImportMapping.headers == json.dumps(headers, ensure_ascii=False),
        )
    )
    if text is None:
        return None
    found = json.loads(text)
    return found if isinstance(found, dict) else None


def saved_mapping_in(db: Database, programme_id: int, headers: list[str]) -> dict[str, Any] | None:
    """:func:`saved_mapping` in a session of its own, for the window and the command line."""
    with db.reader() as session:
        return saved_mapping(session, programme_id, headers)
