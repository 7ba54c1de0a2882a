"""Other people's changes since the window last looked: the change log read by id.

On a server several people edit one programme; the window asks every two seconds for the log's
rows after the last id it saw (the primary key's index: a few rows, a millisecond) and turns
them into what to read again. Rows this window wrote itself (its own batches,
``Database.own_batches``) are already shown and are left out.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.store.models import ChangeLogEntry, Milestone, ProgressUpdate

# More rows than this since the last look (an import, a merge) and the tree is read again whole.
MOST = 2000
# Item edits that change a row in place; any other item entry (added, deleted, restored,
# moved, imported) changes the tree's shape.
ROW_EDITS = {"title", "number", "description", "responsibility", "pledges", "dependencies"}


@dataclass(frozen=True)
class Changes:
    """What to read again. ``last_id`` is where the next look starts."""

    last_id: int
    items: frozenset[int] = frozenset()  # rows (and their detail) that show something new
    structure: bool = False  # items came, went or moved, or too much to list: read the tree
    indicators: bool = False  # an indicator's value, status or set-up
    settings: bool = False  # the programme's periods, symbols, levels or lists

    @property
    def any(self) -> bool:
        return bool(self.items) or self.structure or self.indicators or self.settings


def last_change_id(session: Session) -> int:
    return session.scalar(select(func.max(ChangeLogEntry.id))) or 0


def changes_since(session: Session, last_id: int, own_batches: set[int]) -> Changes:
    """The log's rows after ``last_id`` that another connection wrote, as what to refresh."""
    rows = session.execute(
        select(
            ChangeLogEntry.id,
            ChangeLogEntry.batch,
            ChangeLogEntry.entity,
            ChangeLogEntry.entity_id,
            ChangeLogEntry.field,
            ChangeLogEntry.operation,
        )
        .where(ChangeLogEntry.id > last_id)
        .order_by(ChangeLogEntry.id)
        .limit(MOST + 1)
    ).all()
    if not rows:
        return Changes(last_id)
    if len(rows) > MOST:
        return Changes(last_change_id(session), structure=True, indicators=True)
    items: set[int] = set()
    updates: set[int] = set()
    milestones: set[int] = set()
    structure = indicators = settings = False
    for row in rows:
        if row.batch in own_batches:
            continue
        if row.entity_id is None:
            settings = True
        elif row.entity == "item":
            if row.field in ROW_EDITS and row.operation.startswith("edit"):
                items.add(row.entity_id)
            else:
                structure = True
        elif row.entity == "judgement":
            items.add(row.entity_id)  # filed under the item
        elif row.entity == "progress_update":
            updates.add(row.entity_id)
        elif row.entity == "milestone":
            milestones.add(row.entity_id)
        elif row.entity.startswith(("indicator", "kpi")):
            indicators = True
        else:
            settings = True
    if updates:
        found = session.scalars(
            select(ProgressUpdate.item_id).where(ProgressUpdate.id.in_(updates))
        )
        items.update(found)
    if milestones:
        found = session.scalars(select(Milestone.item_id).where(Milestone.id.in_(milestones)))
        items.update(i for i in found if i is not None)
    return Changes(rows[-1].id, frozenset(items), structure, indicators, settings)
