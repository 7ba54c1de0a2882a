"""File ▸ Export… through the real dialog: options, preview, export, cancel, bad path."""

from __future__ import annotations

import pytest
from docx import Document
from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest

from ui.dialogs.export import ExportDialog
from ui.shell.main_window import MainWindow


@pytest.fixture
def dialog(qtbot, demo, tmp_path):
    window = MainWindow(
        demo, settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    )
    qtbot.addWidget(window)
    dlg = ExportDialog(window.commands.reads, window)
    qtbot.addWidget(dlg)
    dlg.show()
    return dlg


def test_defaults_follow_the_programme_and_preview_shows_the_report(dialog):
    assert dialog.layout_box.currentData() == "quarterly"
    assert dialog.period_box.currentText() == "Quarter 1 2009/10"
    text = dialog.preview.toPlainText()
    assert (
        "Table 1: Summary of progress against workstreams/actions within the Priority "
        "Service Objectives" in text
    )
    assert "81% (29)" in text
    assert dialog.suggested_name() == (
        "Chief Executive Services Performance Plan 2009-12 Quarter 1 2009 10.docx"
    )


def test_exceptions_only_updates_the_preview(dialog, qtbot):
    qtbot.mouseClick(dialog.exceptions, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "exceptions only" in dialog.preview.toPlainText())
    assert "On Track (work on track and achieving)" in dialog.preview.toPlainText()  # the key


def test_export_one_persons_items_to_word(dialog, qtbot, tmp_path):
    dialog.person.setChecked(True)
    dialog.person_box.setCurrentText("Media and Communications Manager")
    target = tmp_path / "media.docx"
    assert dialog.export_to(target)
    assert dialog.status.text() == f"Exported to {target}"
    document = Document(str(target))
    responsibilities = {
        row.cells[2].text
        for table in document.tables
        for row in table.rows
        if len(row.cells) == 9 and row.cells[1].text and row.cells[0].text != row.cells[1].text
    }  # not a merged heading
    assert responsibilities - {"Responsibility", "Action"} == {"Media and Communications Manager"}


def test_cancel_writes_nothing(dialog, tmp_path):
    dialog.format_box.setCurrentIndex(dialog.format_box.findData("pdf"))
    dialog.cancel_requested = True  # as if Cancel were pressed as the export began
    target = tmp_path / "cancelled.pdf"
    assert not dialog.export_to(target)
    assert dialog.status.text() == "Export cancelled; nothing was written."
    assert list(tmp_path.glob("*.pdf")) == [] and not list(tmp_path.glob(".*exporting"))


def test_bad_path_gives_a_message(dialog, tmp_path):
    assert not dialog.export_to(tmp_path / "missing" / "report.docx")
    assert dialog.status.text().startswith("The folder ")
    QTest.qWait(1)


def test_print_preview_lays_out_the_report(dialog, tmp_path):
    from PySide6.QtCore import QTimer
    from PySide6.QtPrintSupport import QPrinter

    from app.reports.render_pdf import print_document

    document = print_document(dialog._report())
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    document.print_(printer)
    assert (tmp_path / "printed.pdf").stat().st_size > 10_000
    seen = {}

    def look():
        preview = dialog.print_dialog
        seen["title"] = preview.windowTitle()
        preview.reject()

    QTimer.singleShot(300, look)
    dialog.print_preview()
    assert seen == {"title": "Print preview"}
