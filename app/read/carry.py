"""What a new period can start from: last period's judgements and narratives.

A new quarter starts empty; these reads say which actions had a judgement or a narrative in
the period before and have none yet in this one (what carrying forward would fill), and what
an item said last period, for the detail pane to show beside this period's.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.read.queries import previous_period
from app.store.database import Database
from app.store.models import Item, Judgement, Period, ProgressUpdate, Symbol


@dataclass(frozen=True)
class CarryRow:
    """An item that had something last period and has nothing of that kind yet in this one."""

    item_id: int
    number: str | None
    title: str
    glyph: str | None  # last period's judgement, when this period has none yet
    narrative: str | None  # last period's first entry, when this period has none yet


@dataclass(frozen=True)
class CarryView:
    period_id: int
    period_label: str
    previous_id: int
    previous_label: str
    rows: tuple[CarryRow, ...]


@dataclass(frozen=True)
class PreviousProgress:
    """An item's judgement and narrative in the period before the one shown."""

    label: str
    glyph: str | None
    narrative: str


def _judged(session: Session, period_id: int) -> dict[int, str]:
    return {
        row.item_id: row.glyph
        for row in session.execute(
            select(Judgement.item_id, Symbol.glyph)
            .join(Symbol, Symbol.id == Judgement.symbol_id)
            .where(Judgement.period_id == period_id)
        )
    }


def _narratives(session: Session, period_id: int) -> dict[int, str]:
    found: dict[int, str] = {}
    for row in session.execute(
        select(ProgressUpdate.item_id, ProgressUpdate.text)
        .where(ProgressUpdate.period_id == period_id)
        .order_by(ProgressUpdate.item_id, ProgressUpdate.position)
    ):
        found.setdefault(row.item_id, row.text)
    return found


def carry_view(session: Session, period_id: int) -> CarryView | None:
    """None when the period is the programme's first (there is nothing to carry)."""
    period = session.get(Period, period_id)
    previous_id = previous_period(session, period_id)
    if period is None or previous_id is None:
        return None
    previous = session.get(Period, previous_id)
    assert previous is not None
    before_glyphs, now_glyphs = _judged(session, previous_id), _judged(session, period_id)
    before_text, now_text = _narratives(session, previous_id), _narratives(session, period_id)
    rows = []
    for item in session.execute(
        select(Item.id, Item.number, Item.title)
        .where(Item.programme_id == period.programme_id)
        .order_by(Item.parent_id.is_not(None), Item.parent_id, Item.position)
    ):
        glyph = before_glyphs.get(item.id) if item.id not in now_glyphs else None
        text = before_text.get(item.id) if item.id not in now_text else None
        if glyph is not None or text is not None:
            rows.append(CarryRow(item.id, item.number, item.title.split("\n", 1)[0], glyph, text))
    return CarryView(period.id, period.label, previous.id, previous.label, tuple(rows))


def is_new(session: Session, period_id: int) -> bool:
    """A period nobody has judged yet, after one that was judged: a quarter to start."""
    previous_id = previous_period(session, period_id)
    if previous_id is None or _any_judged(session, period_id):
        return False
    return _any_judged(session, previous_id)


def _any_judged(session: Session, period_id: int) -> bool:
    found = session.scalar(select(Judgement.id).where(Judgement.period_id == period_id).limit(1))
    return found is not None


def period_to_start(session: Session, programme_id: int, period_id: int | None) -> int | None:
    """The period "Start …" would open: the one shown when it is new; else the next one,
    when nobody has judged it yet."""
    if period_id is None:
        return None
    if is_new(session, period_id):
        return period_id
    shown = session.get(Period, period_id)
    if shown is None or not _any_judged(session, period_id):
        return None
    following = session.scalar(
        select(Period.id)
        .where(Period.programme_id == programme_id, Period.start > shown.start)
        .order_by(Period.start)
        .limit(1)
    )
    if following is None or _any_judged(session, following):
        return None
    return following


def previous_progress(session: Session, item_id: int, period_id: int) -> PreviousProgress | None:
    previous_id = previous_period(session, period_id)
    if previous_id is None:
        return None
    label = session.scalar(select(Period.label).where(Period.id == previous_id)) or ""
    glyph = session.scalar(
        select(Symbol.glyph)
        .join(Judgement, Judgement.symbol_id == Symbol.id)
        .where(Judgement.item_id == item_id, Judgement.period_id == previous_id)
    )
    texts = session.scalars(
        select(ProgressUpdate.text)
        .where(ProgressUpdate.item_id == item_id, ProgressUpdate.period_id == previous_id)
        .order_by(ProgressUpdate.position)
    )
    return PreviousProgress(label, glyph, "\n\n".join(texts))


# --- for the window: one short session each ---------------------------------------------------


def read_carry_view(db: Database, period_id: int) -> CarryView | None:
    with db.reader() as session:
        return carry_view(session, period_id)


def read_period_to_start(db: Database, programme_id: int, period_id: int | None) -> int | None:
    with db.reader() as session:
        return period_to_start(session, programme_id, period_id)


def read_is_new(db: Database, period_id: int) -> bool:
    with db.reader() as session:
        return is_new(session, period_id)


def read_previous_progress(db: Database, item_id: int, period_id: int) -> PreviousProgress | None:
    with db.reader() as session:
        return previous_progress(session, item_id, period_id)
