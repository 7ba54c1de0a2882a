"""What an open update pack lets its holder change: their own items, in the pack's period.

It sits beside the database layer, not in ``app/packs``: the one write path
(``services.context``) must consult it, and ``app/packs`` itself writes through the services,
so keeping it there made the two folders import each other.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from app.store.database import Database
from app.store.models import AppMeta, Milestone, Pack, PackItem

# The only operations a service lead can make in a pack (service function names).
PACK_OPERATIONS = frozenset(
    {
        "set judgement",
        "edit achievements",
        "edit milestone",
        "add milestone",
        "delete milestone",
        "restore milestone",
        "edit pack note",
    }
)


@dataclass(frozen=True)
class PackScope:
    pack_id: str
    programme_id: int
    programme_name: str
    period_id: int
    period_label: str
    person: str
    made_by: str
    made_at: str
    due: dt.date | None
    owned: frozenset[int]
    made_by_email: str | None = None  # where the pack goes back, when its maker gave one
    # The milestones it was sent with: only their status may change. Those the holder adds
    # are theirs to word, date and remove.
    sent_milestones: frozenset[int] = frozenset()


def pack_scope(db: Database) -> PackScope | None:
    """The scope of ``db`` if it is an update pack, else None (read once, then remembered)."""
    if "pack_scope" in db.memo:
        cached = db.memo["pack_scope"]
        assert cached is None or isinstance(cached, PackScope)
        return cached
    with db.reader() as session:
        pack_id = session.scalar(select(AppMeta.value).where(AppMeta.key == "pack_id"))
        scope = None
        if pack_id is not None:
            pack = session.get(Pack, pack_id)
            owned = session.scalars(
                select(PackItem.item_id).where(PackItem.pack_id == pack_id, PackItem.owned)
            )
            sent = session.scalar(select(AppMeta.value).where(AppMeta.key == "pack_milestones"))
            if sent is None:  # a pack made before holders could add milestones
                sent_ids = frozenset(session.scalars(select(Milestone.id)))
            else:
                sent_ids = frozenset(int(m) for m in sent.split(",") if m.strip().isdigit())
            if pack is not None:
                scope = PackScope(
                    pack.id,
                    pack.programme_id,
                    pack.programme_name,
                    pack.period_id,
                    pack.period_label,
                    pack.person,
                    pack.made_by,
                    pack.made_at,
                    pack.due,
                    frozenset(owned),
                    session.scalar(select(AppMeta.value).where(AppMeta.key == "pack_return_email")),
                    sent_ids,
                )
    db.memo["pack_scope"] = scope
    return scope
