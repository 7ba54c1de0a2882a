"""Write the accepted changes of an import proposal: one operation, logged as "imported from
<file>", so the change log says where every value came from and one undo takes it all back.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

from sqlalchemy import func, select

from app.core.dates import derive_due
from app.core.enums import MilestoneStatus
from app.core.errors import ValidationError
from app.core.labels import shorten
from app.core.validation import (
    NAME_LIMIT,
    TEXT_LIMIT,
    TITLE_LIMIT,
    clean_text,
    required_text,
)
from app.imports.apply_measures import create_indicator, write_measure
from app.imports.proposal import MEASURE, FieldChange, Proposal
from app.services.context import Change, Op, ensure_open, operation
from app.services.items import depends_on_titled, responsible_id, write_dependency
from app.services.progress import due_columns, write_achievements, write_judgement
from app.store.database import Database
from app.store.models import (
    Dependency,
    ImportMapping,
    Indicator,
    Item,
    Judgement,
    Milestone,
    Period,
    Programme,
    ProgressUpdate,
    Symbol,
)


def split_milestone(words: str) -> tuple[str | None, str | None]:
    """(due words, text) of a milestone written in one line ("Sep 09: Draft the plan"), as
    the reports print it; words that are only a date are its due words."""
    head, sep, tail = words.partition(": ")
    if sep and derive_due(head).date is not None:
        return head.strip(), tail.strip() or None
    if derive_due(words).date is not None and len(words) <= 40:
        return words.strip(), None
    return None, words.strip()


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
    milestones: list[int] = []
    depends: list[tuple[int, int]] = []  # (item, item it depends on) added, for undo
    with operation(db, name, proposal.programme_id) as op:
        writer = _Writer(op, proposal)
        for change in sorted((c for c in accepted if c.field == "item"), key=lambda c: len(c.key)):
            created[change.key] = writer.create(change, created)
        for change in accepted:
            if change.field == "indicator":
                created[change.key] = create_indicator(op, proposal, change)
        for change in accepted:
            if change.field in ("item", "indicator"):
                continue
            if change.key[0] == MEASURE:
                indicator_id = change.item_id or created.get(change.key)
                if indicator_id is None:
                    raise ValidationError(
                        f"{change.where}: “{change.label}” is new and was not accepted, so "
                        f"its {change.field} cannot be imported."
                    )
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
            milestone = writer.write(item_id, change)
            if milestone is not None:
                milestones.append(milestone)
        for change in accepted:
            if change.field == "dependency":
                item_id = change.item_id or created[change.key]
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
                _write(op, proposal, change.item_id, replace(change, theirs=old))
        for key in [k for k in imported.new if k[0] == MEASURE]:
            indicator = session.get(Indicator, imported.new[key])
            if indicator is not None:
                op.log("indicator", indicator.id, "title", indicator.title, None)
                session.delete(indicator)
        for key in sorted((k for k in imported.new if k[0] != MEASURE), key=len, reverse=True):
            item = session.get(Item, imported.new[key])
            if item is not None:
                op.log("item", item.id, "title", item.title, None)
                session.delete(item)
                session.flush()
    return Change(
        "undo import",
        "item",
        imported.ids,
        imported.fields,
        extra=imported.extra,
    )


class _Writer:
    """Writes an import's changes in one operation without a query per row: sibling and
    milestone counts, the scheme's symbols and the people are read once, and an item made
    by this import, which has no judgement or narrative yet, gets its rows added directly.
    (10,000 actions: one query each made the import quadratic, minutes instead of seconds.)"""

    def __init__(self, op: Op, proposal: Proposal) -> None:
        self.op = op
        self.proposal = proposal
        session = op.session
        programme = proposal.programme_id
        self.children: dict[int | None, int] = dict(
            session.execute(
                select(Item.parent_id, func.count(Item.id))
                .where(Item.programme_id == programme)
                .group_by(Item.parent_id)
            ).all()
        )
        self.milestones: dict[int, int] = dict(
            session.execute(  # type: ignore[arg-type]
                select(Milestone.item_id, func.count(Milestone.id))
                .where(Milestone.programme_id == programme, Milestone.item_id.is_not(None))
                .group_by(Milestone.item_id)
            ).all()
        )
        self.symbols: dict[str, int] = dict(
            session.execute(
                select(Symbol.glyph, Symbol.id)
                .join(Programme, Programme.progress_scheme_id == Symbol.scheme_id)
                .where(Programme.id == programme)
            ).all()
        )
        self.people: dict[str | None, int | None] = {None: None}
        self.new: set[int] = set()
        period = session.get(Period, proposal.period_id)
        assert period is not None
        self.period = period

    def create(self, change: FieldChange, created: dict[tuple[str, ...], int]) -> int:
        parent_key = change.key[:-1]
        parent_id = None
        if parent_key:
            parent_id = self.proposal.matched.get(parent_key) or created.get(parent_key)
            if parent_id is None:
                raise ValidationError(
                    f"{change.where}: “{change.label}” belongs under an item that is not "
                    "being imported."
                )
        title = required_text(change.theirs, "The title", limit=TITLE_LIMIT)
        position = self.children.get(parent_id, 0)
        self.children[parent_id] = position + 1
        item = Item(
            programme_id=self.proposal.programme_id,
            parent_id=parent_id,
            position=position,
            number=change.number,
            title=title,
        )
        self.op.add(item, "item", "title", title)
        self.new.add(item.id)
        return item.id

    def person(self, name: str | None) -> int | None:
        name = clean_text(name, "Responsibility", limit=NAME_LIMIT)
        if name not in self.people:
            self.people[name] = responsible_id(self.op.session, name)
        return self.people[name]

    def write(self, item_id: int, change: FieldChange) -> int | None:
        """One value; the new milestone's id, for undo."""
        op, session = self.op, self.op.session
        if change.field == "milestone":
            due, text = split_milestone(change.theirs or "")
            position = self.milestones.get(item_id, 0)
            self.milestones[item_id] = position + 1
            milestone = Milestone(
                programme_id=self.proposal.programme_id,
                item_id=item_id,
                position=position,
                text=clean_text(text, "The milestone", limit=TEXT_LIMIT),
                status=MilestoneStatus.OPEN.value,
                **due_columns(due),
            )
            op.add(milestone, "milestone", "text", change.theirs)
            return milestone.id
        if item_id not in self.new:  # an item already there: as the window would write it
            return _write(op, self.proposal, item_id, change, self.person)
        ensure_open(self.period)
        if change.field == "responsible":
            item = session.get(Item, item_id)
            assert item is not None
            item.responsible_id = self.person(change.theirs)
            op.log("item", item_id, "responsible", None, change.theirs)
        elif change.field == "description":
            item = session.get(Item, item_id)
            assert item is not None
            item.description = clean_text(change.theirs, "The description", limit=TEXT_LIMIT)
            op.log("item", item_id, "description", None, item.description)
        elif change.field == "achievements":
            # Entries the source gave one a row (a programme update's) stay entries.
            for position, part in enumerate(change.parts or (change.theirs,)):
                text = clean_text(part, "Achievements", limit=TEXT_LIMIT)
                if text is not None:
                    update = ProgressUpdate(
                        item_id=item_id, period_id=self.period.id, position=position, text=text
                    )
                    op.add(update, "progress_update", "text", text)
        elif change.field == "judgement":
            symbol = self.symbols.get(change.theirs or "")
            if symbol is None:
                raise ValidationError(
                    f"{change.where}: “{change.theirs}” is not a symbol of this programme’s scheme."
                )
            session.add(Judgement(item_id=item_id, period_id=self.period.id, symbol_id=symbol))
            op.log("judgement", item_id, f"period {self.period.id}", None, change.theirs)
        else:  # pragma: no cover - the proposal makes no other
            raise ValueError(change.field)
        return None


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


