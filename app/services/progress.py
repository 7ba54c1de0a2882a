"""Per-period progress: judgements and the achievements narrative.

The milestones' operations live in ``app.services.milestones`` and are named here too, as the
window and the tests have always called them.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.conflicts import Seen
from app.core.errors import ValidationError
from app.core.validation import (
    SHORT_LIMIT,
    TEXT_LIMIT,
    check_characters,
    clean_text,
    required_text,
)
from app.services.context import Change, Op, ensure_open, get, operation
from app.services.milestones import add_milestone as add_milestone
from app.services.milestones import check_in_scope
from app.services.milestones import delete_milestone as delete_milestone
from app.services.milestones import edit_milestone as edit_milestone
from app.services.milestones import restore_milestone as restore_milestone
from app.services.seen import check_seen, item_named
from app.store.database import Database
from app.store.models import (
    Item,
    Judgement,
    Period,
    Programme,
    ProgressUpdate,
    Symbol,
    SymbolScheme,
)


def _item_and_period(op: Op, item_id: int, period_id: int) -> tuple[Item, Period]:
    item = op.fetch(Item, item_id, "item")
    period = get(op.session, Period, period_id, "period")
    if period.programme_id != item.programme_id:
        raise ValidationError(f"{period.label} is a period of another programme.")
    ensure_open(period)
    check_in_scope(op, item)
    if op.scope is not None and period_id != op.scope.period_id:
        raise ValidationError(f"This update pack is for {op.scope.period_label} only.")
    return item, period


def progress_symbol(session: Session, programme_id: int, glyph: str) -> Symbol:
    """The symbol with this glyph in the programme's progress scheme, or a readable refusal."""
    check_characters(glyph, "The judgement")
    scheme_id = session.scalar(
        select(Programme.progress_scheme_id).where(Programme.id == programme_id)
    )
    symbol = session.scalar(
        select(Symbol).where(Symbol.scheme_id == scheme_id, Symbol.glyph == glyph)
    )
    if symbol is None:
        scheme_name = session.scalar(select(SymbolScheme.name).where(SymbolScheme.id == scheme_id))
        glyphs = list(
            session.scalars(
                select(Symbol.glyph).where(Symbol.scheme_id == scheme_id).order_by(Symbol.position)
            )
        )
        choices = ", ".join(glyphs[:-1]) + f" or {glyphs[-1]}" if len(glyphs) > 1 else glyphs[0]
        raise ValidationError(
            f"“{glyph}” is not a symbol of this programme’s scheme ({scheme_name}): use {choices}."
        )
    return symbol


def set_judgement(
    db: Database,
    item_id: int,
    period_id: int,
    glyph: str | None,
    *,
    carried: bool = False,
    seen: Seen | None = None,
) -> Change:
    """Judge an item for a period; ``None`` clears it back to "not yet judged".

    A judgement set by hand is confirmed: pressing the key a carried judgement already has
    confirms it. ``carried`` puts one back as carried (undoing that confirmation). ``seen``
    is the glyph the window showed, checked against the one stored now."""
    return set_judgements(db, [(item_id, period_id, glyph, carried, seen)])[0]


# (item id, period id, glyph, carried, what the window saw) for set_judgements.
JudgementEntry = tuple[int, int, str | None, bool, Seen | None]


def set_judgements(db: Database, entries: Sequence[JudgementEntry]) -> list[Change]:
    """Several items' judgements in one operation: an undo step over a selection is put back
    whole or, when any of them meets another person's newer judgement, not at all."""
    changes = []
    with operation(db, "set judgement") as op:
        op.unchanged = True
        for item_id, period_id, glyph, carried, seen in entries:
            carried = carried and glyph is not None
            current = op.session.execute(
                select(Judgement.carried, Judgement.version, Symbol.glyph)
                .join(Symbol, Symbol.id == Judgement.symbol_id)
                .where(Judgement.item_id == item_id, Judgement.period_id == period_id)
            ).first()
            if seen is not None:
                fields = tuple(f"period {period_id}{end}" for end in ("", " carried", " confirmed"))
                check_seen(
                    op,
                    seen,
                    current.glyph if current else None,
                    version=current.version if current else None,
                    log=("judgement", item_id, fields),
                    what=f"the judgement of {item_named(op.fetch(Item, item_id, 'item'))}",
                    item_id=item_id,
                )
            was_carried = bool(current and current.carried)
            old = write_judgement(op, item_id, period_id, glyph, carried=carried)
            op.unchanged = op.unchanged and old == glyph and was_carried == carried
            changes.append(
                Change(
                    "set judgement",
                    "judgement",
                    (item_id,),
                    frozenset({"judgement"}),
                    old,
                    glyph,
                    extra={"period_id": period_id, "was_carried": was_carried, "carried": carried},
                )
            )
    return changes


