"""A programme's own symbol schemes: started from a template or from another programme's,
and replaced, before any judgement uses them, as one undoable step.

A scheme travels as a *snapshot*: plain data (name, purpose, description and its symbols),
with the row ids when it is taken from the file, so that undo puts back the very rows, and
without them when it is a template or a copy to be made.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from app.core.enums import Category
from app.core.errors import ValidationError
from app.core.schemes import SHIPPED_SCHEMES, SYMBOL_FIELDS, check_symbol_value, symbol_values
from app.core.validation import check_characters
from app.services.context import Change, get, operation
from app.store.database import Database
from app.store.models import (
    Indicator,
    Item,
    Judgement,
    KpiResult,
    Programme,
    SummaryColumn,
    Symbol,
    SymbolScheme,
)

Snapshot = dict[str, Any]
PURPOSES = {"progress": "progress_scheme_id", "kpi": "kpi_scheme_id"}


def template_snapshot(name: str, purpose: str) -> Snapshot:
    """The shipped template called ``name``, refused with the names there are when there is
    none for ``purpose``: a KPI key cannot judge actions, nor a judgement scheme rate
    indicators."""
    check_characters(name, "The scheme")
    spec = next((s for s in SHIPPED_SCHEMES if s.name == name), None)
    if spec is None or spec.purpose != purpose:
        names = ", ".join(f"“{s.name}”" for s in SHIPPED_SCHEMES if s.purpose == purpose)
        what = "judging progress" if purpose == "progress" else "rating indicators"
        raise ValidationError(
            f"There is no scheme for {what} called “{name}” (there are: {names})."
        )
    return {
        "name": spec.name,
        "purpose": spec.purpose,
        "description": spec.description,
        "columns": [
            {"name": name, "role": role.value, "rated": rated} for name, role, rated in spec.columns
        ],
        "symbols": [
            {**dict(zip(SYMBOL_FIELDS, symbol_values(s), strict=True)), "column": s.column_name}
            for s in spec.symbols
        ],
    }


def scheme_snapshot(session: Session, scheme_id: int) -> Snapshot:
    scheme = get(session, SymbolScheme, scheme_id, "symbol scheme")
    columns = list(
        session.scalars(
            select(SummaryColumn)
            .where(SummaryColumn.scheme_id == scheme_id)
            .order_by(SummaryColumn.position, SummaryColumn.id)
        )
    )
    names = {column.id: column.name for column in columns}
    symbols = session.scalars(
        select(Symbol).where(Symbol.scheme_id == scheme_id).order_by(Symbol.position, Symbol.id)
    )
    return {
        "id": scheme.id,
        "name": scheme.name,
        "purpose": scheme.purpose,
        "description": scheme.description,
        "columns": [
            {"id": c.id, "name": c.name, "role": c.role, "rated": c.rated} for c in columns
        ],
        "symbols": [
            {
                "id": s.id,
                **{field: getattr(s, field) for field in SYMBOL_FIELDS},
                "column": names[s.column_id],
            }
            for s in symbols
        ],
    }


def without_ids(snapshot: Snapshot) -> Snapshot:
    """The same scheme as a copy to be made."""
    copy = {k: v for k, v in snapshot.items() if k != "id"}
    for part in ("columns", "symbols"):
        copy[part] = [{k: v for k, v in row.items() if k != "id"} for row in snapshot[part]]
    return copy


def insert_scheme(session: Session, snapshot: Snapshot) -> int:
    """Write the scheme and its symbols (with their ids, when the snapshot has them)."""
    scheme = SymbolScheme(
        id=snapshot.get("id"),
        name=snapshot["name"],
        purpose=snapshot["purpose"],
        description=snapshot["description"],
    )
    session.add(scheme)
    session.flush()
    columns = {}
    for position, column in enumerate(snapshot["columns"]):
        row = SummaryColumn(scheme_id=scheme.id, position=position, **{"rated": False, **column})
        session.add(row)
        session.flush()
        columns[column["name"]] = row
    for position, symbol in enumerate(snapshot["symbols"]):
        values = {k: v for k, v in symbol.items() if k not in ("position", "column")}
        column = columns[symbol["column"]]
        if not column.rated:
            values["category"] = column.role  # a symbol's role is its column's
        # ...but a rating keeps its own: a red one is an exception, a green one is not.
        session.add(Symbol(scheme_id=scheme.id, position=position, column_id=column.id, **values))
    session.flush()
    return scheme.id


def programme_scheme_copy(db: Database, programme_id: int, purpose: str) -> Snapshot:
    """Another programme's own scheme, as a copy to be made."""
    with db.reader() as session:
        programme = get(session, Programme, programme_id, "programme")
        scheme_id = getattr(programme, PURPOSES[purpose])
        if scheme_id is None:
            raise ValidationError(f"“{programme.name}” has no scheme for {purpose}.")
        return without_ids(scheme_snapshot(session, scheme_id))


