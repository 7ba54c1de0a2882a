"""An import's accepted changes as one undoable step, and the proposal they come from."""

from __future__ import annotations

from typing import Any

from app.imports.apply import apply_import, undo_import
from app.imports.proposal import FieldChange, Proposal, propose_in
from app.imports.source import Source
from app.read.imports import saved_mapping_in
from app.services.context import Change
from ui.commands.runner import Runner


class ImportCommands:
    def __init__(self, run: Runner) -> None:
        self.run = run
        self.db = run.db

    def propose(
        self,
        source: Source,
        period_id: int,
        answers: dict[str, str],
        choices: dict[str, int] | None = None,
    ) -> Proposal:
        """Raises TrackerError: the wizard shows it where the user is looking."""
        programme = self.run.scope.programme_id
        assert programme is not None
        return propose_in(self.db, programme, period_id, source, answers, choices)

    def kept(self, headers: list[str]) -> dict[str, Any] | None:
        """How a sheet with this header row was read last time, kept with the programme."""
        programme = self.run.scope.programme_id
        assert programme is not None
        return saved_mapping_in(self.db, programme, headers)

    def apply(
        self,
        proposal: Proposal,
        accepted: list[FieldChange],
        remember: tuple[list[str], dict[str, Any]] | None = None,
    ) -> bool:
        """All accepted changes, and how the sheet was read, as one step of Edit ▸ Undo."""
        first = self.run.guard(lambda: apply_import(self.db, proposal, accepted, remember))

        def apply(_change: Change, _undoing: bool) -> None:
            self.run.treeReplaced.emit()  # new items, perhaps many: the tree is read again

        return self.run.push(
            f"Import {proposal.source} ({len(accepted)} changes)",
            first,
            redo=lambda _last: apply_import(self.db, proposal, accepted, remember),
            undo=lambda last: undo_import(self.db, last),
            apply=apply,
        )
