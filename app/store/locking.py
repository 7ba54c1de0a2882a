"""A lock file beside the programme file says who is editing it and since when.

SQLite's own locks protect each transaction, but not a person's editing session: two managers
with the same file open would overwrite each other's judgements turn by turn. The second one to
open it is told who has it and gets it read-only. A lock file (rather than a row in the
database) works on mapped network drives, needs no write to the database, and can be read by a
person ("x.ptdb.lock" is plain JSON).

Taking the lock must be atomic, or two people opening at the same moment both become editors:

* the lock appears whole or not at all: its content is written (and synced) to a private
  temporary file first, which is then hard-linked to the lock's name; ``link`` fails if the
  name exists, so exactly one opener wins, and nobody ever sees an empty lock of ours. Where
  the filesystem has no hard links, ``O_EXCL`` creation is the fallback, and an empty lock
  younger than :data:`EMPTY_LOCK_GRACE` seconds is taken to be one being written;
* a stale lock (its process is gone, or it was left half-written long ago) is removed only
  while holding a second, short-lived "breaker" lock, and only after reading it again under
  that breaker, so two openers can never both remove and replace it.

This module imports nothing else from ``app`` at import time: the lock race test starts many
processes that need only this code.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import socket
import time
import uuid
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

# An empty or unreadable lock younger than this is being written by someone: believe it.
EMPTY_LOCK_GRACE = 5.0
# A breaker lock older than this was left by a process that died while breaking a lock.
BREAKER_STALE = 10.0


@dataclass(frozen=True)
class LockInfo:
    user: str
    host: str
    pid: int
    since: str  # ISO 8601, local time with offset

    def since_text(self) -> str:
        """The time as a person reads it; a lock written by hand or by another tool may hold
        anything, and that must never stop the file from opening."""
        from app.core.dates import format_date_time

        try:
            return format_date_time(dt.datetime.fromisoformat(self.since))
        except ValueError:
            return f"“{self.since[:40]}”"

    def describe(self) -> str:
        return f"{self.user} on {self.host} since {self.since_text()}"

    def is_this_machine(self) -> bool:
        return self.host == socket.gethostname()


def lock_path(database: Path) -> Path:
    return database.with_name(database.name + ".lock")


def _pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except (OSError, OverflowError):
        return False
    return True


def _parse(data: bytes) -> LockInfo | None:
    try:
        fields = json.loads(data.decode("utf-8"))
        return LockInfo(
            str(fields["user"]), str(fields["host"]), int(fields["pid"]), str(fields["since"])
        )
    except (ValueError, KeyError, TypeError, AttributeError, UnicodeDecodeError):
        return None


def _read_bytes(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


def read_lock(path: Path) -> LockInfo | None:
    """Who a lock file names, or ``None`` if it is missing, empty or unreadable."""
    try:
        data = _read_bytes(path)
    except OSError:
        return None
    return None if data is None else _parse(data)


def _age(path: Path) -> float | None:
    try:
        return time.time() - path.stat().st_mtime
    except FileNotFoundError:
        return None


def _create_whole(path: Path, data: bytes) -> bool:
    """Create ``path`` holding ``data`` if it does not exist, atomically. True if we did."""
    temporary = path.with_name(f"{path.name}.{os.getpid()}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        _write_exclusive(temporary, data)
        try:
            os.link(temporary, path)
            return True
        except FileExistsError:
            return False
        except OSError:
            pass  # no hard links here (some network or FAT drives): fall back to O_EXCL
    finally:
        with contextlib.suppress(OSError):
            temporary.unlink()
    try:
        _write_exclusive(path, data)
    except FileExistsError:
        return False
    return True


def _write_exclusive(path: Path, data: bytes) -> None:
    """Create ``path`` holding ``data``, synced; on failure (a full disk) leave nothing."""
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
    try:
        os.write(fd, data)
        os.fsync(fd)
    except BaseException:
        os.close(fd)
        with contextlib.suppress(OSError):
            path.unlink()
        raise
    os.close(fd)


@contextlib.contextmanager
def _breaker(path: Path) -> Iterator[bool]:
    """A short-lived lock that whoever removes a stale lock must hold. Yields False when
    someone else is breaking it right now (try again shortly)."""
    breaker = path.with_name(path.name + ".break")
    mine = f"{socket.gethostname()} {os.getpid()} {uuid.uuid4().hex}".encode()
    held = _create_whole(breaker, mine)
    if not held:
        age = _age(breaker)
        if age is not None and age > BREAKER_STALE:
            with contextlib.suppress(OSError):
                breaker.unlink()
        yield False
        return
    try:
        yield True
    finally:
        if _read_bytes(breaker) == mine:
            with contextlib.suppress(OSError):
                breaker.unlink()


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
        self._content = json.dumps(asdict(self.info)).encode("utf-8")

    def _stale(self, data: bytes | None) -> bool:
        """Whether the lock holding ``data`` may be removed: its process is gone, or it is
        empty or unreadable and has been for longer than anyone takes to write one."""
        if data is None:
            return False
        holder = _parse(data)
        if holder is None:
            age = _age(self.path)
            return age is not None and age > EMPTY_LOCK_GRACE
        return holder.is_this_machine() and not _pid_alive(holder.pid)

    def acquire(self, *, take_over: LockInfo | None = None) -> LockInfo | None:
        """Take the lock. Returns ``None`` on success, or who holds it.

        A lock left by a crashed process on this machine is taken over; one from another
        machine cannot be checked and is believed, unless the user has seen it and asked to
        take it over (``take_over`` names the holder they were shown: if someone else has
        taken the lock since, theirs is not removed). Raises OSError when the lock cannot be
        written (read-only or full disk); nothing is left behind then.
        """
        deadline = time.monotonic() + 2.0
        while True:
            if _create_whole(self.path, self._content):
                self.held = True
                return None
            data = _read_bytes(self.path)
            if data is None:
                continue  # removed between our attempt and our look: try again
            holder = _parse(data)
            breakable = self._stale(data) or (take_over is not None and holder == take_over)
            if not breakable:
                return holder if holder is not None else self._unreadable_holder()
            with _breaker(self.path) as breaking:
                if breaking and _read_bytes(self.path) == data:
                    with contextlib.suppress(FileNotFoundError):
                        self.path.unlink()
            if time.monotonic() > deadline:
                return read_lock(self.path) or self._unreadable_holder()
            if not breaking:
                time.sleep(0.01)

    def _unreadable_holder(self) -> LockInfo:
        """Someone is writing a lock right now (or a tool left an unreadable one)."""
        try:
            stamp = dt.datetime.fromtimestamp(self.path.stat().st_mtime).astimezone()
        except OSError:
            stamp = dt.datetime.now().astimezone()
        return LockInfo("someone", "an unknown computer", 0, stamp.isoformat(timespec="seconds"))

    def release(self) -> None:
        if not self.held:
            return
        self.held = False
        if _read_bytes(self.path) == self._content:
            with contextlib.suppress(OSError):
                self.path.unlink()
