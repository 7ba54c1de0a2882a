"""Everyone in the file who can be responsible for something, with what they hold.

People are file-wide (one list for every programme in the file), so the counts are too:
a person who leads actions in two programmes is one person with both sets of items.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.store.models import Indicator, Item, Responsible


@dataclass(frozen=True)
class PersonRow:
    id: int
    name: str
    role: str | None
    email: str | None
    items: int
    indicators: int


def people(session: Session) -> list[PersonRow]:
    """Everyone, by name (case ignored, as a reader looks a name up)."""
    items = dict(
        session.execute(
            select(Item.responsible_id, func.count()).group_by(Item.responsible_id)
        ).all()
    )
    indicators = dict(
        session.execute(
            select(Indicator.responsible_id, func.count()).group_by(Indicator.responsible_id)
        ).all()
    )
    rows = session.execute(
        select(Responsible.id, Responsible.name, Responsible.role, Responsible.email).order_by(
            func.lower(Responsible.name), Responsible.id
        )
    ).all()
    return [
        PersonRow(
            person_id, name, role, email, items.get(person_id, 0), indicators.get(person_id, 0)
        )
        for person_id, name, role, email in rows
    ]


def uses(
    session: Session, person_ids: list[int]
) -> tuple[dict[int, list[int]], dict[int, list[int]]]:
    """``({person: item ids}, {person: indicator ids})`` for these people, ids in order."""
    items: dict[int, list[int]] = {p: [] for p in person_ids}
    indicators: dict[int, list[int]] = {p: [] for p in person_ids}
    for model, found in ((Item, items), (Indicator, indicators)):
        for ident, person in session.execute(
            select(model.id, model.responsible_id)
            .where(model.responsible_id.in_(person_ids))
            .order_by(model.id)
        ).all():
            if person is not None:  # always, as asked: the type cannot say so
                found[person].append(ident)
    return items, indicators
