"""People: add, rename, edit role and e-mail, delete an unused one, and merge spelling variants.

A council's documents name the same person two ways ("Head of Customer Service" and "Head of
Customer Services"), and each spelling became a person of its own, so each got an update pack.
Merging moves every item and indicator of the variants to the one kept and deletes the
variants, as one operation; :func:`unmerge_people` puts back both people with their ids and
every responsibility they held, which is what undo needs.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from app.core.conflicts import Seen
from app.core.errors import ValidationError
from app.core.people import clean_email, name_key
from app.core.validation import NAME_LIMIT, clean_text, required_text
from app.read.people import uses
from app.services.context import Change, Op, get, operation
from app.services.seen import check_field, check_seen, check_there
from app.store.database import Database
from app.store.models import Indicator, Item, Responsible, bumped

FIELDS = {"name": "The name", "role": "The role", "email": "The e-mail address"}
WORDS = {"name": "name", "role": "role", "email": "e-mail address"}
Snapshot = dict[str, Any]


class NameTakenError(ValidationError):
    """A rename to a name someone else has: the window offers to merge the two instead."""

    def __init__(self, message: str, other_id: int, other_name: str) -> None:
        super().__init__(message)
        self.other_id = other_id
        self.other_name = other_name


def _taken(session: Session, name: str, other_than: int | None = None) -> None:
    key = name_key(name)
    for person_id, existing in session.execute(select(Responsible.id, Responsible.name)).all():
        if person_id != other_than and name_key(existing) == key:
            raise NameTakenError(
                f"“{existing}” is already in the list of people: choose another name, "
                "or merge the two.",
                person_id,
                existing,
            )


def _snapshot(person: Responsible) -> Snapshot:
    return {"id": person.id, "name": person.name, "role": person.role, "email": person.email}


def _count(n: int, what: str) -> str:
    return f"{n} {what}{'s' if n != 1 else ''}"


def holdings(items: int, indicators: int) -> str:
    """ "12 items and 5 indicators", "1 item", "2 indicators"."""
    parts = [_count(items, "item")] if items else []
    parts += [_count(indicators, "indicator")] if indicators else []
    return " and ".join(parts) or "nothing"


def add_person(
    db: Database, name: str, *, role: str | None = None, email: str | None = None
) -> Change:
    name = required_text(name, "The name", limit=NAME_LIMIT)
    role = clean_text(role, "The role", limit=NAME_LIMIT)
    email = clean_email(email)
    with operation(db, "add person") as op:
        _taken(op.session, name)
        person = Responsible(name=name, role=role, email=email)
        op.add(person, "person", "name", name)
        snapshot = _snapshot(person)
    return Change("add person", "person", (snapshot["id"],), frozenset({"name"}), new=snapshot)


def edit_person(
    db: Database, person_id: int, field: str, value: str | None, *, seen: Seen | None = None
) -> Change:
    """The name, role or e-mail address. A name someone else has is refused with
    :class:`NameTakenError`, so the window can offer to merge the two. ``seen`` is the
    field as the People dialog showed it."""
    if field not in FIELDS:
        raise ValueError(f"not a field of a person: {field}")
    if field == "email":
        value = clean_email(value)
    else:
        value = clean_text(value, FIELDS[field], limit=NAME_LIMIT, required=field == "name")
    with operation(db, f"edit person {field}") as op:
        person = get(op.session, Responsible, person_id, "person")
        name = seen.name if seen is not None and seen.name else person.name
        check_field(op, seen, person, field, "person", f"the {WORDS[field]} of “{name}”")
        if field == "name" and value != person.name:
            assert value is not None
            _taken(op.session, value, other_than=person_id)
        old = op.change(person, field, value, "person")
    return Change(f"edit person {field}", "person", (person_id,), frozenset({field}), old, value)


def delete_person(db: Database, person_id: int) -> Change:
    """Only someone responsible for nothing: their items would otherwise lose their owner."""
    with operation(db, "delete person") as op:
        person = get(op.session, Responsible, person_id, "person")
        items, indicators = uses(op.session, [person_id])
        if items[person_id] or indicators[person_id]:
            raise ValidationError(
                f"“{person.name}” cannot be deleted: they are responsible for "
                f"{holdings(len(items[person_id]), len(indicators[person_id]))}. Merge them "
                "into someone else, or make someone else responsible first."
            )
        snapshot = _snapshot(person)
        op.session.delete(person)
        op.log("person", person_id, "deleted", person.name, None)
    return Change("delete person", "person", (person_id,), frozenset({"deleted"}), old=snapshot)


def restore_person(db: Database, snapshot: Snapshot) -> Change:
    """Put back a deleted person with the same id (for undo)."""
    with operation(db, "restore person") as op:
        op.session.execute(insert(Responsible), [snapshot])
        op.log("person", snapshot["id"], "deleted", None, snapshot["name"])
    return Change("restore person", "person", (snapshot["id"],), frozenset({"deleted"}))


def _move(
    op: Op,
    model: type[Item] | type[Indicator],
    ids: list[int],
    old: str,
    new_id: int,
    new: str,
) -> None:
    """Make ``new_id`` responsible for these items or indicators, logging each one."""
    if not ids:
        return
    op.session.execute(
        update(model).where(model.id.in_(ids)).values(responsible_id=new_id, **bumped(model))
    )
    entity = "item" if model is Item else "indicator"
    for ident in ids:
        op.log(entity, ident, "responsibility", old, new)


def merge_people(
    db: Database, keep_id: int, merge_ids: list[int], *, seen: Seen | None = None
) -> Change:
    """Give everything of ``merge_ids`` to ``keep_id`` and delete them. The kept person takes
    a role or e-mail address they lack from the first merged person who has one.

    ``seen`` is each person's name by id as the People dialog showed them: merging someone
    another person has just renamed (the names chosen between no longer being theirs) is a
    conflict; one merged or deleted since is said."""
    merge_ids = [i for i in dict.fromkeys(merge_ids) if i != keep_id]
    if not merge_ids:
        raise ValidationError("Choose at least two people to merge, and which one to keep.")
    with operation(db, "merge people") as op:
        session = op.session
        for ident in (keep_id, *merge_ids):
            named = f"“{seen.value.get(ident, '')}”" if seen is not None else ""
            check_there(op, seen, Responsible, ident, "person", named)
        kept = get(session, Responsible, keep_id, "person")
        merged = [get(session, Responsible, i, "person") for i in merge_ids]
        _check_names(op, seen, [kept, *merged])
        snapshot: Snapshot = {
            "kept": _snapshot(kept),
            "people": [_snapshot(p) for p in merged],
        }
        items, indicators = uses(session, merge_ids)
        snapshot["items"] = {str(p): ids for p, ids in items.items()}
        snapshot["indicators"] = {str(p): ids for p, ids in indicators.items()}
        for person in merged:
            _move(op, Item, items[person.id], person.name, keep_id, kept.name)
            _move(op, Indicator, indicators[person.id], person.name, keep_id, kept.name)
        for field in ("role", "email"):
            if getattr(kept, field) is None:
                value = next((getattr(p, field) for p in merged if getattr(p, field)), None)
                if value is not None:
                    op.change(kept, field, value, "person")
        session.flush()
        session.execute(delete(Responsible).where(Responsible.id.in_(merge_ids)))
        for person in merged:
            op.log("person", person.id, "merged into", person.name, kept.name)
    moved = [i for ids in items.values() for i in ids]
    return Change(
        "merge people",
        "person",
        (keep_id, *merge_ids),
        frozenset({"responsibility"}),
        old=snapshot,
        new=kept.name,
        extra={"items": moved},
    )


def _check_names(op: Op, seen: Seen | None, people: list[Responsible]) -> None:
    """The first of ``people`` whose name is not the one ``seen`` shows is a conflict."""
    if seen is None:
        return
    names = {p.id: p.name for p in people}
    renamed = next((p for p in people if seen.value.get(p.id, p.name) != p.name), None)
    if renamed is None:
        return
    check_seen(
        op,
        seen,
        {**seen.value, **names},
        version=None,
        log=("person", renamed.id, ("name",)),
        what=f"the name of “{seen.value[renamed.id]}”",
    )


def unmerge_people(db: Database, snapshot: Snapshot) -> Change:
    """Undo :func:`merge_people`: the merged people back with their ids, each item and
    indicator back with the person it had, and the kept person's role and e-mail as they were."""
    kept_before = snapshot["kept"]
    with operation(db, "unmerge people") as op:
        session = op.session
        kept = get(session, Responsible, kept_before["id"], "person")
        session.execute(insert(Responsible), snapshot["people"])
        for person in snapshot["people"]:
            op.log("person", person["id"], "merged into", kept.name, person["name"])
            key = str(person["id"])
            for model, table in ((Item, "items"), (Indicator, "indicators")):
                ids = snapshot[table].get(key, [])
                _move(op, model, ids, kept.name, person["id"], person["name"])
        for field in ("role", "email"):
            op.change(kept, field, kept_before[field], "person")
    moved = [i for ids in snapshot["items"].values() for i in ids]
    return Change(
        "unmerge people",
        "person",
        (kept_before["id"], *(p["id"] for p in snapshot["people"])),
        frozenset({"responsibility"}),
        new=kept_before["name"],
        extra={"items": moved},
    )
