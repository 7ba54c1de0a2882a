"""The window's seam with app: reads, and every edit as an undoable command.

One ``Runner`` per open file runs services and pushes undo steps; each area's commands
(items, progress, settings, KPIs, packs) receive it, and a view receives only the areas
it edits. ``Commands.for_file`` builds the set the main window hands out.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtGui import QUndoStack

from app.store.database import Database
from ui.commands.documents import DocumentCommands
from ui.commands.imports import ImportCommands
from ui.commands.items import ItemCommands
from ui.commands.kpis import KpiCommands
from ui.commands.packs import PackCommands
from ui.commands.programmes import ProgrammeCommands
from ui.commands.progress import ProgressCommands
from ui.commands.reads import Reads
from ui.commands.runner import Runner
from ui.commands.settings import SettingsCommands
from ui.tree.model import ItemTreeModel


@dataclass(frozen=True)
class Commands:
    run: Runner
    reads: Reads
    items: ItemCommands
    progress: ProgressCommands
    settings: SettingsCommands
    kpis: KpiCommands
    packs: PackCommands
    imports: ImportCommands
    documents: DocumentCommands
    programmes: ProgrammeCommands

    @classmethod
    def for_file(cls, db: Database, model: ItemTreeModel, stack: QUndoStack) -> Commands:
        run = Runner(db, stack)
        reads = Reads(run)
        items = ItemCommands(run, reads, model)
        progress = ProgressCommands(run, items)

        def edit_from_view(item_id: int, field: str, value: Any) -> bool:
            if field == "judgement":
                return progress.set_judgement([item_id], value)
            return items.edit_field(item_id, field, value)

        model.editor = edit_from_view
        model.mover = items.move_item
        return cls(
            run,
            reads,
            items,
            progress,
            SettingsCommands(run),
            KpiCommands(run),
            PackCommands(run, items),
            ImportCommands(run),
            DocumentCommands(run),
            ProgrammeCommands(run),
        )
