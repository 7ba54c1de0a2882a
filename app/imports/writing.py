"""How an import writes its items' values: in bulk for the items it makes, as the window
would for the items already there.

A council's first import is thousands of actions, each with a title, a lead, a milestone,
a narrative and a judgement. Written one row and one flush at a time that took 6 s for
5,000 actions; here each level of new items is one flush, their milestones and narratives
one more, and values are set on the rows the writer holds instead of read back.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from sqlalchemy import func, select

from app.core.dates import derive_due
from app.core.enums import MilestoneStatus
from app.core.errors import ValidationError
from app.core.validation import (
    NAME_LIMIT,
    SHORT_LIMIT,
    TEXT_LIMIT,
    TITLE_LIMIT,
    clean_text,
    required_text,
)
from app.imports.proposal import FieldChange, Proposal
from app.services.context import Op, ensure_open
from app.services.items import responsible_id
from app.services.milestones import due_columns
from app.services.progress import write_achievements, write_judgement
from app.store.models import (
    Item,
    Judgement,
    Milestone,
    Outcome,
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


@contextlib.contextmanager
def at_row(proposal: Proposal, change: FieldChange) -> Iterator[None]:
    """A value refused names the file and row it came from ("tracker.xlsx, Actions, row 12:
    The title is too long…"), so the user can find it."""
    try:
        yield
    except ValidationError as error:
        where = f"{proposal.source}, {change.where}"
        if str(error).startswith((where, change.where)):
            raise
        raise ValidationError(f"{where}: {error}") from None


class Writer:
    """Writes an import's item changes in one operation without a query per row: sibling and
    milestone counts, the scheme's symbols and the people are read once; an item made by
    this import, which has no judgement or narrative yet, gets its rows added directly, and
    the rows it makes are flushed together (:meth:`finish`)."""

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
        # The items this import made, held so the session's weak identity map keeps them:
        # reading each back by id cost a SELECT per action.
        self.new: dict[int, Item] = {}
        self.pending: list[tuple[Any, str, str, Any]] = []
        self.new_milestones: list[Milestone] = []
        period = session.get(Period, proposal.period_id)
        assert period is not None
        self.period = period

    def create(self, changes: Sequence[FieldChange], created: dict[tuple[str, ...], int]) -> None:
        """One level of new items (their parents already made or matched), in one flush;
        their ids go into ``created`` by key."""
        rows: list[tuple[Any, str, str, Any]] = []
        for change in changes:
            parent_key = change.key[:-1]
            parent_id = None
            if parent_key:
                parent_id = self.proposal.matched.get(parent_key) or created.get(parent_key)
                if parent_id is None:
                    raise ValidationError(
                        f"{change.where}: “{change.label}” belongs under an item that is not "
                        "being imported."
                    )
            with at_row(self.proposal, change):
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
            rows.append((item, "item", "title", title))
        self.op.add_all(rows)
        for change, (item, *_) in zip(changes, rows, strict=True):
            created[change.key] = item.id
            self.new[item.id] = item

    def person(self, name: str | None) -> int | None:
        name = clean_text(name, "Responsibility", limit=NAME_LIMIT)
        if name not in self.people:
            self.people[name] = responsible_id(self.op.session, name)
        return self.people[name]

    def write(self, item_id: int, change: FieldChange) -> None:
        """One value of one item."""
        with at_row(self.proposal, change):
            self._write(item_id, change)

    def _write(self, item_id: int, change: FieldChange) -> None:
        op = self.op
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
            self.pending.append((milestone, "milestone", "text", change.theirs))
            self.new_milestones.append(milestone)
            return
        item = self.new.get(item_id)
        if item is None:  # an item already there: as the window would write it
            write_value(op, self.proposal, item_id, change, self.person)
            return
        ensure_open(self.period)
        if change.field == "responsible":
            item.responsible_id = self.person(change.theirs)
            op.log("item", item_id, "responsible", None, change.theirs)
        elif change.field == "description":
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
                    self.pending.append((update, "progress_update", "text", text))
        elif change.field == "judgement":
            symbol = self.symbols.get(change.theirs or "")
            if symbol is None:
                raise ValidationError(
                    f"{change.where}: “{change.theirs}” is not a symbol of this programme’s scheme."
                )
            op.session.add(Judgement(item_id=item_id, period_id=self.period.id, symbol_id=symbol))
            op.log("judgement", item_id, f"period {self.period.id}", None, change.theirs)
        else:  # pragma: no cover - the proposal makes no other
            raise ValueError(change.field)

    def finish(self) -> list[int]:
        """Flush the milestones and narratives written; the new milestones' ids, for undo."""
        self.op.add_all(self.pending)
        self.pending.clear()
        return [milestone.id for milestone in self.new_milestones]


def write_value(
    op: Op,
    proposal: Proposal,
    item_id: int,
    change: FieldChange,
    person: Callable[[str | None], int | None] | None = None,
) -> None:
    """Write one value to an item that was there before the import (and, for undo, put one
    back)."""
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
        previous = item.description
        item.description = clean_text(change.theirs, "The description", limit=TEXT_LIMIT)
        op.log("item", item_id, "description", previous, item.description)
    elif change.field == "achievements":
        text = clean_text(change.theirs, "Achievements", limit=TEXT_LIMIT)
        write_achievements(op, item_id, proposal.period_id, text)
    elif change.field == "judgement":
        write_judgement(op, item_id, proposal.period_id, change.theirs)
    else:  # pragma: no cover - the proposal makes no other (milestones are only added)
        raise ValueError(change.field)


def write_plan_line(op: Op, proposal: Proposal, change: FieldChange) -> tuple[str, int]:
    """Add the line at the end of its list; (its kind, its id), for undo."""
    text, extra = change.parts
    session, programme = op.session, proposal.programme_id
    if change.field == "key milestone":
        position = session.scalar(
            select(func.count(Milestone.id)).where(
                Milestone.programme_id == programme, Milestone.item_id.is_(None)
            )
        )
        milestone = Milestone(
            programme_id=programme,
            item_id=None,
            position=position or 0,
            text=clean_text(text, "The milestone", limit=TEXT_LIMIT),
            status=MilestoneStatus.OPEN.value,
            **due_columns(extra or None),
        )
        op.add(milestone, "milestone", "text", change.theirs)
        return "key milestone", milestone.id
    position = session.scalar(
        select(func.count(Outcome.id)).where(Outcome.programme_id == programme)
    )
    outcome = Outcome(
        programme_id=programme,
        position=position or 0,
        text=required_text(text, "The outcome", limit=TEXT_LIMIT),
        target=clean_text(extra or None, "The target", limit=SHORT_LIMIT),
    )
    op.add(outcome, "outcome", "text", change.theirs)
    return "outcome", outcome.id


def remove_plan_lines(op: Op, added: list[tuple[str, int]]) -> None:
    """Undo :func:`write_plan_line`."""
    for kind, ident in reversed(added):
        row: Milestone | Outcome | None = (
            op.session.get(Milestone, ident)
            if kind == "key milestone"
            else op.session.get(Outcome, ident)
        )
        if row is not None:
            entity = "milestone" if kind == "key milestone" else "outcome"
            op.log(entity, ident, "text", row.text, None)
            op.session.delete(row)
