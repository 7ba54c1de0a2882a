"""Check a returned update pack against the programme file's record, and list its changes.

Scope is enforced here, not trusted: the pack is compared with what the programme file
recorded when it was made (which its holder never had), and anything out of place refuses the
whole pack before a single value is written.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.enums import MilestoneStatus
from app.core.errors import TrackerError, ValidationError
from app.core.labels import item_label, milestone_words
from app.core.validation import SHORT_LIMIT, TEXT_LIMIT, clean_text
from app.packs.state import (
    State,
    added_milestones,
    fingerprint,
    fixed_part,
    item_states,
    sent_part,
)
from app.read.queries import previous_period
from app.services.milestones import due_columns
from app.store.database import Database
from app.store.filecheck import describe
from app.store.models import (
    AppMeta,
    Item,
    Judgement,
    Milestone,
    Pack,
    PackItem,
    Period,
    Programme,
    ProgressUpdate,
    Symbol,
    SymbolScheme,
)
from app.store.packfile import stored_type_problem


class PackRefused(ValidationError):
    """The pack cannot be merged; nothing was changed."""


@dataclass(frozen=True)
class PackChange:
    """One value the lead changed. ``key`` identifies it across review, merge and undo."""

    item_id: int
    item: str  # "1.2 Improve media relations"
    field: str  # "judgement" | "achievements" | "milestone_status"
    milestone_id: int | None
    what: str  # "Judgement", "Achievements", "Milestone “Sep 09”"
    base: str | None  # when the pack was made
    theirs: str | None  # in the returned pack
    current: str | None  # in the programme file now
    conflict: bool  # changed here too since the pack was made, to something else
    # field "milestone_added": the new milestone's (due, text, status); milestone_id is its id
    # in the pack, which only tells two new milestones apart
    added: tuple[str | None, str | None, str] | None = None

    @property
    def key(self) -> tuple[int, str, int | None]:
        return (self.item_id, self.field, self.milestone_id)


@dataclass(frozen=True)
class PackReview:
    pack_id: str
    path: Path
    person: str
    programme_id: int
    programme_name: str
    period_id: int
    period_label: str
    made_at: str
    made_by: str
    due: dt.date | None
    items: int
    changes: tuple[PackChange, ...]
    note: str | None = None  # the holder's note for the programme manager

    @property
    def conflicts(self) -> int:
        return sum(1 for c in self.changes if c.conflict)


def _long_date(value: str) -> str:
    moment = dt.datetime.fromisoformat(value)
    return f"{moment.day} {moment:%B %Y}"


def refuse(name: str, reason: str) -> PackRefused:
    """The one way a pack (file or workbook) is refused: whole, saying why."""
    return PackRefused(f"{name} cannot be merged: {reason} Nothing has been changed.")


def invalid(name: str, problem: str) -> PackRefused:
    """A value in the pack that the window would not have stored (or cannot even be read)."""
    return refuse(name, f"it is not a valid update pack. {problem}")


IDENTITY_FIELDS = {
    "id": "pack id",
    "programme_id": "programme",
    "programme_name": "programme name",
    "period_id": "period",
    "period_label": "period name",
    "responsible_id": "person",
    "person": "person’s name",
    "made_at": "time it was made",
    "made_by": "maker",
    "due": "return date",
}


def review_pack(db: Database, path: Path | str, programme_id: int, period_id: int) -> PackReview:
    """Every check, then the list of changes. Raises :class:`PackRefused` (or a file error)."""
    path = Path(path)
    name = describe(path)
    try:
        pack_db = Database.open(path, read_only=True)
    except TrackerError as error:
        raise PackRefused(f"{error} Nothing has been changed.") from error
    try:
        stored = stored_type_problem(path)
        if stored is not None:
            raise invalid(name, stored)
        with pack_db.reader() as theirs:
            pack_id = theirs.scalar(select(AppMeta.value).where(AppMeta.key == "pack_id"))
            if pack_id is None:
                raise refuse(name, "it is a programme file, not an update pack.")
            identities = list(theirs.scalars(select(Pack)))
            if len(identities) != 1 or identities[0].id != pack_id:
                raise refuse(name, "its identity has been altered (its pack id does not match).")
            identity = identities[0]
            their_items = {row.item_id: row for row in theirs.scalars(select(PackItem))}
            with db.reader() as ours:
                record = check_record(ours, name, identity, programme_id, period_id)
                recorded = {
                    row.item_id: row
                    for row in ours.scalars(select(PackItem).where(PackItem.pack_id == pack_id))
                }
                base = {i: json.loads(r.base or "{}") for i, r in recorded.items()}
                check_fingerprints(
                    name,
                    recorded,
                    {i: (row.owned, row.fingerprint) for i, row in their_items.items()},
                    base,
                )
                owned = {i for i, r in recorded.items() if r.owned}
                periods = {record.period_id, previous_period(ours, record.period_id)}
                _check_scope(name, theirs, record, recorded, owned, base, periods)
                returned = item_states(theirs, period_id, list(recorded), owned)
                _check_fixed(name, record.person, returned, base)
                _check_values(name, theirs, ours, record.programme_id, owned, returned, base)
                note = _note(name, theirs)
                current = item_states(ours, period_id, list(owned), owned)
            changes = changes_between(
                sorted(owned, key=lambda i: tree_order(base, i)), base, returned, current
            )
            return PackReview(
                pack_id,
                path,
                record.person,
                record.programme_id,
                record.programme_name,
                record.period_id,
                record.period_label,
                record.made_at,
                record.made_by,
                record.due,
                len(owned),
                tuple(changes),
                note,
            )
    finally:
        pack_db.close()


def _note(name: str, theirs: Session) -> str | None:
    """The holder's note, as the window would have stored it."""
    text = theirs.scalar(select(AppMeta.value).where(AppMeta.key == "pack_note"))
    try:
        return clean_text(text, "The note for the programme manager", limit=TEXT_LIMIT)
    except ValidationError as error:
        raise invalid(name, str(error)) from None


