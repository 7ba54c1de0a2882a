"""People (issue 15, part 4): the People list through the real dialog; merging spelling
variants as one undoable step; and the responsibility chosen from the list with completion."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLineEdit, QMessageBox

from app.core.errors import ValidationError
from app.packs.make import make_packs
from app.services import people
from app.services.people import NameTakenError
from app.store.database import Database
from ui.commands.people import PeopleCommands
from ui.dialogs.people import EMAIL, NAME, ROLE, MergeDialog, PeopleDialog, PersonDialog
from ui.shell.main_window import MainWindow
from ui.tree.model import RESPONSIBILITY
from ui.tree.responsibility import NEW_PERSON_TITLE

from helpers import file_query as query
from helpers import when_modal

SERVICES, SERVICE = 1, 10  # the demo's "Head of Customer Services" (12 items) and "…Service" (1)
SERVICES_NAME, SERVICE_NAME = "Head of Customer Services", "Head of Customer Service"
CES, Q1 = 1, 1  # Wigan's programme, where both are responsible, and its first quarter
ACCREDITATION = 74  # the one item of "Head of Customer Service"
MAIN_0006_FILE = Path(__file__).parent / "data" / "main-0006-demo.ptdb"


def click(dialog, text: str) -> None:
    """Press the dialog's button whose words (without the access key's &) are ``text``."""
    from PySide6.QtWidgets import QAbstractButton

    button = next(
        b for b in dialog.findChildren(QAbstractButton) if b.text().replace("&", "") == text
    )
    button.click()


def responsibilities(path: Path) -> dict[str, dict[int, int | None]]:
    """Who holds every item and indicator, read with plain SQL."""
    return {
        table: dict(query(path, f"SELECT id, responsible_id FROM {table}"))
        for table in ("item", "indicator")
    }


def person_rows(path: Path) -> list[tuple]:
    return query(path, "SELECT id, name, role, email FROM responsible ORDER BY id")


@pytest.fixture
def window(qtbot, demo, tmp_path):
    win = MainWindow(demo, settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    qtbot.waitActive(win)
    win._testers = [
        QAbstractItemModelTester(m, QAbstractItemModelTester.FailureReportingMode.Fatal)
        for m in (win.model, win.proxy)
    ]
    return win


@pytest.fixture
def dialog(qtbot, window):
    dlg = PeopleDialog(window.commands.reads, PeopleCommands(window.commands.run), window)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitActive(dlg)
    dlg._tester = QAbstractItemModelTester(
        dlg.model, QAbstractItemModelTester.FailureReportingMode.Fatal
    )
    return dlg


def row_of(dlg: PeopleDialog, name: str) -> int:
    return next(n for n, row in enumerate(dlg.model.rows) if row.name == name)


def edit_cell(qtbot, dlg: PeopleDialog, name: str, column: int, text: str) -> None:
    """F2 on a cell of the person's row, type ``text`` over it, Enter."""
    dlg.view.setFocus()
    dlg.view.setCurrentIndex(dlg.model.index(row_of(dlg, name), column))
    qtbot.keyClick(dlg.view, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the delegate commits on the next event
    qtbot.waitUntil(lambda: dlg.view.state() != QAbstractItemView.State.EditingState)
    qtbot.waitUntil(lambda: not dlg._reload_queued)


def tree_names(window: MainWindow, item_id: int) -> str:
    return window.model.row_for(item_id).responsible


# --- the list ---------------------------------------------------------------------------------


def test_programme_people_opens_the_list_with_counts(window, qtbot):
    seen = {}

    def look(dlg) -> None:
        seen["dialog"] = dlg
        rows = {row.name: row for row in dlg.model.rows}
        seen["services"] = (rows[SERVICES_NAME].items, rows[SERVICES_NAME].indicators)
        seen["service"] = (rows[SERVICE_NAME].items, rows[SERVICE_NAME].indicators)
        seen["count"] = dlg.model.rowCount()
        dlg.reject()

    assert window.menus.people_action.shortcut().toString() == "Ctrl+Shift+P"
    when_modal(look)
    window.menus.people_action.trigger()
    assert isinstance(seen["dialog"], PeopleDialog)
    assert seen["services"] == (12, 5) and seen["service"] == (1, 0)
    assert seen["count"] == len(person_rows(window.db.path)) == 16


def test_rename_a_person_is_saved_shown_in_the_tree_and_undone(window, dialog, qtbot, demo_path):
    edit_cell(qtbot, dialog, SERVICE_NAME, NAME, "Customer Service Excellence Lead")
    assert query(demo_path, "SELECT name FROM responsible WHERE id = ?", SERVICE) == [
        ("Customer Service Excellence Lead",)
    ]
    assert tree_names(window, ACCREDITATION) == "Customer Service Excellence Lead"
    assert dialog.model.rows[row_of(dialog, "Customer Service Excellence Lead")].items == 1
    assert query(
        demo_path,
        "SELECT operation, old_value, new_value FROM change_log WHERE entity = 'person' "
        "AND entity_id = ?",
        SERVICE,
    ) == [("edit person name", SERVICE_NAME, "Customer Service Excellence Lead")]
    qtbot.keyClick(dialog, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # the dialog's Undo
    qtbot.wait(10)
    assert query(demo_path, "SELECT name FROM responsible WHERE id = ?", SERVICE) == [
        (SERVICE_NAME,)
    ]
    assert tree_names(window, ACCREDITATION) == SERVICE_NAME
    assert any(row.name == SERVICE_NAME for row in dialog.model.rows)


def test_edit_role_and_email_and_refuse_a_bad_address(window, dialog, qtbot, demo_path):
    edit_cell(qtbot, dialog, SERVICES_NAME, ROLE, "Head of Service")
    edit_cell(qtbot, dialog, SERVICES_NAME, EMAIL, "customer.services@wigan.gov.uk")
    assert query(demo_path, "SELECT role, email FROM responsible WHERE id = ?", SERVICES) == [
        ("Head of Service", "customer.services@wigan.gov.uk")
    ]
    assert dialog.model.index(row_of(dialog, SERVICES_NAME), EMAIL).data() == (
        "customer.services@wigan.gov.uk"
    )
    edit_cell(qtbot, dialog, SERVICES_NAME, EMAIL, "Customer Services")
    assert dialog.error.text() == (
        "“Customer Services” is not an e-mail address: write it as name@council.gov.uk."
    )
    assert query(demo_path, "SELECT email FROM responsible WHERE id = ?", SERVICES) == [
        ("customer.services@wigan.gov.uk",)
    ]
    window.undo_stack.undo()
    window.undo_stack.undo()
    assert query(demo_path, "SELECT role, email FROM responsible WHERE id = ?", SERVICES) == [
        (None, None)
    ]


def test_merge_two_spellings_moves_everything_and_is_one_undoable_step(
    window, dialog, qtbot, demo_path, tmp_path
):
    before, people_before = responsibilities(demo_path), person_rows(demo_path)
    dialog.select_person(SERVICE)
    dialog.select_person(SERVICES, add=True)
    assert dialog.merge_button.isEnabled()

    def keep_services(merge: MergeDialog) -> None:
        assert merge.keep_id() == SERVICES  # the one holding most is offered first
        merge.choose(SERVICE)
        merge.choose(SERVICES)
        merge.merge_button.click()

    when_modal(keep_services)
    qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)

    # The items and indicators of both are the kept person's; the variant has gone.
    assert query(demo_path, "SELECT count(*) FROM item WHERE responsible_id = ?", SERVICES) == [
        (13,)
    ]
    assert query(demo_path, "SELECT id FROM responsible WHERE id = ?", SERVICE) == []
    assert tree_names(window, ACCREDITATION) == SERVICES_NAME
    rows = {row.name: row for row in dialog.model.rows}
    assert SERVICE_NAME not in rows and rows[SERVICES_NAME].items == 13
    assert [p.name for p in dialog.selected()] == [SERVICES_NAME]
    # The change log has the merge: the item that moved, and the variant merged.
    assert query(
        demo_path,
        "SELECT entity, entity_id, field, old_value, new_value FROM change_log "
        "WHERE operation = 'merge people' ORDER BY id",
    ) == [
        ("item", ACCREDITATION, "responsibility", SERVICE_NAME, SERVICES_NAME),
        ("person", SERVICE, "merged into", SERVICE_NAME, SERVICES_NAME),
    ]
    # A pack made now for the kept person holds all their items: one pack, not two.
    folder = tmp_path / "packs"
    folder.mkdir()
    made = make_packs(window.db, CES, Q1, folder, people=[SERVICES])
    assert [(m.person, m.items) for m in made] == [(SERVICES_NAME, 13)]

    assert window.undo_stack.undoText() == f"Merge 2 people into “{SERVICES_NAME}”"
    window.undo_stack.undo()
    qtbot.wait(10)
    assert person_rows(demo_path) == people_before  # both people, with their ids
    assert responsibilities(demo_path) == before  # every item and indicator as it was
    assert tree_names(window, ACCREDITATION) == SERVICE_NAME
    assert {row.name for row in dialog.model.rows} >= {SERVICE_NAME, SERVICES_NAME}

    window.undo_stack.redo()
    qtbot.wait(10)
    assert query(demo_path, "SELECT count(*) FROM item WHERE responsible_id = ?", SERVICES) == [
        (13,)
    ]
    assert query(demo_path, "SELECT id FROM responsible WHERE id = ?", SERVICE) == []
    assert tree_names(window, ACCREDITATION) == SERVICES_NAME


def test_renaming_to_a_name_in_the_list_offers_to_merge(window, dialog, qtbot, demo_path):
    answered = {}

    def merge_them(box) -> None:
        answered["text"] = box.text()
        click(box, "Merge")

    when_modal(merge_them)
    edit_cell(qtbot, dialog, SERVICE_NAME, NAME, "head of customer services")
    qtbot.waitUntil(lambda: "text" in answered)
    qtbot.wait(10)
    message = (
        "“Head of Customer Services” is already in the list of people: choose another name, "
        "or merge the two."
    )
    assert dialog.error.text() == message
    assert answered["text"].startswith(message)
    assert query(demo_path, "SELECT count(*) FROM item WHERE responsible_id = ?", SERVICES) == [
        (13,)
    ]
    assert query(demo_path, "SELECT id FROM responsible WHERE id = ?", SERVICE) == []


def test_delete_is_refused_for_someone_responsible_for_something(dialog, qtbot, demo_path):
    dialog.select_person(SERVICES)
    qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
    assert dialog.error.text() == (
        "“Head of Customer Services” cannot be deleted: they are responsible for 12 items and "
        "5 indicators. Merge them into someone else, or make someone else responsible first."
    )
    assert query(demo_path, "SELECT name FROM responsible WHERE id = ?", SERVICES) == [
        (SERVICES_NAME,)
    ]


def test_add_a_person_then_delete_them_and_undo(window, dialog, qtbot, demo_path):
    def fill(add: PersonDialog) -> None:
        qtbot.keyClicks(add.name, "Rachel Robinson")
        qtbot.keyClicks(add.role, "Performance Manager")
        qtbot.keyClicks(add.email, "rachel.robinson@wigan.gov.uk")
        add.add_button.click()

    when_modal(fill)
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    added = query(
        demo_path, "SELECT id, role, email FROM responsible WHERE name = ?", "Rachel Robinson"
    )
    assert added and added[0][1:] == ("Performance Manager", "rachel.robinson@wigan.gov.uk")
    person = added[0][0]
    assert [p.id for p in dialog.selected()] == [person]
    dialog.view.setFocus()
    qtbot.keyClick(dialog.view, Qt.Key.Key_Delete)
    assert query(demo_path, "SELECT id FROM responsible WHERE id = ?", person) == []
    window.undo_stack.undo()  # the delete: back with the same id
    assert person_rows(demo_path)[-1] == (
        person,
        "Rachel Robinson",
        "Performance Manager",
        "rachel.robinson@wigan.gov.uk",
    )


def test_adding_a_name_already_in_the_list_is_refused_in_the_add_dialog(dialog, qtbot):
    seen = {}

    def fill(add: PersonDialog) -> None:
        qtbot.keyClicks(add.name, "  HEAD of customer services ")
        add.add_button.click()
        seen["error"] = add.error.text()
        seen["open"] = add.isVisible()
        add.reject()

    when_modal(fill)
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    assert seen == {
        "error": "“Head of Customer Services” is already in the list of people: choose another "
        "name, or merge the two.",
        "open": True,
    }
    assert dialog.error.text() == ""


# --- the services underneath ------------------------------------------------------------------


@pytest.mark.both_engines
def test_people_services_refuse_with_sentences(demo):
    with pytest.raises(NameTakenError) as taken:
        people.edit_person(demo, SERVICE, "name", "Head of Customer  SERVICES")
    assert taken.value.other_id == SERVICES
    with pytest.raises(ValidationError) as empty:
        people.edit_person(demo, SERVICE, "name", "  ")
    assert str(empty.value) == "The name cannot be empty."
    with pytest.raises(ValidationError) as alone:
        people.merge_people(demo, SERVICES, [SERVICES])
    assert str(alone.value) == "Choose at least two people to merge, and which one to keep."
    renamed = people.edit_person(demo, SERVICE, "name", "head of customer service")
    assert (renamed.old, renamed.new) == (SERVICE_NAME, "head of customer service")


def test_merge_fills_what_the_kept_person_lacks_and_unmerge_puts_it_back(demo, demo_path):
    people.edit_person(demo, SERVICE, "email", "csx@wigan.gov.uk")
    people.edit_person(demo, SERVICES, "role", "Head of Service")
    before = person_rows(demo_path)
    merged = people.merge_people(demo, SERVICES, [SERVICE])
    assert query(demo_path, "SELECT role, email FROM responsible WHERE id = ?", SERVICES) == [
        ("Head of Service", "csx@wigan.gov.uk")
    ]
    people.unmerge_people(demo, merged.old)
    assert person_rows(demo_path) == before


def test_a_typed_name_differing_only_in_case_is_the_same_person(demo, demo_path):
    from app.services import items

    change = items.set_responsibility(demo, ACCREDITATION, "head of customer SERVICES")
    assert change.new == SERVICES_NAME
    assert query(demo_path, "SELECT count(*) FROM responsible") == [(16,)]


# --- choosing the responsible person ----------------------------------------------------------


def open_editor(window: MainWindow, qtbot, index) -> None:
    """Double-click the cell (F2 edits the title, wherever the cursor is)."""
    window.tree.setFocus()
    window.tree.setCurrentIndex(index)
    where = window.tree.visualRect(index).center()
    qtbot.mouseClick(window.tree.viewport(), Qt.MouseButton.LeftButton, pos=where)
    qtbot.mouseDClick(window.tree.viewport(), Qt.MouseButton.LeftButton, pos=where)


def select_item(window: MainWindow, qtbot, item_id: int) -> None:
    window.tree.select_item(window.proxy.mapFromSource(window.model.index_for(item_id)))
    qtbot.wait(1)


def test_detail_pane_completes_from_the_people_list(window, qtbot, demo_path):
    select_item(window, qtbot, ACCREDITATION)
    combo = window.detail.responsibility
    edit = combo.lineEdit()
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, "customer services")  # any part of the name, any case
    completer = combo.completer()
    popup = completer.popup()
    qtbot.waitUntil(popup.isVisible)
    assert [popup.model().index(r, 0).data() for r in range(popup.model().rowCount())] == [
        SERVICES_NAME
    ]
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert edit.text() == SERVICES_NAME
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert query(demo_path, "SELECT responsible_id FROM item WHERE id = ?", ACCREDITATION) == [
        (SERVICES,)
    ]
    assert query(demo_path, "SELECT count(*) FROM responsible") == [(16,)]  # nobody added


