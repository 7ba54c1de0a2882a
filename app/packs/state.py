"""An item's state in a period, as plain JSON, and its fingerprint.

The same function reads the programme file (when a pack is made, and again when it is merged)
and the pack file (when it comes back), so "what the lead changed" and "what changed here
meanwhile" are both differences between states taken the same way.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.store.models import Item, Judgement, Milestone, ProgressUpdate, Symbol

# What a service lead may change in their own items; everything else must come back as sent.
EDITABLE = ("judgement", "achievements", "milestone_status")

State = dict[str, Any]


def item_states(
    session: Session, period_id: int, item_ids: Iterable[int], owned: Iterable[int]
) -> dict[int, State]:
    """``{item_id: state}``; context items (not ``owned``) carry only where they sit and what
    they are called."""
    ids = list(item_ids)
    owned_ids = set(owned)
    states: dict[int, State] = {}
    rows = session.execute(
        select(
            Item.id, Item.parent_id, Item.position, Item.number, Item.title, Item.responsible_id
        ).where(Item.id.in_(ids))
    ).all()
    for item_id, parent_id, position, number, title, responsible_id in rows:
        states[item_id] = {
            "id": item_id,
            "parent_id": parent_id,
            "position": position,
            "number": number,
            "title": title,
            "responsible_id": responsible_id,
        }
    mine = [i for i in ids if i in owned_ids and i in states]
    for item_id in mine:
        states[item_id].update(judgement=None, achievements=None, other_updates=[], milestones=[])
    for item_id, glyph in session.execute(
        select(Judgement.item_id, Symbol.glyph)
        .join(Symbol, Symbol.id == Judgement.symbol_id)
        .where(Judgement.item_id.in_(mine), Judgement.period_id == period_id)
    ).all():
        states[item_id]["judgement"] = glyph
    for item_id, heading, text in session.execute(
        select(ProgressUpdate.item_id, ProgressUpdate.heading, ProgressUpdate.text)
        .where(ProgressUpdate.item_id.in_(mine), ProgressUpdate.period_id == period_id)
        .order_by(ProgressUpdate.item_id, ProgressUpdate.position)
    ).all():
        state = states[item_id]
        if state["achievements"] is None and not state["other_updates"]:
            state["achievements"] = text
        else:
            state["other_updates"].append([heading, text])
    for milestone_id, owner_id, milestone_text, due_text, status in session.execute(
        select(
            Milestone.id, Milestone.item_id, Milestone.text, Milestone.due_text, Milestone.status
        )
        .where(Milestone.item_id.in_(mine))
        .order_by(Milestone.item_id, Milestone.position)
    ).all():
        assert owner_id is not None  # only items' milestones: IN never matches NULL
        states[owner_id]["milestones"].append(
            {"id": milestone_id, "text": milestone_text, "due": due_text, "status": status}
        )
    return states


def fingerprint(state: State) -> str:
    text = json.dumps(state, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def fixed_part(state: State) -> State:
    """The state without what a lead may change: must be identical in a returned pack."""
    fixed = {k: v for k, v in state.items() if k not in ("judgement", "achievements")}
    if "milestones" in fixed:
        fixed["milestones"] = [
            {k: v for k, v in m.items() if k != "status"} for m in fixed["milestones"]
        ]
    return fixed


def sent_part(base: State, returned: State) -> State:
    """The returned state without the milestones its holder added (they are changes)."""
    if "milestones" not in returned or "milestones" not in base:
        return returned
    sent = {m["id"] for m in base["milestones"]}
    return {**returned, "milestones": [m for m in returned["milestones"] if m["id"] in sent]}


def added_milestones(base: State, returned: State) -> list[dict[str, Any]]:
    sent = {m["id"] for m in base.get("milestones", [])}
    return [m for m in returned.get("milestones", []) if m["id"] not in sent]
