"""File ▸ Export…: choose layout, format, period, scope and options; see a preview; export.

The export runs in the window's thread with a progress dialog whose Cancel stops it between
pages or tables; the file is only written, whole, once the export has finished.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressDialog,
    QPushButton,
    QRadioButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.core.errors import TrackerError
from app.reports import LAYOUTS, Options, make_report, renderer, suggest_layout, write_atomically
from app.reports.model import ExportCancelled, Report
from app.reports.render_html import render as render_html
from ui.commands.reads import Reads
from ui.dialogs.fit import fit_to_screen
from ui.dialogs.open_offer import OpenOffer

LAYOUT_NAMES = {
    "quarterly": "Quarterly performance report",
    "programme-update": "Programme update",
    "workplan": "Workplan",
    "project-plan": "Project plan",
    "recommendations": "Recommendations monitoring",
}
NAME_LIMIT = 80  # characters of a suggested file name before its extension (≤ 255 bytes)
FORMAT_NAMES = {
    "docx": "Word document (.docx)",
    "pdf": "PDF (.pdf)",
    "xlsx": "Excel workbook (.xlsx)",
    "html": "Web page (.html)",
    "csv": "CSV, one row per action (.csv)",
}
PREVIEW_DELAY_MS = 300


class ExportDialog(QDialog):
    def __init__(self, reads: Reads, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.reads = reads
        self.setWindowTitle("Export report")
        self.setObjectName("exportDialog")
        fit_to_screen(self, QSize(1100, 700))
        self.cancel_requested = False
        self.last_written: Path | None = None
        self.open_offer = OpenOffer()  # after an export: open the file or its folder
        self.print_dialog: Any = None

        self.layout_box = QComboBox()
        self.layout_box.setAccessibleName("Layout")
        for key in LAYOUTS:
            self.layout_box.addItem(LAYOUT_NAMES[key], key)
        assert reads.scope.programme_id is not None
        suggested = suggest_layout(reads.db, reads.scope.programme_id)
        self.layout_box.setCurrentIndex(self.layout_box.findData(suggested))
        self.format_box = QComboBox()
        self.format_box.setAccessibleName("Format")
        for key, name in FORMAT_NAMES.items():
            self.format_box.addItem(name, key)
        self.period_box = QComboBox()
        self.period_box.setAccessibleName("Period")
        periods, _ = reads.periods()
        for period in periods:
            self.period_box.addItem(period.label, period.id)
        self.period_box.setCurrentIndex(max(0, self.period_box.findData(reads.scope.period_id)))

        self.whole = QRadioButton("&Whole programme")
        self.chosen = QRadioButton("C&hosen objectives:")
        self.person = QRadioButton("One &person's items:")
        self.scope = QButtonGroup(self)
        for button in (self.whole, self.chosen, self.person):
            self.scope.addButton(button)
        self.whole.setChecked(True)
        self.objectives = QListWidget()
        self.objectives.setAccessibleName("Objectives to include")
        self.objectives.setMaximumHeight(120)
        rows, _symbols = reads.tree()
        for row in rows:
            if row.parent_id is None:
                item = QListWidgetItem(f"{row.number} {row.title}" if row.number else row.title)
                item.setData(Qt.ItemDataRole.UserRole, row.id)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Checked)
                self.objectives.addItem(item)
        self.person_box = QComboBox()
        self.person_box.setAccessibleName("Person or role")
        self.person_box.addItems(sorted({row.responsible for row in rows if row.responsible}))
        self.cover = QCheckBox("Include the &cover sheet")
        self.cover.setChecked(True)
        self.unjudged = QCheckBox("Include actions &not yet judged")
        self.unjudged.setChecked(True)
        self.exceptions = QCheckBox("E&xceptions only (behind schedule, off target)")
        self.charts = QCheckBox("Include indicator &trend charts")

        form = QFormLayout()
        form.addRow("&Layout:", self.layout_box)
        form.addRow("&Format:", self.format_box)
        form.addRow("P&eriod:", self.period_box)
        scope = QVBoxLayout()
        scope.addWidget(self.whole)
        scope.addWidget(self.chosen)
        scope.addWidget(self.objectives)
        person = QHBoxLayout()
        person.addWidget(self.person)
        person.addWidget(self.person_box, 1)
        scope.addLayout(person)
        form.addRow("Scope:", scope)
        form.addRow("", self.cover)
        form.addRow("", self.unjudged)
        form.addRow("", self.exceptions)
        form.addRow("", self.charts)

        self.preview = QTextBrowser()
        self.preview.setObjectName("exportPreview")
        self.preview.setAccessibleName("Preview")
        self.status = QLabel()
        self.status.setObjectName("exportStatus")
        self.status.setWordWrap(True)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.addLayout(form)
        left_layout.addWidget(self.status)
        left_layout.addWidget(self.open_offer)
        left_layout.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.export_button = QPushButton("&Export…")
        buttons.addButton(self.export_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.print_button = QPushButton("&Print…")
        buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.print_button.clicked.connect(self.print_preview)
        self.export_button.clicked.connect(self.choose_file)
        buttons.rejected.connect(self.reject)
        top = QHBoxLayout()
        top.addWidget(left, 2)
        preview_box = QVBoxLayout()
        preview_box.addWidget(QLabel("Preview:"))
        preview_box.addWidget(self.preview, 1)
        top.addLayout(preview_box, 3)
        layout = QVBoxLayout(self)
        layout.addLayout(top, 1)
        layout.addWidget(buttons)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PREVIEW_DELAY_MS)
        self._timer.timeout.connect(self.update_preview)
        for signal in (
            self.layout_box.currentIndexChanged,
            self.period_box.currentIndexChanged,
            self.person_box.currentIndexChanged,
            self.objectives.itemChanged,
            self.scope.buttonToggled,
            self.cover.toggled,
            self.unjudged.toggled,
            self.exceptions.toggled,
            self.charts.toggled,
        ):
            signal.connect(self._timer.start)
        self.update_preview()

    # --- the report ------------------------------------------------------------------------

    def options(self) -> Options:
        roots = None
        if self.chosen.isChecked():
            roots = [
                self.objectives.item(i).data(Qt.ItemDataRole.UserRole)
                for i in range(self.objectives.count())
                if self.objectives.item(i).checkState() == Qt.CheckState.Checked
            ]
        responsible = self.person_box.currentText() if self.person.isChecked() else None
        return Options(
            roots=roots,
            responsible=responsible or None,
            include_unjudged=self.unjudged.isChecked(),
            exceptions_only=self.exceptions.isChecked(),
            cover=self.cover.isChecked(),
            charts=self.charts.isChecked(),
        )

    def _report(self) -> Report:
        assert self.reads.scope.programme_id is not None
        return make_report(
            self.reads.db,
            self.reads.scope.programme_id,
            self.period_box.currentData(),
            self.layout_box.currentData(),
            self.options(),
        )

    def update_preview(self) -> None:
        try:
            html = render_html(self._report()).decode("utf-8")
        except TrackerError as error:
            self.status.setText(str(error))
            return
        scroll = self.preview.verticalScrollBar().value()
        self.preview.setHtml(html)
        self.preview.verticalScrollBar().setValue(scroll)

    def print_preview(self) -> None:
        """Qt's print preview of the report; Print there sends it to a printer."""
        from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

        from app.reports.render_pdf import print_document

        document = print_document(self._report())
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.suggested_name().rsplit(".", 1)[0])
        preview = QPrintPreviewDialog(printer, self)
        preview.setWindowTitle("Print preview")
        preview.paintRequested.connect(document.print_)
        self.print_dialog = preview
        preview.exec()
        self.print_dialog = None

    def suggested_name(self) -> str:
        stem = f"{self.reads.programme_name()} {self.period_box.currentText()}"
        safe = " ".join(
            "".join(ch if ch.isalnum() or ch in " -_()" else " " for ch in stem).split()
        )
        if len(safe) > NAME_LIMIT:  # a file name may have 255 bytes; keep whole words
            cut = safe.rfind(" ", 0, NAME_LIMIT + 1)
            safe = safe[:cut] if cut > 0 else safe[:NAME_LIMIT]
        return f"{safe}.{self.format_box.currentData()}"

    def choose_file(self) -> None:
        fmt = self.format_box.currentData()
        path, _ = QFileDialog.getSaveFileName(
            self, "Export to", self.suggested_name(), f"{FORMAT_NAMES[fmt]} (*.{fmt})"
        )
        if path:
            target = Path(path)
            if target.suffix.lower() != f".{fmt}":
                target = target.with_name(target.name + f".{fmt}")
            self.export_to(target)

    def export_to(self, path: Path) -> bool:
        """Export to ``path`` with a progress dialog; True when the file was written."""
        self.open_offer.offer(None)  # the last file's offer goes; this one's if it is written
        fmt = self.format_box.currentData()
        progress = QProgressDialog("Preparing the report…", "Cancel", 0, 100, self)
        progress.setWindowTitle("Exporting")
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(400)
        progress.canceled.connect(lambda: setattr(self, "cancel_requested", True))

        def step(done: int, total: int) -> None:
            progress.setLabelText(f"Writing {FORMAT_NAMES[fmt].split(' (')[0]}…")
            progress.setValue(int(100 * done / max(total, 1)))
            QApplication.processEvents()
            if self.cancel_requested:
                raise ExportCancelled

        try:
            step(0, 1)
            content = renderer(fmt)(self._report(), step)
            step(1, 1)
            write_atomically(path, content)
        except ExportCancelled:
            self.status.setText("Export cancelled; nothing was written.")
            return False
        except TrackerError as error:
            self.status.setText(str(error))
            return False
        finally:
            progress.close()
            self.cancel_requested = False
        self.last_written = path
        self.status.setText(f"Exported to {path}")
        self.open_offer.offer(path)
        return True
