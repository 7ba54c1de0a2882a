"""A project plan's own lines, brought in: its key milestones (the programme's milestones,
on no item) and its key outcomes. Only lines the programme does not have yet are proposed;
as everywhere in an import, nothing is deleted."""

from __future__ import annotations

from typing import NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.imports.source import Source
from app.read.imports import normal
from app.store.models import Milestone, Outcome

PLAN = "#plan"  # the first part of a plan line's key: never an item's or a measure's


class NewLine(NamedTuple):
    where: str
    key: tuple[str, ...]
    label: str  # "The plan", as the review's Item column shows it
    field: str  # "key milestone" or "outcome"
    shown: str  # the line as the plan prints it
    parts: tuple[str, str]  # its text, and its due words or target ("" for none)


def new_plan_lines(
    session: Session, programme: int, source: Source
) -> tuple[list[NewLine], list[str]]:
    """The plan lines of ``source`` the programme does not have, and the rows of those it
    has (they change nothing)."""
    new: list[NewLine] = []
    known_at: list[str] = []
    milestones = {
        (normal(due or ""), normal(text or ""))
        for due, text in session.execute(
            select(Milestone.due_text, Milestone.text).where(
                Milestone.programme_id == programme, Milestone.item_id.is_(None)
            )
        )
    }
    outcomes = {
        normal(text)
        for text in session.scalars(select(Outcome.text).where(Outcome.programme_id == programme))
    }
    for line in source.plan_lines:
        if line.kind == "key milestone":
            known = (normal(line.extra or ""), normal(line.text)) in milestones
            shown = f"{line.extra}: {line.text}" if line.extra else line.text
        else:
            known = normal(line.text) in outcomes
            shown = f"{line.text} (target: {line.extra})" if line.extra else line.text
        if known:
            known_at.append(line.where)
            continue
        key = (PLAN, line.kind, normal(line.text))
        parts = (line.text, line.extra or "")
        new.append(NewLine(line.where, key, "The plan", line.kind, shown, parts))
    return new, known_at
