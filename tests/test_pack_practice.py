"""Update packs in practice, through the real windows: the packs out and which are back,
merging one for another programme or period than shown, the merge dialog starting where the
packs were written, and, in a pack, last period beside this one, a milestone added, a note
for the programme manager and F2 on a title saying why it cannot be edited."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
import sqlalchemy as sa
from PySide6.QtCore import Qt
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit, QMessageBox
from test_packs import open_window, select

from app.core.dates import format_date
from app.core.errors import ValidationError
from app.packs.make import make_packs
from app.packs.review import PackRefused, review_pack
from app.read.lookup import people_with_items
from app.services import items, progress
from app.store.database import Database
from app.store.models import Item, Period
from ui.dialogs.pack_note import PackNoteDialog
from ui.dialogs.pack_tracking import STATUS, PacksDialog
from ui.dialogs.packs import MakePacksDialog, MergeReviewDialog
from ui.shell.judging import PACK_TITLES
from ui.shell.main_window import MainWindow
from ui.tree.model import TITLE

from helpers import activate, when_modal
from helpers import file_query as query

PROCUREMENT = "Corporate Procurement Manager"
DEVELOPMENT = "Head of Organisational Development"
CES, Q1 = 1, 1
Q1_LABEL, Q2_LABEL = "Quarter 1 2009/10", "Quarter 2 2009/10"
ITEM = 53  # one of the procurement manager's actions, judged in Quarter 1


def choose_period(window: MainWindow, label: str) -> None:
    window.period_box.setCurrentIndex(window.period_box.findText(label))
    assert window.choosers.period_label() == label


def q2(path: Path) -> int:
    return query(path, "SELECT id FROM period WHERE programme_id = ? AND label = ?", CES, Q2_LABEL)[
        0
    ][0]


def make_in_window(
    window: MainWindow, folder: Path, people: tuple[str, ...], *, due: bool = True
) -> None:
    """File ▸ Make Update Packs… for ``people``, into ``folder``, as the manager would."""

    def fill(dialog: MakePacksDialog) -> None:
        assert isinstance(dialog, MakePacksDialog)
        dialog.has_due.setChecked(due)
        assert dialog.due.isEnabled() is due
        dialog.everyone.setChecked(False)
        for row in range(dialog.people.count()):
            entry = dialog.people.item(row)
            wanted = entry.text().split("  (")[0] in people
            entry.setCheckState(Qt.CheckState.Checked if wanted else Qt.CheckState.Unchecked)
        dialog.folder.setText(str(folder))
        when_modal(lambda box: box.accept())  # "2 update packs in …"
        dialog.make_button.click()

    when_modal(fill)
    window.menus.make_packs_action.trigger()


def fill_pack(qtbot, path: Path, tmp_path: Path, key: str = "b") -> None:
    """The lead opens the pack, judges their first action and closes it."""
    lead = open_window(qtbot, path, tmp_path, f"lead-{path.stem}")
    assert not lead.publishing.button.isEnabled(), "a period is published by its manager"
    select(lead, qtbot, ITEM)
    qtbot.keyClick(lead.tree, key)
    lead.close()


# --- 1. the packs out -------------------------------------------------------------------------


def test_the_packs_view_shows_whose_packs_are_out_back_overdue_and_merged(
    qtbot, demo_path, tmp_path
):
    manager = open_window(qtbot, demo_path, tmp_path, "manager")
    choose_period(manager, Q2_LABEL)
    folder = tmp_path / "sent"
    folder.mkdir()
    make_in_window(manager, folder, (PROCUREMENT, DEVELOPMENT))
    pack_a = folder / f"{PROCUREMENT} – Quarter 2 2009-10.ptpack"
    assert query(demo_path, "SELECT person, path FROM pack ORDER BY person") == [
        (PROCUREMENT, str(pack_a.resolve())),
        (DEVELOPMENT, str((folder / f"{DEVELOPMENT} – Quarter 2 2009-10.ptpack").resolve())),
    ]
    fill_pack(qtbot, pack_a, tmp_path)  # the procurement manager's is back; the other is not
    pack_b = folder / f"{DEVELOPMENT} – Quarter 2 2009-10.ptpack"
    open_window(qtbot, pack_b, tmp_path, "lead-b").close()  # opened, read, nothing changed
    activate(qtbot, manager)
    seen: dict[str, object] = {}

    def rows_of(dialog: PacksDialog) -> list[tuple[str, ...]]:
        model = dialog.model
        return [
            tuple(model.index(r, c).data() for c in range(model.columnCount()))
            for r in range(model.rowCount())
        ]

    def look_then_merge(dialog: PacksDialog) -> None:
        assert isinstance(dialog, PacksDialog)
        seen["tester"] = QAbstractItemModelTester(
            dialog.model, QAbstractItemModelTester.FailureReportingMode.Fatal
        )
        seen["rows"] = rows_of(dialog)
        seen["summary"] = dialog.findChild(object, "packsSummary").text()
        seen["current"] = dialog.current().person
        opened: list[str] = []
        dialog.opener = lambda url: opened.append(url.toLocalFile()) or True
        dialog.folder_button.click()
        seen["opened"] = opened

        def merge(review: MergeReviewDialog) -> None:
            assert isinstance(review, MergeReviewDialog)
            seen["review"] = [review.model.rows[r].what for r in range(review.model.rowCount())]
            review.merge_button.click()

        when_modal(merge)
        dialog.merge_button.click()

    when_modal(look_then_merge)
    qtbot.keyClick(
        manager.tree,
        Qt.Key.Key_K,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    made = format_date(dt.date.today())
    rows = seen["rows"]
    assert sorted(rows) == [
        (
            PROCUREMENT,
            "Chief Executive Services Performance Plan 2009-12",
            Q2_LABEL,
            made,
            "14 October 2009",
            "Returned: filled in, not yet merged",
        ),
        (
            DEVELOPMENT,
            "Chief Executive Services Performance Plan 2009-12",
            Q2_LABEL,
            made,
            "14 October 2009",
            "Out, overdue since 14 October 2009",
        ),
    ]
    assert seen["summary"].startswith(
        "2 packs made from this file: 1 out (1 overdue), 1 returned and waiting to be merged, "
        "0 merged."
    )
    assert seen["current"] == PROCUREMENT  # the returned one is chosen, ready to merge
    assert seen["opened"] == [str(folder)]
    assert seen["review"] == ["Judgement"]
    assert query(demo_path, "SELECT merged_by FROM pack WHERE person = ?", PROCUREMENT) == [
        ("Test User",)
    ]

    # Merged, it says so; the Merge button is off for it.
    def look_again(dialog: PacksDialog) -> None:
        seen["again"] = {r[0]: r[STATUS] for r in rows_of(dialog)}
        row = next(n for n, r in enumerate(dialog.model.rows) if r.person == PROCUREMENT)
        dialog.view.setCurrentIndex(dialog.model.index(row, 0))
        seen["merge_enabled"] = dialog.merge_button.isEnabled()
        dialog.reject()

    activate(qtbot, manager)
    when_modal(look_again)
    manager.menus.packs_out_action.trigger()
    assert seen["again"][PROCUREMENT] == f"Merged {made} by Test User"
    assert seen["merge_enabled"] is False
    manager.close()


def test_a_pack_whose_file_has_gone_asks_where_it_is_starting_in_its_folder(
    qtbot, demo_path, tmp_path
):
    folder = tmp_path / "sent"
    folder.mkdir()
    with Database.open(demo_path) as demo:
        made = make_packs(demo, CES, q2(demo_path), folder, due=dt.date(2009, 10, 14))
    returned = tmp_path / "inbox" / made[0].path.name
    returned.parent.mkdir()
    made[0].path.rename(returned)  # saved from the e-mail somewhere else
    manager = open_window(qtbot, demo_path, tmp_path, "manager")
    seen: dict[str, object] = {}

    def merge_missing(dialog: PacksDialog) -> None:
        row = next(n for n, r in enumerate(dialog.model.rows) if r.person == made[0].person)
        dialog.view.setCurrentIndex(dialog.model.index(row, 0))
        seen["status"] = dialog.model.index(row, STATUS).data()

        def choose(files: QFileDialog) -> None:
            seen["start"] = files.directory().absolutePath()
            files.reject()

        when_modal(choose)
        dialog.merge_button.click()

    when_modal(merge_missing)
    manager.menus.packs_out_action.trigger()
    assert seen["status"] == (
        "Out, overdue since 14 October 2009 (its file is no longer in its folder)"
    )
    assert seen["start"] == str(folder)
    manager.close()


def test_a_pack_made_with_no_return_date_is_never_overdue(qtbot, demo_path, tmp_path):
    manager = open_window(qtbot, demo_path, tmp_path, "manager")
    choose_period(manager, Q2_LABEL)
    make_in_window(manager, tmp_path, (PROCUREMENT,), due=False)
    assert query(demo_path, "SELECT due FROM pack") == [(None,)]
    seen: dict[str, object] = {}

    def look(dialog: PacksDialog) -> None:
        seen["row"] = [dialog.model.index(0, c).data() for c in (4, STATUS)]
        dialog.reject()

    when_modal(look)
    manager.menus.packs_out_action.trigger()
    assert seen["row"] == ["", "Out"]
    manager.close()


# --- 2 and 3. merging a pack for another programme or period; where the dialog starts ------------


def test_merging_a_pack_for_another_programme_and_period_shows_them_then_the_review(
    qtbot, demo_path, tmp_path
):
    manager = open_window(qtbot, demo_path, tmp_path, "manager")
    choose_period(manager, Q2_LABEL)
    folder = tmp_path / "sent"
    folder.mkdir()
    make_in_window(manager, folder, (PROCUREMENT,))
    pack = folder / f"{PROCUREMENT} – Quarter 2 2009-10.ptpack"
    fill_pack(qtbot, pack, tmp_path)
    activate(qtbot, manager)
    # The manager has moved on: another programme is showing.
    other = next(
        i for i in range(manager.programme_box.count()) if manager.programme_box.itemData(i) != CES
    )
    manager.programme_box.setCurrentIndex(other)
    assert manager.programme_id != CES
    seen: dict[str, object] = {}

    def choose(files: QFileDialog) -> None:
        assert isinstance(files, QFileDialog)
        seen["start"] = files.directory().absolutePath()

        def review(dialog: MergeReviewDialog) -> None:
            assert isinstance(dialog, MergeReviewDialog)
            seen["shown"] = (manager.programme_box.currentData(), manager.period_box.currentText())
            seen["changes"] = dialog.model.rowCount()
            dialog.merge_button.click()

        when_modal(review)
        name = files.findChild(QLineEdit, "fileNameEdit")
        name.setText(pack.name)  # typed, as a person would
        seen["selected"] = files.selectedFiles()
        files.accept()
        if files.isVisible():
            files.reject()

    when_modal(choose)
    qtbot.keyClick(manager.tree, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)  # Ctrl+M
    assert seen["start"] == str(folder)  # where the packs were written
    assert seen["shown"] == (CES, Q2_LABEL)
    assert seen["changes"] == 1
    assert manager.programme_id == CES and manager.choosers.period_label() == Q2_LABEL
    assert manager.model.row_for(ITEM).glyph == "▲"  # the tree shows the merged value
    assert query(demo_path, "SELECT merged_by FROM pack") == [("Test User",)]
    manager.close()


def test_the_merge_dialog_starts_where_the_records_say_packs_were_written(
    qtbot, demo_path, tmp_path
):
    """On another computer (no remembered folder), the file's own records say where."""
    folder = tmp_path / "packs for q2"
    folder.mkdir()
    with Database.open(demo_path) as demo:
        make_packs(demo, CES, q2(demo_path), folder)
    manager = open_window(qtbot, demo_path, tmp_path, "elsewhere")
    seen: dict[str, str] = {}

    def look(files: QFileDialog) -> None:
        seen["start"] = files.directory().absolutePath()
        files.reject()

    when_modal(look)
    manager.menus.merge_pack_action.trigger()
    assert seen["start"] == str(folder)
    manager.close()


