"""Undoable edits of the People list: add, rename, role and e-mail, delete, merge.

A person's name is shown on every item they hold, so each step tells the window that what
it shows may have changed (``settingsChanged``: the tree and the detail pane re-read it;
``indicatorsChanged``: so does the Indicators tab).
"""

from __future__ import annotations

from app.core.conflicts import Seen
from app.core.errors import ConflictError, TrackerError
from app.core.labels import shorten
from app.services import people
from app.services.context import Change
from app.services.people import NameTakenError
from ui.commands.runner import Runner

FIELD_WORDS = {"name": "Rename", "role": "Edit role of", "email": "Edit e-mail address of"}


class PeopleCommands:
    def __init__(self, run: Runner) -> None:
        self.run = run
        self.db = run.db
        # The last rename refused because someone else has the name: the dialog offers to
        # merge the two instead.
        self.taken: NameTakenError | None = None

    def _changed(self, _change: Change, _undoing: bool) -> None:
        self.run.settingsChanged.emit()
        self.run.indicatorsChanged.emit()

    def add_person(
        self, name: str, role: str | None = None, email: str | None = None
    ) -> int | None:
        """The new person's id, or None when refused (the reason is signalled)."""
        first = self.run.guard(lambda: people.add_person(self.db, name, role=role, email=email))
        if first is None:
            return None
        person_id = first.ids[0]
        self.run.push(
            f"Add “{shorten(first.new['name'], 40)}”",
            first,
            redo=lambda last: people.restore_person(self.db, last.old),
            undo=lambda _last: people.delete_person(self.db, person_id),
            apply=self._changed,
        )
        return person_id

    def edit_person(
        self, person_id: int, field: str, value: str | None, name: str, seen: Seen | None = None
    ) -> bool:
        """``name`` is the person's name now, for the step's text in Edit ▸ Undo; ``seen`` the
        field as the dialog showed it (another person's change since is asked about)."""
        self.taken = None

        def setter(v: str | None, expected: Seen | None) -> Change:
            return people.edit_person(self.db, person_id, field, v, seen=expected)

        try:
            first = setter(value, seen)
        except NameTakenError as error:
            self.taken = error
            self.run.errorRaised.emit(str(error))
            return False
        except ConflictError:
            done = self.run.checked(lambda: setter(value, seen))
            if done is None:
                return False
            first = done
        except TrackerError as error:
            self.run.errorRaised.emit(str(error))
            return False
        if first.old == first.new:
            return True
        return self.run.push_checked(
            f"{FIELD_WORDS[field]} “{shorten(name, 40)}”",
            first,
            redo=lambda _last: lambda: setter(first.new, Seen(first.old)),
            undo=lambda _last: lambda: setter(first.old, Seen(first.new)),
            apply=self._changed,
        )

    def delete_person(self, person_id: int, name: str) -> bool:
        return self.run.perform(
            f"Delete “{shorten(name, 40)}”",
            lambda: people.delete_person(self.db, person_id),
            lambda _last: people.delete_person(self.db, person_id),
            lambda last: people.restore_person(self.db, last.old),
            self._changed,
        )

    def merge(
        self, keep_id: int, merge_ids: list[int], names: dict[int, str] | None = None
    ) -> bool:
        """One step: everything of ``merge_ids`` goes to ``keep_id``; undo parts them again.
        ``names`` are the people's names by id as the dialog showed them: merging someone
        another person has renamed since is asked about first."""
        seen = Seen(dict(names)) if names is not None else None
        first = self.run.checked(
            lambda: people.merge_people(self.db, keep_id, merge_ids, seen=seen)
        )
        if first is None:
            return False
        others = len(first.ids) - 1
        return self.run.push(
            f"Merge {others + 1} people into “{shorten(first.new, 40)}”",
            first,
            redo=lambda _last: people.merge_people(self.db, keep_id, list(first.ids[1:])),
            undo=lambda last: people.unmerge_people(self.db, last.old),
            apply=self._changed,
        )
