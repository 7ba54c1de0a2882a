"""What a programme's scheme can be made from, as the settings and New Programme dialogs
offer it: the shipped templates, and the other programmes' own schemes in the file."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.schemes import SHIPPED_SCHEMES
from app.read.queries import scheme_column
from app.store.models import Programme, SymbolScheme


@dataclass(frozen=True)
class SchemeChoice:
    """What a programme's scheme can be made from: a shipped template, or a copy of another
    programme's own scheme in the same file."""

    label: str
    template: str | None = None
    programme_id: int | None = None


def scheme_choices(
    session: Session, programme_id: int, purpose: str = "progress"
) -> list[SchemeChoice]:
    column = scheme_column(purpose)
    choices = [
        SchemeChoice(f"{spec.name} (template)", template=spec.name)
        for spec in SHIPPED_SCHEMES
        if spec.purpose == purpose
    ]
    for other_id, other, scheme in session.execute(
        select(Programme.id, Programme.name, SymbolScheme.name)
        .join(SymbolScheme, SymbolScheme.id == column)
        .where(Programme.id != programme_id)
        .order_by(Programme.name)
    ):
        choices.append(SchemeChoice(f"As “{other}” ({scheme})", programme_id=other_id))
    return choices
