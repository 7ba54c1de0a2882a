"""A group of the indicators table: its name, its category (LAA, national or local
indicators, as the quarterly report groups them) and the group it sits in."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.read.kpi_setup import GroupRow, GroupSpec
from ui.commands.kpi_setup import KpiSetupCommands
from ui.dialogs.indicator_editor import group_paths

CATEGORIES = (
    ("None", None),
    ("LAA indicators (Local Area Agreement)", "laa"),
    ("National indicators", "national"),
    ("Local indicators", "local"),
)
TOP = "Nothing (a group at the top of the table)"


def _inside(groups: list[GroupRow], group_id: int) -> set[int]:
    """The group and every group under it: where it cannot be moved."""
    found = {group_id}
    for group in groups:  # in table order, so a parent comes before its children
        if group.parent_id in found:
            found.add(group.id)
    return found


class GroupEditor(QDialog):
    def __init__(
        self,
        setup: KpiSetupCommands,
        group_id: int | None = None,
        parent_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """A new group (inside ``parent_id``) when ``group_id`` is None."""
        super().__init__(parent)
        self.setup = setup
        self.group_id = group_id
        self.saved_id: int | None = None
        groups = setup.groups()
        current = next((g for g in groups if g.id == group_id), None)
        # as read: what a save is made on (another person's change since is asked about)
        self.shown = (current.name, current.category, current.parent_id) if current else None
        self.setObjectName("groupEditor")
        self.setWindowTitle(f"Edit group – {current.name}" if current else "Add group")
        self.resize(480, 0)
        self.name = QLineEdit(current.name if current else "")
        self.name.setObjectName("groupNameEdit")
        self.name.setPlaceholderText("e.g. LAA Indicators")
        self.category = QComboBox()
        self.category.setObjectName("categoryBox")
        for text, value in CATEGORIES:
            self.category.addItem(text, value)
        self.category.setCurrentIndex(
            max(0, self.category.findData(current.category if current else None))
        )
        self.inside = QComboBox()
        self.inside.setObjectName("parentBox")
        self.inside.addItem(TOP, None)
        barred = _inside(groups, group_id) if group_id is not None else set()
        for group_key, path in group_paths(groups).items():
            if group_key not in barred:
                self.inside.addItem(path, group_key)
        self.inside.setCurrentIndex(
            max(0, self.inside.findData(current.parent_id if current else parent_id))
        )
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for text, field in (
            ("&Name:", self.name),
            ("&Category:", self.category),
            ("&Inside:", self.inside),
        ):
            label = QLabel(text)
            label.setBuddy(field)
            form.addRow(label, field)
        self.error = QLabel()
        self.error.setObjectName("groupError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #8A1020;")
        self.error.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText("&Add" if current is None else "&Save")
        self.save_button.setObjectName("saveGroup")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        setup.run.errorRaised.connect(self._show_error)
        self.name.setFocus()
        self.name.selectAll()

    def spec(self) -> GroupSpec:
        return GroupSpec(self.name.text(), self.category.currentData(), self.inside.currentData())

    def accept(self) -> None:
        self.error.hide()
        if self.group_id is None:
            self.saved_id = self.setup.add_group(self.spec())
            saved = self.saved_id is not None
        else:
            saved = self.setup.edit_group(self.group_id, self.spec(), self.shown)
        if saved:
            super().accept()

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    def done(self, result: int) -> None:
        self.setup.run.errorRaised.disconnect(self._show_error)
        super().done(result)