def write_judgement(
    op: Op,
    item_id: int,
    period_id: int,
    glyph: str | None,
    *,
    user: str | None = None,
    carried: bool = False,
) -> str | None:
    """The body of :func:`set_judgement`, inside a caller's operation; returns the old glyph."""
    item, _period = _item_and_period(op, item_id, period_id)
    session = op.session
    current = session.scalar(
        select(Judgement).where(Judgement.item_id == item_id, Judgement.period_id == period_id)
    )
    old = (
        session.scalar(select(Symbol.glyph).where(Symbol.id == current.symbol_id))
        if current
        else None
    )
    if old == glyph:
        if current is not None and current.carried != carried:
            current.carried = carried
            what = "carried" if carried else "confirmed"
            op.log("judgement", item_id, f"period {period_id} {what}", old, glyph, user=user)
        return old
    if glyph is None:
        session.delete(current)
    else:
        symbol = progress_symbol(session, item.programme_id, glyph)
        if current is None:
            session.add(
                Judgement(
                    item_id=item_id, period_id=period_id, symbol_id=symbol.id, carried=carried
                )
            )
        else:
            current.symbol_id = symbol.id
            current.carried = carried
    op.log("judgement", item_id, f"period {period_id}", old, glyph, user=user)
    return old


# --- achievements narrative -----------------------------------------------------------------


def _updates(session: Session, item_id: int, period_id: int) -> list[ProgressUpdate]:
    return list(
        session.scalars(
            select(ProgressUpdate)
            .where(ProgressUpdate.item_id == item_id, ProgressUpdate.period_id == period_id)
            .order_by(ProgressUpdate.position)
        )
    )


def add_update(
    db: Database,
    item_id: int,
    period_id: int,
    text: str,
    *,
    heading: str | None = None,
    position: int | None = None,
) -> Change:
    text = required_text(text, "The update", limit=TEXT_LIMIT)
    heading = clean_text(heading, "The heading", limit=SHORT_LIMIT)
    with operation(db, "add update") as op:
        _item_and_period(op, item_id, period_id)
        entries = _updates(op.session, item_id, period_id)
        position = len(entries) if position is None else max(0, min(position, len(entries)))
        update = ProgressUpdate(
            item_id=item_id, period_id=period_id, position=position, heading=heading, text=text
        )
        entries.insert(position, update)
        for index, entry in enumerate(entries):
            entry.position = index
        op.add(update, "progress_update", "text", text)
    return Change(
        "add update",
        "progress_update",
        (update.id,),
        frozenset({"text"}),
        None,
        text,
        extra={"item_id": item_id, "period_id": period_id},
    )


def set_achievements(
    db: Database, item_id: int, period_id: int, text: str | None, *, seen: Seen | None = None
) -> Change:
    """Edit the narrative as one text: the common case of a single update per period.

    With several updates (Salford's), only the first is replaced; empty text removes it.
    ``seen`` is the text the window showed, checked against the first update's now.
    """
    value = clean_text(text, "Achievements", limit=TEXT_LIMIT)
    with operation(db, "edit achievements") as op:
        if seen is not None:
            item, _period = _item_and_period(op, item_id, period_id)
            entries = _updates(op.session, item_id, period_id)
            first = entries[0] if entries else None
            check_seen(
                op,
                seen,
                first.text if first else None,
                version=first.version if first else None,
                log=("progress_update", first.id if first else None, ("text",)),
                what=f"the achievements of {item_named(item)}",
                item_id=item_id,
            )
        old = write_achievements(op, item_id, period_id, value)
        op.unchanged = old == value
    return Change(
        "edit achievements",
        "progress_update",
        (item_id,),
        frozenset({"text"}),
        old,
        value,
        extra={"period_id": period_id},
    )


def write_achievements(
    op: Op, item_id: int, period_id: int, value: str | None, *, user: str | None = None
) -> str | None:
    """The body of :func:`set_achievements` (``value`` already cleaned); returns the old text."""
    _item_and_period(op, item_id, period_id)
    entries = _updates(op.session, item_id, period_id)
    first = entries[0] if entries else None
    old = first.text if first else None
    if old == value:
        return old
    if first is None:
        first = ProgressUpdate(item_id=item_id, period_id=period_id, position=0, text=value)
        op.session.add(first)
        op.session.flush()
    elif value is None:
        op.session.delete(first)
        for index, entry in enumerate(entries[1:]):
            entry.position = index
    else:
        first.text = value
    op.log("progress_update", first.id, "text", old, value, user=user)
    return old
