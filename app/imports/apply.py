"""Write the accepted changes of an import proposal: one operation, logged as "imported from
<file>", so the change log says where every value came from and one undo takes it all back.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from sqlalchemy import select

from app.core.errors import ValidationError
from app.core.labels import shorten
from app.imports.apply_measures import create_indicator, write_measure
from app.imports.plan_lines import PLAN
from app.imports.proposal import MEASURE, FieldChange, Proposal
from app.imports.writing import Writer, at_row, remove_plan_lines, write_plan_line, write_value
from app.services.context import Change, Op, operation
from app.services.items import depends_on_titled, write_dependency
from app.store.database import Database
from app.store.models import (
    Dependency,
    ImportMapping,
    Indicator,
    Item,
    Milestone,
)


def apply_import(
    db: Database,
    proposal: Proposal,
    accepted: Sequence[FieldChange],
    remember: tuple[list[str], dict[str, Any]] | None = None,
) -> Change:
    """Write ``accepted`` (taken from ``proposal.changes``), and keep ``remember`` (a
    sheet's header row and how it was read) with the programme for next quarter. Returns
    the new items' ids and the old values of the rest, for undo."""
    offered = set(proposal.changes)  # a set: 50,000 changes checked in a list is quadratic
    if any(c not in offered for c in accepted):
        raise ValidationError("A change to import is not one of this import’s changes.")
    if not accepted and remember is None:  # nothing to write: the file is not touched
        return Change("import", "item", extra={"proposal": proposal, "milestones": []})
    name = shorten(f"imported from {proposal.source}", 100)
    created: dict[tuple[str, ...], int] = {}
    depends: list[tuple[int, int]] = []  # (item, item it depends on) added, for undo
    plan_lines: list[tuple[str, int]] = []  # key milestones and outcomes added, for undo
    with operation(db, name, proposal.programme_id) as op:
        writer = Writer(op, proposal)
        levels: dict[int, list[FieldChange]] = {}
        for change in accepted:
            if change.field == "item":
                levels.setdefault(len(change.key), []).append(change)
        for depth in sorted(levels):  # parents before their children
            writer.create(levels[depth], created)
        for change in accepted:
            if change.field == "indicator":
                with at_row(proposal, change):
                    created[change.key] = create_indicator(op, proposal, change)
        for change in accepted:
            if change.field in ("item", "indicator"):
                continue
            if change.key[0] == PLAN:
                with at_row(proposal, change):
                    plan_lines.append(write_plan_line(op, proposal, change))
                continue
            if change.key[0] == MEASURE:
                indicator_id = change.item_id or created.get(change.key)
                if indicator_id is None:
                    raise ValidationError(
                        f"{change.where}: “{change.label}” is new and was not accepted, so "
                        f"its {change.field} cannot be imported."
                    )
                with at_row(proposal, change):
                    write_measure(op, proposal, indicator_id, change)
                continue
            item_id = change.item_id or created.get(change.key)
            if item_id is None:
                raise ValidationError(
                    f"{change.where}: “{change.label}” is new and was not accepted, so its "
                    f"{change.field} cannot be imported."
                )
            if change.field == "dependency":  # below, once every item it may name is made
                continue
            writer.write(item_id, change)
        milestones = writer.finish()
        for change in accepted:
            if change.field == "dependency":
                item_id = change.item_id or created[change.key]
                with at_row(proposal, change):
                    added = add_dependency_on(op, proposal.programme_id, item_id, change)
                if added is not None:
                    depends.append(added)
        kept = _remember(op, proposal, remember) if remember is not None else None
        op.unchanged = op.logged == 0  # every value accepted was already there
    changed = {c.item_id for c in accepted if c.item_id is not None}
    return Change(
        "import",
        "item",
        tuple(dict.fromkeys([*created.values(), *changed])),
        frozenset(c.field for c in accepted),
        old=[(c, c.current) for c in accepted if c.field in REVERSIBLE],
        new=dict(created),
        extra={
            "proposal": proposal,
            "accepted": tuple(accepted),
            "milestones": milestones,
            "dependencies": depends,
            "plan_lines": plan_lines,
            "mapping": kept,
        },
    )


def _remember(
    op: Op, proposal: Proposal, remember: tuple[list[str], dict[str, Any]]
) -> tuple[str, str | None]:
    """Keep the mapping; (its headers, the mapping it replaced) for undo."""
    headers, mapping = remember
    key = json.dumps(headers, ensure_ascii=False)
    text = json.dumps(mapping, ensure_ascii=False, sort_keys=True)
    row = op.session.scalar(
        select(ImportMapping).where(
            ImportMapping.programme_id == proposal.programme_id, ImportMapping.headers == key
        )
    )
    old = row.mapping if row is not None else None
    if old != text:
        if row is None:
            row = ImportMapping(programme_id=proposal.programme_id, headers=key, mapping=text)
            op.session.add(row)
        row.mapping = text
        row.saved_at = op.at
        op.session.flush()
        op.log("import mapping", row.id, "mapping", old, text)
    return key, old


def _forget(op: Op, proposal: Proposal, kept: tuple[str, str | None]) -> None:
    key, old = kept
    row = op.session.scalar(
        select(ImportMapping).where(
            ImportMapping.programme_id == proposal.programme_id, ImportMapping.headers == key
        )
    )
    if row is None or row.mapping == old:
        return
    op.log("import mapping", row.id, "mapping", row.mapping, old)
    if old is None:
        op.session.delete(row)
    else:
        row.mapping = old


# The fields whose old value an undo writes back (the rest are rows the undo deletes).
REVERSIBLE = ("responsible", "achievements", "judgement", "target", "actual", "status", "comment")


def undo_import(db: Database, imported: Change) -> Change:
    """Undo :func:`apply_import`: the items it made go (with all below them), the milestones
    it added go, and the values it replaced come back."""
    proposal: Proposal = imported.extra["proposal"]
    with operation(
        db, shorten(f"undo import of {proposal.source}", 100), proposal.programme_id
    ) as op:
        session = op.session
        if imported.extra.get("mapping") is not None:
            _forget(op, proposal, imported.extra["mapping"])
        remove_plan_lines(op, imported.extra.get("plan_lines", []))
        for item_id, other in imported.extra.get("dependencies", []):
            dependency = session.get(Dependency, (item_id, other))
            if dependency is not None:
                session.delete(dependency)
                op.log("dependency", item_id, "depends_on", other, None)
        for milestone_id in imported.extra["milestones"]:
            milestone = session.get(Milestone, milestone_id)
            if milestone is not None:
                session.delete(milestone)
                op.log("milestone", milestone_id, "text", milestone.text, None)
        for change, old in reversed(imported.old):
            if change.item_id is None:
                continue  # on an item made by the import, which goes below
            if change.key[0] == MEASURE:
                write_measure(op, proposal, change.item_id, replace(change, theirs=old))
            else:
                write_value(op, proposal, change.item_id, replace(change, theirs=old))
        for key in [k for k in imported.new if k[0] == MEASURE]:
            indicator = session.get(Indicator, imported.new[key])
            if indicator is not None:
                op.log("indicator", indicator.id, "title", indicator.title, None)
                session.delete(indicator)
        made = [k for k in imported.new if k[0] != MEASURE]
        ids = [imported.new[k] for k in made]
        items = {
            item.id: item
            for start in range(0, len(ids), 900)  # within SQLite's limit on parameters
            for item in session.scalars(select(Item).where(Item.id.in_(ids[start : start + 900])))
        }
        for depth in sorted({len(k) for k in made}, reverse=True):  # children first
            for key in made:
                item = items.get(imported.new[key])
                if len(key) == depth and item is not None:
                    op.log("item", item.id, "title", item.title, None)
                    session.delete(item)
            session.flush()  # one level at a time, as the tree's foreign keys need
    return Change(
        "undo import",
        "item",
        imported.ids,
        imported.fields,
        extra=imported.extra,
    )


def add_dependency_on(
    op: Op, programme_id: int, item_id: int, change: FieldChange
) -> tuple[int, int] | None:
    """The dependency of a row on the item its title names, by the rule the window's
    dependencies follow (no circle); None when it is already recorded."""
    other = depends_on_titled(op.session, programme_id, item_id, change.theirs or "")
    if other is None:
        raise ValidationError(
            f"{change.where}: “{change.label}” depends on “{change.theirs}”, which is not an "
            "item of the programme, or is the title of more than one."
        )
    if op.session.get(Dependency, (item_id, other)) is not None:
        return None
    write_dependency(op, item_id, other)
    return item_id, other