def check_record(
    ours: Session, name: str, identity: Any, programme_id: int, period_id: int
) -> Pack:
    """The programme file's record of the pack ``identity`` claims to be, once its identity
    is checked against it, and the period it is for is shown and open. Raises PackRefused."""
    pack_id = identity.id
    record = ours.get(Pack, pack_id)
    if record is None:
        raise refuse(
            name,
            f"it was not made from this file (it is {identity.person}’s pack for "
            f"{identity.programme_name}, {identity.period_label}, made by "
            f"{identity.made_by}).",
        )
    if record.merged_at is not None:
        raise refuse(
            name,
            f"it was already merged on {_long_date(record.merged_at)} by "
            f"{record.merged_by}; merging it again would repeat its changes.",
        )
    for field, label in IDENTITY_FIELDS.items():
        if getattr(identity, field) != getattr(record, field):
            raise refuse(
                name,
                f"its identity has been altered: its {label} reads "
                f"“{getattr(identity, field)}” but it was made with "
                f"“{getattr(record, field)}”.",
            )
    if (record.programme_id, record.period_id) != (programme_id, period_id):
        raise refuse(
            name,
            f"it is for {record.programme_name}, {record.period_label}. Show that "
            "programme and period, then merge it.",
        )
    period = ours.get(Period, period_id)
    if period is None:
        raise refuse(name, f"{record.period_label} is no longer in this file.")
    if period.published_at is not None:
        raise refuse(
            name,
            f"{period.label} is published, so its report can be reproduced exactly; "
            "reopen it first.",
        )
    return record


def tree_order(base: dict[int, State], item_id: int) -> list[int]:
    """Tree order: the positions from the root down."""
    path: list[int] = []
    current: int | None = item_id
    while current is not None and current in base:
        path.insert(0, base[current]["position"])
        current = base[current]["parent_id"]
    return path


