"""The item tree: add, edit, move, delete (and restore, which undo needs)."""

from __future__ import annotations

from typing import Any, cast

from sqlalchemy import Table, delete, func, insert, select
from sqlalchemy.orm import Session

from app.core.conflicts import Seen
from app.core.errors import ValidationError
from app.core.labels import shorten
from app.core.people import find_name
from app.core.validation import (
    NAME_LIMIT,
    SHORT_LIMIT,
    TEXT_LIMIT,
    TITLE_LIMIT,
    check_characters,
    clean_text,
    required_text,
)
from app.read.lookup import subtree_ids
from app.services.context import Change, Op, get, operation
from app.services.seen import check_seen, check_there, item_named
from app.store.database import Database
from app.store.models import (
    Dependency,
    Item,
    ItemKind,
    Judgement,
    Milestone,
    Period,
    Pledge,
    ProgressUpdate,
    Responsible,
    item_pledge,
)

TEXT_FIELDS = {
    "title": ("The title", TITLE_LIMIT, True),
    "number": ("The number", SHORT_LIMIT, False),
    "description": ("The description", TEXT_LIMIT, False),
}


def responsible_id(session: Session, name: str | None) -> int | None:
    """Find or create the person or role called ``name`` (exact spelling kept). A name that
    differs from someone's only in capitals or spaces is that person, not a new one."""
    name = clean_text(name, "Responsibility", limit=NAME_LIMIT)
    if name is None:
        return None
    found = session.scalar(select(Responsible.id).where(Responsible.name == name))
    if found is not None:
        return found
    everyone = dict(session.execute(select(Responsible.name, Responsible.id)).all())
    spelled = find_name(name, list(everyone))
    if spelled is not None:
        return everyone[spelled]
    person = Responsible(name=name)
    session.add(person)
    session.flush()
    return person.id


def _siblings(session: Session, programme_id: int, parent_id: int | None) -> list[Item]:
    return list(
        session.scalars(
            select(Item)
            .where(
                Item.programme_id == programme_id,
                Item.parent_id.is_(parent_id) if parent_id is None else Item.parent_id == parent_id,
            )
            .order_by(Item.position, Item.id)
        )
    )


def _renumber(items: list[Item]) -> None:
    for position, item in enumerate(items):
        if item.position != position:
            item.position = position


def _ancestors(session: Session, item_id: int | None) -> list[int]:
    chain = []
    while item_id is not None:
        chain.append(item_id)
        item_id = session.scalar(select(Item.parent_id).where(Item.id == item_id))
    return chain


def add_item(
    db: Database,
    programme_id: int,
    parent_id: int | None,
    title: str,
    *,
    position: int | None = None,
    number: str | None = None,
    description: str | None = None,
    kind: str | None = None,
    responsibility: str | None = None,
) -> Change:
    title = required_text(title, "The title", limit=TITLE_LIMIT)
    number = clean_text(number, "The number", limit=SHORT_LIMIT)
    description = clean_text(description, "The description", limit=TEXT_LIMIT)
    with operation(db, "add item", programme_id) as op:
        session = op.session
        if parent_id is not None:
            parent = get(session, Item, parent_id, "parent item")
            if parent.programme_id != programme_id:
                raise ValidationError("The parent item belongs to another programme.")
        kind_id = None
        if kind is not None:
            check_characters(kind, "The kind of item")
            kind_id = session.scalar(
                select(ItemKind.id).where(
                    ItemKind.programme_id == programme_id, ItemKind.name == kind
                )
            )
            if kind_id is None:
                raise ValidationError(f"This programme has no kind of item called “{kind}”.")
        siblings = _siblings(session, programme_id, parent_id)
        position = len(siblings) if position is None else max(0, min(position, len(siblings)))
        item = Item(
            programme_id=programme_id,
            parent_id=parent_id,
            position=position,
            number=number,
            title=title,
            description=description,
            kind_id=kind_id,
            responsible_id=responsible_id(session, responsibility),
        )
        siblings.insert(position, item)
        _renumber(siblings)
        op.add(item, "item", "title", title)
    return Change(
        "add item",
        "item",
        (item.id,),
        frozenset({"title"}),
        new=title,
        extra={"parent_id": parent_id, "position": position},
    )


