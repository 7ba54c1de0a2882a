"""What a tree cell says: its text (shown, and read by a screen reader) and its tooltip."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from app.core.dates import format_date
from ui.tree.columns import JUDGEMENT, MILESTONE, PREVIOUS, RESPONSIBILITY, TITLE

if TYPE_CHECKING:
    from app.read.queries import ItemRow, SymbolRow

UNJUDGED = "Not yet judged"
CARRIED = "(carried)"  # after a carried judgement's name, until someone confirms it

SymbolOf = Callable[[str | None], "SymbolRow | None"]


def display(row: ItemRow, column: int, symbol_of: SymbolOf, has_children: bool) -> str:
    """The cell's text; an item with children that nobody has judged says nothing (its
    actions are judged), an action says "Not yet judged"."""
    if column == TITLE:
        title = row.title.split("\n", 1)[0]
        return f"{row.number} {title}" if row.number else title
    if column == RESPONSIBILITY:
        return row.responsible or ""
    if column in (JUDGEMENT, PREVIOUS):
        glyph = row.glyph if column == JUDGEMENT else row.previous_glyph
        symbol = symbol_of(glyph)
        if symbol is None:
            return "" if column == PREVIOUS or has_children else UNJUDGED
        if column == JUDGEMENT and row.carried:
            return f"{symbol.glyph}  {symbol.label} {CARRIED}"
        return f"{symbol.glyph}  {symbol.label}"
    if column == MILESTONE:
        if row.next_due is None:
            return ""
        return f"{row.next_due} (overdue)" if row.overdue else row.next_due
    return ""


def tooltip(row: ItemRow, column: int, symbol_of: SymbolOf) -> str | None:
    if column == TITLE:
        return row.title
    if column in (JUDGEMENT, PREVIOUS):
        symbol = symbol_of(row.glyph if column == JUDGEMENT else row.previous_glyph)
        if symbol and column == JUDGEMENT and row.carried:
            return (
                f"{symbol.meaning}\nCarried from last period: press its key to confirm it, "
                "or another to change it."
            )
        return symbol.meaning if symbol else UNJUDGED
    if column == MILESTONE and row.next_due_date:
        return f"Due by {format_date(row.next_due_date)}"
    return None
