"""Opening, creating and writing a ``.ptdb`` file: the only place that talks to SQLite directly.

Decisions (the reasons are in docs/ARCHITECTURE.md):

* rollback journal (``journal_mode=DELETE``), not WAL: WAL needs shared memory between every
  process using the file and SQLite says it does not work over a network filesystem; council
  laptops keep files on mapped drives;
* ``synchronous=FULL``: a committed edit survives a crash or power cut;
* ``BEGIN IMMEDIATE`` for writes, so two writers queue instead of deadlocking;
* foreign keys on for every connection; off only while Alembic rebuilds tables;
* every problem with the file is checked read-only *before* anything could write to it.
"""

from __future__ import annotations

import contextlib
import errno
import getpass
import os
import socket
import sqlite3
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, cast

from sqlalchemy import Engine, create_engine, event, exc, func, pool, select
from sqlalchemy.orm import Session

from app import migrate
from app.errors import (
    CorruptFileError,
    FileBusyError,
    FileError,
    NewerFileError,
    NotATrackerFileError,
    ReadOnlyError,
    TrackerError,
    ValidationError,
)
from app.filecheck import APPLICATION_ID, describe, read_header, sqlite_uri
from app.locking import FileLock, LockInfo
from app.recovery import has_hot_journal, in_wal_mode, recover_journal, wal_note
from app.schemes import SHIPPED_SCHEMES

JOURNAL_MODE = "DELETE"
SYNCHRONOUS = "FULL"
BUSY_TIMEOUT_SECONDS = 5.0
# How long a write or read waits quietly before the window is told (``Database.on_wait``).
QUIET_WAIT_SECONDS = 0.25
FILE_SUFFIX = ".ptdb"
APP_VERSION = "0.1.0"


def current_user() -> str:
    """Who the change log says made a change: ``PROGRAMME_TRACKER_USER`` or the login name.

    Either can hold anything (an undecodable byte becomes a lone surrogate in Python), and a
    name that cannot be stored would make every edit fail: such a name is "unknown".
    """
    from app.validation import NAME_LIMIT, clean_text

    name = os.environ.get("PROGRAMME_TRACKER_USER")
    if not name:
        try:
            name = getpass.getuser()
        except (OSError, KeyError):
            return "unknown"
    try:
        return clean_text(name, "User name", limit=NAME_LIMIT) or "unknown"
    except ValidationError:
        return "unknown"


def _uri(path: Path, mode: str) -> str:
    return sqlite_uri(path.resolve(), mode)


class Waiter:
    """Who to tell when a transaction has to wait for another program's lock (the window
    shows a busy cursor and says why, instead of freezing without a sign)."""

    def __init__(self) -> None:
        self.callback: Callable[[bool], None] | None = None


def _make_engine(
    path: Path, mode: str, *, foreign_keys: bool = True, waiter: Waiter | None = None
) -> Engine:
    uri = _uri(path, mode)

    def connect() -> sqlite3.Connection:
        # isolation_level=None: the driver never opens transactions behind our back; the
        # "begin" listener below issues BEGIN itself, as SQLAlchemy's SQLite docs advise.
        return sqlite3.connect(
            uri,
            uri=True,
            isolation_level=None,
            check_same_thread=False,
            timeout=BUSY_TIMEOUT_SECONDS,
        )

    engine = create_engine(
        "sqlite://", creator=connect, poolclass=pool.QueuePool, pool_size=2, max_overflow=4
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA foreign_keys = {'ON' if foreign_keys else 'OFF'}")
        cursor.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_SECONDS * 1000)}")
        if mode == "ro":
            cursor.execute("PRAGMA query_only = ON")
        else:
            # Setting the journal mode reads the file (and waits for its lock): only needed
            # when another program left the file in WAL mode; DELETE is SQLite's default.
            # PRAGMA synchronous reads the schema, so it too may wait for another program.
            pragmas = [f"PRAGMA synchronous = {SYNCHRONOUS}"]
            if in_wal_mode(path):
                pragmas.insert(0, f"PRAGMA journal_mode = {JOURNAL_MODE}")
            try:
                _patiently(dbapi_connection, pragmas, waiter)
            except sqlite3.Error as error:
                raise exc.OperationalError("PRAGMA synchronous", None, error) from error
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        kind = connection.get_execution_options().get("begin", "DEFERRED")
        raw = connection.connection.driver_connection
        try:
            if kind == "IMMEDIATE":
                _patiently(raw, ["BEGIN IMMEDIATE"], waiter)
            else:
                # A read takes its shared lock at its first statement: take it here, where
                # waiting can be told, rather than somewhere in the caller's query.
                raw.execute(f"BEGIN {kind}")
                _patiently(raw, ["SELECT 1 FROM sqlite_schema LIMIT 1"], waiter)
        except sqlite3.Error as error:
            raise exc.OperationalError(f"BEGIN {kind}", None, error) from error

    return engine