@pytest.mark.parametrize("answer", ["Yes", "No"])
def test_a_new_name_in_the_detail_pane_is_added_only_when_confirmed(
    window, qtbot, demo_path, answer
):
    select_item(window, qtbot, ACCREDITATION)
    edit = window.detail.responsibility.lineEdit()
    asked = []

    def reply(box) -> None:
        asked.append((box.windowTitle(), box.text()))
        box.button(getattr(QMessageBox.StandardButton, answer)).click()

    when_modal(reply)
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, "Jane Smith")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(asked))
    qtbot.wait(20)
    assert asked == [(NEW_PERSON_TITLE, "Add “Jane Smith” as a new person?")]  # asked once
    holder = query(
        demo_path,
        "SELECT r.name FROM item i JOIN responsible r ON r.id = i.responsible_id WHERE i.id = ?",
        ACCREDITATION,
    )
    if answer == "Yes":
        assert holder == [("Jane Smith",)]
        assert tree_names(window, ACCREDITATION) == "Jane Smith"
        window.undo_stack.undo()
        assert tree_names(window, ACCREDITATION) == SERVICE_NAME
    else:
        assert holder == [(SERVICE_NAME,)]
        assert query(demo_path, "SELECT count(*) FROM responsible WHERE name = 'Jane Smith'") == [
            (0,)
        ]
        assert edit.text() == SERVICE_NAME  # the typed name is put back
        assert window.undo_stack.count() == 0


