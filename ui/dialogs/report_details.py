"""Programme ▸ Report Details: what the committee reports print besides the tree, entered in
the window rather than only by a JSON import.

Tabs: a period's cover sheet and its report sections (the period is chosen above the tabs),
the plan's own sections, contacts, key outcomes, kinds of objective and recommendations.
Every change is saved at once and is one step of Edit ▸ Undo; the dialog re-reads what it
shows whenever one of its lists changes, and shows a refused edit's reason at its foot.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSize
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.read.documents import DetailsView
from ui.commands.documents import DocumentCommands
from ui.commands.reads import Reads
from ui.dialogs.cover_grid import CoverGridTab
from ui.dialogs.cover_sheet import CoverSheetTab
from ui.dialogs.document_lists import ListEditor, PeriodDelegate
from ui.dialogs.document_models import (
    ContactModel,
    DocumentListModel,
    KindModel,
    OutcomeModel,
    PaperModel,
    RecommendationDetailModel,
    SectionModel,
)
from ui.dialogs.fit import fit_to_screen

(
    COVER,
    GRID,
    PAPERS,
    REPORT_SECTIONS,
    PLAN_SECTIONS,
    CONTACTS,
    OUTCOMES,
    KINDS,
    RECOMMENDATIONS,
) = range(9)
PERIOD_TABS = (COVER, GRID, PAPERS, REPORT_SECTIONS)
TAB_TITLES = (
    "&Cover sheet",
    "C&hecklist",
    "&Background papers",
    "Report &sections",
    "Pla&n sections",
    "C&ontacts",
    "Ou&tcomes",
    "&Kinds of objective",
    "&Recommendations",
)


def _next_number(numbers: list[str]) -> str:
    """The number after the highest numeric one ("23" after "1"…"22")."""
    return str(max((int(n) for n in numbers if n.isdigit()), default=0) + 1)


def _free(name: str, taken: set[str]) -> str:
    """``name``, or ``name 2``, ``name 3``… when it is taken (a kind's name is unique)."""
    return next(
        candidate
        for candidate in (name, *(f"{name} {n}" for n in range(2, 1000)))
        if candidate.casefold() not in taken
    )


class ReportDetailsDialog(QDialog):
    def __init__(
        self, reads: Reads, commands: DocumentCommands, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.reads = reads
        self.commands = commands
        self.view: DetailsView | None = None
        self.question: QMessageBox | None = None  # while a removal is asked about
        self.setWindowTitle("Report details")
        self.setObjectName("reportDetailsDialog")
        fit_to_screen(self, QSize(1120, 700))
        self.period_box = QComboBox()
        self.period_box.setObjectName("reportPeriod")
        self.period_box.setAccessibleName("Report for period")
        self.period_box.setMinimumContentsLength(22)
        period_label = QLabel("Report for &period:")
        period_label.setBuddy(self.period_box)
        self.period_note = QLabel(
            "The cover sheet, checklist, papers and report sections are the chosen period’s; "
            "the other tabs are the programme’s."
        )
        self.period_note.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(period_label)
        top.addWidget(self.period_box)
        top.addWidget(self.period_note, 1)

        self.cover = CoverSheetTab(commands, self.period_id)
        self.grid = CoverGridTab(commands, self.period_id)
        self.editors: dict[int, ListEditor] = {}
        self.tabs = QTabWidget()
        # Nine tabs: at 911 px across they all show only with a little less padding.
        self.tabs.setStyleSheet(
            "QTabBar::tab { padding: 4px 5px; border: 1px solid palette(mid); }"
            "QTabBar::tab:selected { background: palette(base); border-bottom: none; }"
        )
        self.tabs.addTab(self.cover, TAB_TITLES[COVER])
        self.tabs.addTab(self.grid, TAB_TITLES[GRID])
        self._build_lists()
        for index in range(PAPERS, RECOMMENDATIONS + 1):
            page = QWidget()
            layout = QVBoxLayout(page)
            layout.addWidget(self.editors[index])
            self.tabs.addTab(page, TAB_TITLES[index])
        self.tabs.currentChanged.connect(self._tab_changed)

        self.error = QLabel()
        self.error.setObjectName("reportDetailsError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #8A1020;")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        # Return in a field saves the field; it must not also press a button (Close).
        for button in self.findChildren(QPushButton) + buttons.findChildren(QPushButton):
            button.setAutoDefault(False)
            button.setDefault(False)
        # Edit ▸ Undo and Redo work here too (the window's keys do not reach a modal
        # dialog); in a text field the keys undo its typing first, as everywhere.
        stack = reads.run.stack
        for action, keys in (
            (stack.createUndoAction(self, "Undo"), ("Ctrl+Z",)),
            (stack.createRedoAction(self, "Redo"), ("Ctrl+Y", "Ctrl+Shift+Z")),
        ):
            action.setShortcuts([QKeySequence(k) for k in keys])
            self.addAction(action)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

        periods, default = reads.periods()
        chosen = reads.scope.period_id or default
        for period in periods:
            self.period_box.addItem(
                f"{period.label} (published)" if period.published else period.label, period.id
            )
        self.period_box.setCurrentIndex(max(self.period_box.findData(chosen), 0))
        self.period_box.currentIndexChanged.connect(lambda _i: self.reload())
        commands.changed.connect(self._changed)
        reads.run.errorRaised.connect(self.error.setText)
        self.reload()

    def _build_lists(self) -> None:
        c = self.commands

        def lister(
            model: DocumentListModel,
            label: str,
            noun: str,
            note: str,
            new: Any,
            period: bool = False,
            **options: Any,
        ) -> ListEditor:
            def add(values: Any) -> int | None:
                return c.add(model.LIST, values, self.period_id() if period else None)

            return ListEditor(model, label, noun, new, add, note=note, **options)

        self.papers = PaperModel(c)
        self.editors[PAPERS] = lister(
            self.papers,
            "Background papers o&f this period’s report, in the order printed:",
            "paper",
            "Listed on the report’s first page “in accordance with Section 100D of the Local "
            "Government Act 1972”: each document, the meeting it went to and its date (typed "
            "as written), and where a copy is available.",
            lambda: {"title": "New background paper"},
            period=True,
        )
        self.report_sections = SectionModel(c)
        self.editors[REPORT_SECTIONS] = lister(
            self.report_sections,
            "Sections o&f this period’s report:",
            "section",
            "The quarterly report prints a section headed “Introduction”, “Summary of "
            "Performance”, “Key Performance Indicators” or “Progress against Departmental "
            "Tasks” in place of its own words for that part, and any other section on its "
            "cover sheet; the programme update prints them all before its strands.",
            lambda: {"heading": "New section", "text": ""},
            period=True,
        )
        self.plan_sections = SectionModel(c)
        self.editors[PLAN_SECTIONS] = lister(
            self.plan_sections,
            "Sections o&f the plan itself, in the order printed:",
            "section",
            "The plan’s own narrative (purpose, scope, context…), the same for every period: "
            "the programme update, the project plan and the recommendations report print it.",
            lambda: {"heading": "New section", "text": ""},
        )
        self.contacts = ContactModel(c)
        self.editors[CONTACTS] = lister(
            self.contacts,
            "People named at the &foot of the programme update:",
            "contact",
            "Each contact is printed with their role, telephone number and email address.",
            lambda: {"name": "New contact"},
        )
        self.outcomes = OutcomeModel(c)
        self.editors[OUTCOMES] = lister(
            self.outcomes,
            "Key outcomes, &first to last:",
            "outcome",
            "The project plan lists its key outcomes, each with its measurable target.",
            lambda: {"text": "New outcome"},
        )
        self.kinds = KindModel(c)
        self.editors[KINDS] = lister(
            self.kinds,
            "Kinds o&f objective, in the order of their tables:",
            "kind",
            "Tables 1–2 of the quarterly report count each top-level objective under its "
            "kind, in a table titled by the kind’s plural (“Priority Service Objectives”).",
            self._new_kind,
            before_remove=self._confirm_kind_removal,
        )
        self.recommendations = RecommendationDetailModel(c)
        self.editors[RECOMMENDATIONS] = lister(
            self.recommendations,
            "Recommendations, in the order o&f the report:",
            "recommendation",
            "The recommendations report prints each numbered recommendation beside its "
            "response, and whom it applies to.",
            lambda: {
                "number": _next_number([r.number for r in self.recommendations.rows]),
                "text": "New recommendation",
                "period_id": self.period_id(),
            },
        )
        view = self.editors[RECOMMENDATIONS].view
        view.setItemDelegateForColumn(
            RecommendationDetailModel.PERIOD, PeriodDelegate(self._period_choices, view)
        )
        for editor, widths in (
            (self.editors[CONTACTS], (220, 320, 140)),
            (self.editors[OUTCOMES], (620,)),
            (self.editors[KINDS], (330, 360)),
            (self.editors[RECOMMENDATIONS], (50, 380, 380, 140)),
            (self.editors[PAPERS], (210, 185, 110, 225)),
            (self.editors[REPORT_SECTIONS], (300,)),
            (self.editors[PLAN_SECTIONS], (300,)),
        ):
            for column, width in enumerate(widths):
                editor.view.setColumnWidth(column, width)

    # --- reading ------------------------------------------------------------------------

    def period_id(self) -> int | None:
        data = self.period_box.currentData()
        return int(data) if data is not None else None

    def _period_choices(self) -> list[tuple[int, str]]:
        return [(p.id, p.label) for p in self.view.periods] if self.view else []

    def _changed(self, _name: str) -> None:
        self.error.clear()
        self.reload()

    def reload(self) -> None:
        if self.reads.scope.programme_id is None:
            return
        view = self.view = self.reads.report_details(self.period_id())
        period = next((p for p in view.periods if p.id == view.period_id), None)
        read_only = self.reads.read_only
        frozen = read_only or (period is not None and period.published)
        label = period.label if period is not None else "This period"
        self.cover.fill(view, label, frozen)
        self.grid.fill(view, label, frozen)
        self.papers.replace_rows(view.papers)
        self.report_sections.replace_rows(view.sections)
        for index in (PAPERS, REPORT_SECTIONS):
            self.editors[index].set_read_only(frozen)
        for model, rows in (
            (self.plan_sections, view.plan_sections),
            (self.contacts, view.contacts),
            (self.outcomes, view.outcomes),
            (self.kinds, view.kinds),
            (self.recommendations, view.recommendations),
        ):
            model.replace_rows(rows)
        for index in (PLAN_SECTIONS, CONTACTS, OUTCOMES, KINDS, RECOMMENDATIONS):
            self.editors[index].set_read_only(read_only)
        if period is not None and period.published and not read_only:
            self.period_note.setText(
                f"{period.label} is published, so its report stays as it was: reopen it in "
                "Programme ▸ Settings to change its cover sheet or sections."
            )
        else:
            self.period_note.setText(
                "The cover sheet, checklist, papers and report sections are the chosen period’s; "
                "the other tabs are the programme’s."
            )

    def _tab_changed(self, index: int) -> None:
        self.period_box.setEnabled(index in PERIOD_TABS)

    # --- kinds of objective ------------------------------------------------------------

    def _new_kind(self) -> dict[str, str]:
        taken = {row.name.casefold() for row in self.kinds.rows}
        name = _free("New kind of objective", taken)
        return {"name": name, "plural": name.replace("kind", "kinds", 1)}

    def _confirm_kind_removal(self, row: Any) -> bool:
        """A kind in use is asked about: its objectives are left with none (and Edit ▸ Undo
        puts it back on them)."""
        if not row.uses:
            return True
        count = "1 objective is" if row.uses == 1 else f"{row.uses} objectives are"
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Remove kind of objective",
            f"{count} of the kind “{row.name}”. If it is removed they will have no kind, "
            f"and Tables 1–2 will no longer count them under “{row.plural}”.\n\n"
            "Edit ▸ Undo puts the kind back on them.",
            QMessageBox.StandardButton.Cancel,
            self,
        )
        remove = box.addButton("Remove", QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        self.question = box
        try:
            box.exec()
        finally:
            self.question = None
        return box.clickedButton() is remove