def _patiently(raw: sqlite3.Connection, statements: list[str], waiter: Waiter | None) -> None:
    """Run statements that may wait for another program's lock. With someone to tell, wait in
    short steps and call ``callback(True)`` after a quarter of a second, ``callback(False)``
    when done; after BUSY_TIMEOUT_SECONDS the busy error goes to the caller as usual."""
    callback = waiter.callback if waiter is not None else None
    if callback is None:
        for statement in statements:
            raw.execute(statement).fetchall()
        return
    deadline = time.monotonic() + BUSY_TIMEOUT_SECONDS
    waiting = False
    raw.execute(f"PRAGMA busy_timeout = {int(QUIET_WAIT_SECONDS * 1000)}")
    try:
        for statement in statements:
            while True:
                try:
                    raw.execute(statement).fetchall()
                    break
                except sqlite3.OperationalError as error:
                    if sqlite_code(error) not in (SQLITE_BUSY, SQLITE_LOCKED):
                        raise
                    if time.monotonic() > deadline:
                        raise
                    if not waiting:
                        waiting = True
                        callback(True)
    finally:
        raw.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_SECONDS * 1000)}")
        if waiting:
            callback(False)


# SQLite's primary result codes (sqlite3.Error.sqlite_errorcode & 0xFF): classified by code,
# never by the wording of the message, which changes between SQLite versions.
SQLITE_READONLY = 8
SQLITE_BUSY = 5
SQLITE_LOCKED = 6
SQLITE_IOERR = 10
SQLITE_CORRUPT = 11
SQLITE_FULL = 13
SQLITE_CANTOPEN = 14
SQLITE_CONSTRAINT = 19
SQLITE_NOTADB = 26


def sqlite_code(error: BaseException) -> int | None:
    """The primary result code of an SQLite error (wrapped by SQLAlchemy or not)."""
    original = getattr(error, "orig", error)
    code = getattr(original, "sqlite_errorcode", None)
    return None if code is None else int(code) & 0xFF


def _translate(path: Path, error: exc.DBAPIError, *, reading: bool = False) -> TrackerError:
    """Turn SQLite's terse errors into messages a user can act on."""
    text = str(error.orig)
    name = describe(path)
    code = sqlite_code(error)
    outcome = "It could not be read" if reading else "Your change was not saved"
    if isinstance(error, exc.IntegrityError) or code == SQLITE_CONSTRAINT:
        return ValidationError(
            f"That change conflicts with what is already in the file ({text}). Nothing was saved."
        )
    if code in (SQLITE_BUSY, SQLITE_LOCKED):
        return FileBusyError(
            path,
            f"{name} is busy: another program has been "
            f"{'changing' if reading else 'writing to'} it for more than "
            f"{BUSY_TIMEOUT_SECONDS:g} seconds. {outcome}; please try again.",
        )
    if code == SQLITE_READONLY:
        return ReadOnlyError(
            path, f"{name} cannot be written (it has become read-only). {outcome}."
        )
    if code == SQLITE_FULL:
        return FileError(path, f"The disk holding {name} is full. {outcome}.")
    if code in (SQLITE_CORRUPT, SQLITE_NOTADB):
        return CorruptFileError(path, f"{name} is damaged: SQLite reports “{text}”. {outcome}.")
    if reading:
        return FileError(path, f"{name} could not be read: SQLite reports “{text}”.")
    return FileError(path, f"{name} could not be written: SQLite reports “{text}”. {outcome}.")


def _os_problem(error: OSError, folder: Path) -> str:
    """Why a file could not be written, in words (errno, not message text)."""
    if error.errno == errno.ENOSPC:
        return "the disk is full"
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"you may not write to the folder {folder}"
    return (error.strerror or str(error)).lower()


