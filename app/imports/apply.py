"""Write the accepted changes of an import proposal: one operation, logged as "imported from
<file>", so the change log says where every value came from and one undo takes it all back.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from sqlalchemy import func, select

from app.core.errors import ValidationError
from app.core.kpi_units import measure_name, read_value
from app.core.kpi_values import KpiValue
from app.core.labels import shorten
from app.core.validation import (
    NAME_LIMIT,
    SHORT_LIMIT,
    TEXT_LIMIT,
    TITLE_LIMIT,
    clean_text,
    required_text,
)
from app.imports.proposal import MEASURE, FieldChange, Proposal
from app.imports.writing import Writer, at_row, write_value
from app.services.context import Change, Op, ensure_open, operation
from app.services.items import responsible_id
from app.store.database import Database
from app.store.models import (
    ImportMapping,
    Indicator,
    Item,
    KpiResult,
    KpiTarget,
    Milestone,
    Period,
    Programme,
    Symbol,
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
                    created[change.key] = _create_indicator(op, proposal, change)
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
                with at_row(proposal, change):
                    _write_measure(op, proposal, indicator_id, change)
                continue
            item_id = change.item_id or created.get(change.key)
            if item_id is None:
                raise ValidationError(
                    f"{change.where}: “{change.label}” is new and was not accepted, so its "
                    f"{change.field} cannot be imported."
                )
            writer.write(item_id, change)
        milestones = writer.finish()
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
        for milestone_id in imported.extra["milestones"]:
            milestone = session.get(Milestone, milestone_id)
            if milestone is not None:
                session.delete(milestone)
                op.log("milestone", milestone_id, "text", milestone.text, None)
        for change, old in reversed(imported.old):
            if change.item_id is None:
                continue  # on an item made by the import, which goes below
            if change.key[0] == MEASURE:
                _write_measure(op, proposal, change.item_id, replace(change, theirs=old))
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


def _create_indicator(op: Op, proposal: Proposal, change: FieldChange) -> int:
    session = op.session
    title = required_text(change.theirs, "The measure", limit=TITLE_LIMIT)
    position = session.scalar(
        select(func.count(Indicator.id)).where(Indicator.programme_id == proposal.programme_id)
    )
    indicator = Indicator(
        programme_id=proposal.programme_id,
        position=position or 0,
        code=clean_text(change.number, "The code", limit=SHORT_LIMIT),
        title=title,
    )
    op.add(indicator, "indicator", "title", title)
    return indicator.id


def _write_measure(op: Op, proposal: Proposal, indicator_id: int, change: FieldChange) -> None:
    """A target (for the period's financial year), an actual, a status or a comment."""
    session = op.session
    if change.field == "responsible":
        indicator = session.get(Indicator, indicator_id)
        assert indicator is not None
        old = indicator.responsible_id
        indicator.responsible_id = responsible_id(
            session, clean_text(change.theirs, "Responsibility", limit=NAME_LIMIT)
        )
        op.log("indicator", indicator_id, "responsible", old, change.theirs)
        return
    period = session.get(Period, proposal.period_id)
    assert period is not None
    ensure_open(period)
    indicator = session.get(Indicator, indicator_id)
    assert indicator is not None

    def value_of(text: str | None) -> KpiValue | None:
        """As the indicators view reads one: refused when its unit does not fit the
        measure's (the file's figure kept as written when it is merely unusual)."""
        if not text:
            return None
        measure = measure_name(indicator.code, indicator.title)
        try:
            return read_value(text, indicator.unit, measure, confirmed=True)
        except ValidationError as error:
            raise ValidationError(f"{change.where}: {error}") from None

    if change.field == "target":
        row = session.scalar(
            select(KpiTarget).where(
                KpiTarget.indicator_id == indicator_id,
                KpiTarget.financial_year == period.financial_year,
            )
        )
        value = value_of(change.theirs)
        if value is None:
            if row is not None:
                session.delete(row)
        elif row is None:
            session.add(
                KpiTarget(
                    indicator_id=indicator_id,
                    financial_year=period.financial_year,
                    value_text=value.text,
                    value_number=value.number,
                )
            )
        else:
            row.value_text, row.value_number = value.text, value.number
        op.log(
            "kpi_target", indicator_id, str(period.financial_year), change.current, change.theirs
        )
        return
    result = session.scalar(
        select(KpiResult).where(
            KpiResult.indicator_id == indicator_id, KpiResult.period_id == proposal.period_id
        )
    )
    if result is None:
        result = KpiResult(indicator_id=indicator_id, period_id=proposal.period_id)
        session.add(result)
    if change.field == "actual":
        value = value_of(change.theirs)
        result.actual_text = value.text if value else None
        result.actual_number = value.number if value else None
    elif change.field == "comment":
        result.comment = clean_text(change.theirs, "The comment", limit=TEXT_LIMIT)
    elif change.field == "status":
        symbol_id = None
        if change.theirs:
            symbol_id = session.scalar(
                select(Symbol.id)
                .join(Programme, Programme.kpi_scheme_id == Symbol.scheme_id)
                .where(Programme.id == proposal.programme_id, Symbol.glyph == change.theirs)
            )
            if symbol_id is None:
                raise ValidationError(
                    f"“{change.theirs}” is not a symbol of this programme’s KPI key."
                )
        result.status_symbol_id = symbol_id
        result.status_reason = shorten(f"as {proposal.source} gives it", 500) if symbol_id else None
    op.log(
        "kpi_result",
        indicator_id,
        f"{change.field} period {proposal.period_id}",
        change.current,
        change.theirs,
    )
