"""File ▸ Import…: a council's tracker or report into the programme the window shows.

Three pages and a review. The *source* page reads the file (and, for a workbook, the sheet
chosen); the *columns* page shows the first rows with the header row found and a field
guessed for each column, both changeable; the *period and statuses* page chooses the period
and asks which symbol each status the scheme does not know means, and shows every row with
what it becomes (ui/dialogs/import_preview.py). The review is the window
a returned update pack is merged through (ui/dialogs/review.py): nothing is written until
the user presses Import, and then as one step of Edit ▸ Undo.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from app.core.errors import TrackerError
from app.imports.outcomes import row_outcomes
from app.imports.proposal import Proposal
from app.imports.sheets import FIELDS, Grid, find_header, guess_mapping, read_grid, to_source
from app.imports.source import Source
from app.imports.word import read_word
from app.imports.workbook_report import is_report_workbook, read_report_workbook
from ui.commands.imports import ImportCommands
from ui.commands.reads import Reads
from ui.dialogs.fit import fit_to_screen
from ui.dialogs.import_preview import RowOutcomesModel, outcomes_view
from ui.dialogs.review import ReviewDialog

PREVIEW_ROWS = 12  # rows of the sheet shown on the columns page
# A field as the columns page names it.
FIELD_TITLES = {
    "level": "Level (objective, workstream…)",
    "title": "Title (action, measure)",
    "number": "Number",
    "responsible": "Responsible",
    "due": "Due date",
    "milestone": "Milestone",
    "status": "Status",
    "rating": "Rating (RAG)",
    "achievements": "Achievements / progress",
    "id": "Item id (our exports)",
    "code": "Code",
    "unit": "Unit",
    "target": "Target",
    "actual": "Actual",
    "comment": "Comment",
    "group": "Group",
    "depends": "Depends on (titles)",
    "ignore": "Ignore",
}
assert set(FIELD_TITLES) == set(FIELDS)


class ImportWizard(QWizard):
    def __init__(
        self, reads: Reads, imports: ImportCommands, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.reads = reads
        self.imports = imports
        self.grid: Grid | None = None
        self.source: Source | None = None
        self.proposal: Proposal | None = None
        self.kept: dict[str, Any] | None = None  # how this sheet was read last time
        self.remember: tuple[list[str], dict[str, Any]] | None = None
        self.setWindowTitle(f"Import into {reads.programme_name()}")
        self.setObjectName("importWizard")
        self.file_page = FilePage(self)
        self.columns_page = ColumnsPage(self)
        self.period_page = PeriodPage(self)
        for page in (self.file_page, self.columns_page):
            self.addPage(page)
        self.period_id = self.addPage(self.period_page)
        self.setButtonText(QWizard.WizardButton.FinishButton, "&Review…")
        fit_to_screen(self, QSize(980, 620))


class FilePage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.owner = wizard
        self.setTitle("The file to import")
        self.setSubTitle(
            "A Word report (.docx) with tables of actions, or an Excel workbook (.xlsx) or CSV "
            "file holding your actions (or measures), one a row. Nothing is written until you "
            "have reviewed what it would change."
        )
        self.path = QLineEdit()
        self.path.setObjectName("importPath")
        self.path.setAccessibleName("File to import")
        browse = QPushButton("&Browse…")
        browse.clicked.connect(self._browse)
        self.sheet = QComboBox()
        self.sheet.setObjectName("importSheet")
        self.error = QLabel()
        self.error.setObjectName("importError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #B3261E;")
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        form = QFormLayout(self)
        label = QLabel("&File:")
        label.setBuddy(self.path)
        form.addRow(label, row)
        sheet_label = QLabel("&Sheet:")
        sheet_label.setBuddy(self.sheet)
        form.addRow(sheet_label, self.sheet)
        form.addRow(self.error)
        self.path.editingFinished.connect(self._read)
        self.sheet.activated.connect(lambda _i: self._read(self.sheet.currentText()))

    def _browse(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(
            self,
            "Import",
            "",
            "Reports and trackers (*.docx *.xlsx *.xlsm *.csv);;All files (*)",
        )
        if chosen:
            self.path.setText(chosen)
            self._read()

    def _read(self, sheet: str | None = None) -> bool:
        text = self.path.text().strip()
        if not text:
            return False
        if self._is_report(Path(text)):  # a report: its tables say what they hold
            try:
                self.owner.source = (
                    read_word(Path(text))
                    if Path(text).suffix.lower() == ".docx"
                    else read_report_workbook(Path(text))
                )
            except TrackerError as error:
                self.error.setText(str(error))
                self.owner.source = None
                return False
            self.error.clear()
            self.owner.grid = None
            self.owner.remember = None
            self.sheet.clear()
            self.sheet.setEnabled(False)
            return True
        try:
            grid = read_grid(Path(text), sheet)
        except TrackerError as error:
            self.error.setText(str(error))
            self.owner.grid = None
            return False
        self.error.clear()
        self.owner.grid = grid
        self.sheet.blockSignals(True)
        self.sheet.clear()
        self.sheet.addItems(grid.sheets)
        self.sheet.setCurrentText(grid.sheet)
        self.sheet.setEnabled(len(grid.sheets) > 1)
        self.sheet.blockSignals(False)
        return True

    def validatePage(self) -> bool:
        name = Path(self.path.text().strip()).name
        grid, source = self.owner.grid, self.owner.source
        if grid is not None and grid.name == name:
            return True
        if grid is None and source is not None and source.name == name:
            return True
        return self._read()

    def nextId(self) -> int:
        """A report needs no columns page: its tables' headers say what they hold."""
        if self._is_report(Path(self.path.text().strip())):
            return self.owner.period_id
        return super().nextId()

    @staticmethod
    def _is_report(path: Path) -> bool:
        """A Word report, or one of our own Excel reports (not a tracker)."""
        suffix = path.suffix.lower()
        return suffix == ".docx" or (
            suffix in (".xlsx", ".xlsm") and path.is_file() and is_report_workbook(path)
        )


class ColumnsPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.owner = wizard
        self.setTitle("What each column holds")
        self.setSubTitle(
            "The header row and each column's field are guessed from the header's words: "
            "correct any that are wrong. Rows above the header are left out."
        )
        self.header = QSpinBox()
        self.header.setObjectName("importHeaderRow")
        self.header.setMinimum(1)
        self.header.setMaximumWidth(90)
        self.header.valueChanged.connect(self._show)
        self.table = QTableWidget()
        self.table.setObjectName("importColumns")
        self.table.setAccessibleName("The first rows, with a field for each column")
        self.table.setTabKeyNavigation(False)
        self.error = QLabel()
        self.error.setObjectName("columnsError")
        self.error.setStyleSheet("color: #B3261E;")
        self.error.setWordWrap(True)
        self.note = QLabel()
        self.note.setObjectName("columnsNote")
        form = QFormLayout()
        label = QLabel("&Header row:")
        label.setBuddy(self.header)
        form.addRow(label, self.header)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.note)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error)
        self.boxes: list[QComboBox] = []

    def initializePage(self) -> None:
        grid = self.owner.grid
        assert grid is not None
        self.header.blockSignals(True)
        self.header.setMaximum(max(1, len(grid.rows)))
        try:
            self.header.setValue(find_header(grid) + 1)
        except TrackerError as error:
            self.error.setText(str(error))
        self.header.blockSignals(False)
        headers = grid.rows[self.header.value() - 1] if grid.rows else []
        self.owner.kept = self.owner.imports.kept(headers) if headers else None
        self._show()
        kept = self.owner.kept
        if kept:
            for box, field in zip(self.boxes, kept.get("columns", []), strict=False):
                box.setCurrentIndex(max(0, box.findData(field)))
            self.note.setText("Read as last time: the columns are as you set them then.")
        else:
            self.note.clear()

    def _show(self) -> None:
        grid = self.owner.grid
        assert grid is not None
        header = self.header.value() - 1
        headers = grid.rows[header] if header < len(grid.rows) else []
        width = max((len(r) for r in grid.rows[: header + PREVIEW_ROWS + 1]), default=0)
        shown = grid.rows[header + 1 : header + 1 + PREVIEW_ROWS]
        self.table.clear()
        self.table.setColumnCount(width)
        self.table.setRowCount(len(shown) + 1)
        self.table.setHorizontalHeaderLabels(
            [
                headers[c] if c < len(headers) and headers[c] else f"Column {c + 1}"
                for c in range(width)
            ]
        )
        guessed = guess_mapping([headers[c] if c < len(headers) else "" for c in range(width)])
        self.boxes = []
        for column, field in enumerate(guessed):
            box = QComboBox()
            for key, title in FIELD_TITLES.items():
                box.addItem(title, key)
            box.setCurrentIndex(box.findData(field))
            box.setAccessibleName(f"Field of column {column + 1}")
            self.table.setCellWidget(0, column, box)
            self.boxes.append(box)
        for number, row in enumerate(shown, start=1):
            for column in range(width):
                item = QTableWidgetItem(row[column] if column < len(row) else "")
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.table.setItem(number, column, item)
        self.table.setVerticalHeaderLabels(
            ["Field"] + [str(header + 1 + n) for n in range(1, len(shown) + 1)]
        )
        self.table.resizeColumnsToContents()
        for column in range(width):
            self.table.setColumnWidth(column, min(max(self.table.columnWidth(column), 150), 260))

    def mapping(self) -> list[str]:
        return [str(box.currentData()) for box in self.boxes]

    def validatePage(self) -> bool:
        grid = self.owner.grid
        assert grid is not None
        try:
            self.owner.source = to_source(grid, self.header.value() - 1, self.mapping())
        except TrackerError as error:
            self.error.setText(str(error))
            return False
        if not self.owner.source.rows and not self.owner.source.measures:
            self.error.setText(
                f"{grid.name} holds no actions or measures below row {self.header.value()}."
            )
            return False
        self.error.clear()
        header = self.header.value() - 1
        self.owner.remember = (
            grid.rows[header],
            {
                "sheet": grid.sheet,
                "header_row": header + 1,
                "columns": self.mapping(),
                "answers": {},
            },
        )
        return True


class PeriodPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.owner = wizard
        self.setTitle("The period, and what the statuses mean")
        self.setSubTitle(
            "Judgements and narratives are imported for the period chosen. A status the "
            "programme's symbols do not explain is listed: say which symbol it means."
        )
        self.period = QComboBox()
        self.period.setObjectName("importPeriod")
        self.period.currentIndexChanged.connect(lambda _i: self._propose())
        self.statuses = QFormLayout()
        self.summary = QLabel()
        self.summary.setObjectName("importSummary")
        self.summary.setWordWrap(True)
        form = QFormLayout()
        label = QLabel("&Period:")
        label.setBuddy(self.period)
        form.addRow(label, self.period)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(self.statuses)
        layout.addWidget(self.summary)
        self.outcomes = RowOutcomesModel(self)
        self.preview = outcomes_view(self.outcomes, self)
        preview_label = QLabel("&What each row becomes:")
        preview_label.setBuddy(self.preview)
        layout.addWidget(preview_label)
        layout.addWidget(self.preview, 1)
        self.remember = QCheckBox("&Remember the columns and statuses for next time")
        self.remember.setObjectName("rememberMapping")
        self.remember.setChecked(True)
        layout.addWidget(self.remember)
        self.answers: dict[str, QComboBox] = {}
        self.choices: dict[str, QComboBox] = {}  # an ambiguous row → which item it is

    def initializePage(self) -> None:
        periods, default = self.owner.reads.periods()
        chosen = self.owner.reads.scope.period_id or default
        self.period.blockSignals(True)
        self.period.clear()
        for period in periods:
            self.period.addItem(period.label, period.id)
        self.period.setCurrentIndex(max(0, self.period.findData(chosen)))
        self.period.blockSignals(False)
        self.answers = {}
        self.choices = {}
        self._propose()

    def _answer_map(self) -> dict[str, str]:
        kept = dict((self.owner.kept or {}).get("answers", {}))
        chosen = {
            text: str(box.currentData()) for text, box in self.answers.items() if box.currentData()
        }
        answers = {**kept, **chosen}
        if self.owner.remember is not None and self.remember.isChecked():
            self.owner.remember[1]["answers"] = answers
        return answers

    def _propose(self) -> None:
        source = self.owner.source
        if source is None or self.period.currentData() is None:
            return
        chosen = {
            where: int(box.currentData())
            for where, box in self.choices.items()
            if box.currentData() is not None
        }
        proposal = self.owner.imports.propose(
            source, int(self.period.currentData()), self._answer_map(), chosen
        )
        self.owner.proposal = proposal
        for text in proposal.unknown:
            if text in self.answers:
                continue
            box = QComboBox()
            box.addItem("Choose a symbol…", None)
            for symbol in self.owner.reads.symbols():
                box.addItem(f"{symbol.glyph}  {symbol.label}", symbol.glyph)
            box.setAccessibleName(f"Symbol for “{text}”")
            box.currentIndexChanged.connect(lambda _i: self._propose())
            self.answers[text] = box
            self.statuses.addRow(QLabel(f"“{text}” means:"), box)
        for where, candidates in proposal.ambiguous:
            if where in self.choices:
                continue
            box = QComboBox()
            box.addItem("Choose the item it is…", None)
            for item_id, label in candidates:
                box.addItem(label, item_id)
            box.addItem("Leave this row out", 0)
            box.setAccessibleName(f"Which item {where} is")
            box.currentIndexChanged.connect(lambda _i: self._propose())
            self.choices[where] = box
            self.statuses.addRow(QLabel(f"{where} fits more than one item:"), box)
        self.outcomes.replace_rows(row_outcomes(source, proposal))
        counts = proposal.counts()
        unknown = [t for t in proposal.unknown]
        self.summary.setText(
            f"{counts['created']} rows are new, {counts['updated']} change existing items, "
            f"{counts['unchanged']} change nothing"
            + (
                f", {counts['ambiguous']} fit more than one item: say which"
                if counts["ambiguous"]
                else ""
            )
            + "."
            + (
                f" Say which symbol each of {len(unknown)} status"
                f"{'es' if len(unknown) != 1 else ''} means."
                if unknown
                else ""
            )
        )
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        proposal = self.owner.proposal
        return proposal is not None and not proposal.unknown and not proposal.ambiguous


