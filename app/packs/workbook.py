"""Update packs as Excel workbooks, for service leads who have only Office.

The workbook holds the lead's own items with last period's judgement and narrative beside
this period's cells to fill in; only those cells (and each milestone's "Reached?") are
unlocked, and the judgement is chosen from a list of the programme's symbols. A hidden,
protected sheet carries the pack's identity and each row's item; none of it is trusted: a
returned workbook is checked against the programme file's record of the pack, exactly as a
pack file is (app/packs/review.py), and is refused whole if a row, an item, a title or the
identity was altered. The lead's values then become the same changes, reviewed and merged
in the same window.
"""

from __future__ import annotations

import datetime as dt
import json
import zipfile
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.dates import format_date
from app.core.enums import MilestoneStatus
from app.core.errors import ValidationError
from app.core.labels import item_label, milestone_words
from app.core.validation import TEXT_LIMIT, clean_text
from app.packs.review import (
    IDENTITY_FIELDS,
    PackRefused,
    PackReview,
    changes_between,
    check_fingerprints,
    check_record,
    invalid,
    refuse,
    tree_order,
)
from app.packs.state import State, item_states
from app.read.queries import previous_period, symbols
from app.store.database import Database
from app.store.filecheck import describe
from app.store.models import Pack, PackItem

WORKBOOK_SUFFIX = ".xlsx"
SHEET, HIDDEN = "Update", "Pack"
# Not a secret (it is in this source): protection keeps a lead from typing over what is not
# theirs by mistake; tampering is caught by the checks against the programme file's record.
PASSWORD = "programme-tracker"
COLUMNS = (
    "Number",
    "Item",
    "Last period’s judgement",
    "Last period’s achievements",
    "Judgement",
    "Achievements",
    "Milestone reached?",
)
NUMBER, ITEM, LAST_JUDGEMENT, LAST_ACHIEVEMENTS, JUDGEMENT, ACHIEVEMENTS, REACHED = range(1, 8)
KEY = 8  # the hidden column naming each row's item or milestone
FIRST_ROW = 6  # the header is row 5
YES, NO = "Yes", "No"
EDITABLE_FILL = "FFF4CE"


def _choice(glyph: str, label: str) -> str:
    return f"{glyph}  {label}"