def set_item_text(
    db: Database, item_id: int, field: str, value: str | None, *, seen: Seen | None = None
) -> Change:
    """Set the title, number or description of an item; ``seen`` is what the window showed,
    checked against what the row holds now (``app.services.seen``)."""
    if field not in TEXT_FIELDS:
        raise ValueError(f"not a text field of an item: {field}")
    label, limit, required = TEXT_FIELDS[field]
    value = clean_text(value, label, limit=limit, required=required)
    with operation(db, f"edit {field}") as op:
        item = op.fetch(Item, item_id, "item")
        current = getattr(item, field)
        known = seen.value if seen is not None and field != "description" else None
        named = item_named(item, **{field: known}) if isinstance(known, str) else item_named(item)
        check_seen(
            op,
            seen,
            current,
            version=item.version,
            log=("item", item_id, (field,)),
            what=f"the {field} of {named}",
            item_id=item_id,
        )
        old = op.change(item, field, value, "item")
    return Change(f"edit {field}", "item", (item_id,), frozenset({field}), old, value)


def set_responsibility(
    db: Database, item_id: int, name: str | None, *, seen: Seen | None = None
) -> Change:
    with operation(db, "edit responsibility") as op:
        item = op.fetch(Item, item_id, "item")
        old = (
            op.session.scalar(select(Responsible.name).where(Responsible.id == item.responsible_id))
            if item.responsible_id
            else None
        )
        check_seen(
            op,
            seen,
            old,
            version=item.version,
            log=("item", item_id, ("responsibility",)),
            what=f"the responsibility of {item_named(item)}",
            item_id=item_id,
        )
        new_id = responsible_id(op.session, name)
        new = (
            op.session.scalar(select(Responsible.name).where(Responsible.id == new_id))
            if new_id
            else None
        )
        if new_id == item.responsible_id:
            op.unchanged = True
        else:
            item.responsible_id = new_id
            op.log("item", item_id, "responsibility", old, new)
    return Change(
        "edit responsibility", "item", (item_id,), frozenset({"responsibility"}), old, new
    )


def set_pledges(db: Database, item_id: int, numbers: list[int]) -> Change:
    with operation(db, "edit pledges") as op:
        item = op.fetch(Item, item_id, "item")
        by_number = dict(
            op.session.execute(
                select(Pledge.number, Pledge.id).where(Pledge.programme_id == item.programme_id)
            ).all()
        )
        unknown = sorted(set(numbers) - set(by_number))
        if unknown:
            raise ValidationError(
                f"This programme has no pledge numbered {', '.join(map(str, unknown))}."
            )
        old = sorted(
            op.session.scalars(
                select(Pledge.number)
                .join(item_pledge, item_pledge.c.pledge_id == Pledge.id)
                .where(item_pledge.c.item_id == item_id)
            )
        )
        new = sorted(set(numbers))
        if old == new:
            op.unchanged = True
        else:
            op.session.execute(delete(item_pledge).where(item_pledge.c.item_id == item_id))
            if new:
                op.session.execute(
                    insert(item_pledge),
                    [{"item_id": item_id, "pledge_id": by_number[n]} for n in new],
                )
            op.log("item", item_id, "pledges", ",".join(map(str, old)), ",".join(map(str, new)))
    return Change("edit pledges", "item", (item_id,), frozenset({"pledges"}), old, new)


