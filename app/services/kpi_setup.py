"""Setting up indicators and their groups: add, edit as a whole, delete and put back.

An indicator is edited as one spec (code, measure, responsibility, unit, polarity, group,
targets and national averages), so the editor's Save is one operation and one undo step,
and its undo is the spec it replaced. A deletion returns every row it removed, ids and all,
so that undo puts the indicator back exactly, results and comments included.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, cast

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import Session

from app.core.conflicts import Seen
from app.core.enums import KpiGroupCategory, Polarity
from app.core.errors import NotFoundError, ValidationError
from app.core.kpi_units import (
    TEXT,
    check_unit,
    measure_name,
    misfit,
    read_value,
    reread,
)
from app.core.kpi_values import KpiValue
from app.core.periods import check_financial_year, financial_year_label
from app.core.validation import NAME_LIMIT, SHORT_LIMIT, TITLE_LIMIT, clean_text
from app.read.kpi_setup import GroupSpec, IndicatorSpec, YearValue, indicator_detail
from app.services.context import Change, Op, get, operation
from app.services.items import responsible_id
from app.services.kpis import check_code, check_target_year
from app.services.seen import check_form, check_group
from app.store.database import Database
from app.store.models import (
    Indicator,
    KpiGroup,
    KpiNationalAverage,
    KpiOutturn,
    KpiResult,
    KpiTarget,
    Period,
    Programme,
    Responsible,
    bumped,
)

# The rows that belong to an indicator, in the order they are put back.
_VALUE_TABLES: tuple[type[Any], ...] = (KpiTarget, KpiOutturn, KpiNationalAverage, KpiResult)
_YEARLY_FIELDS: tuple[tuple[str, type[KpiTarget | KpiNationalAverage]], ...] = (
    ("targets", KpiTarget),
    ("national_averages", KpiNationalAverage),
)
_MEASURED = {
    "%": "as a percentage",
    "count": "as a count",
    "days": "in days",
    "£": "in pounds",
    "ratio": "as a ratio",
    TEXT: "in words",
}


def _row(row: Any) -> dict[str, Any]:
    return {c.key: getattr(row, c.key) for c in type(row).__table__.columns}


# --- indicators ------------------------------------------------------------------------------


class _Checked:
    """A spec's values once every one of them has been read and checked."""

    def __init__(
        self,
        code: str | None,
        title: str,
        unit: str | None,
        polarity: str | None,
        group_id: int | None,
        yearly: dict[str, dict[int, tuple[KpiValue, str | None]]],
    ) -> None:
        self.code, self.title, self.unit = code, title, unit
        self.polarity, self.group_id, self.yearly = polarity, group_id, yearly

    def spec(self, responsible: str | None) -> IndicatorSpec:
        """The spec as kept: what an undo passes back."""
        targets, averages = (
            {year: YearValue(value.text, note) for year, (value, note) in self.yearly[k].items()}
            for k in ("targets", "national_averages")
        )
        return IndicatorSpec(
            self.code,
            self.title,
            responsible,
            self.unit,
            self.polarity,
            self.group_id,
            targets,
            averages,
        )


def _check(
    session: Session,
    programme_id: int,
    spec: IndicatorSpec,
    indicator: Indicator | None,
    confirmed: bool,
) -> _Checked:
    code = clean_text(spec.code, "The code", limit=SHORT_LIMIT)
    check_code(session, programme_id, code, indicator.id if indicator else None)
    title = cast(str, clean_text(spec.title, "The measure", limit=TITLE_LIMIT, required=True))
    unit = check_unit(spec.unit, indicator.unit if indicator else None)
    polarity = spec.polarity or None
    if polarity not in (None, *Polarity):
        raise ValidationError("Polarity is “higher” (higher is better) or “lower”.")
    if spec.group_id is not None:
        group = session.get(KpiGroup, spec.group_id)
        if group is None or group.programme_id != programme_id:
            raise NotFoundError("That group no longer exists (it may have been deleted).")
    measure = measure_name(code, title)
    yearly: dict[str, dict[int, tuple[KpiValue, str | None]]] = {}
    for key, _model in _YEARLY_FIELDS:
        values: Mapping[int, YearValue] = getattr(spec, key)
        yearly[key] = {}
        for year in sorted(values):
            text, note = values[year]
            if not str(text).strip():
                continue  # an emptied cell: no value for that year
            if key == "targets":
                check_target_year(session, programme_id, year)
            else:
                check_financial_year(year)
            try:
                value = read_value(text, unit, measure, confirmed=confirmed)
            except ValidationError as error:
                what = "target" if key == "targets" else "national average"
                raise type(error)(
                    f"The {what} for {financial_year_label(year)}: {error}"
                ) from error
            yearly[key][year] = (value, note)
    return _Checked(code, title, unit, polarity, spec.group_id, yearly)


