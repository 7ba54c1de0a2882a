"""Programme settings and recommendations, through the real dialogs; every change undoable."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QApplication

from ui.dialogs.recommendations import RecommendationModel
from ui.dialogs.settings import SettingsDialog
from ui.shell.main_window import MainWindow

from helpers import file_query


def when_modal(action, *, delay: int = 50) -> None:
    """Run ``action(dialog)`` on the next modal dialog (publishing's confirmation, a
    reopening's reason), once it is showing."""

    def go() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None or dialog.objectName() not in ("publishDialog", "reopenDialog"):
            QTimer.singleShot(delay, go)
            return
        action(dialog)

    QTimer.singleShot(delay, go)


def give_reason(dialog) -> None:
    dialog.reason.setText("A late update")
    dialog.done_typing()


@pytest.fixture
def window(qtbot, demo, tmp_path):
    win = MainWindow(demo, settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(win)
    win.show()
    return win


@pytest.fixture
def dialog(qtbot, window):
    dlg = SettingsDialog(window.commands.reads, window.commands.settings, window)
    qtbot.addWidget(dlg)
    dlg.show()
    return dlg


def salford_settings(qtbot, demo_path, tmp_path):
    """A window on Salford's workplan (no judgements, no indicators) and its settings."""
    from app.store.database import Database

    win = MainWindow(
        Database.open(demo_path),
        settings=QSettings(str(tmp_path / "salford.ini"), QSettings.Format.IniFormat),
    )
    qtbot.addWidget(win)
    win.programme_box.setCurrentIndex(
        win.programme_box.findText("Cabinet Workplan", Qt.MatchFlag.MatchStartsWith)
    )
    dialog = SettingsDialog(win.commands.reads, win.commands.settings, win)
    qtbot.addWidget(dialog)
    return win, dialog


def test_rename_level_is_saved_and_undoable(window, dialog, qtbot, demo_path):
    edit = dialog.level_edits[2]
    edit.selectAll()
    qtbot.keyClicks(edit, "Task")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert file_query(demo_path, "SELECT name FROM level WHERE programme_id = 1 AND depth = 2") == [
        ("Task",)
    ]
    window.undo_stack.undo()
    qtbot.wait(10)
    assert file_query(demo_path, "SELECT name FROM level WHERE programme_id = 1 AND depth = 2") == [
        ("Action",)
    ]
    assert dialog.level_edits[2].text() == "Action"
    assert len(dialog.level_edits) == 3  # Return saved the field and pressed no button


def test_generate_financial_year_quarters_and_undo(window, dialog, qtbot, demo_path):
    dialog.year.setValue(2012)
    add = next(b for b in dialog.findChildren(type(dialog.publish)) if "quarters" in b.text())
    qtbot.mouseClick(add, Qt.MouseButton.LeftButton)
    labels = [
        r[0]
        for r in file_query(
            demo_path, "SELECT label FROM period WHERE programme_id = 1 ORDER BY start"
        )
    ]
    assert labels[-4:] == [f"Quarter {q} 2012/13" for q in (1, 2, 3, 4)]
    assert file_query(
        demo_path, "SELECT start, \"end\" FROM period WHERE label = 'Quarter 4 2012/13'"
    ) == [("2013-01-01", "2013-03-31")]
    qtbot.wait(10)
    assert window.period_box.findText("Quarter 1 2012/13") >= 0
    assert dialog.periods.model().rowCount() == 16
    window.undo_stack.undo()
    assert len(file_query(demo_path, "SELECT id FROM period WHERE programme_id = 1")) == 12
    window.undo_stack.redo()
    assert len(file_query(demo_path, "SELECT id FROM period WHERE programme_id = 1")) == 16


def test_publish_freezes_the_period_for_the_window(window, dialog, qtbot, demo_path):
    dialog.periods.selectRow(0)
    when_modal(lambda confirm: confirm.accept())
    qtbot.mouseClick(dialog.publish, Qt.MouseButton.LeftButton)
    assert file_query(demo_path, "SELECT published_by FROM period WHERE id = 1") == [("Test User",)]
    qtbot.wait(10)
    assert window.period_box.currentText() == "Quarter 1 2009/10 (published)"
    row = next(
        window.model.row_for(i)
        for i in window.model.item_ids()
        if window.model.row_for(i).title.startswith("Audit, and gap")
    )
    window.tree.select_item(window.proxy.mapFromSource(window.model.index_for(row.id)))
    window.tree.setFocus()
    qtbot.keyClick(window.tree, Qt.Key.Key_B)
    assert window.message.text().startswith("Quarter 1 2009/10 is published")
    assert file_query(
        demo_path, "SELECT symbol_id FROM judgement WHERE item_id = ? AND period_id = 1", row.id
    ) == [(2,)]
    when_modal(give_reason)
    qtbot.mouseClick(dialog.reopen, Qt.MouseButton.LeftButton)
    assert file_query(demo_path, "SELECT published_at FROM period WHERE id = 1") == [(None,)]


def test_edit_symbol_name_and_refuse_duplicate_shortcut(window, dialog, qtbot, demo_path):
    name_cell = dialog.symbols.item(2, 1)
    name_cell.setText("Behind")
    assert file_query(demo_path, "SELECT name FROM symbol WHERE id = 3") == [("Behind",)]
    qtbot.wait(10)
    assert "▲ Behind 9" in window.summary_label.text()
    shortcut_cell = dialog.symbols.item(2, 5)
    shortcut_cell.setText("o")
    assert dialog.error.text() == "“o” is already the shortcut of “On track” in this scheme."
    assert file_query(demo_path, "SELECT shortcut FROM symbol WHERE id = 3") == [("b",)]
    qtbot.wait(10)
    assert dialog.symbols.item(2, 5).text() == "b"
    dialog.symbols.item(2, 3).setText("red")
    assert dialog.error.text() == "“red” is not a colour: write it as #RRGGBB, e.g. #2E7D32."
    window.undo_stack.undo()
    assert file_query(demo_path, "SELECT name FROM symbol WHERE id = 3") == [("Behind schedule",)]


def test_scheme_cannot_change_while_judgements_use_it(window, dialog, qtbot, demo_path):
    dialog.scheme.setCurrentIndex(dialog.scheme.findText("RAG (template)"))
    use = next(b for b in dialog.findChildren(type(dialog.publish)) if "scheme" in b.text())
    qtbot.mouseClick(use, Qt.MouseButton.LeftButton)
    assert dialog.error.text() == (
        "This programme has 46 judgements made with its current "
        "scheme, so the scheme cannot be changed."
    )


def test_a_programme_starts_again_from_a_template_through_the_dialog(qtbot, demo_path, tmp_path):
    """Salford's workplan has no judgements yet: its RAG symbols give way to the five-level
    template, and undo brings back its own (the same rows); Walsall's RAG is untouched."""

    def glyphs(programme_name: str) -> list[tuple[int, str]]:
        return file_query(
            demo_path,
            "SELECT s.id, s.glyph FROM symbol s JOIN programme p ON p.progress_scheme_id = "
            f"s.scheme_id WHERE p.name LIKE '{programme_name}%' ORDER BY s.position",
        )

    salford, walsall = glyphs("Cabinet Workplan"), glyphs("Working Smarter")
    assert [g for _i, g in salford] == [g for _i, g in walsall] == ["B", "G", "A", "R"]
    assert {i for i, _g in salford}.isdisjoint(i for i, _g in walsall)
    win, dialog = salford_settings(qtbot, demo_path, tmp_path)
    assert dialog.scheme.currentText() == "RAG (template)"
    assert "changes no other programme" in dialog.shared.text()
    dialog.scheme.setCurrentIndex(dialog.scheme.findText("Delivery confidence (template)"))
    use = next(b for b in dialog.findChildren(type(dialog.publish)) if "scheme" in b.text())
    qtbot.mouseClick(use, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.symbols.rowCount() == 5)
    assert [g for _i, g in glyphs("Cabinet Workplan")] == ["G", "A/G", "A", "A/R", "R"]
    assert win.undo_stack.undoText() == "Choose scheme"
    win.undo_stack.undo()
    qtbot.waitUntil(lambda: dialog.symbols.rowCount() == 4)
    assert glyphs("Cabinet Workplan") == salford
    assert glyphs("Working Smarter") == walsall
    win.undo_stack.redo()
    assert [g for _i, g in glyphs("Cabinet Workplan")] == ["G", "A/G", "A", "A/R", "R"]
    win.close()


def test_pledges_add_edit_remove_undo(qtbot, demo_path, tmp_path):
    from app.store.database import Database

    win = MainWindow(
        Database.open(demo_path),
        settings=QSettings(str(tmp_path / "p.ini"), QSettings.Format.IniFormat),
    )
    qtbot.addWidget(win)
    win.programme_box.setCurrentIndex(
        win.programme_box.findText("Cabinet Workplan 2004-05: Corporate Services Directorate")
    )
    dialog = SettingsDialog(win.commands.reads, win.commands.settings, win)
    qtbot.addWidget(dialog)
    assert dialog.pledges.rowCount() == 7
    assert dialog.pledge_number.value() == 8
    qtbot.keyClicks(dialog.pledge_title, "Supporting Business in Salford")
    add = next(
        b
        for b in dialog.findChildren(type(dialog.publish))
        if b.text().replace("&", "") == "Add pledge"
    )
    qtbot.mouseClick(add, Qt.MouseButton.LeftButton)
    assert file_query(demo_path, "SELECT number, title FROM pledge WHERE number = 8") == [
        (8, "Supporting Business in Salford")
    ]
    qtbot.wait(10)
    dialog.pledges.item(0, 1).setText("Improving Health and Wellbeing in Salford")
    assert file_query(
        demo_path, "SELECT title FROM pledge WHERE number = 1 AND programme_id = 3"
    ) == [("Improving Health and Wellbeing in Salford",)]
    qtbot.wait(10)
    links = file_query(
        demo_path,
        "SELECT count(*) FROM item_pledge ip JOIN pledge p ON p.id = "
        "ip.pledge_id WHERE p.number = 7",
    )[0][0]
    dialog.pledges.selectRow(6)
    remove = next(b for b in dialog.findChildren(type(dialog.publish)) if "move" in b.text())
    qtbot.mouseClick(remove, Qt.MouseButton.LeftButton)
    assert file_query(demo_path, "SELECT count(*) FROM pledge WHERE number = 7") == [(0,)]
    win.undo_stack.undo()
    assert (
        file_query(
            demo_path,
            "SELECT count(*) FROM item_pledge ip JOIN pledge p ON p.id = "
            "ip.pledge_id WHERE p.number = 7",
        )[0][0]
        == links
    )
    win.close()


def test_recommendations_table_edits_responses(qtbot, demo_path, tmp_path):
    from app.store.database import Database

    win = MainWindow(
        Database.open(demo_path),
        settings=QSettings(str(tmp_path / "r.ini"), QSettings.Format.IniFormat),
    )
    qtbot.addWidget(win)
    win.programme_box.setCurrentIndex(
        win.programme_box.findText("Worcestershire Hub Scrutiny – Monitoring of Recommendations")
    )
    model = RecommendationModel(win.commands.reads, win.commands.settings)
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    assert model.rowCount() == 22
    assert model.index(4, 3).data() == "Worcestershire County Council"
    assert model.setData(model.index(16, 2), "Progressed where there is a clear business case.")
    assert file_query(demo_path, "SELECT response FROM recommendation WHERE number = '17'") == [
        ("Progressed where there is a clear business case.",)
    ]
    assert not model.setData(model.index(16, 1), "")
    assert win.message.text() == "The recommendation cannot be empty."
    win.undo_stack.undo()
    assert file_query(demo_path, "SELECT response FROM recommendation WHERE number = '17'") == [
        ("This is progressed where there is a clear business case.",)
    ]
    assert model.index(16, 2).data() == "This is progressed where there is a clear business case."
    win.close()


def symbol_counts(demo_path):
    """{glyph: judgements} for the Wigan plan's own scheme, in the scheme's order."""
    return dict(
        file_query(
            demo_path,
            "SELECT s.glyph, count(j.id) FROM symbol s JOIN programme p ON "
            "p.progress_scheme_id = s.scheme_id LEFT JOIN judgement j ON j.symbol_id = s.id "
            "WHERE p.id = 1 GROUP BY s.id ORDER BY s.position",
        )
    )


def test_removing_a_used_symbol_asks_where_its_judgements_go_as_one_undoable_step(
    window, dialog, qtbot, demo_path
):
    from PySide6.QtCore import QTimer

    dialog.tabs.setCurrentIndex(2)
    assert symbol_counts(demo_path) == {"*": 0, "●": 37, "▲": 9, "?": 0}
    behind_id = file_query(
        demo_path,
        "SELECT s.id FROM symbol s JOIN programme p ON p.progress_scheme_id = "
        "s.scheme_id WHERE p.id = 1 AND s.glyph = '▲'",
    )[0][0]
    dialog.symbols.setCurrentCell(2, 1)
    seen = {}

    def answer():
        ask = dialog.move_dialog
        seen["question"] = ask.question.text()
        seen["choices"] = [ask.target.itemText(i) for i in range(ask.target.count())]
        ask.target.setCurrentIndex(ask.target.findText("●  On track"))
        ask.accept()

    QTimer.singleShot(0, answer)
    qtbot.mouseClick(dialog.remove_symbol_button, Qt.MouseButton.LeftButton)
    assert seen == {
        "question": "“▲  Behind schedule” is used 9 times. Before it is removed, its "
        "judgements move to:",
        "choices": ["*  Completed", "●  On track", "?  Unknown"],
    }
    assert symbol_counts(demo_path) == {"*": 0, "●": 46, "?": 0}
    qtbot.waitUntil(lambda: dialog.symbols.rowCount() == 3)
    assert window.undo_stack.undoText() == "Remove symbol"
    window.undo_stack.undo()
    assert symbol_counts(demo_path) == {"*": 0, "●": 37, "▲": 9, "?": 0}
    restored = file_query(
        demo_path, "SELECT id, position FROM symbol WHERE glyph = '▲' AND id = ?", behind_id
    )
    assert restored == [(behind_id, 2)]
    window.undo_stack.redo()
    assert symbol_counts(demo_path) == {"*": 0, "●": 46, "?": 0}


def test_cancelling_the_question_removes_nothing(window, dialog, qtbot, demo_path):
    from PySide6.QtCore import QTimer

    dialog.tabs.setCurrentIndex(2)
    dialog.symbols.setCurrentCell(1, 1)
    QTimer.singleShot(0, lambda: dialog.move_dialog.reject())
    qtbot.mouseClick(dialog.remove_symbol_button, Qt.MouseButton.LeftButton)
    assert symbol_counts(demo_path) == {"*": 0, "●": 37, "▲": 9, "?": 0}
    assert window.undo_stack.count() == 0


def test_symbols_are_added_removed_and_reordered_with_undo(window, dialog, qtbot, demo_path):
    dialog.tabs.setCurrentIndex(2)
    qtbot.mouseClick(dialog.add_symbol_button, Qt.MouseButton.LeftButton)
    assert list(symbol_counts(demo_path)) == ["*", "●", "▲", "?", "S1"]
    assert dialog.symbols.rowCount() == 5 and dialog.symbols.currentRow() == 4
    dialog.symbols.setCurrentCell(4, 0)
    qtbot.mouseClick(dialog.symbol_up, Qt.MouseButton.LeftButton)
    assert list(symbol_counts(demo_path)) == ["*", "●", "▲", "S1", "?"]
    assert dialog.symbols.currentRow() == 3
    qtbot.mouseClick(dialog.remove_symbol_button, Qt.MouseButton.LeftButton)  # unused: no question
    assert list(symbol_counts(demo_path)) == ["*", "●", "▲", "?"]
    window.undo_stack.undo()
    assert list(symbol_counts(demo_path)) == ["*", "●", "▲", "S1", "?"]
    window.undo_stack.undo()
    assert list(symbol_counts(demo_path)) == ["*", "●", "▲", "?", "S1"]
    window.undo_stack.undo()
    assert list(symbol_counts(demo_path)) == ["*", "●", "▲", "?"]
    window.undo_stack.redo()
    assert list(symbol_counts(demo_path)) == ["*", "●", "▲", "?", "S1"]


def test_counts_as_chooses_a_summary_column_and_its_role(window, dialog, qtbot, demo_path):
    dialog.tabs.setCurrentIndex(2)
    assert [dialog.symbols.item(row, 4).text() for row in range(4)] == [
        "Completed",
        "On-track",
        "Behind Schedule",
        "Unknown",
    ]
    dialog.symbols.item(3, 4).setText("Behind Schedule")

    def role_of_unknown() -> tuple[str, str]:
        from app.read.queries import symbols

        with window.db.reader() as session:
            symbol = next(s for s in symbols(session, 1) if s.glyph == "?")
        return symbol.column_name, symbol.category.value

    assert role_of_unknown() == ("Behind Schedule", "behind")  # the column's role
    window.undo_stack.undo()
    assert role_of_unknown() == ("Unknown", "unknown")
    dialog.symbols.item(3, 4).setText("Green")
    assert dialog.error.text() == (
        "“Green” is not a summary column of this scheme (“Completed”, “On-track”, "
        "“Behind Schedule”, “Unknown”)."
    )


def test_a_key_for_indicators_is_chosen_in_the_same_tab(qtbot, demo_path, tmp_path):
    """Salford's workplan has no indicators: its key becomes RAG for measures, then back."""

    def kpi_glyphs() -> list[str]:
        return [
            glyph
            for (glyph,) in file_query(
                demo_path,
                "SELECT s.glyph FROM symbol s JOIN programme p ON p.kpi_scheme_id = s.scheme_id "
                "WHERE p.name LIKE 'Cabinet Workplan%' ORDER BY s.position",
            )
        ]

    win, dialog = salford_settings(qtbot, demo_path, tmp_path)
    dialog.tabs.setCurrentIndex(2)
    dialog.purpose.setCurrentIndex(dialog.purpose.findData("kpi"))
    assert dialog.symbols.rowCount() == 4
    assert dialog.scheme.currentText() == "Performance against target (template)"
    dialog.scheme.setCurrentIndex(dialog.scheme.findText("RAG for measures (template)"))
    use = next(b for b in dialog.findChildren(type(dialog.publish)) if "scheme" in b.text())
    qtbot.mouseClick(use, Qt.MouseButton.LeftButton)
    assert kpi_glyphs() == ["G", "A", "R", "○"]
    qtbot.waitUntil(lambda: dialog.symbols.item(0, 0).text() == "G")
    assert dialog.purpose.currentData() == "kpi"  # the tab stays on the key being edited
    win.undo_stack.undo()
    assert kpi_glyphs() == ["●", "◆", "▲", "○"]
    win.close()


def test_a_key_for_indicators_in_use_is_not_replaced(window, dialog, qtbot):
    dialog.tabs.setCurrentIndex(2)
    dialog.purpose.setCurrentIndex(dialog.purpose.findData("kpi"))
    dialog.scheme.setCurrentIndex(dialog.scheme.findText("RAG for measures (template)"))
    use = next(b for b in dialog.findChildren(type(dialog.publish)) if "scheme" in b.text())
    qtbot.mouseClick(use, Qt.MouseButton.LeftButton)
    assert dialog.error.text().startswith("This programme has ")
    assert dialog.error.text().endswith(
        " indicator statuses made with its current scheme, so the scheme cannot be changed."
    )


def test_summary_columns_are_added_named_given_a_role_moved_and_removed(
    window, dialog, qtbot, demo_path
):
    def columns():
        return file_query(
            demo_path,
            "SELECT c.name, c.role FROM summary_column c JOIN programme p ON "
            "p.progress_scheme_id = c.scheme_id WHERE p.id = 1 ORDER BY c.position",
        )

    dialog.tabs.setCurrentIndex(2)
    editor = dialog.columns
    assert [name for name, _role in columns()] == [
        "Completed",
        "On-track",
        "Behind Schedule",
        "Unknown",
    ]
    qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: editor.table.rowCount() == 5)
    assert columns()[-1] == ("New column 1", "unknown")
    editor.table.item(4, 0).setText("Deferred")
    editor.table.item(4, 1).setText("Behind schedule")  # the role, by its title
    assert columns()[-1] == ("Deferred", "behind")
    editor.table.item(4, 0).setText("On-track")
    assert dialog.error.text() == "This scheme already has a column called “On-track”."
    qtbot.waitUntil(lambda: editor.table.item(4, 0).text() == "Deferred")
    editor.table.setCurrentCell(4, 0)
    qtbot.mouseClick(editor.left, Qt.MouseButton.LeftButton)
    assert [name for name, _role in columns()][3:] == ["Deferred", "Unknown"]
    qtbot.waitUntil(lambda: editor.table.item(3, 0).text() == "Deferred")
    editor.table.setCurrentCell(1, 0)  # On-track counts ●: it cannot go
    qtbot.mouseClick(editor.remove_button, Qt.MouseButton.LeftButton)
    assert dialog.error.text() == "“On-track” counts ●: give it another column first."
    editor.table.setCurrentCell(3, 0)
    qtbot.mouseClick(editor.remove_button, Qt.MouseButton.LeftButton)
    assert [name for name, _role in columns()] == [
        "Completed",
        "On-track",
        "Behind Schedule",
        "Unknown",
    ]
    for _ in range(5):  # remove, move, role, name, add
        window.undo_stack.undo()
    assert [name for name, _role in columns()] == [
        "Completed",
        "On-track",
        "Behind Schedule",
        "Unknown",
    ]
    window.undo_stack.redo()
    assert columns()[-1] == ("New column 1", "unknown")


def test_a_five_level_scale_set_up_in_the_dialog_and_judged_with_keys(qtbot, demo_path, tmp_path):
    """Acceptance (issue 14, c): Salford's workplan takes the delivery confidence scale in
    the settings dialog; its actions are judged with the keys 1–5 in the tree; the status
    bar, Tables 1–2 and the Word and Excel reports follow the scheme."""
    import io

    from docx import Document
    from openpyxl import load_workbook

    from app.read.lookup import find_period, find_programme
    from app.reports import make_report, renderer

    win, dialog = salford_settings(qtbot, demo_path, tmp_path)
    win.resize(1366, 768)
    win.show()
    dialog.scheme.setCurrentIndex(dialog.scheme.findText("Delivery confidence (template)"))
    use = next(b for b in dialog.findChildren(type(dialog.publish)) if "scheme" in b.text())
    qtbot.mouseClick(use, Qt.MouseButton.LeftButton)
    dialog.close()
    qtbot.waitUntil(lambda: len(win.model.symbols()) == 5)
    leaves = [i for i in win.model.item_ids() if not win.model.children_of(i)][:6]
    for item_id, key in zip(
        leaves,
        (Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3, Qt.Key.Key_4, Qt.Key.Key_5, Qt.Key.Key_1),
        strict=True,
    ):
        win.tree.select_item(win.proxy.mapFromSource(win.model.index_for(item_id)))
        win.tree.setFocus()
        qtbot.keyClick(win.tree, key)
    assert win.summary_label.text() == (
        "November 2004:  G Green 2   A/G Amber/Green 1   A Amber 1   A/R Amber/Red 1   "
        "R Red 1   Not yet judged 8"
    )
    db = win.db
    with db.reader() as session:
        salford = find_programme(session, "Cabinet Workplan")
        period = find_period(session, salford, "November 2004")
    report = make_report(db, salford, period, "quarterly")
    titles = ["% Green", "% Amber/Green", "% Amber", "% Amber/Red", "% Red"]
    document = Document(io.BytesIO(renderer("docx")(report)))
    summary = next(t for t in document.tables if t.rows[0].cells[0].text == "Number of Actions")
    assert [c.text for c in summary.rows[0].cells] == ["Number of Actions", *titles]
    assert [c.text for c in summary.rows[2].cells][:2] == ["14", "33% (2)"]
    key = [p.text for p in document.paragraphs if " – Successful delivery" in p.text]
    assert [line.split(" – ")[0] for line in key] == [
        "G  Green",
        "A/G  Amber/Green",
        "A  Amber",
        "A/R  Amber/Red",
        "R  Red",
    ]
    book = load_workbook(io.BytesIO(renderer("xlsx")(report)))
    sheet = book[next(n for n in book.sheetnames if "Summary" in n)]
    assert any(
        [c.value for c in row][: len(titles) + 1] == ["Number of Actions", *titles]
        for row in sheet.iter_rows()
    )
    win.close()


def test_a_programme_of_measures_rated_red_amber_green(qtbot, tmp_path, capsys):
    """Acceptance (issue 14, a): a council's measures get RAG for measures in the settings
    dialog; the statuses worked out from actual and target follow it, in the Indicators tab,
    the summary's data and the report's key."""
    import io
    import json

    from docx import Document

    from app.cli import run
    from app.interchange.programme_json import import_programme
    from app.read.lookup import find_period
    from app.reports import make_report, renderer
    from app.store.database import Database

    path = tmp_path / "measures.ptdb"
    db = Database.create(path)
    spec = {
        "name": "Housing measures",
        "quarters_for_years": [2026],
        "levels": ["Objective", "Action"],
        "items": [{"title": "Homes", "children": [{"title": "Build homes"}]}],
        "kpi_groups": [
            {
                "name": "Local",
                "category": "local",
                "indicators": [
                    {
                        "code": f"H{n}",
                        "title": title,
                        "polarity": "higher",
                        "targets": {"2026": "100"},
                        "results": {"Quarter 1 2026/27": {"actual": actual}},
                    }
                    for n, (title, actual) in enumerate(
                        [("On target", "100"), ("Close", "97"), ("Far off", "50"), ("No data", "-")]
                    )
                ],
            }
        ],
    }
    programme = import_programme(db, spec).ids[0]
    win = MainWindow(db, settings=QSettings(str(tmp_path / "m.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(win)
    dialog = SettingsDialog(win.commands.reads, win.commands.settings, win)
    qtbot.addWidget(dialog)
    dialog.tabs.setCurrentIndex(2)
    dialog.purpose.setCurrentIndex(dialog.purpose.findData("kpi"))
    dialog.scheme.setCurrentIndex(dialog.scheme.findText("RAG for measures (template)"))
    use = next(b for b in dialog.findChildren(type(dialog.publish)) if "scheme" in b.text())
    qtbot.mouseClick(use, Qt.MouseButton.LeftButton)
    dialog.close()
    win.period_box.setCurrentIndex(win.period_box.findText("Quarter 1 2026/27"))
    win.show_indicators()
    qtbot.waitUntil(lambda: "G On target" in win.indicators.status_summary.text())
    assert win.indicators.status_summary.text() == (
        "4 measures: G On target 1 (25%) · A Within tolerance 1 (25%) · R Off target 1 (25%) · "
        "○ No data 1 (25%)"
    )
    with db.reader() as session:
        period = find_period(session, programme, "Quarter 1 2026/27")
    document = Document(
        io.BytesIO(renderer("docx")(make_report(db, programme, period, "quarterly")))
    )
    text = "\n".join(p.text for p in document.paragraphs)
    assert "G  On target" in text and "R  Off target" in text
    win.close()
    capsys.readouterr()
    code = run(["summary", str(path), "--programme", "Housing", "--period", "Q1 2026/27", "--json"])
    statuses = json.loads(capsys.readouterr().out)["indicators"]["statuses"]
    assert code == 0
    assert [(s["glyph"], s["name"], s["measures"], s["percentage"]) for s in statuses] == [
        ("G", "On target", 1, 25),
        ("A", "Within tolerance", 1, 25),
        ("R", "Off target", 1, 25),
        ("○", "No data", 1, 25),
    ]


def test_a_two_level_status_set_up_in_the_dialog_and_judged_with_keys(qtbot, demo_path, tmp_path):
    """Acceptance (issue 14, b): Salford's workplan takes "Status with RAG" (Complete / In
    progress rated G, A or R / Not started) in the settings dialog; its actions are judged
    with keys; the tree reads both levels, and the status bar, Tables 1–2 (nested counts), the
    Word and Excel reports' keys and headings, the CSV and the JSON follow."""
    import csv
    import io
    import json

    from docx import Document
    from openpyxl import load_workbook

    from app.read.lookup import find_period, find_programme
    from app.read.summary import format_summary, sentence, summarise
    from app.read.summary_json import summary_data
    from app.reports import make_report, renderer
    from ui.tree.model import JUDGEMENT

    win, dialog = salford_settings(qtbot, demo_path, tmp_path)
    win.resize(1366, 768)
    win.show()
    dialog.scheme.setCurrentIndex(dialog.scheme.findText("Status with RAG (template)"))
    use = next(b for b in dialog.findChildren(type(dialog.publish)) if "scheme" in b.text())
    qtbot.mouseClick(use, Qt.MouseButton.LeftButton)
    dialog.tabs.setCurrentIndex(2)
    table = dialog.columns.table
    qtbot.waitUntil(lambda: table.item(0, 0).text() == "Complete")
    assert [
        (table.item(r, 0).text(), table.item(r, 2).checkState() == Qt.CheckState.Checked)
        for r in range(3)
    ] == [("Complete", False), ("In progress", True), ("Not started", False)]
    dialog.close()
    qtbot.waitUntil(lambda: len(win.model.symbols()) == 5)
    leaves = [i for i in win.model.item_ids() if not win.model.children_of(i)][:6]
    for item_id, key in zip(
        leaves,
        (Qt.Key.Key_C, Qt.Key.Key_G, Qt.Key.Key_G, Qt.Key.Key_A, Qt.Key.Key_R, Qt.Key.Key_N),
        strict=True,
    ):
        win.tree.select_item(win.proxy.mapFromSource(win.model.index_for(item_id)))
        win.tree.setFocus()
        qtbot.keyClick(win.tree, key)
    cell = win.model.index_for(leaves[3]).siblingAtColumn(JUDGEMENT)
    assert cell.data() == "A  In progress: Amber"  # both levels, in words
    assert win.summary_label.text() == (
        "November 2004:  ✓ Complete 1   In progress 4 (G Green 2, A Amber 1, R Red 1)   "
        "– Not started 1   Not yet judged 8"
    )
    db = win.db
    with db.reader() as session:
        salford = find_programme(session, "Cabinet Workplan")
        period = find_period(session, salford, "November 2004")
        summary = summarise(session, salford, period)
        data = summary_data(session, summary, salford, period)
    names = {s.glyph: s.name for s in win.model.symbols()}
    assert sentence(summary.total(), summary.columns, names) == (
        "14 actions: 1 complete, 4 in progress (2 green, 1 amber, 1 red), 1 not started, "
        "8 not yet judged"
    )
    assert "  In progress: G 2, A 1, R 1" in format_summary(summary)
    assert data["total"]["counts"] == {"Complete": 1, "In progress": 4, "Not started": 1}
    assert data["total"]["ratings"] == {
        "In progress": {
            "G": {"count": 2, "percentage": 33},
            "A": {"count": 1, "percentage": 17},
            "R": {"count": 1, "percentage": 17},
        }
    }

    report = make_report(db, salford, period, "quarterly")
    document = Document(io.BytesIO(renderer("docx")(report)))
    summary_table = next(
        t for t in document.tables if t.rows[0].cells[0].text == "Number of Actions"
    )
    assert [c.text for c in summary_table.rows[0].cells] == [
        "Number of Actions",
        "% Complete",
        "% In progress",
        "% Not started",
    ]
    assert [c.text for c in summary_table.rows[2].cells] == [
        "14",
        "17% (1)",
        "67% (4)\nG 2, A 1, R 1",
        "17% (1)",
    ]
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Key: status with RAG" in text
    assert "A  In progress: Amber – Some slippage or risk, being managed" in text
    detail = next(
        t
        for t in document.tables
        if len(t.rows) > 2 and "Responsibility" in [c.text for c in t.rows[1].cells]
    )
    heads = [c.text for c in detail.rows[1].cells]
    assert heads[-5:] == ["Complete", "In progress", "In progress", "In progress", "Not started"]
    assert [c.text for c in detail.rows[2].cells][-5:] == [
        "✓\nComplete",
        "G\nGreen",
        "A\nAmber",
        "R\nRed",
        "–\nNot started",
    ]

    book = load_workbook(io.BytesIO(renderer("xlsx")(report)))
    sheet = book[next(n for n in book.sheetnames if "Summary" in n)]
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert ["Number of Actions", "% Complete", "% In progress", "% Not started"] in [
        v[:4] for v in values
    ]
    # The document's "67% (4)" over "G 2, A 1, R 1", a figure to a column for an analyst.
    assert values[1] == [
        "Number of Actions",
        "% Complete",
        "% In progress",
        "% Not started",
        "Number complete",
        "Number in progress",
        "Number not started",
        "Number in progress: Green",
        "Number in progress: Amber",
        "Number in progress: Red",
        "Number not yet judged",
    ]
    assert values[3] == [14, 0.17, 0.67, 0.17, 1, 4, 1, 2, 1, 1, 8]
    cells = [str(c.value) for ws in book.worksheets for row in ws.iter_rows() for c in row]
    assert any("A In progress: Amber" in cell for cell in cells)  # the key, in Excel too

    rows = list(csv.DictReader(io.StringIO(renderer("csv")(report).decode("utf-8-sig"))))
    amber = next(r for r in rows if r["Judgement"] == "A")
    assert (amber["State"], amber["Rating"], amber["Judgement name"]) == (
        "In progress",
        "Amber",
        "In progress: Amber",
    )
    assert json.loads(json.dumps(data))["columns"][1]["rated"] is True
    win.close()


def test_ticking_ratings_makes_a_column_a_state_and_undo_unticks_it(
    window, dialog, qtbot, demo_path
):
    def rated():
        return file_query(
            demo_path,
            "SELECT c.name FROM summary_column c JOIN programme p ON "
            "p.progress_scheme_id = c.scheme_id WHERE p.id = 1 AND c.rated ORDER BY c.position",
        )

    dialog.tabs.setCurrentIndex(2)
    table = dialog.columns.table
    assert table.item(2, 0).text() == "Behind Schedule"
    table.item(2, 2).setCheckState(Qt.CheckState.Checked)
    assert rated() == [("Behind Schedule",)]
    qtbot.waitUntil(lambda: "Behind Schedule" in window.summary_label.text())
    assert "   Behind Schedule " in window.summary_label.text()
    assert "(▲ Behind schedule " in window.summary_label.text()
    assert window.undo_stack.undoText() == "Change whether a column has ratings"
    window.undo_stack.undo()
    assert rated() == []
    qtbot.waitUntil(lambda: table.item(2, 2).checkState() == Qt.CheckState.Unchecked)
    assert "Behind Schedule" not in window.summary_label.text()