def test_a_new_name_is_saved_though_the_pane_is_read_again_while_asking(window, qtbot, demo_path):
    """A refresh queued by an earlier edit can run while the question is open: it reads the
    item again, and the answer must still be saved (it was dropped, and the question asked
    a second time, which left a test waiting on a dialog nobody answered)."""
    select_item(window, qtbot, ACCREDITATION)
    edit = window.detail.responsibility.lineEdit()
    asked = []

    def reply(box) -> None:
        asked.append(box.text())
        window.detail._refresh()  # the pane reads the item again under the question
        box.button(QMessageBox.StandardButton.Yes).click()
        when_modal(reply, limit=1)  # a second question, if asked, is answered and counted

    when_modal(reply)
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, "Jane Smith")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(asked))
    qtbot.wait(200)
    assert asked == ["Add “Jane Smith” as a new person?"]
    assert query(
        demo_path,
        "SELECT r.name FROM item i JOIN responsible r ON r.id = i.responsible_id WHERE i.id = ?",
        ACCREDITATION,
    ) == [("Jane Smith",)]


@pytest.mark.parametrize("answer", ["Yes", "No"])
def test_the_trees_responsibility_editor_completes_and_asks_before_adding(
    window, qtbot, demo_path, answer
):
    index = window.proxy.mapFromSource(window.model.index_for(ACCREDITATION)).siblingAtColumn(
        RESPONSIBILITY
    )
    open_editor(window, qtbot, index)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    completer = editor.completer()
    assert completer.caseSensitivity() == Qt.CaseSensitivity.CaseInsensitive
    assert completer.filterMode() == Qt.MatchFlag.MatchContains
    asked = []

    def reply(box) -> None:
        asked.append(box.text())
        box.button(getattr(QMessageBox.StandardButton, answer)).click()

    when_modal(reply)
    editor.selectAll()
    qtbot.keyClicks(editor, "Customer Experience Lead")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(asked))
    qtbot.wait(20)
    assert asked == ["Add “Customer Experience Lead” as a new person?"]
    expected = "Customer Experience Lead" if answer == "Yes" else SERVICE_NAME
    assert tree_names(window, ACCREDITATION) == expected
    assert query(
        demo_path,
        "SELECT r.name FROM item i JOIN responsible r ON r.id = i.responsible_id WHERE i.id = ?",
        ACCREDITATION,
    ) == [(expected,)]