def _write(
    op: Op,
    proposal: Proposal,
    item_id: int,
    change: FieldChange,
    person: Callable[[str | None], int | None] | None = None,
) -> int | None:
    """Write one value to an item that was there before the import (and, for undo, put one
    back); the new milestone's id, for undo."""
    session = op.session
    if change.field == "responsible":
        item = session.get(Item, item_id)
        assert item is not None
        old = item.responsible_id
        item.responsible_id = (
            person(change.theirs)
            if person is not None
            else responsible_id(
                session, clean_text(change.theirs, "Responsibility", limit=NAME_LIMIT)
            )
        )
        op.log("item", item_id, "responsible", old, change.theirs)
    elif change.field == "description":
        item = session.get(Item, item_id)
        assert item is not None
        item.description = clean_text(change.theirs, "The description", limit=TEXT_LIMIT)
        op.log("item", item_id, "description", None, item.description)
    elif change.field == "milestone":
        due, text = split_milestone(change.theirs or "")
        text = clean_text(text, "The milestone", limit=TEXT_LIMIT)
        position = session.scalar(
            select(func.count(Milestone.id)).where(Milestone.item_id == item_id)
        )
        milestone = Milestone(
            programme_id=proposal.programme_id,
            item_id=item_id,
            position=position or 0,
            text=text,
            status=MilestoneStatus.OPEN.value,
            **due_columns(due),
        )
        op.add(milestone, "milestone", "text", change.theirs)
        return milestone.id
    elif change.field == "achievements":
        text = clean_text(change.theirs, "Achievements", limit=TEXT_LIMIT)
        write_achievements(op, item_id, proposal.period_id, text)
    elif change.field == "judgement":
        write_judgement(op, item_id, proposal.period_id, change.theirs)
    else:  # pragma: no cover - the proposal makes no other
        raise ValueError(change.field)
    return None
