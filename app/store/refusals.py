"""A write the server refused, said in words: who was refused, and what they tried to change.

The server's own message ("new row violates row-level security policy for table
“judgement”") names a table; a service lead needs to hear which item, and who may change it.
Read only when a refusal happens, in a short read of its own (the refused transaction is
already rolled back).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.store.models import Item
from app.store.server_roles import LEAD, Identity, item_words, not_theirs

if TYPE_CHECKING:
    from app.store.database import Database

ADMINISTRATION = frozenset({"add user", "remove user"})


def describe_refusal(db: Database, operation: str, item_id: int | None) -> str:
    """The sentence for a refused ``operation`` about ``item_id`` (None: not an item's)."""
    identity = db.identity or Identity(db.log_user, None)
    who = identity.who
    if operation in ADMINISTRATION:
        return (
            f"The server does not let {who} add or remove users: only the database’s owner "
            "may (the login that made it or copied the programme to it)."
        )
    if identity.role is None:
        return (
            f"The server does not let {who} change this programme: ask its manager to add "
            "the login with “python -m app users”."
        )
    if item_id is not None:
        with db.reader() as session:
            item = session.get(Item, item_id)
            found = (item.number, item.title, item.responsible_id) if item else None
        if found is not None:
            number, title, responsible_id = found
            if identity.role != LEAD or responsible_id != identity.responsible_id:
                return not_theirs(identity, number, title)
            return (
                f"The server does not let {who} change {item_words(number, title)} in that "
                "way: a service lead may change only the judgement, achievements and "
                "milestone status of their own items."
            )
    return f"The server does not let {who} make that change ({operation}): only a manager may."
