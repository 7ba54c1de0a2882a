"""Seed 002's Tables 1–2, computed: actions per objective kind, % and count per category.

An *action* is a leaf of the tree (an item with no sub-items): a workstream with no actions
under it is judged itself, as seed 002's rows show. Actions are grouped by the kind of their
top-level ancestor ("Priority Service Objectives"). Percentages are of the *judged* actions,
rounded half up to whole numbers as the document does; unjudged actions are counted
separately, because "not yet judged" is not the same as "?" (unknown).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.enums import Category
from app.store.models import Item, ItemKind, Judgement, Period, Programme, Symbol

CATEGORY_ORDER = (Category.COMPLETED, Category.ON_TRACK, Category.BEHIND, Category.UNKNOWN)
CATEGORY_TITLES = {
    Category.COMPLETED: "Completed",
    Category.ON_TRACK: "On track",
    Category.BEHIND: "Behind schedule",
    Category.UNKNOWN: "Unknown",
}


def percent(part: int, whole: int) -> int:
    if whole == 0:
        return 0
    exact = Decimal(part * 100) / Decimal(whole)
    return int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))


@dataclass(frozen=True)
class GroupSummary:
    name: str
    actions: int
    counts: dict[Category, int]
    unjudged: int

    @property
    def judged(self) -> int:
        return self.actions - self.unjudged

    def percent(self, category: Category) -> int:
        return percent(self.counts.get(category, 0), self.judged)


@dataclass(frozen=True)
class Summary:
    programme: str
    period: str
    glyphs: dict[Category, str]
    groups: list[GroupSummary]


def summarise(session: Session, programme_id: int, period_id: int) -> Summary:
    programme = session.get(Programme, programme_id)
    period = session.get(Period, period_id)
    assert programme is not None and period is not None
    rows = session.execute(
        select(Item.id, Item.parent_id, Item.kind_id).where(Item.programme_id == programme_id)
    ).all()
    parent = {row.id: row.parent_id for row in rows}
    kind_of = {row.id: row.kind_id for row in rows}
    has_children = {row.parent_id for row in rows if row.parent_id is not None}
    kinds = dict(
        session.execute(
            select(ItemKind.id, ItemKind.plural)
            .where(ItemKind.programme_id == programme_id)
            .order_by(ItemKind.position)
        ).all()
    )
    judged = dict(
        session.execute(
            select(Judgement.item_id, Symbol.category)
            .join(Symbol, Symbol.id == Judgement.symbol_id)
            .join(Item, Item.id == Judgement.item_id)
            .where(Judgement.period_id == period_id, Item.programme_id == programme_id)
        ).all()
    )

    def root(item_id: int) -> int:
        while parent[item_id] is not None:
            item_id = parent[item_id]
        return item_id

    by_group: dict[int | None, list[int]] = {}
    for row in rows:
        if row.id not in has_children:
            by_group.setdefault(kind_of[root(row.id)], []).append(row.id)
    groups = []
    order = [*kinds, None]
    for kind_id in order:
        leaves = by_group.get(kind_id)
        if not leaves and (kind_id is not None or kinds):
            continue
        leaves = leaves or []
        counts = Counter(Category(judged[leaf]) for leaf in leaves if leaf in judged)
        name = (
            kinds.get(kind_id, "All actions")
            if kind_id is not None
            else ("Other actions" if kinds else "All actions")
        )
        groups.append(
            GroupSummary(
                name, len(leaves), dict(counts), sum(1 for leaf in leaves if leaf not in judged)
            )
        )
    glyphs: dict[Category, str] = {}
    for symbol in session.scalars(
        select(Symbol)
        .where(Symbol.scheme_id == programme.progress_scheme_id)
        .order_by(Symbol.position)
    ):
        category = Category(symbol.category)
        glyphs[category] = (
            f"{glyphs[category]} {symbol.glyph}" if category in glyphs else symbol.glyph
        )
    return Summary(programme.name, period.label, glyphs, groups)


def format_summary(summary: Summary) -> str:
    """Plain text in the shape of seed 002's Tables 1–2."""
    lines = [summary.programme, summary.period, ""]
    categories = [c for c in CATEGORY_ORDER if c in summary.glyphs]
    headings = ["Number of actions"] + [
        f"% {CATEGORY_TITLES[c]} ({summary.glyphs[c]})" for c in categories
    ]
    for group in summary.groups:
        cells = [str(group.actions)] + [
            f"{group.percent(c)}% ({group.counts.get(c, 0)})" for c in categories
        ]
        widths = [max(len(h), len(v)) for h, v in zip(headings, cells, strict=True)]
        lines.append(group.name)
        lines.append(
            "  " + "  ".join(h.ljust(w) for h, w in zip(headings, widths, strict=True)).rstrip()
        )
        lines.append(
            "  " + "  ".join(v.ljust(w) for v, w in zip(cells, widths, strict=True)).rstrip()
        )
        lines.append(
            f"  Not yet judged: {group.unjudged}"
            + (f" (percentages are of the {group.judged} judged)" if group.unjudged else "")
        )
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
