"""Typed errors whose message is written for the person using the application.

Every failure that a user can cause (bad input, a bad file, a frozen period) is raised as one of
these, so the UI can show ``str(error)`` as it is and tests can assert the exact wording.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import datetime as dt


class TrackerError(Exception):
    """Base class: the message is complete, British English, and names what is wrong."""


class ValidationError(TrackerError):
    """Input refused by a service function; nothing was written."""


class NotFoundError(TrackerError):
    """Something the caller named no longer exists (deleted by another operation, or a typo)."""


class PeriodPublishedError(ValidationError):
    """The period is published (frozen) so that its report can always be reproduced."""


class AmbiguousNameError(TrackerError):
    """A name given on the command line matched several things; the message lists them."""

    def __init__(self, message: str, candidates: list[str]) -> None:
        super().__init__(message)
        self.candidates = candidates


class FileError(TrackerError):
    """A problem with a ``.ptdb`` file as a whole. The file has not been written."""

    def __init__(self, path: Path | str, message: str) -> None:
        super().__init__(message)
        self.path = Path(path)


class NotATrackerFileError(FileError):
    """Not an SQLite file at all, or an SQLite file that some other program made."""


class CorruptFileError(FileError):
    """Truncated or damaged: SQLite's own checks fail."""


class NewerFileError(FileError):
    """Saved by a newer version of Programme Tracker, whose schema this version cannot read."""


class ReadOnlyError(FileError):
    """A write was attempted on a file opened read-only."""


class FileBusyError(FileError):
    """Another program held the file's write lock for longer than we are prepared to wait."""


class ServerError(TrackerError):
    """A problem with a programme held on a PostgreSQL server (unreachable, refused, not ours).

    ``url`` is where it is, without its password."""

    def __init__(self, url: str, message: str) -> None:
        super().__init__(message)
        self.url = url


class ConflictError(TrackerError):
    """Someone else changed the value being edited since the window read it; nothing was
    written. The window asks whose value to keep (``app.core.conflicts.question``).

    ``user`` and ``at`` (aware, UTC) come from the change log's last entry for the value;
    ``what`` names it ("the title of 2.3"); ``theirs`` is the value it holds now; ``seen`` is
    the expectation that failed, which keeping one's own value moves on to ``theirs``
    (``Seen.rebase``) before the edit is tried again; ``item_id`` and ``indicator_id`` say
    what the window re-reads when theirs is kept. ``did`` is the verb ("changed", "moved",
    "deleted"); ``gone`` says the row is no longer there, so there is nothing to keep of
    one's own: the window says so and re-reads."""

    def __init__(
        self,
        message: str,
        *,
        user: str,
        at: dt.datetime | None,
        what: str,
        theirs: Any,
        seen: Any,
        item_id: int | None = None,
        indicator_id: int | None = None,
        did: str = "changed",
        gone: bool = False,
    ) -> None:
        super().__init__(message)
        self.did = did
        self.gone = gone
        self.user = user
        self.at = at
        self.what = what
        self.theirs = theirs
        self.seen = seen
        self.item_id = item_id
        self.indicator_id = indicator_id


class PermissionRefusedError(ServerError):
    """The server refused a write its login may not make (a service lead's change to another
    person's item, or to anything but a judgement, narrative or milestone status). Nothing
    was saved; the message names who was refused and what."""


class LoginRefusedError(ServerError):
    """The server refused the login's password (or wanted one and was given none): the
    window forgets a password its keyring kept for it, and asks."""