# Files open in this process, read-only or not: none of them may be replaced under us.
_OPEN_HERE: dict[Path, int] = {}


def _claim_for_replacing(path: Path, user: str, verb: str) -> FileLock:
    """Take the lock of a file about to be written whole (new, or a copy saved over it).

    Refuses when the file is open in this process, or someone holds its lock: replacing a
    colleague's open programme would turn it into an empty or different file under them.
    """
    name = describe(path)
    if path.resolve() in _OPEN_HERE:
        raise FileError(
            path,
            f"{name} is open in Programme Tracker, so it cannot be {verb}; close it first. "
            "It has not been changed.",
        )
    lock = FileLock(path, user)
    try:
        holder = lock.acquire()
    except OSError as error:
        raise FileError(
            path, f"{name} cannot be {verb}: {_os_problem(error, path.parent)}."
        ) from error
    if holder is not None:
        raise FileError(
            path,
            f"{name} is open for editing by {holder.describe()}, so it cannot be {verb}. "
            "It has not been changed.",
        )
    return lock


def _check_target(path: Path, *, overwrite: bool, verb: str) -> None:
    name = describe(path)
    if path.is_dir():
        raise FileError(
            path, f"{name} is a folder, not a Programme Tracker file; it cannot be {verb}."
        )
    if not path.parent.is_dir():
        raise FileError(
            path, f"The folder {path.parent} does not exist, so {name} cannot be {verb}."
        )
    if path.exists() and not path.is_file():
        raise FileError(path, f"{name} is not an ordinary file, so it cannot be {verb}.")
    if path.exists() and not overwrite:
        raise FileError(path, f"{name} already exists.")


