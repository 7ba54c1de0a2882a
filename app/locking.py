"""A lock file beside the programme file says who is editing it and since when.

SQLite's own locks protect each transaction, but not a person's editing session: two managers
with the same file open would overwrite each other's judgements turn by turn. The second one to
open it is told who has it and gets it read-only. A lock file (rather than a row in the
database) works on mapped network drives, needs no write to the database, and can be read by a
person ("x.ptdb.lock" is plain JSON).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import socket
from dataclasses import asdict, dataclass
from pathlib import Path

from app.dates import format_date_time


@dataclass(frozen=True)
class LockInfo:
    user: str
    host: str
    pid: int
    since: str  # ISO 8601, local time with offset

    def describe(self) -> str:
        since = dt.datetime.fromisoformat(self.since)
        return f"{self.user} on {self.host} since {format_date_time(since)}"


def lock_path(database: Path) -> Path:
    return database.with_name(database.name + ".lock")


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return False
    return True


def _read(path: Path) -> LockInfo | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return LockInfo(str(data["user"]), str(data["host"]), int(data["pid"]), str(data["since"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


class FileLock:
    """Held for as long as a file is open for editing."""

    def __init__(self, database: Path, user: str) -> None:
        self.path = lock_path(database)
        self.info = LockInfo(
            user=user,
            host=socket.gethostname(),
            pid=os.getpid(),
            since=dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        )
        self.held = False

    def acquire(self) -> LockInfo | None:
        """Take the lock. Returns ``None`` on success, or who holds it.

        A lock left by a crashed process on this machine is taken over; one from another machine
        cannot be checked and is believed.
        """
        for _attempt in range(2):
            try:
                fd = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
            except FileExistsError:
                holder = _read(self.path)
                stale = holder is None or (
                    holder.host == self.info.host and not _pid_alive(holder.pid)
                )
                if stale:
                    self.path.unlink(missing_ok=True)
                    continue
                return holder
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(asdict(self.info), handle)
                handle.flush()
                os.fsync(handle.fileno())
            self.held = True
            return None
        return _read(self.path)

    def release(self) -> None:
        if not self.held:
            return
        self.held = False
        if _read(self.path) == self.info:
            self.path.unlink(missing_ok=True)
