"""What the programme dialogs show before anything changes: the choices for a new
programme, what a deletion would lose, and what a duplicate for next year would be called
and which periods it would get. Each read opens one short session of its own.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from app.core.period_patterns import next_year_name, programme_pattern
from app.core.periods import LATEST_FINANCIAL_YEAR, financial_year_label
from app.core.wording import counted, listed
from app.read.queries import level_names
from app.read.scheme_choices import SchemeChoice, scheme_choices
from app.store.database import Database
from app.store.models import (
    Indicator,
    Item,
    Judgement,
    KpiResult,
    Milestone,
    Period,
    Programme,
    ProgressUpdate,
)


@dataclass(frozen=True)
class ProgrammeLevels:
    """A programme another may copy its tree from, and what it calls its levels."""

    id: int
    name: str
    levels: tuple[str, ...]


@dataclass(frozen=True)
class SetupChoices:
    progress_schemes: list[SchemeChoice]
    kpi_schemes: list[SchemeChoice]
    programmes: list[ProgrammeLevels]


@dataclass(frozen=True)
class ProgrammeContents:
    """What deleting a programme loses, counted."""

    name: str
    items: int
    judgements: int
    achievements: int
    milestones: int
    indicators: int
    kpi_results: int
    periods: int
    published: int

    @property
    def summary(self) -> str:
        """``92 items, 48 judgements, 40 achievements … and 12 periods (1 published)``."""
        parts = [
            counted(self.items, "item"),
            counted(self.judgements, "judgement"),
            counted(self.achievements, "achievement"),
            counted(self.milestones, "milestone"),
        ]
        if self.indicators:
            parts.append(
                f"{counted(self.indicators, 'indicator')} with "
                f"{counted(self.kpi_results, 'result')}"
            )
        periods = counted(self.periods, "period")
        if self.published:
            periods += f" ({self.published:,} published)"
        return listed([*parts, periods])


@dataclass(frozen=True)
class DuplicatePlan:
    """What a copy for next year would be called, and which periods it would get ("the
    quarters of 2010/11"); ``periods`` is None when the source names its own."""

    name: str
    periods: str | None


def setup_choices(db: Database) -> SetupChoices:
    with db.reader() as session:
        return SetupChoices(
            scheme_choices(session, 0, "progress"),
            scheme_choices(session, 0, "kpi"),
            [
                ProgrammeLevels(pid, name, tuple(level_names(session, pid)))
                for pid, name in session.execute(
                    select(Programme.id, Programme.name).order_by(Programme.name)
                )
            ],
        )


def _count(session: Session, where: ColumnElement[bool]) -> int:
    return session.scalar(select(func.count()).where(where)) or 0


def contents(db: Database, programme_id: int) -> ProgrammeContents:
    with db.reader() as session:
        name = session.scalar(select(Programme.name).where(Programme.id == programme_id)) or ""
        items = select(Item.id).where(Item.programme_id == programme_id)
        indicators = select(Indicator.id).where(Indicator.programme_id == programme_id)
        return ProgrammeContents(
            name,
            _count(session, Item.programme_id == programme_id),
            _count(session, Judgement.item_id.in_(items)),
            _count(session, ProgressUpdate.item_id.in_(items)),
            _count(session, Milestone.programme_id == programme_id),
            _count(session, Indicator.programme_id == programme_id),
            _count(session, KpiResult.indicator_id.in_(indicators)),
            _count(session, Period.programme_id == programme_id),
            _count(
                session,
                (Period.programme_id == programme_id) & Period.published_at.is_not(None),
            ),
        )


def copy_name(name: str, taken: set[str]) -> str:
    """The name a copy for next year is offered: the name with its financial year moved on
    ("Plan 2010/11" from "Plan 2009/10"), else "Plan (copy)"; then "(copy 2)"… until no
    programme in the file has it (names are unique ignoring case)."""
    following = next_year_name(name)
    base = following or name
    candidates = [following] if following else []
    candidates += [f"{base} (copy)", *(f"{base} (copy {n})" for n in range(2, len(taken) + 3))]
    lowered = {other.lower() for other in taken}
    return next(c for c in candidates if c.lower() not in lowered)


def duplicate_plan(db: Database, programme_id: int) -> DuplicatePlan:
    with db.reader() as session:
        names = set(session.scalars(select(Programme.name)))
        name = session.scalar(select(Programme.name).where(Programme.id == programme_id)) or ""
        dates = session.execute(
            select(Period.start, Period.end).where(Period.programme_id == programme_id)
        ).all()
    found = programme_pattern((start, end) for start, end in dates)
    periods = None
    if found is not None and found[1] < LATEST_FINANCIAL_YEAR:
        pattern, year = found
        periods = f"the {pattern} of {financial_year_label(year + 1)}"
    return DuplicatePlan(copy_name(name, names), periods)