def check_fingerprints(
    name: str,
    recorded: dict[int, PackItem],
    theirs: dict[int, tuple[bool, str]],
    base: dict[int, State],
) -> None:
    """The pack's items, each (owned, fingerprint), must be the ones recorded when it was
    made: none added, none removed, none altered. A pack file and a workbook alike."""
    for item_id in sorted(set(recorded) | set(theirs)):
        mine, their = recorded.get(item_id), theirs.get(item_id)
        label = item_label(base[item_id]) if item_id in base else f"item {item_id}"
        if mine is None:
            raise refuse(name, f"its list of items has been altered: item {item_id} was added.")
        if their is None:
            raise refuse(name, f"its list of items has been altered: “{label}” was removed.")
        if their != (mine.owned, mine.fingerprint):
            raise refuse(name, f"the fingerprint of “{label}” has been altered.")
        if mine.fingerprint != fingerprint(base[item_id]):
            raise refuse(name, "this file’s record of it is damaged.")


def _check_scope(
    name: str,
    theirs: Session,
    record: Pack,
    recorded: dict[int, PackItem],
    owned: set[int],
    base: dict[int, State],
    periods: set[int | None],
) -> None:
    """``periods``: the pack's and the one before (whose rows it carries to be read)."""
    person = record.person
    for item_id, title in theirs.execute(select(Item.id, Item.title)).all():
        if item_id not in recorded:
            raise refuse(
                name,
                f"it holds an item that was not in it when it was made (“{title[:80]}”); a pack "
                f"can change only {person}’s own items.",
            )
    for owner, period, what in (
        (Judgement.item_id, Judgement.period_id, "a judgement"),
        (ProgressUpdate.item_id, ProgressUpdate.period_id, "an achievements entry"),
        (Milestone.item_id, None, "a milestone"),
    ):
        for (owner_id,) in theirs.execute(select(owner)).all():
            if owner_id not in owned:
                whose = (
                    item_label(base[owner_id])
                    if owner_id is not None and owner_id in base
                    else "an item not in it"
                )
                raise refuse(
                    name,
                    f"it holds {what} for “{whose}”, which is not one of {person}’s items; a "
                    f"pack can change only its holder’s own items.",
                )
        if (
            period is not None
            and {p for (p,) in theirs.execute(select(period).distinct()).all()} - periods
        ):
            raise refuse(name, f"it holds {what} for a period other than {record.period_label}.")


FIXED_LABELS = {
    "parent_id": "place in the tree",
    "position": "place in the tree",
    "number": "number",
    "title": "title",
    "responsible_id": "responsibility",
    "other_updates": "further updates",
    "milestones": "milestones (only their status may change)",
}


def _check_fixed(
    name: str, person: str, returned: dict[int, State], base: dict[int, State]
) -> None:
    for item_id, state in base.items():
        mine, theirs = fixed_part(state), fixed_part(sent_part(state, returned.get(item_id, {})))
        if mine != theirs:
            field = next((k for k in mine if mine.get(k) != theirs.get(k)), "contents")
            raise refuse(
                name,
                f"the {FIXED_LABELS.get(field, field)} of “{item_label(state)}” was changed, "
                f"which a pack cannot change (it lets {person} change judgements, achievements "
                "and milestone status).",
            )


def _short(words: str, limit: int = 50) -> str:
    return words if len(words) <= limit else words[: limit - 1].rstrip() + "…"


def changes_between(
    owned: list[int],
    base: dict[int, State],
    returned: dict[int, State],
    current: dict[int, State],
) -> list[PackChange]:
    changes: list[PackChange] = []
    for item_id in owned:
        was, theirs = base[item_id], returned[item_id]
        now = current.get(item_id)
        label = item_label(was)
        for field, what in (("judgement", "Judgement"), ("achievements", "Achievements")):
            if theirs[field] != was[field]:
                present = now[field] if now else None
                changes.append(
                    PackChange(
                        item_id,
                        label,
                        field,
                        None,
                        what,
                        was[field],
                        theirs[field],
                        present,
                        now is None or (present != was[field] and present != theirs[field]),
                    )
                )
        now_status = {m["id"]: m["status"] for m in (now or {}).get("milestones", [])}
        sent = sent_part(was, theirs)["milestones"]
        for before, after in zip(was["milestones"], sent, strict=True):
            if before["status"] != after["status"]:
                present = now_status.get(before["id"])
                changes.append(
                    PackChange(
                        item_id,
                        label,
                        "milestone_status",
                        before["id"],
                        f"Milestone “{_short(before['due'] or before['text'] or '')}”",
                        before["status"],
                        after["status"],
                        present,
                        present is None
                        or (present != before["status"] and present != after["status"]),
                    )
                )
        for new in added_milestones(was, theirs):
            words = milestone_words(new["due"], new["text"])
            reached = " (reached)" if new["status"] == "reached" else ""
            changes.append(
                PackChange(
                    item_id,
                    label,
                    "milestone_added",
                    new["id"],
                    "New milestone",
                    None,
                    words + reached,
                    None,
                    now is None,  # the item was deleted here since: nowhere to add it
                    (new["due"], new["text"], new["status"]),
                )
            )
    return changes