class ImportReviewDialog(ReviewDialog):
    """The proposal's changes, imported as one step."""

    verb = "imported"

    def __init__(
        self,
        reads: Reads,
        imports: ImportCommands,
        proposal: Proposal,
        parent: QWidget | None = None,
        remember: tuple[list[str], dict[str, Any]] | None = None,
    ) -> None:
        self.imports = imports
        self.proposal = proposal
        self.remember = remember
        counts = proposal.counts()
        ambiguous = "".join(
            f"<br>{where}: fits "
            + " and ".join(f"“{label}”" for _id, label in candidates)
            + ", left out."
            for where, candidates in proposal.ambiguous
        )
        super().__init__(
            reads,
            proposal.changes,
            title=f"Import {proposal.source}",
            heading=(
                f"<b>{proposal.source}</b> into <b>{reads.programme_name()}</b>: "
                f"{counts['created']} new rows, {counts['updated']} changed, "
                f"{counts['unchanged']} unchanged, {counts['ambiguous']} ambiguous." + ambiguous
            ),
            theirs=f"In {proposal.source}",
            column="In the file imported",
            apply_text="&Import",
            empty_text="The file changes nothing in this programme.",
            parent=parent,
        )

    def apply(self, accepted: list[Any]) -> bool:
        if not accepted and self.remember is None:
            return True
        return self.imports.apply(self.proposal, accepted, self.remember)
