"""Small things that cost a meeting minutes, through the real window: a new milestone's
placeholder is replaced by typing; due words with no date are kept with a note; an export
offers to open the file or its folder."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication

from ui.dialogs.export import ExportDialog
from ui.shell.main_window import MainWindow

from helpers import file_query, shown_window


@pytest.fixture
def window(qtbot, demo, tmp_path):
    return shown_window(qtbot, demo, tmp_path)


def select_title(win, qtbot, title_start):
    item_id = next(
        i for i in win.model.item_ids() if win.model.row_for(i).title.startswith(title_start)
    )
    win.tree.select_item(win.proxy.mapFromSource(win.model.index_for(item_id)))
    win.tree.setFocus()
    qtbot.wait(1)
    return item_id


def milestones(path, item_id):
    return file_query(
        path,
        "SELECT due_text, text, due_date FROM milestone WHERE item_id = ? ORDER BY position",
        item_id,
    )


def test_typing_after_add_milestone_replaces_the_placeholder(window, qtbot, demo_path):
    item_id = select_title(window, qtbot, "Audit, and gap analysis")
    qtbot.mouseClick(window.detail.add_milestone_button, Qt.MouseButton.LeftButton)
    editor = QApplication.focusWidget()
    assert editor.selectedText() == "New milestone"
    qtbot.keyClicks(editor, "Report to Cabinet")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.wait(20)
    assert milestones(demo_path, item_id)[-1] == (None, "Report to Cabinet", None)


def test_due_words_with_no_date_are_kept_with_a_note(window, qtbot, demo_path):
    item_id = select_title(window, qtbot, "Audit, and gap analysis")
    box = window.detail.milestone_box
    assert box.due_note.isHidden()
    view, model = box.view, box.model
    view.setFocus()
    view.setCurrentIndex(model.index(0, model.DUE))
    qtbot.keyClick(view, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    editor.selectAll()
    qtbot.keyClicks(editor, "end of Q3")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: milestones(demo_path, item_id)[0][0] == "end of Q3")
    assert milestones(demo_path, item_id)[0][0::2] == ("end of Q3", None)
    qtbot.waitUntil(lambda: model.index(0, model.DUE).data() == "end of Q3")  # re-read
    assert model.index(0, model.DUE).data(Qt.ItemDataRole.FontRole).italic()
    assert box.due_note.isVisible()
    assert box.due_note.text() == (
        "“end of Q3” is kept as written, but no date can be worked out from it: such a "
        "milestone will not count as overdue. Type a month, quarter or date (Sep 09, "
        "Q3 2009/10, 30 September 2009) for it to."
    )
    window.undo_stack.undo()
    qtbot.waitUntil(box.due_note.isHidden)  # the pane re-reads the item once the step is done


def test_export_offers_to_open_the_file_or_its_folder(qtbot, demo, tmp_path):
    owner = MainWindow(
        demo, settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    )
    qtbot.addWidget(owner)
    dialog = ExportDialog(owner.commands.reads, owner)
    qtbot.addWidget(dialog)
    dialog.show()
    offer = dialog.open_offer
    assert offer.isHidden()
    opened = []
    offer.opener = lambda url: opened.append(url.toLocalFile()) or True
    target = tmp_path / "q1.html"
    dialog.format_box.setCurrentIndex(dialog.format_box.findData("html"))
    assert dialog.export_to(target)
    assert dialog.status.text() == f"Exported to {target}"
    assert offer.isVisible()
    assert offer.open_file_button.text() == "&Open File"
    assert offer.open_folder_button.text() == "Open &Folder"
    qtbot.mouseClick(offer.open_folder_button, Qt.MouseButton.LeftButton)
    assert opened == [str(tmp_path)]
    qtbot.mouseClick(offer.open_file_button, Qt.MouseButton.LeftButton)
    assert opened == [str(tmp_path), str(target)]
    assert not dialog.export_to(tmp_path / "missing" / "report.html")  # nothing written
    assert offer.isHidden()