def move_item(
    db: Database,
    item_id: int,
    new_parent_id: int | None,
    new_position: int,
    *,
    seen: Seen | None = None,
) -> Change:
    """Move (reorder, indent, outdent, drag) an item; refuses to make a cycle. ``seen`` is
    the parent the window showed it under: moved elsewhere or deleted since is a conflict (a
    reorder among the same siblings is not told apart from theirs moving around it)."""
    with operation(db, "move item") as op:
        session = op.session
        check_there(op, seen, Item, item_id, "item", _seen_name(seen))
        item = op.fetch(Item, item_id, "item")
        old_parent, old_position = item.parent_id, item.position
        check_seen(
            op,
            seen,
            old_parent,
            version=None,
            log=("item", item_id, ("place",)),
            what=item_named(item, number=seen.name if seen else None),
            item_id=item_id,
            did="moved",
        )
        if new_parent_id is not None:
            parent = get(session, Item, new_parent_id, "new parent item")
            if parent.programme_id != item.programme_id:
                raise ValidationError("An item cannot be moved into another programme.")
            if item_id in _ancestors(session, new_parent_id):
                raise ValidationError(
                    f"“{shorten(item.title, 60)}” cannot be moved under itself or "
                    "one of its own sub-items."
                )
        old_siblings = [
            s for s in _siblings(session, item.programme_id, old_parent) if s.id != item_id
        ]
        _renumber(old_siblings)
        new_siblings = [
            s for s in _siblings(session, item.programme_id, new_parent_id) if s.id != item_id
        ]
        new_position = max(0, min(new_position, len(new_siblings)))
        new_siblings.insert(new_position, item)
        item.parent_id = new_parent_id
        _renumber(new_siblings)
        op.log(
            "item",
            item_id,
            "place",
            f"{old_parent}:{old_position}",
            f"{new_parent_id}:{new_position}",
        )
    return Change(
        "move item",
        "item",
        (item_id,),
        frozenset({"place"}),
        (old_parent, old_position),
        (new_parent_id, new_position),
    )


def _rows(session: Session, model: Any, condition: Any) -> list[dict[str, Any]]:
    table = model.__table__ if hasattr(model, "__table__") else model
    return [dict(row._mapping) for row in session.execute(select(table).where(condition))]


def shown(item: Item, responsible: str | None) -> tuple[Any, ...]:
    """What a delete is made on: the item's words, owner and place as the window showed them
    (``ItemRow``), so that deleting what someone has just changed is asked about first."""
    return (item.title, item.number, responsible, item.parent_id)


def _seen_name(seen: Seen | None) -> str:
    return (seen.name or "an item") if seen else ""


def delete_item(db: Database, item_id: int, *, seen: Seen | None = None) -> Change:
    """Delete an item and everything under it. ``Change.old`` is a snapshot for restore_item.

    Refused when the item was judged in a published period: that report must stay
    reproducible. ``seen`` is :func:`shown` as the window read it.
    """
    with operation(db, "delete item") as op:
        session = op.session
        check_there(op, seen, Item, item_id, "item", _seen_name(seen))
        item = op.fetch(Item, item_id, "item")
        if seen is not None:
            owner = session.scalar(
                select(Responsible.name).where(Responsible.id == item.responsible_id)
            )
            check_seen(
                op,
                seen,
                shown(item, owner),
                version=None,
                log=("item", item_id, ("title", "number", "responsibility", "place")),
                what=item_named(item, number=seen.name),
                item_id=item_id,
            )
        ids = subtree_ids(session, item_id)
        published = list(
            session.scalars(
                select(Period.label)
                .join(Judgement, Judgement.period_id == Period.id)
                .where(Judgement.item_id.in_(ids), Period.published_at.is_not(None))
                .distinct()
            )
        )
        if published:
            raise ValidationError(
                f"“{shorten(item.title, 60)}” cannot be deleted: it is part of the "
                f"published report for {', '.join(sorted(published))}."
            )
        snapshot = {
            "item": _rows(session, Item, Item.id.in_(ids)),
            "milestone": _rows(session, Milestone, Milestone.item_id.in_(ids)),
            "progress_update": _rows(session, ProgressUpdate, ProgressUpdate.item_id.in_(ids)),
            "judgement": _rows(session, Judgement, Judgement.item_id.in_(ids)),
            "item_pledge": _rows(session, item_pledge, item_pledge.c.item_id.in_(ids)),
            "dependency": _rows(
                session, Dependency, Dependency.item_id.in_(ids) | Dependency.depends_on_id.in_(ids)
            ),
        }
        title = item.title
        parent_id = item.parent_id
        session.execute(delete(Item).where(Item.id == item_id))
        session.expunge_all()
        _renumber(_siblings(session, snapshot["item"][0]["programme_id"], parent_id))
        op.log("item", item_id, "deleted", title, None)
    return Change(
        "delete item",
        "item",
        (item_id,),
        frozenset({"deleted"}),
        snapshot,
        None,
        extra={"parent_id": parent_id},
    )


