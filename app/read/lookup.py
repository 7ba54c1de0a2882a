"""Finding a programme, period, objective or person from what someone typed on the command line.

Each accepts the exact name or any unique, case-insensitive part of one; an ambiguous or
unknown name raises an error whose message lists the candidates, one to a line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.core.errors import AmbiguousNameError, NotFoundError
from app.store.models import Item, Period, Programme, Responsible


def _listing(names: list[str]) -> str:
    return "\n".join(f"  {name}" for name in names)


def _matches(typed: str, names: dict[int, str]) -> tuple[int | None, list[int]]:
    """The one id ``typed`` names (exactly, or as the only name containing it), or None and
    every id whose name contains it."""
    wanted = typed.strip().casefold()
    exact = [i for i, name in names.items() if name.casefold() == wanted]
    if len(exact) == 1:
        return int(exact[0]), exact
    partial = [i for i, name in names.items() if wanted and wanted in name.casefold()]
    if len(partial) == 1:
        return partial[0], partial
    return None, partial


def _pick(typed: str, names: dict[int, str], what: str, *, none: str | None = None) -> int:
    found, partial = _matches(typed, names)
    if found is not None:
        return found
    if partial:
        raise AmbiguousNameError(
            f"“{typed}” matches {len(partial)} {what}s; say which:\n"
            + _listing([names[i] for i in partial]),
            [names[i] for i in partial],
        )
    raise NotFoundError(
        f"No {what} matches “{typed}”. The {what}s are:\n{_listing(list(names.values()))}"
        if names
        else none or f"There are no {what}s in this file."
    )


def find_programme(session: Session, typed: str) -> int:
    """Exact name, or any unique case-insensitive part of one ("Chief Executive Services")."""
    names = dict(
        session.execute(select(Programme.id, Programme.name).order_by(Programme.name)).all()
    )
    return _pick(typed, names, "programme")


def _programme_name(session: Session, programme_id: int) -> str:
    return session.scalar(select(Programme.name).where(Programme.id == programme_id)) or ""


# --- periods ------------------------------------------------------------------------------

_QUARTER = r"(?:q|qtr\.?|quarter)\s*(?P<quarter>[1-4])"
_YEAR = r"(?P<start>\d{4}|\d{2})\s*[/\-–]\s*(?P<end>\d{4}|\d{2})"
_PERIOD_FORMS = [
    re.compile(rf"^{_QUARTER}(?:[\s,]+{_YEAR})?$", re.IGNORECASE),
    re.compile(rf"^{_YEAR}[\s,]+{_QUARTER}$", re.IGNORECASE),
    re.compile(rf"^{_YEAR}$", re.IGNORECASE),
]


def _four_digits(text: str) -> int:
    return int(text) if len(text) == 4 else 2000 + int(text)


def parse_quarter(typed: str) -> tuple[int | None, int | None] | None:
    """(quarter, financial year's start year) as councils write them: "Q1 2009/10",
    "Quarter 1 2009-10", "2009/10 Q1", "quarter 1 2009/2010", "Q1" (no year), "2009/10" (no
    quarter). None if ``typed`` is not of that form, or names no financial year ("2009/11")."""
    text = " ".join(typed.split())
    for form in _PERIOD_FORMS:
        match = form.match(text)
        if not match:
            continue
        parts = match.groupdict()
        quarter = int(parts["quarter"]) if parts.get("quarter") else None
        if not parts.get("start"):
            return quarter, None
        start = _four_digits(parts["start"])
        end = parts["end"]
        if int(end) != (start + 1 if len(end) == 4 else (start + 1) % 100):
            return None
        return quarter, start
    return None


def find_period(session: Session, programme_id: int, typed: str) -> int:
    """A period by its label ("Quarter 1 2009/10", "November 2011"), or a quarter written any
    way councils write one ("Q1 2009-10", "2009/10 Q1", "quarter 1 2009/2010")."""
    rows = session.execute(
        select(Period.id, Period.label, Period.quarter, Period.financial_year)
        .where(Period.programme_id == programme_id)
        .order_by(Period.start, Period.id)
    ).all()
    names = {r.id: r.label for r in rows}
    programme = _programme_name(session, programme_id)
    none = f"“{programme}” has no periods yet, so there is nothing to report on."
    wanted = typed.strip().casefold()
    exact = [i for i, label in names.items() if label.casefold() == wanted]
    if len(exact) == 1:
        return int(exact[0])
    asked = parse_quarter(typed)
    if asked is not None:
        quarter, year = asked
        candidates = {}
        for row in rows:
            row_quarter, row_year = row.quarter, row.financial_year
            if row_quarter is None:  # a custom period: its label may still name a quarter
                parsed = parse_quarter(row.label)
                if parsed is not None:
                    row_quarter, row_year = parsed[0], parsed[1] or row_year
            if quarter is not None and row_quarter != quarter:
                continue
            if year is None or row_year == year:
                candidates[row.id] = row.label
        if len(candidates) == 1:
            return int(next(iter(candidates)))
        if candidates:
            raise AmbiguousNameError(
                f"“{typed}” matches {len(candidates)} periods; say which:\n"
                + _listing(list(candidates.values())),
                list(candidates.values()),
            )
    return _pick(typed, names, "period", none=none)


# --- objectives and people ----------------------------------------------------------------


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
        return int(numbered[0])
    names = {r.id: (f"{r.number} {r.title}" if r.number else r.title) for r in rows}
    return _pick(
        typed,
        names,
        "objective",
        none=f"“{_programme_name(session, programme_id)}” has no objectives yet.",
    )


@dataclass(frozen=True)
class Person:
    id: int
    name: str
    items: int


def people_with_items(session: Session, programme_id: int) -> list[Person]:
    """Each person or role responsible for something in the programme, with how many items
    (names are unique in a file, so one row each)."""
    rows = session.execute(
        select(Responsible.id, Responsible.name, func.count(Item.id))
        .join(Item, Item.responsible_id == Responsible.id)
        .where(Item.programme_id == programme_id)
        .group_by(Responsible.id)
        .order_by(Responsible.name)
    ).all()
    return [Person(*row) for row in rows]


def subtree_ids(session: Session, item_id: int) -> list[int]:
    """The item and everything under it, top first."""
    ids, frontier = [item_id], [item_id]
    while frontier:
        frontier = list(session.scalars(select(Item.id).where(Item.parent_id.in_(frontier))))
        ids.extend(frontier)
    return ids


def find_responsible(session: Session, programme_id: int, typed: str) -> str:
    """The name, as stored, of the person or role responsible for something in the programme
    that ``typed`` names exactly or as the only name containing it."""
    names = dict(enumerate(person.name for person in people_with_items(session, programme_id)))
    programme = _programme_name(session, programme_id)
    if not names:
        raise NotFoundError(
            f"Nobody is named as responsible for anything in “{programme}”; "
            "leave out --responsible."
        )
    found, partial = _matches(typed, names)
    if found is not None:
        return names[found]
    if partial:
        raise AmbiguousNameError(
            f"“{typed}” matches {len(partial)} of those responsible in “{programme}”; "
            "say which:\n" + _listing([names[i] for i in partial]),
            [names[i] for i in partial],
        )
    raise NotFoundError(
        f"No one responsible for anything in “{programme}” matches “{typed}”. "
        f"Those responsible are:\n{_listing(list(names.values()))}"
    )
