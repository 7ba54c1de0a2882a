"""Update packs as Excel workbooks: made, filled with openpyxl as a lead would (and once
saved again by LibreOffice), merged through the same review; tampered workbooks refused
whole, the programme file's bytes unchanged."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt

from app.packs.make import make_packs
from app.packs.merge import merge_pack
from app.packs.review import PackRefused
from app.packs.workbook import ACHIEVEMENTS, JUDGEMENT, KEY, REACHED, review_workbook
from app.read.lookup import find_period, find_programme, people_with_items
from app.store.database import Database

from helpers import file_query, when_modal

CUSTOMER = "Head of Customer Services"


def wigan(db: Database) -> tuple[int, int]:
    with db.reader() as session:
        programme = find_programme(session, "Chief Executive")
        return programme, find_period(session, programme, "Q1 2009/10")


def workbook_for(db: Database, folder: Path, person: str = CUSTOMER) -> Path:
    programme, period = wigan(db)
    with db.reader() as session:
        chosen = next(p.id for p in people_with_items(session, programme) if p.name == person)
    (made,) = make_packs(db, programme, period, folder, people=[chosen], workbook=True)
    assert made.path.suffix == ".xlsx"
    return made.path


def rows_of(sheet) -> list[tuple]:
    return [row for row in sheet.iter_rows(min_row=6) if row[KEY - 1].value]


def fill(path: Path, target: Path, edit) -> Path:
    book = load_workbook(path)
    edit(book["Update"])
    book.save(target)
    return target


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_workbook_holds_only_the_leads_items_with_lists_and_locks(demo, tmp_path):
    path = workbook_for(demo, tmp_path)
    book = load_workbook(path)
    assert book.sheetnames == ["Update", "Pack"]
    assert book["Pack"].sheet_state == "veryHidden"
    sheet = book["Update"]
    assert sheet.protection.sheet
    keys = [row[KEY - 1].value for row in rows_of(sheet)]
    own = [k for k in keys if k.startswith("item:")]
    assert len(own) == 12  # the demo's Head of Customer Services holds 12 items
    first = next(row for row in rows_of(sheet) if row[KEY - 1].value.startswith("item:"))
    assert not first[JUDGEMENT - 1].protection.locked
    assert not first[ACHIEVEMENTS - 1].protection.locked
    assert first[1].protection.locked  # the title cannot be typed over
    lists = [v.formula1 for v in sheet.data_validations.dataValidation]
    assert '"*  Completed,●  On track,▲  Behind schedule,?  Unknown"' in lists


def test_a_filled_workbook_merges_like_a_pack_file(demo, tmp_path):
    path = workbook_for(demo, tmp_path)
    programme, period = wigan(demo)

    def lead(sheet) -> None:
        rows = rows_of(sheet)
        item = next(r for r in rows if r[KEY - 1].value.startswith("item:"))
        item[JUDGEMENT - 1].value = "▲  Behind schedule"
        item[ACHIEVEMENTS - 1].value = "Delayed: two posts vacant."
        milestone = next(r for r in rows if r[KEY - 1].value.startswith("milestone:"))
        milestone[REACHED - 1].value = "Yes"

    returned = fill(path, tmp_path / "returned.xlsx", lead)
    review = review_workbook(demo, returned, programme, period)
    assert [(c.what.split(" “")[0], c.theirs) for c in review.changes] == [
        ("Judgement", "▲"),
        ("Achievements", "Delayed: two posts vacant."),
        ("Milestone", "reached"),
    ]
    merge_pack(demo, review, list(review.changes))
    item_id = review.changes[0].item_id
    assert file_query(
        demo.path,
        "SELECT s.glyph FROM judgement j JOIN symbol s ON s.id = j.symbol_id "
        "WHERE j.item_id = ? AND j.period_id = ?",
        item_id,
        period,
    ) == [("▲",)]
    with pytest.raises(PackRefused) as caught:
        review_workbook(demo, returned, programme, period)
    assert "it was already merged on" in str(caught.value)


def test_a_workbook_saved_again_by_libreoffice_still_merges(demo, tmp_path):
    assert shutil.which("libreoffice"), "scripts/setup --render installs LibreOffice"
    path = workbook_for(demo, tmp_path)
    programme, period = wigan(demo)

    def lead(sheet) -> None:
        item = next(r for r in rows_of(sheet) if r[KEY - 1].value.startswith("item:"))
        item[JUDGEMENT - 1].value = "*  Completed"

    filled = fill(path, tmp_path / "filled.xlsx", lead)
    out = tmp_path / "libreoffice"
    result = subprocess.run(
        [
            "libreoffice",
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "xlsx:Calc MS Excel 2007 XML",
            "--outdir",
            str(out),
            str(filled),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    review = review_workbook(demo, out / "filled.xlsx", programme, period)
    assert [(c.field, c.theirs) for c in review.changes] == [("judgement", "*")]


def tampered(name: str):
    """Edits a lead who unprotects the sheet might make, each refused whole."""

    def someone_elses_row(book) -> None:
        sheet = book["Update"]
        context = next(r for r in rows_of(sheet) if r[KEY - 1].value.startswith("context:"))
        context[JUDGEMENT - 1].value = "●  On track"

    def identity(book) -> None:
        hidden = book["Pack"]
        hidden["A1"] = hidden["A1"].value.replace(CUSTOMER, "Chief Executive")

    def title(book) -> None:
        sheet = book["Update"]
        item = next(r for r in rows_of(sheet) if r[KEY - 1].value.startswith("item:"))
        item[1].value = "Something easier"

    def row_removed(book) -> None:
        sheet = book["Update"]
        milestone = next(r for r in rows_of(sheet) if r[KEY - 1].value.startswith("milestone:"))
        sheet.delete_rows(milestone[0].row)

    def glyph(book) -> None:
        sheet = book["Update"]
        item = next(r for r in rows_of(sheet) if r[KEY - 1].value.startswith("item:"))
        item[JUDGEMENT - 1].value = "Green"

    return {
        "someone_elses_row": someone_elses_row,
        "identity": identity,
        "title": title,
        "row_removed": row_removed,
        "glyph": glyph,
    }[name]


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (
            "someone_elses_row",
            "is not one of Head of Customer Services’s items, and a value was "
            "typed beside it; a pack can change only its holder’s own items.",
        ),
        ("identity", "its identity has been altered: its person’s name reads “Chief Executive"),
        (
            "title",
            "which a pack cannot change (it lets Head of Customer Services change "
            "judgements, achievements and milestone status).",
        ),
        ("row_removed", "its rows have been altered (a row was removed or copied)."),
        ("glyph", "The judgement is not a symbol of this programme’s scheme: use *, ●, ▲, ?."),
    ],
)
def test_a_tampered_workbook_is_refused_whole(demo, tmp_path, edit, message):
    path = workbook_for(demo, tmp_path)
    programme, period = wigan(demo)
    book = load_workbook(path)
    tampered(edit)(book)
    book.save(tmp_path / "tampered.xlsx")
    before = digest(demo.path)
    with pytest.raises(PackRefused) as caught:
        review_workbook(demo, tmp_path / "tampered.xlsx", programme, period)
    assert message in str(caught.value)
    assert str(caught.value).endswith("Nothing has been changed.")
    assert digest(demo.path) == before


def test_the_window_makes_workbooks_and_merges_one_back(qtbot, demo_path, tmp_path):
    """Through the real dialogs: Make Update Packs with "As Excel workbooks" ticked, a lead
    fills one in, and Merge Update Pack takes the .xlsx through the review window."""
    from test_packs import PROCUREMENT, open_window

    from ui.dialogs.packs import MakePacksDialog, MergeReviewDialog

    manager = open_window(qtbot, demo_path, tmp_path, "manager")
    folder = tmp_path / "packs"
    folder.mkdir()

    def make(dialog: MakePacksDialog) -> None:
        dialog.everyone.setChecked(False)
        for row in range(dialog.people.count()):
            entry = dialog.people.item(row)
            wanted = entry.text().split("  (")[0] == PROCUREMENT
            entry.setCheckState(Qt.CheckState.Checked if wanted else Qt.CheckState.Unchecked)
        dialog.folder.setText(str(folder))
        dialog.workbook.setChecked(True)
        when_modal(lambda box: box.accept())
        dialog.make_button.click()

    when_modal(make)
    manager.dialogs.show_make_packs()
    made = folder / f"{PROCUREMENT} – Quarter 1 2009-10.xlsx"
    assert made.exists()

    def lead(sheet) -> None:
        item = next(r for r in rows_of(sheet) if r[KEY - 1].value.startswith("item:"))
        item[ACHIEVEMENTS - 1].value = "Framework agreed with three departments."

    returned = fill(made, tmp_path / "returned.xlsx", lead)
    seen: dict[str, object] = {}

    def merge(dialog: MergeReviewDialog) -> None:
        seen["rows"] = dialog.model.rowCount()
        dialog.merge_button.click()

    when_modal(merge)
    assert manager.dialogs.merge_pack_file(returned)
    assert seen["rows"] == 1
    assert manager.undo_stack.undoText().startswith(f"Merge {PROCUREMENT}’s update pack")
    manager.close()
