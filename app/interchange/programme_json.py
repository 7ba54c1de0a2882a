"""Import a whole programme from the JSON format of docs/PROGRAMME_JSON.md in one operation.

The demo file and the synthetic benchmark programmes are written through here. The whole
description is checked (with the same rules as the editing services) and planned as plain
rows before any row is written, so a bad description writes nothing; the rows then go in a
table at a time (``plan``). Reading is in parts: the programme, its lists and its items
(``programme_rows``), its indicators (``kpi_rows``), its documents (``document_rows``).
"""

from __future__ import annotations

from typing import Any

from app.core.errors import ValidationError
from app.core.validation import NAME_LIMIT, required_text
from app.interchange.document_rows import read_documents
from app.interchange.kpi_rows import read_kpis
from app.interchange.plan import Plan, RowIds
from app.interchange.programme_rows import ProgrammeRows
from app.services.context import Change, operation
from app.services.programmes import check_programme_name_free
from app.store.database import Database
from app.store.models import Programme

FORMAT = "programme-tracker/programme@1"


def import_programme(db: Database, spec: dict[str, Any]) -> Change:
    """Create the programme described by ``spec``; returns its id in ``Change.ids``."""
    if not isinstance(spec, dict):
        raise ValidationError("The programme description must be a JSON object.")
    fmt = spec.get("format", FORMAT)
    if fmt != FORMAT:
        raise ValidationError(f"This is a “{fmt}” description; this version reads “{FORMAT}”.")
    name = required_text(spec.get("name"), "The programme’s name", limit=NAME_LIMIT)
    with operation(db, "import programme") as op:
        session = op.session
        check_programme_name_free(session, name)
        ids = RowIds(session)
        plan = Plan()
        programme_id = ids(Programme)
        op.programme_id = programme_id
        _read(ProgrammeRows(session, ids, plan, programme_id, spec), name)
        plan.write(session)
        op.log("programme", programme_id, "imported", None, name)
    return Change(
        "import programme", "programme", (programme_id,), frozenset({"imported"}), new=name
    )


def _read(rows: ProgrammeRows, name: str) -> None:
    """The parts in the order they refer to each other: items name the kinds, periods and
    pledges before them, dependencies name items, indicators and documents name periods."""
    where = f"Programme “{name}”"
    rows.programme(name, where)
    rows.items()
    rows.milestones(rows.spec.get("milestones", []), None, where)
    rows.dependencies(where)
    read_kpis(rows, where)
    read_documents(rows, where)