def test_the_trees_editor_takes_an_existing_name_without_asking(window, qtbot, demo_path):
    index = window.proxy.mapFromSource(window.model.index_for(ACCREDITATION)).siblingAtColumn(
        RESPONSIBILITY
    )
    open_editor(window, qtbot, index)
    editor = QApplication.focusWidget()
    editor.selectAll()
    qtbot.keyClicks(editor, "HEAD OF CUSTOMER SERVICES")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.wait(20)
    assert QApplication.activeModalWidget() is None
    assert tree_names(window, ACCREDITATION) == SERVICES_NAME


# --- the file format --------------------------------------------------------------------------


def test_migration_0008_keeps_every_person_of_a_file_from_main(tmp_path):
    path = tmp_path / "main.ptdb"
    shutil.copyfile(MAIN_0006_FILE, path)
    before = query(path, "SELECT id, name, email FROM responsible ORDER BY id")
    held = responsibilities(path)
    assert len(before) == 16
    with Database.open(path) as db:
        assert db.backup_path is not None
    from app.store.migrate import head_revision

    assert query(path, "SELECT version_num FROM alembic_version") == [(head_revision(),)]
    assert query(path, "SELECT id, name, email, role FROM responsible ORDER BY id") == [
        (*row, None) for row in before
    ]
    assert responsibilities(path) == held
