"""Two people editing one value: what the window last saw of it, and how a clash is worded.

An edit made in the window says what it was made on (:class:`Seen`: the value as read, and
the row's version where the window has it). The service compares that with what the row
holds when it writes: the same version, or a different version but the same value in this
field (someone changed another field of the row), is no conflict; anything else raises
``ConflictError`` naming who changed it and when, and nothing is written.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from app.core.dates import format_date
from app.core.errors import ConflictError


@dataclass
class Seen:
    """What the window showed when the edit was made. Mutable on purpose: keeping one's own
    value after a conflict moves the expectation on to theirs, and the same edit is tried
    again with it (so a third person's change in the meantime is caught too)."""

    value: Any
    version: int | None = None
    name: str | None = None  # the row as the window named it ("2.3"), should it be gone

    def rebase(self, theirs: Any) -> None:
        self.value = theirs
        self.version = None


def when(at: dt.datetime | None, today: dt.date | None = None) -> str:
    """ "at 10:42" today, "at 10:42 on 26 November 2026" on another day, in local time."""
    if at is None:
        return "since you read it"
    local = at.astimezone()
    if today is not None and local.date() == today:
        return f"at {local:%H:%M}"
    return f"at {local:%H:%M} on {format_date(local.date())}"


def sentence(
    user: str,
    what: str,
    at: dt.datetime | None,
    today: dt.date | None = None,
    did: str = "changed",
) -> str:
    """The conflict as a message: "Priya Shah changed the title of 2.3 at 10:42." (or
    "moved 2.3", "deleted 2.3": ``did``)."""
    return f"{user} {did} {what} {when(at, today)}."


def question(error: ConflictError, today: dt.date) -> str:
    """What the window asks: "Priya Shah changed the title of 2.3 at 10:42 — keep yours or
    keep theirs?"."""
    said = f"{error.user} {error.did} {error.what} {when(error.at, today)}"
    return f"{said} — keep yours or keep theirs?"