def scheme_from_template(session: Session, name: str, purpose: str) -> int:
    """A new scheme, for one programme, copied from the template called ``name``."""
    return insert_scheme(session, template_snapshot(name, purpose))


def scheme_from_spec(session: Session, spec: Any, purpose: str, where: str) -> int:
    """A programme's scheme as a programme JSON file gives it: a template's name, or the
    scheme itself (the file of a programme with symbols of its own):
    ``{"name", "description", "columns": [{"name", "role", "rated"}], "symbols": [{"glyph",
    "name", "meaning", "colour", "shortcut", "column", "category"}]}``."""
    if isinstance(spec, str):
        return scheme_from_template(session, spec, purpose)
    if not isinstance(spec, dict):
        raise ValidationError(f"{where}: a scheme is a template's name or an object.")
    return insert_scheme(session, scheme_spec_snapshot(spec, purpose, where))


def scheme_spec_snapshot(spec: dict[str, Any], purpose: str, where: str) -> Snapshot:
    """The scheme ``spec`` describes, checked as the settings dialog checks a scheme:
    glyphs and keys unique, every symbol in one of its columns, roles and colours valid."""
    name = str(spec.get("name") or "").strip()
    if not name:
        raise ValidationError(f"{where}: the scheme has no name.")
    check_characters(name, "The scheme")
    columns = spec.get("columns")
    symbols = spec.get("symbols")
    if not isinstance(columns, list) or not columns:
        raise ValidationError(f"{where}: the scheme “{name}” has no columns.")
    if not isinstance(symbols, list) or not symbols:
        raise ValidationError(f"{where}: the scheme “{name}” has no symbols.")
    roles = {c.value for c in Category}
    checked_columns = []
    for number, column in enumerate(columns, start=1):
        at = f"{where}, column {number}"
        if not isinstance(column, dict) or not str(column.get("name") or "").strip():
            raise ValidationError(f"{at}: a column needs a name.")
        role = column.get("role", Category.UNKNOWN.value)
        if role not in roles:
            raise ValidationError(f"{at}: “{role}” is not a role (use {', '.join(sorted(roles))}).")
        checked_columns.append(
            {"name": str(column["name"]).strip(), "role": role, "rated": bool(column.get("rated"))}
        )
    names = [c["name"] for c in checked_columns]
    if len({n.casefold() for n in names}) != len(names):
        raise ValidationError(f"{where}: two columns of “{name}” have the same name.")
    role_of = {c["name"]: c["role"] for c in checked_columns}
    checked_symbols = []
    seen: dict[str, set[str]] = {"glyph": set(), "shortcut": set()}
    for number, symbol in enumerate(symbols, start=1):
        at = f"{where}, symbol {number}"
        if not isinstance(symbol, dict):
            raise ValidationError(f"{at}: a symbol is an object.")
        try:
            values = {
                field: check_symbol_value(field, symbol.get(field))
                for field in ("glyph", "name", "meaning", "colour", "shortcut")
            }
        except ValidationError as error:
            raise ValidationError(f"{at}: {error}") from None
        for field in ("glyph", "shortcut"):
            if values[field] in seen[field]:
                raise ValidationError(f"{at}: the {field} “{values[field]}” is used twice.")
            seen[field].add(values[field])
        column = str(symbol.get("column") or "")
        if column not in role_of:
            raise ValidationError(
                f"{at}: “{column}” is not a column of “{name}” ({', '.join(names)})."
            )
        category = symbol.get("category") or role_of[column]
        if category not in roles:
            raise ValidationError(f"{at}: “{category}” is not a role.")
        checked_symbols.append({**values, "category": category, "column": column})
    return {
        "name": name,
        "purpose": purpose,
        "description": str(spec.get("description") or "") or None,
        "columns": checked_columns,
        "symbols": checked_symbols,
    }