def write_workbook(
    session: Session,
    target: Path,
    identity: Pack,
    rows: list[PackItem],
    states: dict[int, State],
) -> None:
    """The pack ``identity`` as a workbook at ``target`` (the caller moves it into place)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill, Protection
    from openpyxl.worksheet.datavalidation import DataValidation

    scheme = symbols(session, identity.programme_id)
    previous = previous_period(session, identity.period_id)
    owned = [r.item_id for r in rows if r.owned]
    last = item_states(session, previous, owned, owned) if previous else {}
    book = Workbook()
    sheet: Any = book.active
    sheet.title = SHEET
    due = f" by {format_date(identity.due)}" if identity.due else ""
    sheet["A1"] = f"{identity.programme_name} — {identity.period_label}: {identity.person}"
    sheet["A1"].font = Font(bold=True, size=13)
    sheet["A2"] = (
        f"Fill in the yellow cells and return this workbook to {identity.made_by}{due}. "
        "Choose each judgement from its list; the other cells cannot be changed."
    )
    sheet["A3"] = "Judgements: " + "; ".join(f"{s.glyph} {s.label}" for s in scheme)
    for column, title in enumerate(COLUMNS, start=1):
        cell = sheet.cell(row=5, column=column, value=title)
        cell.font = Font(bold=True)
    choices = [_choice(s.glyph, s.label) for s in scheme]
    judgement_list = DataValidation(
        type="list",
        formula1='"' + ",".join(c.replace('"', "'") for c in choices) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Judgement",
        error="Choose a judgement from the list.",
    )
    reached_list = DataValidation(
        type="list", formula1=f'"{YES},{NO}"', allow_blank=False, showErrorMessage=True
    )
    sheet.add_data_validation(judgement_list)
    sheet.add_data_validation(reached_list)
    fill = PatternFill("solid", fgColor=EDITABLE_FILL)
    labels = {s.glyph: s.label for s in scheme}
    wrap = Alignment(wrap_text=True, vertical="top")
    row_number = FIRST_ROW
    order = sorted(states, key=lambda i: tree_order(states, i))
    depth = {i: len(tree_order(states, i)) - 1 for i in order}

    def editable(cell: Any) -> None:
        cell.protection = Protection(locked=False)
        cell.fill = fill
        cell.alignment = wrap

    for item_id in order:
        state = states[item_id]
        mine = item_id in owned
        sheet.cell(row=row_number, column=NUMBER, value=state["number"])
        title_cell = sheet.cell(row=row_number, column=ITEM, value=state["title"])
        title_cell.alignment = Alignment(wrap_text=True, vertical="top", indent=depth[item_id])
        sheet.cell(row=row_number, column=KEY, value=f"{'item' if mine else 'context'}:{item_id}")
        if not mine:
            title_cell.font = Font(bold=True)
            row_number += 1
            continue
        before = last.get(item_id, {})
        glyph = before.get("judgement")
        sheet.cell(
            row=row_number,
            column=LAST_JUDGEMENT,
            value=_choice(glyph, labels.get(glyph, "")) if glyph else None,
        )
        sheet.cell(row=row_number, column=LAST_ACHIEVEMENTS, value=before.get("achievements"))
        now = state.get("judgement")
        judgement = sheet.cell(
            row=row_number,
            column=JUDGEMENT,
            value=_choice(now, labels.get(now, "")) if now else None,
        )
        editable(judgement)
        judgement_list.add(judgement)
        editable(sheet.cell(row=row_number, column=ACHIEVEMENTS, value=state.get("achievements")))
        row_number += 1
        for milestone in state.get("milestones", []):
            sheet.cell(
                row=row_number,
                column=ITEM,
                value="Milestone: " + milestone_words(milestone["due"], milestone["text"]),
            ).alignment = Alignment(wrap_text=True, indent=depth[item_id] + 1)
            sheet.cell(row=row_number, column=KEY, value=f"milestone:{milestone['id']}")
            reached = sheet.cell(
                row=row_number,
                column=REACHED,
                value=YES if milestone["status"] == MilestoneStatus.REACHED.value else NO,
            )
            editable(reached)
            reached_list.add(reached)
            row_number += 1
    widths = (9, 48, 22, 40, 24, 60, 14, 4)
    for letter, width in zip("ABCDEFGH", widths, strict=True):
        sheet.column_dimensions[letter].width = width
    # Rows as tall as their longest wrapped text: a spreadsheet program keeps the height it is
    # given, and overprints the row below when none is.
    for row in sheet.iter_rows(min_row=FIRST_ROW, max_row=row_number - 1):
        lines = max(
            sum(
                1 + len(part) // max(1, int(widths[cell.column - 1] * 1.1))
                for part in str(cell.value).split("\n")
            )
            if cell.value is not None and cell.column <= len(widths)
            else 1
            for cell in row
        )
        sheet.row_dimensions[row[0].row].height = min(409, 15 * lines)
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.column_dimensions["H"].hidden = True
    sheet.freeze_panes = "C6"
    sheet.protection.sheet = True
    sheet.protection.password = PASSWORD
    sheet.protection.formatColumns = False  # a lead may widen a column to read it
    hidden: Any = book.create_sheet(HIDDEN)
    hidden.sheet_state = "veryHidden"
    hidden["A1"] = json.dumps(
        {field: _plain(getattr(identity, field)) for field in IDENTITY_FIELDS},
        ensure_ascii=False,
        sort_keys=True,
    )
    for number, row in enumerate(rows, start=2):
        hidden.cell(row=number, column=1, value=row.item_id)
        hidden.cell(row=number, column=2, value="own" if row.owned else "context")
        hidden.cell(row=number, column=3, value=row.fingerprint)
    hidden.protection.sheet = True
    hidden.protection.password = PASSWORD
    book.security = None
    book.save(target)


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


class _Identity:
    """The identity the workbook claims, with the types the record holds."""

    due: dt.date | None

    def __init__(self, values: dict[str, Any]) -> None:
        for field in IDENTITY_FIELDS:
            setattr(self, field, values.get(field))
        due = values.get("due")
        self.due = dt.date.fromisoformat(due) if isinstance(due, str) else None


def review_workbook(
    db: Database, path: Path | str, programme_id: int, period_id: int
) -> PackReview:
    """Every check a pack file gets, then the list of changes. Raises PackRefused."""
    from openpyxl import load_workbook

    path = Path(path)
    name = describe(path)
    try:
        book = load_workbook(path, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError) as error:
        raise refuse(name, f"it cannot be read as a workbook ({error}).") from error
    except Exception as error:  # openpyxl raises many kinds on a damaged file
        raise refuse(name, f"it cannot be read as a workbook ({error}).") from error
    if HIDDEN not in book.sheetnames or SHEET not in book.sheetnames:
        raise refuse(name, "it is not an update pack workbook (its pack sheet is missing).")
    hidden: Any = book[HIDDEN]
    sheet: Any = book[SHEET]
    try:
        identity = _Identity(json.loads(str(hidden["A1"].value)))
    except (ValueError, TypeError) as error:
        raise refuse(name, "its identity has been altered (it cannot be read).") from error
    listed: dict[int, tuple[bool, str]] = {}
    for item_id, kind, print_ in hidden.iter_rows(min_row=2, max_col=3, values_only=True):
        if item_id is None:
            continue
        try:
            listed[int(str(item_id))] = (kind == "own", str(print_))
        except (TypeError, ValueError) as error:
            raise refuse(name, "its list of items has been altered.") from error
    with db.reader() as ours:
        record = check_record(ours, name, identity, programme_id, period_id)
        recorded = {
            row.item_id: row
            for row in ours.scalars(select(PackItem).where(PackItem.pack_id == record.id))
        }
        base = {i: json.loads(r.base or "{}") for i, r in recorded.items()}
        check_fingerprints(name, recorded, listed, base)
        owned = {i for i, r in recorded.items() if r.owned}
        returned = _returned(name, sheet, record.person, base, owned)
        scheme = [s.glyph for s in symbols(ours, programme_id)]
        for item_id in owned:
            glyph = returned[item_id]["judgement"]
            if glyph is not None and glyph not in scheme:
                raise invalid(
                    name,
                    f"“{item_label(base[item_id])}”: The judgement is not a symbol of this "
                    f"programme’s scheme: use {', '.join(scheme)}.",
                )
        current = item_states(ours, period_id, list(owned), owned)
    changes = changes_between(
        sorted(owned, key=lambda i: tree_order(base, i)), base, returned, current
    )
    return PackReview(
        record.id,
        path,
        record.person,
        record.programme_id,
        record.programme_name,
        record.period_id,
        record.period_label,
        record.made_at,
        record.made_by,
        record.due,
        len(owned),
        tuple(changes),
    )


def _returned(
    name: str, sheet: Any, person: str, base: dict[int, State], owned: set[int]
) -> dict[int, State]:
    """The base states with the lead's judgements, achievements and milestone statuses; any
    change to what the lead may not change refuses the workbook."""
    returned = {i: json.loads(json.dumps(state)) for i, state in base.items()}
    seen: set[str] = set()
    milestones = {
        m["id"]: (item_id, m) for item_id in owned for m in returned[item_id]["milestones"]
    }
    for row in sheet.iter_rows(min_row=FIRST_ROW, max_col=KEY, values_only=True):
        key = row[KEY - 1]
        if key is None:
            if any(v not in (None, "") for v in row[JUDGEMENT - 1 : REACHED]):
                raise refuse(name, f"it holds values in a row that is none of {person}’s items.")
            continue
        kind, _, ident = str(key).partition(":")
        seen.add(str(key))
        try:
            number = int(ident)
        except ValueError as error:
            raise refuse(name, "its rows have been altered.") from error
        if kind == "context" or (kind == "item" and number not in owned):
            if number not in base:
                raise refuse(name, "its rows have been altered.")
            if any(v not in (None, "") for v in row[LAST_JUDGEMENT - 1 : REACHED]):
                raise refuse(
                    name,
                    f"“{item_label(base[number])}” is not one of {person}’s items, and a value "
                    "was typed beside it; a pack can change only its holder’s own items.",
                )
            _same_title(name, person, base[number], row)
        elif kind == "item":
            _same_title(name, person, base[number], row)
            state = returned[number]
            state["judgement"] = _glyph(row[JUDGEMENT - 1])
            text = row[ACHIEVEMENTS - 1]
            try:
                state["achievements"] = clean_text(
                    None if text is None else str(text), "Achievements", limit=TEXT_LIMIT
                )
            except ValidationError as error:
                raise invalid(name, f"“{item_label(base[number])}”: {error}") from None
        elif kind == "milestone" and number in milestones:
            item_id, milestone = milestones[number]
            answer = str(row[REACHED - 1] or "").strip().casefold()
            if answer not in (YES.casefold(), NO.casefold()):
                raise invalid(
                    name,
                    f"“{item_label(base[item_id])}”: “{row[REACHED - 1]}” is not an answer to "
                    f"“Milestone reached?” (use {YES} or {NO}).",
                )
            milestone["status"] = (
                MilestoneStatus.REACHED.value
                if answer == YES.casefold()
                else MilestoneStatus.OPEN.value
            )
        else:
            raise refuse(name, "its rows have been altered.")
    expected = {f"{'item' if i in owned else 'context'}:{i}" for i in base} | {
        f"milestone:{m}" for m in milestones
    }
    if seen != expected:
        raise refuse(name, "its rows have been altered (a row was removed or copied).")
    return returned


def _same_title(name: str, person: str, state: State, row: tuple[Any, ...]) -> None:
    if (row[NUMBER - 1] or None) != (state["number"] or None) or str(row[ITEM - 1] or "") != state[
        "title"
    ]:
        raise refuse(
            name,
            f"the title of “{item_label(state)}” was changed, which a pack cannot change (it "
            f"lets {person} change judgements, achievements and milestone status).",
        )


def _glyph(value: Any) -> str | None:
    """The glyph of a judgement as chosen from the list ("●  On track"), or typed alone."""
    if value is None or not str(value).strip():
        return None
    return str(value).strip().split("  ", 1)[0].strip()


__all__ = ["WORKBOOK_SUFFIX", "PackRefused", "review_workbook", "write_workbook"]
