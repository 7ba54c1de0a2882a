"""The levels of a new programme's tree: a preset from the council documents, or names of
the user's own, one to a line. A line left empty is not a level; how many there may be is
the service's rule, said in the dialog when it is broken.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.programme_plan import DEFAULT_LEVELS, LEVEL_PRESETS
from ui.dialogs.fit import room_on_screen

OWN = "Names of your own"


def fit_height(window: QWidget) -> None:
    """As tall as the window's contents would like: a form's lines are otherwise squeezed
    to their minimum when rows are added, which clips their text, or spread apart when
    rows go."""
    window.resize(window.width(), min(window.sizeHint().height(), room_on_screen(window).height()))


def preset_title(levels: tuple[str, ...]) -> str:
    return " › ".join(levels)


class LevelsEditor(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.preset = QComboBox()
        self.preset.setObjectName("levelPreset")
        self.preset.setAccessibleName("Levels preset")
        for levels in LEVEL_PRESETS:
            self.preset.addItem(preset_title(levels))
        self.preset.addItem(OWN)
        self.preset.currentIndexChanged.connect(self._preset_chosen)
        self.form = QFormLayout()
        self.form.setContentsMargins(0, 0, 0, 0)
        preset_label = QLabel("&Levels:")
        preset_label.setBuddy(self.preset)
        self.form.addRow(preset_label, self.preset)
        self.edits: list[QLineEdit] = []
        self.add_button = QPushButton("A&dd level")
        self.add_button.clicked.connect(lambda: self._add_edit("", focus=True))
        self.remove_button = QPushButton("Remove las&t level")
        self.remove_button.clicked.connect(self._remove_last)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.form)
        layout.addLayout(buttons)
        self.set_levels(DEFAULT_LEVELS)

    def levels(self) -> tuple[str, ...]:
        """The names typed, top level first; an empty line is no level."""
        return tuple(edit.text().strip() for edit in self.edits if edit.text().strip())

    def set_levels(self, levels: tuple[str, ...]) -> None:
        while self.edits:
            self._drop_last()
        for name in levels:
            self._add_edit(name)
        self._match_preset()
        self._fit()

    def _fit(self) -> None:
        """Let the dialog grow (or shrink) by the rows added or removed, so that no line is
        squeezed below its height."""
        window = self.window()
        if window is not self and window.isVisible():
            # After the event: the rows just added are shown, and measured, only then.
            QTimer.singleShot(0, lambda: fit_height(window))

    def _add_edit(self, name: str, *, focus: bool = False) -> None:
        edit = QLineEdit(name)
        depth = len(self.edits) + 1
        edit.setObjectName(f"level{depth}")
        edit.setAccessibleName(f"Level {depth} name")
        edit.textEdited.connect(lambda _text: self._match_preset())
        self.form.insertRow(self.form.rowCount(), f"Level {depth}:", edit)
        self.edits.append(edit)
        self.remove_button.setEnabled(True)
        if focus:
            edit.show()  # a widget added to a showing form is shown later; focus needs it now
            edit.setFocus()
            self._match_preset()
            self._fit()

    def _drop_last(self) -> None:
        self.form.removeRow(self.form.rowCount() - 1)
        self.edits.pop()
        self.remove_button.setEnabled(bool(self.edits))

    def _remove_last(self) -> None:
        if self.edits:
            self._drop_last()
            self._match_preset()
            self._fit()
            (self.edits[-1] if self.edits else self.add_button).setFocus()

    def _preset_chosen(self, index: int) -> None:
        if 0 <= index < len(LEVEL_PRESETS):
            self.set_levels(LEVEL_PRESETS[index])

    def _match_preset(self) -> None:
        """Show the preset the names are, or "Names of your own"."""
        levels = self.levels()
        index = next((n for n, p in enumerate(LEVEL_PRESETS) if p == levels), len(LEVEL_PRESETS))
        self.preset.blockSignals(True)
        self.preset.setCurrentIndex(index)
        self.preset.blockSignals(False)