def _uses(session: Session, programme_id: int, purpose: str, scheme_id: int) -> int:
    """How many judgements (or KPI statuses set by hand) use the scheme's symbols."""
    symbols = select(Symbol.id).where(Symbol.scheme_id == scheme_id)
    if purpose == "progress":
        query = (
            select(func.count(Judgement.id))
            .join(Item, Item.id == Judgement.item_id)
            .where(Item.programme_id == programme_id, Judgement.symbol_id.in_(symbols))
        )
    else:
        query = (
            select(func.count(KpiResult.id))
            .join(Indicator, Indicator.id == KpiResult.indicator_id)
            .where(Indicator.programme_id == programme_id, KpiResult.status_symbol_id.in_(symbols))
        )
    return session.scalar(query) or 0


def replace_scheme(
    db: Database, programme_id: int, purpose: str, source: Snapshot | None
) -> Change:
    """Give the programme a scheme made from ``source`` in place of its own, which is removed
    (``source`` None: no key for indicators, which a programme need not have).

    Refused while judgements use the current one. ``Change.old`` is the scheme removed and
    ``Change.new`` the one made, both with their ids: replacing with ``Change.old`` undoes it.
    """
    column = PURPOSES[purpose]
    if source is None and purpose == "progress":
        raise ValueError("a programme always has a scheme for judging progress")
    if source is not None and source["purpose"] != purpose:
        raise ValidationError(f"“{source['name']}” is a scheme for {source['purpose']}.")
    with operation(db, "choose scheme", programme_id) as op:
        session = op.session
        programme = get(session, Programme, programme_id, "programme")
        old_id = getattr(programme, column)
        old = scheme_snapshot(session, old_id) if old_id is not None else None
        if old == source or (
            old is not None and source is not None and without_ids(old) == without_ids(source)
        ):
            op.unchanged = True
            return Change(
                "choose scheme", "programme", (programme_id,), frozenset({column}), old, old
            )
        used = _uses(session, programme_id, purpose, old_id) if old_id is not None else 0
        if used:
            what = "judgements" if purpose == "progress" else "indicator statuses"
            raise ValidationError(
                f"This programme has {used:,} {what} made with its current scheme, so the "
                "scheme cannot be changed."
            )
        new_id = insert_scheme(session, source) if source is not None else None
        setattr(programme, column, new_id)
        session.flush()
        if old_id is not None:
            session.execute(delete(Symbol).where(Symbol.scheme_id == old_id))
            session.execute(delete(SummaryColumn).where(SummaryColumn.scheme_id == old_id))
            session.execute(delete(SymbolScheme).where(SymbolScheme.id == old_id))
        op.log(
            "programme",
            programme_id,
            f"{purpose} scheme",
            old and old["name"],
            source and source["name"],
        )
        new = scheme_snapshot(session, new_id) if new_id is not None else None
    return Change("choose scheme", "programme", (programme_id,), frozenset({column}), old, new)