class Database:
    """An open programme file. Hand out one short session per operation, never a long one."""

    def __init__(
        self,
        path: Path,
        engine: Engine,
        *,
        user: str,
        read_only_reason: str | None,
        lock: FileLock | None,
        lock_holder: LockInfo | None,
        backup_path: Path | None,
        notes: tuple[str, ...] = (),
        waiter: Waiter | None = None,
    ) -> None:
        self.path = path
        self.user = user
        self.read_only_reason = read_only_reason
        self.lock_holder = lock_holder
        self.backup_path = backup_path
        # What was done to the file on opening (a crash recovered): shown once, never silent.
        self.notes = notes
        # Facts read once per open file and remembered (whether it is an update pack).
        self.memo: dict[str, object] = {}
        self._waiter = waiter or Waiter()
        self._engine = engine
        self._write_engine = engine.execution_options(begin="IMMEDIATE")
        self._lock = lock
        self._closed = False
        self._key = path.resolve()
        _OPEN_HERE[self._key] = _OPEN_HERE.get(self._key, 0) + 1

    # --- opening --------------------------------------------------------------------------

    @classmethod
    def create(
        cls, path: Path | str, *, user: str | None = None, overwrite: bool = False
    ) -> Database:
        """Create a new, empty programme file with the shipped symbol schemes.

        Built under a temporary name and renamed into place, so a failure never leaves a
        half-made file under the user's chosen name; the name's lock is taken first, so a file
        someone has open is never replaced.
        """
        path = Path(path)
        user = user or current_user()
        verb = "replaced" if path.exists() else "created"
        _check_target(path, overwrite=overwrite, verb=verb)
        lock = _claim_for_replacing(path, user, verb)
        try:
            create_file(path)
            return cls.open(path, user=user, _lock=lock)
        except BaseException:
            lock.release()
            raise

    @classmethod
    def open(
        cls,
        path: Path | str,
        *,
        user: str | None = None,
        read_only: bool = False,
        take_over: LockInfo | None = None,
        _lock: FileLock | None = None,
    ) -> Database:
        """Open a file for editing (or read-only, as asked or when someone else has it).

        ``take_over`` names a lock holder the user was shown and chose to take over (a lock
        left by a laptop that crashed): that lock is replaced by ours and the take-over is
        recorded in the change log.
        """
        path = Path(path)
        user = user or current_user()
        name = describe(path)
        _check_is_a_file(path)
        notes: list[str] = []
        recovered = recover_journal(path)
        if recovered is not None:
            notes.append(recovered.note)
        revision = _inspect(path)
        needs_upgrade = revision != migrate.head_revision()

        reason: str | None = None
        lock: FileLock | None = _lock
        holder: LockInfo | None = None
        if lock is not None:
            pass  # created just now under this lock
        elif read_only:
            reason = f"{name} was opened read-only, as asked"
        elif _marked_read_only(path):
            reason = f"{name} is read-only: its file permissions do not allow changes"
        elif not os.access(path.parent, os.W_OK):
            reason = f"the folder holding {name} is read-only, so changes to it cannot be saved"
        else:
            lock = FileLock(path, user)
            try:
                holder = lock.acquire(take_over=take_over)
            except OSError as error:
                reason = f"{name} cannot be locked for editing ({_os_problem(error, path.parent)})"
                lock = None
            if holder is not None:
                reason = f"{name} is being edited by {holder.describe()}"
                lock = None

        backup: Path | None = None
        try:
            if needs_upgrade:
                if reason is not None:
                    # Read-only by request (the command line's list, summary and export):
                    # say how to upgrade it, which only an open for editing does.
                    advice = (
                        " Open it once in the window to upgrade it (a copy of it as it is now "
                        "is kept beside it)."
                        if read_only and _lock is None
                        else ""
                    )
                    raise FileError(
                        path,
                        f"{name} was made by an older version of Programme Tracker "
                        f"and must be upgraded before it can be opened, but {reason}."
                        f" It has not been changed.{advice}",
                    )
                backup = migrate.backup_before_upgrade(path, revision)
                _upgrade(path)
            _check_schema(path)
            if reason is None and in_wal_mode(path):
                notes.append(wal_note(path).note)
        except BaseException:
            if lock is not None:
                lock.release()
            raise
        waiter = Waiter()
        engine = _make_engine(path, "ro" if reason else "rw", waiter=waiter)
        db = cls(
            path,
            engine,
            user=user,
            read_only_reason=reason,
            lock=lock,
            lock_holder=holder,
            backup_path=backup,
            notes=tuple(notes),
            waiter=waiter,
        )
        if take_over is not None and lock is not None:
            db._record_take_over(take_over)
        return db

    def _record_take_over(self, holder: LockInfo) -> None:
        """The change log says who took the file from whom, and when (plain SQL: a pack's
        scope rules are about its contents, not about who may open it)."""
        import datetime as dt

        from app.models import ChangeLogEntry

        with self.transaction() as session:
            last = session.scalar(select(func.max(ChangeLogEntry.batch)))
            session.add(
                ChangeLogEntry(
                    batch=(last or 0) + 1,
                    at=dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds"),
                    user=self.user,
                    operation="take over file",
                    programme_id=None,
                    entity="file",
                    entity_id=None,
                    field="editor",
                    old_value=holder.describe(),
                    new_value=f"{self.user} on {socket.gethostname()}",
                )
            )

    @property
    def on_wait(self) -> Callable[[bool], None] | None:
        """Called with True when a read or write has to wait for another program's lock, and
        with False when it goes on: the window shows it is waiting instead of freezing."""
        return self._waiter.callback

    @on_wait.setter
    def on_wait(self, callback: Callable[[bool], None] | None) -> None:
        self._waiter.callback = callback

    @property
    def read_only(self) -> bool:
        return self.read_only_reason is not None

    # --- sessions -------------------------------------------------------------------------

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Session]:
        """A write: committed (durably) when the block ends, rolled back if it raises."""
        if self.read_only:
            raise ReadOnlyError(self.path, f"Changes cannot be saved: {self.read_only_reason}.")
        session = Session(self._write_engine, expire_on_commit=False, autoflush=True)
        try:
            yield session
            session.commit()
        except exc.DBAPIError as error:
            session.rollback()
            raise _translate(self.path, error) from error
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    @contextlib.contextmanager
    def reader(self) -> Iterator[Session]:
        """A read: sees one consistent snapshot; never writes."""
        session = Session(self._engine, expire_on_commit=False, autoflush=False)
        try:
            yield session
        except exc.DBAPIError as error:
            raise _translate(self.path, error, reading=True) from error
        finally:
            session.close()  # ends the read transaction; loaded values stay readable

    # --- whole-file operations ------------------------------------------------------------

    def save_copy(self, target: Path | str) -> Path:
        """Copy the file with SQLite's backup API (consistent even mid-session).

        The copy is made beside the target under a temporary name, synced, and renamed into
        place; a target that is open anywhere (here or by a colleague) is never replaced.
        """
        target = Path(target)
        name = describe(target)
        if target.exists() and target.resolve() == self.path.resolve():
            raise FileError(target, "A copy cannot be saved over the file itself.")
        verb = "replaced" if target.exists() else "written"
        _check_target(target, overwrite=True, verb=verb)
        lock = _claim_for_replacing(target, self.user, verb)
        temporary = target.with_name(f".{target.name}.{os.getpid()}.saving")
        raw = self._engine.raw_connection()
        try:
            copy = sqlite3.connect(temporary, isolation_level=None)
            try:
                cast(sqlite3.Connection, raw.driver_connection).backup(copy)
                copy.execute("PRAGMA journal_mode = DELETE")
            finally:
                copy.close()
            _fsync_file(temporary)
            os.replace(temporary, target)
            _fsync_folder(target.parent)
        except (OSError, sqlite3.Error) as error:
            temporary.unlink(missing_ok=True)
            problem = (
                _os_problem(error, target.parent)
                if isinstance(error, OSError)
                else _sqlite_problem(error, target.parent)
            )
            raise FileError(target, f"{name} could not be written: {problem}.") from error
        finally:
            raw.close()
            lock.release()
        return target

    def integrity_check(self) -> str:
        raw = self._engine.raw_connection()
        try:
            driver = cast(sqlite3.Connection, raw.driver_connection)
            rows = driver.execute("PRAGMA integrity_check").fetchall()
        finally:
            raw.close()
        return "\n".join(str(row[0]) for row in rows)

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        count = _OPEN_HERE.get(self._key, 1) - 1
        if count:
            _OPEN_HERE[self._key] = count
        else:
            _OPEN_HERE.pop(self._key, None)
        self._engine.dispose()
        if self._lock is not None:
            self._lock.release()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


