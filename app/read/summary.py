"""Seed 002's Tables 1–2, computed: actions per objective kind, % and count per category.

An *action* is a leaf of the tree (an item with no sub-items): a workstream with no actions
under it is judged itself, as seed 002's rows show. Actions are grouped by the kind of their
top-level ancestor ("Priority Service Objectives"). They are counted as the quarterly report
counts them (app/core/tally.py): percentages of the judged, unjudged apart.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.tally import Tally, tally_by
from app.read.queries import ColumnRow, in_order, summary_columns
from app.store.models import (
    Item,
    ItemKind,
    Judgement,
    Period,
    Programme,
    Responsible,
    SummaryColumn,
    Symbol,
)


@dataclass(frozen=True)
class GroupSummary(Tally):
    """The count for one kind of objective (one table of seed 002's Tables 1–2)."""

    name: str


@dataclass(frozen=True)
class Summary:
    programme: str
    period: str
    columns: list[ColumnRow]  # the scheme's summary columns, in its order
    groups: list[GroupSummary]  # counts by column name (unique within a scheme)
    # The same counts per top-level item (objective, theme…) and per person responsible.
    by_item: list[GroupSummary] = field(default_factory=list)
    by_responsible: list[GroupSummary] = field(default_factory=list)

    def total(self) -> Tally:
        """The whole programme: every group's actions together."""
        return Tally(
            actions=sum(g.actions for g in self.groups),
            counts=dict(sum((Counter(g.counts) for g in self.groups), Counter())),
            unjudged=sum(g.unjudged for g in self.groups),
            glyphs=dict(sum((Counter(g.glyphs) for g in self.groups), Counter())),
        )


def named(counted: Tally, name: str) -> GroupSummary:
    return GroupSummary(
        counted.actions, counted.counts, counted.unjudged, glyphs=counted.glyphs, name=name
    )


def ratings(counted: Tally, column: ColumnRow) -> list[tuple[str, int]]:
    """(glyph, count) of each rating within a rated column: the nested counts of a
    two-level scheme; none for a column that is not rated."""
    return [(g, counted.glyphs.get(g, 0)) for g in column.glyphs] if column.rated else []


def sentence(counted: Tally, columns: list[ColumnRow], names: dict[str, str]) -> str:
    """The summary as two-level councils write it: "6 actions: 1 complete, 4 in progress
    (2 green, 1 amber, 1 red), 1 not started". ``names``: each glyph's symbol name."""
    parts = []
    for column in columns:
        if not column.glyphs:
            continue
        part = f"{counted.counts.get(column.name, 0)} {column.name.lower()}"
        nested = ratings(counted, column)
        if nested:
            part += " (" + ", ".join(f"{n} {names[g].lower()}" for g, n in nested) + ")"
        parts.append(part)
    if counted.unjudged:
        parts.append(f"{counted.unjudged} not yet judged")
    noun = "action" if counted.actions == 1 else "actions"
    return f"{counted.actions} {noun}: " + ", ".join(parts)


def summarise(session: Session, programme_id: int, period_id: int) -> Summary:
    programme = session.get(Programme, programme_id)
    period = session.get(Period, period_id)
    assert programme is not None and period is not None
    rows = session.execute(
        select(
            Item.id,
            Item.parent_id,
            Item.kind_id,
            Item.number,
            Item.title,
            Item.position,
            Responsible.name.label("responsible"),
        )
        .outerjoin(Responsible, Responsible.id == Item.responsible_id)
        .where(Item.programme_id == programme_id)
    ).all()
    parent = {row.id: row.parent_id for row in rows}
    kind_of = {row.id: row.kind_id for row in rows}
    has_children = {row.parent_id for row in rows if row.parent_id is not None}
    kinds = {kind.id: kind.plural for kind in in_order(session, ItemKind, programme_id)}
    judged: dict[int, str] = {}
    glyph_of: dict[int, str] = {}
    for item_id, name, glyph in session.execute(
        select(Judgement.item_id, SummaryColumn.name, Symbol.glyph)
        .join(Symbol, Symbol.id == Judgement.symbol_id)
        .join(SummaryColumn, SummaryColumn.id == Symbol.column_id)
        .join(Item, Item.id == Judgement.item_id)
        .where(Judgement.period_id == period_id, Item.programme_id == programme_id)
    ):
        judged[item_id], glyph_of[item_id] = name, glyph

    def count(ids: list[int]) -> Tally:
        return tally_by((judged.get(i) for i in ids), (glyph_of.get(i) for i in ids))

    def root(item_id: int) -> int:
        while parent[item_id] is not None:
            item_id = parent[item_id]
        return item_id

    leaf_rows = [row for row in rows if row.id not in has_children]
    root_of = {leaf.id: root(leaf.id) for leaf in leaf_rows}  # walked once per action
    by_group: dict[int | None, list[int]] = {}
    by_root: dict[int, list[int]] = {}
    for leaf in leaf_rows:
        by_group.setdefault(kind_of[root_of[leaf.id]], []).append(leaf.id)
        by_root.setdefault(root_of[leaf.id], []).append(leaf.id)
    groups = []
    order = [*kinds, None]
    for kind_id in order:
        leaves = by_group.get(kind_id)
        if not leaves and (kind_id is not None or kinds):
            continue
        counted = count(leaves or [])
        name = (
            kinds.get(kind_id, "All actions")
            if kind_id is not None
            else ("Other actions" if kinds else "All actions")
        )
        groups.append(named(counted, name))

    def count_of(name: str, ids: list[int]) -> GroupSummary:
        return named(count(ids), name)

    tops = sorted((row for row in rows if row.parent_id is None), key=lambda r: (r.position, r.id))
    by_item = [
        count_of(
            f"{top.number} {top.title.splitlines()[0]}"
            if top.number
            else top.title.splitlines()[0],
            by_root.get(top.id, []),
        )
        for top in tops
    ]
    people: dict[str | None, list[int]] = {}
    for leaf in leaf_rows:
        people.setdefault(leaf.responsible, []).append(leaf.id)
    by_responsible = [
        count_of(name or "Nobody named", people[name])
        for name in sorted(people, key=lambda n: (n is None, (n or "").casefold()))
    ]
    columns = summary_columns(session, programme_id)
    return Summary(programme.name, period.label, columns, groups, by_item, by_responsible)


def format_summary(summary: Summary, by: str = "kind") -> str:
    """Plain text in the shape of seed 002's Tables 1–2: one table per kind of objective (as
    the document), or per top-level item, or per person responsible."""
    lines = [summary.programme, summary.period, ""]
    tables = {
        "kind": summary.groups,
        "item": summary.by_item,
        "responsible": summary.by_responsible,
    }

    headings = ["Number of actions"] + [
        f"% {c.name} ({' '.join(c.glyphs)})" for c in summary.columns if c.glyphs
    ]
    columns = [c for c in summary.columns if c.glyphs]
    for group in tables[by]:
        cells = [str(group.actions)] + [
            f"{group.percent(c.name)}% ({group.counts.get(c.name, 0)})" for c in columns
        ]
        widths = [max(len(h), len(v)) for h, v in zip(headings, cells, strict=True)]
        lines.append(group.name)
        lines.append(
            "  " + "  ".join(h.ljust(w) for h, w in zip(headings, widths, strict=True)).rstrip()
        )
        lines.append(
            "  " + "  ".join(v.ljust(w) for v, w in zip(cells, widths, strict=True)).rstrip()
        )
        for c in columns:
            nested = ratings(group, c)
            if nested:
                lines.append(f"  {c.name}: " + ", ".join(f"{g} {n}" for g, n in nested))
        lines.append(
            f"  Not yet judged: {group.unjudged}"
            + (f" (percentages are of the {group.judged} judged)" if group.unjudged else "")
        )
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