def _write_yearly(op: Op, indicator_id: int, checked: _Checked) -> None:
    for key, model in _YEARLY_FIELDS:
        wanted = checked.yearly[key]
        row: Any  # a KpiTarget or KpiNationalAverage: they share these columns
        found: Sequence[Any] = op.session.scalars(
            select(model).where(model.indicator_id == indicator_id)
        ).all()
        rows: dict[int, Any] = {row.financial_year: row for row in found}
        for year in sorted(set(rows) | set(wanted)):
            row, new = rows.get(year), wanted.get(year)
            old_text = row.value_text if row else None
            if new is None:
                op.session.delete(row)
                op.log(model.__tablename__, indicator_id, str(year), old_text, None)
                continue
            value, note = new
            if row is None:
                op.session.add(
                    model(
                        indicator_id=indicator_id,
                        financial_year=year,
                        value_text=value.text,
                        value_number=value.number,
                        note=note,
                    )
                )
                op.log(model.__tablename__, indicator_id, str(year), None, value.text)
                continue
            if (row.value_text, row.note) != (value.text, note):
                op.log(model.__tablename__, indicator_id, str(year), old_text, value.text)
                row.value_text, row.note = value.text, note
            row.value_number = value.number  # read again: the unit may have changed


def _check_kept_values(op: Op, indicator: Indicator, unit: str | None, measure: str) -> None:
    """Annual actuals and period results stay as written when the unit changes: each must
    fit the new unit, and its number is read again (a measure in words has none)."""
    measured = _MEASURED.get(unit or "", f"in {unit}")
    kept: list[tuple[Any, str, str]] = [
        (row, "value", f"annual actual for {financial_year_label(row.financial_year)}")
        for row in op.session.scalars(
            select(KpiOutturn)
            .where(KpiOutturn.indicator_id == indicator.id)
            .order_by(KpiOutturn.financial_year)
        )
    ]
    for result, label in op.session.execute(
        select(KpiResult, Period.label)
        .join(Period, Period.id == KpiResult.period_id)
        .where(KpiResult.indicator_id == indicator.id, KpiResult.actual_text.is_not(None))
        .order_by(Period.start)
    ):
        kept.append((result, "actual", f"actual for {label}"))
    for row, column, where in kept:
        text = getattr(row, f"{column}_text")
        try:
            value = reread(text, unit)
        except ValidationError:
            raise ValidationError(
                f"{measure} cannot be measured {measured} while its {where} is “{text}”, "
                "which is not a number: change that value first."
            ) from None
        if misfit(value, unit, measure):
            raise ValidationError(
                f"{measure} cannot be measured {measured} while its {where} is “{text}”: "
                "change that value first."
            )
        setattr(row, f"{column}_number", value.number)


def add_indicator(
    db: Database, programme_id: int, spec: IndicatorSpec, *, confirmed: bool = False
) -> Change:
    """A new indicator at the end of the table's order, in its group."""
    with operation(db, "add indicator", programme_id) as op:
        get(op.session, Programme, programme_id, "programme")
        checked = _check(op.session, programme_id, spec, None, confirmed)
        last = op.session.scalar(
            select(func.max(Indicator.position)).where(Indicator.programme_id == programme_id)
        )
        indicator = Indicator(
            programme_id=programme_id,
            group_id=checked.group_id,
            position=(last if last is not None else -1) + 1,
            code=checked.code,
            title=checked.title,
            responsible_id=responsible_id(op.session, spec.responsible),
            polarity=checked.polarity,
            unit=checked.unit,
        )
        op.add(indicator, "indicator", "created", measure_name(checked.code, checked.title))
        _write_yearly(op, indicator.id, checked)
        new = checked.spec(_person(op.session, indicator.responsible_id))
    return Change("add indicator", "indicator", (indicator.id,), frozenset({"created"}), None, new)


def _person(session: Session, person_id: int | None) -> str | None:
    if person_id is None:
        return None
    return session.scalar(select(Responsible.name).where(Responsible.id == person_id))