# --- helpers -----------------------------------------------------------------------------


def check_openable(path: Path) -> None:
    """The checks ``Database.open`` makes before it writes anything, raising the same errors,
    so the command line can refuse a bad file before the window starts. A file left with a
    hot journal by a crash passes: opening it rolls the journal back and says so."""
    _check_is_a_file(path)
    if not has_hot_journal(path):
        _inspect(path)


def _check_is_a_file(path: Path) -> None:
    name = describe(path)
    if not path.exists():
        raise FileError(path, f"{name} does not exist.")
    if path.is_dir():
        raise FileError(path, f"{name} is a folder, not a Programme Tracker file.")
    if not path.is_file():
        raise FileError(
            path, f"{name} is not an ordinary file, so it is not a Programme Tracker file."
        )


def _marked_read_only(path: Path) -> bool:
    """Read-only by permission, or marked read-only even for an administrator (who may still
    write it, but whose colleague marked it so for a reason)."""
    return not os.access(path, os.W_OK) or not path.stat().st_mode & 0o222


def _inspect(path: Path) -> str | None:
    """Check a file read-only and return its schema revision, or raise a typed error."""
    name = describe(path)
    header = read_header(path)
    try:
        probe = sqlite3.connect(_uri(path, "ro"), uri=True, timeout=BUSY_TIMEOUT_SECONDS)
    except sqlite3.Error as error:
        raise FileError(path, f"{name} cannot be opened: {error}.") from error
    try:
        tables = {
            row[0] for row in probe.execute("SELECT name FROM sqlite_schema WHERE type = 'table'")
        }
        if header.application_id != APPLICATION_ID or "alembic_version" not in tables:
            raise NotATrackerFileError(
                path,
                f"{name} is an SQLite database made by another "
                "program, not a Programme Tracker file.",
            )
        result = [row[0] for row in probe.execute("PRAGMA quick_check")]
        if result != ["ok"]:
            raise CorruptFileError(
                path,
                f"{name} is damaged: SQLite's check reports "
                f"“{result[0]}”. It has not been changed.",
            )
        row = probe.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError as error:
        if sqlite_code(error) in (SQLITE_BUSY, SQLITE_LOCKED):
            raise FileBusyError(
                path,
                f"{name} is busy: another program has been changing it for more than "
                f"{BUSY_TIMEOUT_SECONDS:g} seconds, so it could not be opened. Please try again.",
            ) from error
        raise CorruptFileError(
            path, f"{name} is damaged: SQLite reports “{error}”. It has not been changed."
        ) from error
    finally:
        probe.close()
    revision: str | None = row[0] if row else None
    if revision not in migrate.known_revisions():
        raise NewerFileError(
            path,
            f"{name} was saved by a newer version of Programme Tracker "
            f"(file format {revision}); this version ({APP_VERSION}) "
            f"reads formats up to {migrate.head_revision()}. It has not "
            "been changed: please open it with the newer version.",
        )
    return revision