# --- every value as the window would check it --------------------------------------------------


def _check_values(
    name: str,
    theirs: Session,
    ours: Session,
    programme_id: int,
    owned: set[int],
    returned: dict[int, State],
    base: dict[int, State],
) -> None:
    """What the lead may change must be what the window would have stored: a symbol of the
    programme's scheme, achievements within the limits and the text rule (and cleaned as the
    window cleans them), a milestone status of the allowed ones. ``returned`` is updated with
    the cleaned achievements."""
    scheme_id = ours.scalar(
        select(Programme.progress_scheme_id).where(Programme.id == programme_id)
    )
    ours_glyphs = dict(
        ours.execute(
            select(Symbol.id, Symbol.glyph)
            .where(Symbol.scheme_id == scheme_id)
            .order_by(Symbol.position)
        ).all()
    )
    their_symbols = {
        symbol_id: (scheme, glyph)
        for symbol_id, scheme, glyph in theirs.execute(
            select(Symbol.id, Symbol.scheme_id, Symbol.glyph)
        ).all()
    }
    # The pack's judgement must be a symbol of the pack's own judgement scheme, with a glyph
    # of ours: compared by glyph, not id, because a file upgraded to programmes' own schemes
    # (revision 0005) after the pack was made gave this programme new symbol ids.
    their_scheme = theirs.scalar(
        select(Programme.progress_scheme_id).where(Programme.id == programme_id)
    )
    for item_id, symbol_id in theirs.execute(
        select(Judgement.item_id, Judgement.symbol_id).order_by(Judgement.item_id)
    ).all():
        scheme, glyph = their_symbols.get(symbol_id, (None, None))
        if scheme != their_scheme or glyph not in ours_glyphs.values():
            scheme_name = ours.scalar(select(SymbolScheme.name).where(SymbolScheme.id == scheme_id))
            glyphs = list(ours_glyphs.values())
            choices = ", ".join(glyphs[:-1]) + f" or {glyphs[-1]}" if len(glyphs) > 1 else glyphs[0]
            raise invalid(
                name,
                f"“{item_label(base[item_id])}”: The judgement is not a symbol of this "
                f"programme’s scheme ({scheme_name}): use {choices}.",
            )
    statuses = {status.value for status in MilestoneStatus}
    for item_id in sorted(owned, key=lambda i: tree_order(base, i)):
        was, state = base[item_id], returned[item_id]
        label = item_label(was)
        if state["achievements"] != was["achievements"]:
            try:
                state["achievements"] = clean_text(
                    state["achievements"], "Achievements", limit=TEXT_LIMIT
                )
            except ValidationError as error:
                raise invalid(name, f"“{label}”: {error}") from None
        for new in added_milestones(was, state):
            try:
                new["text"] = clean_text(new["text"], "The milestone", limit=TEXT_LIMIT)
                new["due"] = clean_text(new["due"], "The due date", limit=SHORT_LIMIT)
                due_columns(new["due"])
                if new["due"] is None and new["text"] is None:
                    raise ValidationError("A milestone needs a due date, a description, or both.")
                if new["status"] not in statuses:
                    raise ValidationError(f"“{new['status']}” is not a milestone status.")
            except ValidationError as error:
                raise invalid(name, f"“{label}”, a new milestone: {error}") from None
        sent = sent_part(was, state)["milestones"]
        for before, after in zip(was["milestones"], sent, strict=True):
            if after["status"] != before["status"] and after["status"] not in statuses:
                raise invalid(
                    name,
                    f"“{label}”, milestone “{_short(before['due'] or before['text'] or '')}”: "
                    f"“{after['status']}” is not a milestone status (use open or reached).",
                )
