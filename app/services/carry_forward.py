"""Starting a new period from the last: its judgements carried as a provisional starting point
(marked carried until someone confirms each with its key) and its narratives as starting text.

Only what the new period does not have yet is filled, so carrying never overwrites a word
anyone has written; undo (:func:`uncarry`) removes exactly what was carried and is still as
it was carried.
"""

from __future__ import annotations

from sqlalchemy import delete, select

from app.core.errors import ValidationError
from app.read.carry import carry_view
from app.services.context import Change, ensure_open, get, operation
from app.services.milestones import check_in_scope
from app.services.progress import progress_symbol
from app.store.database import Database
from app.store.models import Item, Judgement, Period, ProgressUpdate


def carry_forward(
    db: Database, period_id: int, judgement_ids: list[int], narrative_ids: list[int]
) -> Change:
    """Carry last period's judgement to ``judgement_ids`` and its narrative to
    ``narrative_ids``, for those that have none yet in ``period_id``; one operation."""
    if not judgement_ids and not narrative_ids:
        raise ValidationError("Choose at least one action to carry forward.")
    with operation(db, "carry forward") as op:
        period: Period = get(op.session, Period, period_id, "period")
        ensure_open(period)
        view = carry_view(op.session, period_id)
        if view is None:
            raise ValidationError(
                f"{period.label} is the programme’s first period: there is no period before "
                "it to carry forward from."
            )
        rows = {row.item_id: row for row in view.rows}
        judged: list[int] = []
        narrated: list[int] = []
        for item_id in judgement_ids:
            row = rows.get(item_id)
            if row is None or row.glyph is None:
                continue
            check_in_scope(op, op.fetch(Item, item_id, "item"))
            symbol = progress_symbol(op.session, period.programme_id, row.glyph)
            op.session.add(
                Judgement(item_id=item_id, period_id=period_id, symbol_id=symbol.id, carried=True)
            )
            op.log("judgement", item_id, f"period {period_id} carried", None, row.glyph)
            judged.append(item_id)
        for item_id in narrative_ids:
            row = rows.get(item_id)
            if row is None or row.narrative is None:
                continue
            update = ProgressUpdate(
                item_id=item_id, period_id=period_id, position=0, text=row.narrative
            )
            op.session.add(update)
            op.session.flush()
            op.log("progress_update", update.id, "text", None, row.narrative)
            narrated.append(item_id)
        if not judged and not narrated:
            raise ValidationError(
                f"Nothing to carry forward: the actions chosen already have a judgement and a "
                f"narrative for {period.label}."
            )
    return Change(
        "carry forward",
        "judgement",
        tuple(dict.fromkeys(judged + narrated)),
        frozenset({"judgement", "text"}),
        None,
        {"judgements": judged, "narratives": narrated},
        extra={"period_id": period_id},
    )


def uncarry(
    db: Database, period_id: int, judgement_ids: list[int], narrative_ids: list[int]
) -> Change:
    """Undo :func:`carry_forward`: remove the carried judgements still unconfirmed and the
    starting narratives, leaving the period as it was before."""
    with operation(db, "undo carry forward") as op:
        period: Period = get(op.session, Period, period_id, "period")
        ensure_open(period)
        carried = list(
            op.session.scalars(
                select(Judgement).where(
                    Judgement.period_id == period_id,
                    Judgement.item_id.in_(judgement_ids),
                    Judgement.carried.is_(True),
                )
            )
        )
        for judgement in carried:
            op.log("judgement", judgement.item_id, f"period {period_id} carried", "carried", None)
            op.session.delete(judgement)
        if narrative_ids:
            op.session.execute(
                delete(ProgressUpdate).where(
                    ProgressUpdate.period_id == period_id,
                    ProgressUpdate.item_id.in_(narrative_ids),
                )
            )
            for item_id in narrative_ids:
                op.log("progress_update", item_id, "text", "carried", None)
    return Change(
        "undo carry forward",
        "judgement",
        tuple(dict.fromkeys(judgement_ids + narrative_ids)),
        frozenset({"judgement", "text"}),
        {"judgements": judgement_ids, "narratives": narrative_ids},
        None,
        extra={"period_id": period_id},
    )
