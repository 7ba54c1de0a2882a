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
import getpass
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, exc, pool
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
from app.filecheck import APPLICATION_ID, describe, read_header
from app.locking import FileLock, LockInfo
from app.schemes import SHIPPED_SCHEMES

JOURNAL_MODE = "DELETE"
SYNCHRONOUS = "FULL"
BUSY_TIMEOUT_SECONDS = 5.0
FILE_SUFFIX = ".ptdb"
APP_VERSION = "0.1.0"


def current_user() -> str:
    """Who the change log says made a change: ``PROGRAMME_TRACKER_USER`` or the login name."""
    name = os.environ.get("PROGRAMME_TRACKER_USER")
    if name:
        return name
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "unknown"


def _uri(path: Path, mode: str) -> str:
    return f"{path.resolve().as_uri()}?mode={mode}"


def _make_engine(path: Path, mode: str, *, foreign_keys: bool = True) -> Engine:
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
            cursor.execute(f"PRAGMA journal_mode = {JOURNAL_MODE}")
            cursor.execute(f"PRAGMA synchronous = {SYNCHRONOUS}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        kind = connection.get_execution_options().get("begin", "DEFERRED")
        connection.exec_driver_sql(f"BEGIN {kind}")

    return engine


def _translate(path: Path, error: exc.DBAPIError) -> TrackerError:
    """Turn SQLite's terse errors into messages a user can act on."""
    text = str(error.orig)
    name = describe(path)
    if isinstance(error, exc.IntegrityError):
        return ValidationError(
            f"That change conflicts with what is already in the file ({text}). Nothing was saved."
        )
    if "locked" in text or "busy" in text:
        return FileBusyError(
            path,
            f"{name} is busy: another program has been writing to it for "
            f"more than {BUSY_TIMEOUT_SECONDS:g} seconds. Your change was "
            "not saved; please try again.",
        )
    if "readonly" in text or "read-only" in text:
        return ReadOnlyError(
            path, f"{name} cannot be written (it has become read-only). Your change was not saved."
        )
    if "full" in text:
        return FileError(path, f"The disk holding {name} is full. Your change was not saved.")
    if "malformed" in text or "not a database" in text:
        return CorruptFileError(
            path, f"{name} is damaged: SQLite reports “{text}”. Your change was not saved."
        )
    return FileError(
        path, f"{name} could not be written: SQLite reports “{text}”. Your change was not saved."
    )


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
    ) -> None:
        self.path = path
        self.user = user
        self.read_only_reason = read_only_reason
        self.lock_holder = lock_holder
        self.backup_path = backup_path
        self._engine = engine
        self._write_engine = engine.execution_options(begin="IMMEDIATE")
        self._lock = lock
        self._closed = False

    # --- opening --------------------------------------------------------------------------

    @classmethod
    def create(
        cls, path: Path | str, *, user: str | None = None, overwrite: bool = False
    ) -> Database:
        """Create a new, empty programme file with the shipped symbol schemes.

        Built under a temporary name and renamed into place, so a failure never leaves a
        half-made file under the user's chosen name.
        """
        path = Path(path)
        if path.exists() and not overwrite:
            raise FileError(path, f"{describe(path)} already exists.")
        create_file(path)
        return cls.open(path, user=user)

    @classmethod
    def open(
        cls, path: Path | str, *, user: str | None = None, read_only: bool = False
    ) -> Database:
        path = Path(path)
        user = user or current_user()
        name = describe(path)
        if not path.exists():
            raise FileError(path, f"{name} does not exist.")
        if path.is_dir():
            raise FileError(path, f"{name} is a folder, not a Programme Tracker file.")
        revision = _inspect(path)
        needs_upgrade = revision != migrate.head_revision()

        reason: str | None = None
        lock: FileLock | None = None
        holder: LockInfo | None = None
        if read_only:
            reason = f"{name} was opened read-only, as asked"
        elif _marked_read_only(path):
            reason = f"{name} is read-only: its file permissions do not allow changes"
        elif not os.access(path.parent, os.W_OK):
            reason = f"the folder holding {name} is read-only, so changes to it cannot be saved"
        else:
            lock = FileLock(path, user)
            try:
                holder = lock.acquire()
            except OSError as error:
                reason = f"{name} cannot be locked for editing ({error.strerror})"
                lock = None
            if holder is not None:
                reason = f"{name} is being edited by {holder.describe()}"
                lock = None

        backup: Path | None = None
        if needs_upgrade:
            if reason is not None:
                raise FileError(
                    path,
                    f"{name} was made by an older version of Programme Tracker "
                    f"and must be upgraded before it can be opened, but {reason}."
                    " It has not been changed.",
                )
            try:
                backup = migrate.backup_before_upgrade(path, revision)
                _upgrade(path)
            except BaseException:
                assert lock is not None
                lock.release()
                raise
        engine = _make_engine(path, "ro" if reason else "rw")
        return cls(
            path,
            engine,
            user=user,
            read_only_reason=reason,
            lock=lock,
            lock_holder=holder,
            backup_path=backup,
        )

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
            raise _translate(self.path, error) from error
        finally:
            session.close()  # ends the read transaction; loaded values stay readable

    # --- whole-file operations ------------------------------------------------------------

    def save_copy(self, target: Path | str) -> Path:
        """Copy the file with SQLite's backup API (consistent even mid-session)."""
        target = Path(target)
        if target.resolve() == self.path.resolve():
            raise FileError(target, "A copy cannot be saved over the file itself.")
        temporary = target.with_name(f".{target.name}.{os.getpid()}.saving")
        raw = self._engine.raw_connection()
        try:
            copy = sqlite3.connect(temporary)
            try:
                raw.driver_connection.backup(copy)  # type: ignore[union-attr]
            finally:
                copy.close()
            os.replace(temporary, target)
        except OSError as error:
            temporary.unlink(missing_ok=True)
            raise FileError(
                target, f"{describe(target)} could not be written: {error.strerror}."
            ) from error
        finally:
            raw.close()
        return target

    def integrity_check(self) -> str:
        raw = self._engine.raw_connection()
        try:
            rows = raw.driver_connection.execute("PRAGMA integrity_check").fetchall()  # type: ignore[union-attr]
        finally:
            raw.close()
        return "\n".join(str(row[0]) for row in rows)

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        self._engine.dispose()
        if self._lock is not None:
            self._lock.release()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


# --- helpers -----------------------------------------------------------------------------


def _marked_read_only(path: Path) -> bool:
    """Read-only by permission, or marked read-only even for an administrator (who may still
    write it, but whose colleague marked it so for a reason)."""
    return not os.access(path, os.W_OK) or not path.stat().st_mode & 0o222


def _inspect(path: Path) -> str | None:
    """Check a file read-only and return its schema revision, or raise a typed error."""
    name = describe(path)
    header = read_header(path)
    try:
        probe = sqlite3.connect(_uri(path, "ro"), uri=True)
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
        raise CorruptFileError(
            path, f"{name} is damaged: SQLite reports “{error}”. It has not been changed."
        ) from error
    finally:
        probe.close()
    revision = row[0] if row else None
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
    """Write a new file at schema ``target`` (tests create old-format files with this)."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.creating")
    temporary.unlink(missing_ok=True)
    try:
        engine = _make_engine(temporary, "rwc", foreign_keys=False)
        try:
            with engine.connect() as connection, connection.begin():
                connection.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")
                migrate.upgrade(connection, target)
                _seed(connection.connection.driver_connection)
        finally:
            engine.dispose()
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


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