def test_a_pack_for_a_period_this_file_no_longer_has_is_still_refused_whole(qtbot, demo, tmp_path):
    """The service keeps its check: the window switches only to what the record names."""
    with demo.reader() as session:
        other = session.scalar(sa.select(Period).where(Period.programme_id != CES).limit(1))
        assert other is not None
        other_programme, other_period = other.programme_id, other.id
        item = session.scalar(
            sa.select(Item.id).where(Item.programme_id == other_programme).limit(1)
        )
    items.set_responsibility(demo, item, "Head of Regeneration")
    made = make_packs(demo, other_programme, other_period, tmp_path)
    with pytest.raises(PackRefused) as caught:
        review_pack(demo, made[0].path, CES, Q1)
    assert "Show that programme and period, then merge it." in str(caught.value)


# --- 4. in a pack: last period, a milestone added, a note, F2 on a title -----------------------


def test_in_a_pack_the_lead_sees_last_period_adds_a_milestone_and_leaves_a_note(
    qtbot, demo_path, tmp_path
):
    with Database.open(demo_path) as demo:
        with demo.reader() as session:
            person = next(p.id for p in people_with_items(session, CES) if p.name == PROCUREMENT)
        made = make_packs(demo, CES, q2(demo_path), tmp_path, people=[person])
    path = made[0].path
    q1_text = query(
        demo_path,
        "SELECT text FROM progress_update WHERE item_id = ? AND period_id = ? ORDER BY position",
        ITEM,
        Q1,
    )[0][0]
    q1_glyph = query(
        demo_path,
        "SELECT s.glyph FROM judgement j JOIN symbol s ON s.id = j.symbol_id "
        "WHERE j.item_id = ? AND j.period_id = ?",
        ITEM,
        Q1,
    )[0][0]
    lead = open_window(qtbot, path, tmp_path, "lead")
    # The pack is for its own period only; last period is there to be read.
    assert [lead.period_box.itemText(i) for i in range(lead.period_box.count())] == [Q2_LABEL]
    select(lead, qtbot, ITEM)
    last = lead.detail.last_period
    assert last.heading.isVisible() and last.heading.text() == f"&Last period, {Q1_LABEL}"
    assert q1_glyph in last.judgement.text()
    assert last.narrative.toPlainText() == q1_text and last.narrative.isReadOnly()
    assert lead.model.row_for(ITEM).previous_glyph == q1_glyph

    # F2 on a title, or a double-click, says why it cannot be edited.
    lead.tree.setCurrentIndex(lead.tree.currentIndex().siblingAtColumn(TITLE))
    qtbot.keyClick(lead.tree, Qt.Key.Key_F2)
    assert lead.statusBar().currentMessage() == PACK_TITLES
    assert lead.tree.state() != lead.tree.State.EditingState
    lead.statusBar().clearMessage()
    rect = lead.tree.visualRect(lead.tree.currentIndex())
    qtbot.mouseDClick(lead.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert lead.statusBar().currentMessage() == PACK_TITLES
    parent = lead.model.row_for(ITEM).parent_id
    select(lead, qtbot, parent)
    qtbot.keyClick(lead.tree, Qt.Key.Key_F2)
    assert "for context: only their own items change in it" in lead.statusBar().currentMessage()

    # A milestone added to their own action, worded and dated.
    select(lead, qtbot, ITEM)
    sent = query(path, "SELECT count(*) FROM milestone WHERE item_id = ?", ITEM)[0][0]
    assert lead.detail.add_milestone_button.isEnabled()
    qtbot.mouseClick(lead.detail.add_milestone_button, Qt.MouseButton.LeftButton)
    editor = lead.detail.milestone_view.focusWidget()
    assert isinstance(editor, QLineEdit) and editor.selectedText() == "New milestone"
    qtbot.keyClicks(editor, "Supplier day held")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    view, model = lead.detail.milestone_view, lead.detail.milestones
    new_row = model.rowCount() - 1
    qtbot.waitUntil(lambda: model.index(new_row, model.TEXT).data() == "Supplier day held")
    view.setFocus()
    view.setCurrentIndex(model.index(new_row, model.DUE))
    qtbot.keyClick(view, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    qtbot.keyClicks(editor, "Dec 09")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: model.index(new_row, model.DUE).data() == "Dec 09")
    assert query(
        path,
        "SELECT due_text, text, status FROM milestone WHERE item_id = ? ORDER BY position",
        ITEM,
    )[-1] == ("Dec 09", "Supplier day held", "open")
    assert query(path, "SELECT count(*) FROM milestone WHERE item_id = ?", ITEM)[0][0] == sent + 1
    # Edit ▸ Undo takes it back (its date, its words, then the milestone), Redo puts it back.
    for _ in range(3):
        lead.undo_stack.undo()
    assert query(path, "SELECT count(*) FROM milestone WHERE item_id = ?", ITEM)[0][0] == sent
    for _ in range(3):
        lead.undo_stack.redo()
    assert query(
        path, "SELECT due_text, text FROM milestone WHERE item_id = ? ORDER BY position", ITEM
    )[-1] == ("Dec 09", "Supplier day held")
    qtbot.waitUntil(lambda: model.rowCount() == sent + 1)
    # A milestone it was sent with keeps its words: only its status may change.
    view.setCurrentIndex(lead.detail.milestones.index(0, 0))
    qtbot.mouseClick(lead.detail.remove_milestone_button, Qt.MouseButton.LeftButton)
    assert "only the milestones you added can be removed" in lead.message.text()
    assert query(path, "SELECT count(*) FROM milestone WHERE item_id = ?", ITEM)[0][0] == sent + 1

    # A note for the programme manager, from the banner; one step of Edit ▸ Undo.
    assert lead.bars.note_button.isVisible()
    assert lead.bars.note_button.text() == "Leave a note for Test User…"

    def write_note(dialog: PackNoteDialog) -> None:
        assert isinstance(dialog, PackNoteDialog)
        qtbot.keyClicks(dialog.text, "The supplier day moved to December; see the new milestone.")
        dialog.save_button.click()

    when_modal(write_note)
    qtbot.mouseClick(lead.bars.note_button, Qt.MouseButton.LeftButton)
    note = "The supplier day moved to December; see the new milestone."
    assert query(path, "SELECT value FROM app_meta WHERE key = 'pack_note'") == [(note,)]
    assert lead.bars.note_button.text() == "Edit your note for Test User…"
    assert lead.undo_stack.undoText() == "Edit the note for the programme manager"
    lead.undo_stack.undo()
    assert query(path, "SELECT value FROM app_meta WHERE key = 'pack_note'") == []
    lead.undo_stack.redo()
    select(lead, qtbot, ITEM)
    qtbot.keyClick(lead.tree, "o")
    lead.close()

    # The manager's review lists the new milestone and shows the note; merged, it is there.
    manager = open_window(qtbot, demo_path, tmp_path, "manager")
    seen: dict[str, object] = {}

    def review(dialog: MergeReviewDialog) -> None:
        model = dialog.model
        seen["rows"] = [(model.rows[r].what, model.rows[r].theirs) for r in range(model.rowCount())]
        seen["heading"] = dialog.findChild(object, "mergeHeading").text()
        dialog.merge_button.click()

    when_modal(review)
    assert manager.dialogs.merge_pack_file(path)
    assert seen["rows"] == [
        ("Judgement", "●"),
        ("New milestone", "Dec 09: Supplier day held"),
    ]
    assert f"{PROCUREMENT}’s note:</b> <i>{note}</i>" in seen["heading"]
    assert manager.choosers.period_label() == Q2_LABEL  # switched to the pack's period
    merged = query(
        demo_path,
        "SELECT due_text, text, status FROM milestone WHERE item_id = ? ORDER BY position",
        ITEM,
    )
    assert merged[-1] == ("Dec 09", "Supplier day held", "open") and len(merged) == sent + 1
    assert query(demo_path, "SELECT note FROM pack") == [(note,)]
    assert (PROCUREMENT, "Supplier day held") in query(
        demo_path, "SELECT user, new_value FROM change_log WHERE field = 'text'"
    )
    # Undo takes the milestone back out with the rest of the merge.
    manager.undo_stack.undo()
    assert query(demo_path, "SELECT count(*) FROM milestone WHERE item_id = ?", ITEM) == [(sent,)]
    assert query(demo_path, "SELECT merged_at, note FROM pack") == [(None, None)]
    manager.close()


# --- the checks still refuse a tampered pack whole -----------------------------------------------


@pytest.fixture
def pack(demo: Database, tmp_path: Path) -> Path:
    with demo.reader() as session:
        person = next(p.id for p in people_with_items(session, CES) if p.name == PROCUREMENT)
    return make_packs(demo, CES, q2(demo.path), tmp_path, people=[person])[0].path


def write(path: Path, *statements: str) -> None:
    raw = sqlite3.connect(path)
    try:
        for statement in statements:
            raw.execute(statement)
        raw.commit()
    finally:
        raw.close()


def refusal(demo: Database, path: Path) -> str:
    with pytest.raises(PackRefused) as caught:
        review_pack(demo, path, CES, q2(demo.path))
    return str(caught.value)


def test_a_milestone_added_to_someone_elses_item_is_refused(demo, pack):
    parent = query(pack, "SELECT parent_id FROM item WHERE id = ?", ITEM)[0][0]
    write(
        pack,
        "INSERT INTO milestone (programme_id, item_id, position, text, status, due_precision) "
        f"VALUES (1, {parent}, 0, 'Not mine', 'open', 'none')",
    )
    assert "which is not one of" in refusal(demo, pack)


def test_a_sent_milestone_removed_or_reworded_is_refused(demo, pack):
    first = query(pack, "SELECT id FROM milestone WHERE item_id = ? ORDER BY position", ITEM)[0][0]
    write(pack, f"UPDATE milestone SET text = 'Reworded' WHERE id = {first}")
    assert "milestones (only their status may change)" in refusal(demo, pack)
    write(pack, f"DELETE FROM milestone WHERE id = {first}")
    assert "milestones (only their status may change)" in refusal(demo, pack)


def test_a_new_milestone_the_window_would_refuse_is_refused(demo, pack):
    write(
        pack,
        "INSERT INTO milestone (programme_id, item_id, position, text, status, due_precision) "
        f"VALUES (1, {ITEM}, 9, 'Odd', 'open', 'none')",
        "UPDATE milestone SET text = 'Bad' || char(7) WHERE text = 'Odd'",
    )
    assert "a new milestone: The milestone" in refusal(demo, pack)


def test_a_note_with_control_characters_is_refused(demo, pack):
    write(pack, "INSERT INTO app_meta (key, value) VALUES ('pack_note', 'Bad' || char(7))")
    assert "it is not a valid update pack. The note for the programme manager" in refusal(
        demo, pack
    )


def test_last_periods_rows_are_read_but_a_third_periods_are_refused(demo, pack):
    assert query(pack, "SELECT DISTINCT period_id FROM judgement ORDER BY 1") == [(Q1,)]
    assert query(pack, "SELECT DISTINCT period_id FROM progress_update ORDER BY 1") == [(Q1,)]
    with Database.open(pack) as lead, pytest.raises(ValidationError) as caught:
        progress.set_judgement(lead, ITEM, Q1, "*")  # last period is to read, not to change
    assert str(caught.value) == "This update pack is for Quarter 2 2009/10 only."
    write(pack, f"UPDATE judgement SET period_id = 99 WHERE period_id = {Q1}")
    assert "it holds a judgement for a period other than Quarter 2 2009/10" in refusal(demo, pack)


def test_a_refusal_in_the_window_still_changes_nothing(qtbot, demo_path, tmp_path):
    with Database.open(demo_path) as demo:
        path = make_packs(demo, CES, q2(demo_path), tmp_path)[0].path
    write(path, "UPDATE item SET title = 'Renamed' WHERE id = (SELECT max(id) FROM item)")
    manager = open_window(qtbot, demo_path, tmp_path, "manager")
    seen: dict[str, str] = {}

    def read(box: QMessageBox) -> None:
        seen["text"] = box.text()
        box.accept()

    when_modal(read)
    assert not manager.dialogs.merge_pack_file(path)
    assert "cannot be merged" in seen["text"] and "Nothing has been changed." in seen["text"]
    assert manager.choosers.period_label() == Q2_LABEL  # shown, then refused whole
    assert query(demo_path, "SELECT merged_at FROM pack") == [(None,)] * len(
        query(demo_path, "SELECT id FROM pack")
    )
    manager.close()


def test_a_returned_workbook_is_tracked_and_merged_from_the_view_switching_the_period(
    qtbot, demo_path, tmp_path
):
    """Workbooks carry no new milestones or note, but are tracked and merged the same way."""
    from openpyxl import load_workbook

    from app.packs.workbook import ACHIEVEMENTS, KEY

    with Database.open(demo_path) as demo:
        with demo.reader() as session:
            person = next(p.id for p in people_with_items(session, CES) if p.name == PROCUREMENT)
        (made,) = make_packs(demo, CES, q2(demo_path), tmp_path, people=[person], workbook=True)
    book = load_workbook(made.path)
    row = next(
        r for r in book["Update"].iter_rows(min_row=6) if str(r[KEY - 1].value).startswith("item:")
    )
    row[ACHIEVEMENTS - 1].value = "Framework agreed with three departments."
    book.save(made.path)  # the lead saves it over the one sent
    manager = open_window(qtbot, demo_path, tmp_path, "manager")
    assert manager.choosers.period_label() == Q1_LABEL
    seen: dict[str, object] = {}

    def merge_from_view(dialog: PacksDialog) -> None:
        seen["status"] = dialog.model.index(0, STATUS).data()

        def review(merging: MergeReviewDialog) -> None:
            seen["shown"] = manager.choosers.period_label()
            seen["rows"] = [merging.model.rows[r].what for r in range(merging.model.rowCount())]
            merging.merge_button.click()

        when_modal(review)
        dialog.merge_button.click()

    when_modal(merge_from_view)
    manager.menus.packs_out_action.trigger()
    assert seen == {
        "status": "Returned: filled in, not yet merged",
        "shown": Q2_LABEL,
        "rows": ["Achievements"],
    }
    assert query(demo_path, "SELECT merged_by FROM pack") == [("Test User",)]
    manager.close()
