"""File ▸ New Programme: a programme's name, the levels of its tree, its reporting periods
and its keys, and optionally another programme's tree to start from.

Whatever the file refuses (an empty or taken name, no levels or too many, a period that ends
before it starts, a date no report would hold) is said in the dialog in one sentence and
the dialog stays open with everything as typed; nothing is written until it all passes.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.core.errors import TrackerError
from app.core.programme_plan import ProgrammeSpec, SchemeSource
from app.core.schemes import DEFAULT_KPI_SCHEME, DEFAULT_PROGRESS_SCHEME
from app.read.scheme_choices import SchemeChoice
from ui.commands.programmes import ProgrammeCommands
from ui.commands.reads import Reads
from ui.dialogs.fit import fit_to_screen, scrolling
from ui.dialogs.levels_editor import LevelsEditor, fit_height
from ui.dialogs.period_plan import PeriodPlanEditor

NO_KPI_KEY = "None: this programme has no indicators"


def _source(choice: SchemeChoice | None) -> SchemeSource | None:
    if choice is None:
        return None
    return SchemeSource(choice.template, choice.programme_id)


def _scheme_box(name: str, choices: list[SchemeChoice], default: str) -> QComboBox:
    box = QComboBox()
    box.setObjectName(name)
    for choice in choices:
        box.addItem(choice.label, choice)
    box.setCurrentIndex(next((n for n, c in enumerate(choices) if c.template == default), 0))
    return box


class NewProgrammeDialog(QDialog):
    def __init__(
        self, reads: Reads, commands: ProgrammeCommands, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.commands = commands
        self.created: int | None = None
        self.setWindowTitle("New programme")
        self.setObjectName("newProgrammeDialog")
        self.setMinimumWidth(720)
        choices = reads.setup_choices()

        self.name = QLineEdit()
        self.name.setObjectName("programmeName")
        self.name.setAccessibleName("Programme’s name")
        self.name.setPlaceholderText("e.g. Community Safety Plan 2026/27")
        self.organisation = QLineEdit()
        self.organisation.setObjectName("organisation")
        self.organisation.setAccessibleName("Organisation")
        self.organisation.setPlaceholderText("e.g. Anytown Borough Council")
        about = QFormLayout()
        for text, field in (("&Name:", self.name), ("Or&ganisation:", self.organisation)):
            caption = QLabel(text)
            caption.setBuddy(field)
            about.addRow(caption, field)

        self.structure = QComboBox()
        self.structure.setObjectName("copyStructure")
        self.structure.setAccessibleName("Copy the structure of")
        self.structure.addItem("Nothing: start with an empty tree", None)
        for programme in choices.programmes:
            self.structure.addItem(programme.name, programme.id)
        self._levels_of = {p.id: p.levels for p in choices.programmes}
        self.structure.currentIndexChanged.connect(self._structure_chosen)
        self.levels = LevelsEditor()
        tree = QGroupBox("The programme’s tree")
        tree_layout = QVBoxLayout(tree)
        copy_form = QFormLayout()
        copy_form.setContentsMargins(0, 0, 0, 0)
        copy_label = QLabel("Copy the &structure of:")
        copy_label.setBuddy(self.structure)
        copy_form.addRow(copy_label, self.structure)
        tree_layout.addLayout(copy_form)
        tree_layout.addWidget(self.levels)
        copied = QLabel(
            "A copied structure brings the items with their numbers, descriptions, kinds, "
            "responsibility and milestones, but no judgements or achievements."
        )
        copied.setWordWrap(True)
        copied.setObjectName("hint")
        copied.setStyleSheet("color: #555555;")
        tree_layout.addWidget(copied)

        self.periods = PeriodPlanEditor()
        periods = QGroupBox("Reporting periods")
        periods_layout = QVBoxLayout(periods)
        periods_layout.addWidget(self.periods)
        later = QLabel("More periods can be added later in Programme ▸ Settings ▸ Periods.")
        later.setWordWrap(True)
        later.setStyleSheet("color: #555555;")
        periods_layout.addWidget(later)

        self.progress_scheme = _scheme_box(
            "progressScheme", choices.progress_schemes, DEFAULT_PROGRESS_SCHEME
        )
        self.progress_scheme.setAccessibleName("Symbols for judgements of progress")
        self.kpi_scheme = _scheme_box("kpiScheme", choices.kpi_schemes, DEFAULT_KPI_SCHEME)
        self.kpi_scheme.setAccessibleName("Symbols for indicator statuses")
        self.kpi_scheme.addItem(NO_KPI_KEY, None)
        symbols = QGroupBox("Symbols")
        symbols_form = QFormLayout(symbols)
        for text, box in (
            ("&Judgements of progress:", self.progress_scheme),
            ("&Indicator statuses:", self.kpi_scheme),
        ):
            caption = QLabel(text)
            caption.setBuddy(box)
            symbols_form.addRow(caption, box)

        self.error = QLabel()
        self.error.setObjectName("newProgrammeError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #8A1020;")
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.create_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.create_button.setText("&Create")
        self.create_button.setObjectName("createProgramme")
        buttons.accepted.connect(self.create_programme)
        buttons.rejected.connect(self.reject)

        body = QWidget()
        form = QVBoxLayout(body)
        form.setContentsMargins(0, 0, 0, 0)
        form.addLayout(about)
        form.addWidget(tree)
        form.addWidget(periods)
        form.addWidget(symbols)
        form.addStretch(1)
        self.body = scrolling(body)  # on a small screen the form scrolls, not the buttons
        layout = QVBoxLayout(self)
        layout.addWidget(self.body, 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.name.setFocus()

    def sizeHint(self) -> QSize:
        """Tall enough for the whole form (a scroll area's own hint is cut short): the
        screen decides how much of it is given (``fit_to_screen``)."""
        hint = super().sizeHint()
        body = self.body.widget()
        if body is not None:
            hint.setHeight(hint.height() + body.sizeHint().height() - self.body.sizeHint().height())
        return hint

    def showEvent(self, event: QShowEvent) -> None:
        # Qt would open it at its minimum height, squeezing every line of the form.
        fit_to_screen(self, QSize(self.minimumWidth(), self.sizeHint().height()))
        super().showEvent(event)

    def _structure_chosen(self) -> None:
        """Starting from another programme's tree: its levels, which the user may rename."""
        source = self.structure.currentData()
        if source is not None and self._levels_of.get(source):
            self.levels.set_levels(self._levels_of[source])

    def spec(self) -> ProgrammeSpec:
        """The programme as the dialog describes it (dates read, or refused)."""
        progress = _source(self.progress_scheme.currentData())
        assert progress is not None
        return ProgrammeSpec(
            name=self.name.text(),
            organisation=self.organisation.text(),
            levels=self.levels.levels(),
            periods=self.periods.plan(),
            progress_scheme=progress,
            kpi_scheme=_source(self.kpi_scheme.currentData()),
            structure_from=self.structure.currentData(),
        )

    def create_programme(self) -> None:
        try:
            self.created = self.commands.create(self.spec())
        except TrackerError as error:
            self.error.setText(str(error))
            QTimer.singleShot(0, lambda: fit_height(self))
            return
        self.accept()