def update_indicator(
    db: Database,
    indicator_id: int,
    spec: IndicatorSpec,
    *,
    confirmed: bool = False,
    seen: Seen | None = None,
) -> Change:
    """Set everything the editor shows at once. ``old`` is the spec replaced, for undo;
    ``seen`` the spec the editor was opened on (``app.services.seen.check_form``)."""
    with operation(db, "edit indicator") as op:
        indicator: Indicator = op.fetch(Indicator, indicator_id, "indicator")
        before = indicator_detail(op.session, indicator_id)
        assert before is not None
        old = before.spec
        check_form(op, seen, old, indicator_id, old.code or f"“{old.title}”")
        checked = _check(op.session, indicator.programme_id, spec, indicator, confirmed)
        measure = measure_name(checked.code, checked.title)
        if checked.unit != indicator.unit:
            _check_kept_values(op, indicator, checked.unit, measure)
        person = responsible_id(op.session, spec.responsible)
        changed: set[str] = set()
        if indicator.responsible_id != person:
            op.log(
                "indicator",
                indicator_id,
                "responsibility",
                old.responsible,
                _person(op.session, person),
            )
            indicator.responsible_id = person
            changed.add("responsibility")
        for attribute, value in (
            ("code", checked.code),
            ("title", checked.title),
            ("unit", checked.unit),
            ("polarity", checked.polarity),
            ("group_id", checked.group_id),
        ):
            if getattr(indicator, attribute) != value:
                op.change(indicator, attribute, value, "indicator")
                changed.add(attribute)
        _write_yearly(op, indicator_id, checked)
        new = checked.spec(_person(op.session, person))
        if new.targets != old.targets:
            changed.add("targets")
        if new.national_averages != old.national_averages:
            changed.add("national_averages")
        op.unchanged = not changed
    return Change("edit indicator", "indicator", (indicator_id,), frozenset(changed), old, new)


def delete_indicator(db: Database, indicator_id: int) -> Change:
    """Remove an indicator and every value it has; ``old`` holds every row removed."""
    with operation(db, "delete indicator") as op:
        indicator: Indicator = op.fetch(Indicator, indicator_id, "indicator")
        measure = measure_name(indicator.code, indicator.title)
        published = op.session.scalar(
            select(Period.label)
            .join(KpiResult, KpiResult.period_id == Period.id)
            .where(KpiResult.indicator_id == indicator_id, Period.published_at.is_not(None))
            .order_by(Period.start)
            .limit(1)
        )
        if published is not None:
            raise ValidationError(
                f"{measure} has a result in {published}, which is published: reopen the "
                "period before deleting the indicator."
            )
        snapshot: dict[str, list[dict[str, Any]]] = {"indicator": [_row(indicator)]}
        for model in _VALUE_TABLES:
            rows: Sequence[Any] = op.session.scalars(
                select(model).where(model.indicator_id == indicator_id).order_by(model.id)
            ).all()
            snapshot[model.__tablename__] = [_row(row) for row in rows]
            op.session.execute(delete(model).where(model.indicator_id == indicator_id))
        op.session.execute(delete(Indicator).where(Indicator.id == indicator_id))
        values = sum(len(rows) for table, rows in snapshot.items() if table != "indicator")
        op.log("indicator", indicator_id, "deleted", f"{measure} ({values} values)", None)
    return Change(
        "delete indicator", "indicator", (indicator_id,), frozenset({"deleted"}), snapshot
    )


def restore_indicator(db: Database, snapshot: Mapping[str, list[dict[str, Any]]]) -> Change:
    """Put back a deleted indicator and its values with the ids they had."""
    row = snapshot["indicator"][0]
    with operation(db, "restore indicator", cast(int, row["programme_id"])) as op:
        op.session.execute(insert(Indicator), [row])
        for model in _VALUE_TABLES:
            if rows := snapshot.get(model.__tablename__):
                op.session.execute(insert(model), rows)
        op.log("indicator", row["id"], "deleted", None, measure_name(row["code"], row["title"]))
    return Change("restore indicator", "indicator", (row["id"],), frozenset({"deleted"}))


# --- groups ----------------------------------------------------------------------------------


def _group_name(name: str | None) -> str:
    return cast(str, clean_text(name, "The group’s name", limit=NAME_LIMIT, required=True))


def _category(category: str | None) -> str | None:
    category = category or None
    if category not in (None, *KpiGroupCategory):
        raise ValidationError(
            f"“{category}” is not a group category: choose laa, national or local, or none."
        )
    return category


def _check_parent(
    session: Session, programme_id: int, parent_id: int | None, group_id: int | None
) -> None:
    """The parent is a group of the programme, and not the group itself or one inside it."""
    ancestor = parent_id
    while ancestor is not None:
        group = session.get(KpiGroup, ancestor)
        if group is None or group.programme_id != programme_id:
            raise NotFoundError("That group no longer exists (it may have been deleted).")
        if ancestor == group_id:
            raise ValidationError("A group cannot be inside itself or one of its own subgroups.")
        ancestor = group.parent_id


def _next_position(session: Session, programme_id: int, parent_id: int | None) -> int:
    last = session.scalar(
        select(func.max(KpiGroup.position)).where(
            KpiGroup.programme_id == programme_id,
            KpiGroup.parent_id.is_(None) if parent_id is None else KpiGroup.parent_id == parent_id,
        )
    )
    return (last if last is not None else -1) + 1


