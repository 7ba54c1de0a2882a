"""The note an update pack's holder leaves for the programme manager.

It lives in the pack file's ``app_meta`` (a pack holds one, for the whole pack), is checked by
the text rule like every other text, and is shown in the merge review, where the programme
manager reads it beside the changes it explains.
"""

from __future__ import annotations

from app.core.errors import ValidationError
from app.core.validation import TEXT_LIMIT, clean_text
from app.services.context import Change, operation
from app.store.database import Database
from app.store.models import AppMeta
from app.store.pack_scope import pack_scope

NOTE_KEY = "pack_note"


def pack_note(db: Database) -> str | None:
    with db.reader() as session:
        row = session.get(AppMeta, NOTE_KEY)
        return row.value if row is not None else None


def set_pack_note(db: Database, text: str | None) -> Change:
    """Replace the pack's note (None or blank: no note)."""
    note = clean_text(text, "The note for the programme manager", limit=TEXT_LIMIT)
    scope = pack_scope(db)
    if scope is None:
        raise ValidationError("Only an update pack carries a note for the programme manager.")
    with operation(db, "edit pack note", scope.programme_id) as op:
        row = op.session.get(AppMeta, NOTE_KEY)
        old = row.value if row is not None else None
        if old == note:
            op.unchanged = True
        else:
            if row is not None and note is None:
                op.session.delete(row)
            elif row is not None:
                row.value = note or ""
            else:
                op.session.add(AppMeta(key=NOTE_KEY, value=note))
            op.log("pack", None, "note", old, note)
    return Change("edit pack note", "pack", (), frozenset({"note"}), old, note)
