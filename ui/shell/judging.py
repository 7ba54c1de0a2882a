"""What a judgement key may judge, and where the next action waiting for one is.

Only actions (the tree's leaves) are judged and counted in the summaries; a parent's
progress is that of its actions. So a key pressed on a parent is refused with the reason,
in the message bar, rather than stored where no summary or report would count it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel

from ui.tree.model import RESPONSIBILITY, TITLE, ItemIdRole, ItemTreeModel

if TYPE_CHECKING:
    from app.store.pack_scope import PackScope


def actions_under(model: ItemTreeModel, item_id: int) -> int:
    """How many actions (leaves) an item has below it, at any depth."""
    count, stack = 0, model.children_of(item_id)
    while stack:
        child = stack.pop()
        below = model.children_of(child)
        if below:
            stack.extend(below)
        else:
            count += 1
    return count


def parent_refusal(model: ItemTreeModel, item_id: int) -> str:
    """Why a parent is not judged, naming it and how many actions carry its progress."""
    from ui.commands.items import item_name

    n = actions_under(model, item_id)
    actions = f"{n} action{'s' if n != 1 else ''}"
    return (
        f"{item_name(model.row_for(item_id))} cannot be judged: it has {actions}, and only "
        "actions are judged and counted. Judge its actions instead."
    )


def split_judgeable(model: ItemTreeModel, item_ids: list[int]) -> tuple[list[int], list[int]]:
    """The selection as (what to judge, parents refused here). In an update pack an item
    that is not the holder's goes to the service, whose refusal says that first."""
    owned = model.pack_owned

    def refused_here(item_id: int) -> bool:
        return bool(model.children_of(item_id)) and (owned is None or item_id in owned)

    parents = [i for i in item_ids if refused_here(i)]
    return [i for i in item_ids if not refused_here(i)], parents


def shown_indexes(proxy: QSortFilterProxyModel) -> Iterator[QModelIndex]:
    """Every row the tree shows (expanded or not), top to bottom, as the reader meets them."""
    stack = [proxy.index(r, 0) for r in reversed(range(proxy.rowCount()))]
    while stack:
        index = stack.pop()
        yield index
        stack.extend(proxy.index(r, 0, index) for r in reversed(range(proxy.rowCount(index))))


def shown_counts(
    proxy: QSortFilterProxyModel, model: ItemTreeModel
) -> tuple[dict[str, int], int, int]:
    """Glyph counts, the number unjudged and the number of actions, over the actions the
    filter shows (a parent whose actions are all filtered out is still not an action)."""
    counts: dict[str, int] = {}
    unjudged = shown = 0
    for index in shown_indexes(proxy):
        item_id = index.data(ItemIdRole)
        if item_id is None or model.children_of(item_id):
            continue
        row = model.row_for(item_id)
        shown += 1
        if row is None or row.glyph is None:
            unjudged += 1
        else:
            counts[row.glyph] = counts.get(row.glyph, 0) + 1
    return counts, unjudged, shown


def next_unjudged(
    proxy: QSortFilterProxyModel, model: ItemTreeModel, current: int | None
) -> QModelIndex:
    """The first action shown after ``current`` with no judgement, wrapping round to the
    top; an invalid index when every action shown is judged."""
    rows = list(shown_indexes(proxy))
    ids = [index.data(ItemIdRole) for index in rows]
    start = ids.index(current) + 1 if current in ids else 0
    for offset in range(len(rows)):
        index = rows[(start + offset) % len(rows)]
        item_id = ids[(start + offset) % len(rows)]
        row = model.row_for(item_id)
        if row is not None and row.glyph is None and not model.children_of(item_id):
            return index
    return QModelIndex()


PACK_TITLES = (
    "Titles are the programme manager’s; in an update pack you edit judgements, narratives "
    "and milestones."
)


def edit_refusal(
    model: ItemTreeModel,
    item_id: int,
    column: int,
    pack: PackScope | None,
    read_only_reason: str | None,
) -> str | None:
    """Why F2 or a double-click edits nothing in this cell, or None where no one would expect
    it to (last period's judgement, the next milestone)."""
    if read_only_reason is not None:
        return f"Changes cannot be saved: {read_only_reason}."
    if pack is None:
        return None
    if item_id not in pack.owned:
        from ui.commands.items import item_name

        return (
            f"{item_name(model.row_for(item_id))} is in {pack.person}’s update pack for "
            "context: only their own items change in it."
        )
    if column == TITLE:
        return PACK_TITLES
    if column == RESPONSIBILITY:
        return (
            "Responsibility is the programme manager’s; in an update pack you edit "
            "judgements, narratives and milestones."
        )
    return None