def restore_item(db: Database, snapshot: dict[str, list[dict[str, Any]]]) -> Change:
    """Put back exactly what delete_item removed, with the same ids (for undo)."""
    root = snapshot["item"][0]
    with operation(db, "restore item", root["programme_id"]) as op:
        session = op.session
        siblings = _siblings(session, root["programme_id"], root["parent_id"])
        for sibling in siblings:
            if sibling.position >= root["position"]:
                sibling.position += 1
        session.flush()
        # Parents before children: the snapshot lists the subtree breadth-first.
        for table, model in (
            ("item", Item),
            ("milestone", Milestone),
            ("progress_update", ProgressUpdate),
            ("judgement", Judgement),
            ("item_pledge", item_pledge),
            ("dependency", Dependency),
        ):
            rows = snapshot.get(table) or []
            if rows:
                target = cast(Table, model.__table__) if hasattr(model, "__table__") else model
                session.execute(insert(target), rows)
        op.log("item", root["id"], "deleted", None, root["title"])
    return Change(
        "restore item",
        "item",
        (root["id"],),
        frozenset({"deleted"}),
        extra={"parent_id": root["parent_id"]},
    )


def add_dependency(db: Database, item_id: int, depends_on_id: int) -> Change:
    with operation(db, "add dependency") as op:
        write_dependency(op, item_id, depends_on_id)
    return Change("add dependency", "item", (item_id,), frozenset({"dependencies"}))


def write_dependency(op: Op, item_id: int, depends_on_id: int) -> None:
    """The body of :func:`add_dependency`, which an import's dependencies go through too: one
    programme, not on itself, no circle, not twice."""
    session = op.session
    item = op.fetch(Item, item_id, "item")
    other = get(session, Item, depends_on_id, "item")
    if item.programme_id != other.programme_id:
        raise ValidationError("Dependencies must be within one programme.")
    if item_id == depends_on_id:
        raise ValidationError("An item cannot depend on itself.")
    # Refuse a cycle: does ``other`` already (indirectly) depend on ``item``?
    seen, frontier = set(), {depends_on_id}
    while frontier:
        if item_id in frontier:
            raise ValidationError(
                f"“{shorten(other.title, 60)}” already depends on "
                f"“{shorten(item.title, 60)}”, so this would make a circle."
            )
        seen |= frontier
        frontier = (
            set(
                session.scalars(
                    select(Dependency.depends_on_id).where(Dependency.item_id.in_(frontier))
                )
            )
            - seen
        )
    exists = session.get(Dependency, (item_id, depends_on_id))
    if exists is not None:
        raise ValidationError("That dependency is already recorded.")
    session.add(Dependency(item_id=item_id, depends_on_id=depends_on_id))
    op.log("dependency", item_id, "depends_on", None, depends_on_id)


def depends_on_titled(session: Session, programme_id: int, item_id: int, title: str) -> int | None:
    """The item of the programme a dependency's title names: the only one of that title at
    the depending item's own level (a plan's packages depend on packages), else the only
    one of it anywhere; None when there is none or more than one."""
    wanted = " ".join(title.split()).rstrip(".").casefold()
    rows = session.execute(
        select(Item.id, Item.parent_id, Item.title).where(Item.programme_id == programme_id)
    ).all()
    parent = {row.id: row.parent_id for row in rows}

    def depth(of: int) -> int:
        count, at = 0, parent.get(of)
        while at is not None:
            count, at = count + 1, parent.get(at)
        return count

    named = [
        row.id
        for row in rows
        if row.id != item_id and " ".join(row.title.split()).rstrip(".").casefold() == wanted
    ]
    level = [i for i in named if depth(i) == depth(item_id)]
    found = level if len(level) == 1 else named
    return found[0] if len(found) == 1 else None


def count_items(session: Session, programme_id: int) -> int:
    return session.scalar(select(func.count(Item.id)).where(Item.programme_id == programme_id)) or 0