def _upgrade(path: Path, target: str = "head") -> None:
    engine = _make_engine(path, "rw", foreign_keys=False)
    try:
        with engine.connect() as connection:
            connection = connection.execution_options(begin="IMMEDIATE")
            with connection.begin():
                migrate.upgrade(connection, target)
                problems = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if problems:
                    raise CorruptFileError(
                        path,
                        f"{describe(path)} could not be upgraded: "
                        f"{len(problems)} rows refer to missing rows.",
                    )
    finally:
        engine.dispose()


def create_file(path: Path, target: str = "head") -> None:
    """Write a new file at schema ``target`` (tests create old-format files with this).

    Made under a temporary name, synced and renamed into place: a full disk or a failure
    half-way leaves nothing under the chosen name and no temporary file behind.
    """
    temporary = path.with_name(f".{path.name}.{os.getpid()}.creating")
    try:
        temporary.unlink(missing_ok=True)
        engine = _make_engine(temporary, "rwc", foreign_keys=False)
        try:
            with engine.connect() as connection, connection.begin():
                connection.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")
                migrate.upgrade(connection, target)
                _seed(connection.connection.driver_connection)
        finally:
            engine.dispose()
        _fsync_file(temporary)
        os.replace(temporary, path)
        _fsync_folder(path.parent)
    except (OSError, sqlite3.Error, exc.DBAPIError) as error:
        _remove_quietly(temporary)
        if isinstance(error, OSError):
            problem = _os_problem(error, path.parent)
        else:
            problem = _sqlite_problem(getattr(error, "orig", error), path.parent)
        raise FileError(
            path, f"{describe(path)} could not be created: {problem}. Nothing was written."
        ) from error
    except BaseException:
        _remove_quietly(temporary)
        raise


def _remove_quietly(path: Path) -> None:
    for leftover in (path, path.with_name(path.name + "-journal")):
        with contextlib.suppress(OSError):
            leftover.unlink()


def _sqlite_problem(error: BaseException, folder: Path) -> str:
    code = sqlite_code(error)
    if code == SQLITE_FULL:
        return "the disk is full"
    if code in (SQLITE_READONLY, SQLITE_CANTOPEN):
        return f"you may not write to the folder {folder}"
    if code == SQLITE_IOERR:
        return "the disk reported an error while writing (it may be full or disconnected)"
    return f"SQLite reports “{error}”"


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_folder(folder: Path) -> None:
    """Make a rename durable (POSIX); Windows cannot open a folder and needs no such step."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _check_schema(path: Path) -> None:
    from app.schemacheck import check_schema

    probe = sqlite3.connect(_uri(path, "ro"), uri=True)
    try:
        check_schema(path, probe)
    finally:
        probe.close()


def _seed(raw: Any) -> None:
    """Shipped symbol schemes and the file's birth certificate (plain SQL: schema-agnostic)."""
    for scheme in SHIPPED_SCHEMES:
        cursor = raw.execute(
            "INSERT INTO symbol_scheme (name, purpose, description) VALUES (?, ?, ?)",
            (scheme.name, scheme.purpose, scheme.description),
        )
        for position, symbol in enumerate(scheme.symbols):
            raw.execute(
                "INSERT INTO symbol (scheme_id, position, glyph, name, meaning, colour, category,"
                " shortcut) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    cursor.lastrowid,
                    position,
                    symbol.glyph,
                    symbol.name,
                    symbol.meaning,
                    symbol.colour,
                    symbol.category.value,
                    symbol.shortcut,
                ),
            )
    raw.execute(
        "INSERT INTO app_meta (key, value) VALUES ('created_by', ?)",
        (f"Programme Tracker {APP_VERSION}",),
    )