def add_group(db: Database, programme_id: int, spec: GroupSpec) -> Change:
    """A new group, last among its siblings."""
    with operation(db, "add indicator group", programme_id) as op:
        get(op.session, Programme, programme_id, "programme")
        name, category = _group_name(spec.name), _category(spec.category)
        _check_parent(op.session, programme_id, spec.parent_id, None)
        position = _next_position(op.session, programme_id, spec.parent_id)
        group = KpiGroup(
            programme_id=programme_id,
            parent_id=spec.parent_id,
            position=position,
            name=name,
            category=category,
        )
        op.add(group, "kpi_group", "created", name)
    new = GroupSpec(name, category, spec.parent_id, position)
    return Change(
        "add indicator group", "kpi_group", (group.id,), frozenset({"created"}), None, new
    )


def edit_group(db: Database, group_id: int, spec: GroupSpec, *, seen: Seen | None = None) -> Change:
    """Rename a group, set its category, or move it under another (last there, unless
    ``spec.position`` says where: undo puts a group back where it was); ``seen``: as shown."""
    with operation(db, "edit indicator group") as op:
        group: KpiGroup = op.fetch(KpiGroup, group_id, "group")
        check_group(op, seen, group)
        old = GroupSpec(group.name, group.category, group.parent_id, group.position)
        name, category = _group_name(spec.name), _category(spec.category)
        _check_parent(op.session, group.programme_id, spec.parent_id, group_id)
        position = spec.position
        if position is None:
            moved = spec.parent_id != group.parent_id
            position = (
                _next_position(op.session, group.programme_id, spec.parent_id)
                if moved
                else group.position
            )
        new = GroupSpec(name, category, spec.parent_id, position)
        for attribute, value in (
            ("name", name),
            ("category", category),
            ("parent_id", spec.parent_id),
            ("position", position),
        ):
            if getattr(group, attribute) != value:
                op.change(group, attribute, value, "kpi_group")
        op.unchanged = old == new
    return Change("edit indicator group", "kpi_group", (group_id,), frozenset({"group"}), old, new)


def delete_group(db: Database, group_id: int) -> Change:
    """Remove a group; what was in it (indicators and subgroups) moves up to its parent, in
    its place. ``old`` holds what undo needs to put it all back."""
    with operation(db, "delete indicator group") as op:
        group: KpiGroup = op.fetch(KpiGroup, group_id, "group")
        groups = op.session.scalars(
            select(KpiGroup)
            .where(KpiGroup.programme_id == group.programme_id)
            .order_by(KpiGroup.position, KpiGroup.id)
        ).all()
        indicators = list(
            op.session.scalars(
                select(Indicator.id).where(Indicator.group_id == group_id).order_by(Indicator.id)
            )
        )
        snapshot = {
            "group": _row(group),
            "groups": [(g.id, g.parent_id, g.position) for g in groups if g.id != group_id],
            "indicators": indicators,
        }
        parent = group.parent_id
        siblings = [g for g in groups if g.parent_id == parent]
        inside = [g for g in groups if g.parent_id == group_id]
        at = siblings.index(group)
        for position, sibling in enumerate([*siblings[:at], *inside, *siblings[at + 1 :]]):
            sibling.parent_id, sibling.position = parent, position
        op.session.execute(
            update(Indicator)
            .where(Indicator.group_id == group_id)
            .values(group_id=parent, **bumped(Indicator))
        )
        op.session.flush()
        op.session.delete(group)
        op.log("kpi_group", group_id, "deleted", group.name, None)
    return Change(
        "delete indicator group", "kpi_group", (group_id,), frozenset({"deleted"}), snapshot
    )


def restore_group(db: Database, snapshot: Mapping[str, Any]) -> Change:
    """Put a deleted group back, with what was in it and its siblings' order as they were."""
    row = snapshot["group"]
    with operation(db, "restore indicator group", cast(int, row["programme_id"])) as op:
        op.session.execute(insert(KpiGroup), [row])
        for other_id, parent_id, position in snapshot["groups"]:
            other = op.session.get(KpiGroup, other_id)
            if other is not None:
                other.parent_id, other.position = parent_id, position
        if snapshot["indicators"]:
            op.session.execute(
                update(Indicator)
                .where(Indicator.id.in_(snapshot["indicators"]))
                .values(group_id=row["id"], **bumped(Indicator))
            )
        op.log("kpi_group", row["id"], "deleted", None, row["name"])
    return Change("restore indicator group", "kpi_group", (row["id"],), frozenset({"deleted"}))
