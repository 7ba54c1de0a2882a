"""Finding a programme or period from what a person typed on the command line."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import AmbiguousNameError, NotFoundError
from app.models import Item, Period, Programme


def _pick(typed: str, names: dict[int, str], what: str) -> int:
    wanted = typed.strip().casefold()
    exact = [i for i, name in names.items() if name.casefold() == wanted]
    if len(exact) == 1:
        return exact[0]
    partial = [i for i, name in names.items() if wanted and wanted in name.casefold()]
    if len(partial) == 1:
        return partial[0]
    listing = "\n".join(f"  {names[i]}" for i in (partial or list(names)))
    if partial:
        raise AmbiguousNameError(
            f"“{typed}” matches {len(partial)} {what}s; say which:\n{listing}",
            [names[i] for i in partial],
        )
    raise NotFoundError(
        f"No {what} matches “{typed}”. The {what}s are:\n{listing}"
        if names
        else f"There are no {what}s in this file."
    )


def find_programme(session: Session, typed: str) -> int:
    """Exact name, or any unique case-insensitive part of one ("Chief Executive Services")."""
    names = dict(
        session.execute(select(Programme.id, Programme.name).order_by(Programme.name)).all()
    )
    return _pick(typed, names, "programme")


def find_period(session: Session, programme_id: int, typed: str) -> int:
    names = dict(
        session.execute(
            select(Period.id, Period.label)
            .where(Period.programme_id == programme_id)
            .order_by(Period.start)
        ).all()
    )
    return _pick(typed, names, "period")


def find_root(session: Session, programme_id: int, typed: str) -> int:
    """A top-level item by its number ("1.", "Organisational Effectiveness Objective 2") or any
    unique part of its title."""
    rows = session.execute(
        select(Item.id, Item.number, Item.title)
        .where(Item.programme_id == programme_id, Item.parent_id.is_(None))
        .order_by(Item.position)
    ).all()
    wanted = typed.strip().casefold()
    numbered = [
        r.id
        for r in rows
        if r.number and r.number.strip().rstrip(".").casefold() == wanted.rstrip(".")
    ]
    if len(numbered) == 1:
        return numbered[0]
    names = {r.id: (f"{r.number} {r.title}" if r.number else r.title) for r in rows}
    return _pick(typed, names, "objective")
