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
import socket
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import cast

from sqlalchemy import Engine, exc, func, select
from sqlalchemy.orm import Session

from app.core.errors import (
    CorruptFileError,
    FileError,
    ReadOnlyError,
    ServerError,
    TrackerError,
    ValidationError,
)
from app.store import migrate, server
from app.store.engine import Waiter, make_engine
from app.store.filecheck import describe
from app.store.locations import describe_server, is_server_url
from app.store.locking import FileLock, LockInfo
from app.store.newfile import (
    OPEN_HERE,
    check_target,
    claim_for_replacing,
    create_file,
    fsync_file,
    fsync_folder,
)
from app.store.opencheck import (
    check_is_a_file,
    check_schema_of,
    inspect,
    marked_read_only,
)
from app.store.recovery import in_wal_mode, recover_journal, wal_note
from app.store.server import public_url
from app.store.server_roles import Identity, read_identity
from app.store.sqlite_errors import os_problem, sqlite_problem, translate_file_error


def current_user() -> str:
    """Who the change log says made a change: ``PROGRAMME_TRACKER_USER`` or the login name.

    Either can hold anything (an undecodable byte becomes a lone surrogate in Python), and a
    name that cannot be stored would make every edit fail: such a name is "unknown".
    """
    from app.core.validation import NAME_LIMIT, clean_text

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


class Database:
    """An open programme: a file, or a database on a PostgreSQL server (``url``). Hand out one
    short session per operation, never a long one."""

    def __init__(
        self,
        path: Path | None,
        engine: Engine,
        *,
        url: str | None = None,
        user: str,
        read_only_reason: str | None,
        lock: FileLock | None,
        lock_holder: LockInfo | None,
        backup_path: Path | None,
        notes: tuple[str, ...] = (),
        waiter: Waiter | None = None,
        identity: Identity | None = None,
    ) -> None:
        # Where the data is: a file's path, or a server's URL (never its password); ``name``
        # says it in a sentence, ``where`` in full (the title bar, the window's settings).
        self.path = path
        self.url = public_url(url) if url else None
        self._url = url or ""
        if path is not None:
            self.name = describe(path)
            self.where = str(path.resolve())
        else:
            self.name = describe_server(self._url)
            self.where = self.url or ""
        # Who the change log, published stamps and update packs name: the login name, or
        # the name the manager gave the window (which sets these after opening).
        self.user = user
        self.user_email: str | None = None
        # On a server: the login and what the server lets it do (app/store/server_roles.py).
        # The change log names the login, whatever name the window was given: the audit is
        # the server's word, and its policies refuse a lead's row naming anyone else.
        self.identity = identity
        self.read_only_reason = read_only_reason
        self.lock_holder = lock_holder
        self.backup_path = backup_path
        # What was done to the file on opening (a crash recovered): shown once, never silent.
        self.notes = notes
        # Facts read once per open file and remembered (whether it is an update pack).
        self.memo: dict[str, object] = {}
        # The change log's batches this connection wrote: what the window already shows, left
        # out when it looks for other people's changes (app/read/changes.py).
        self.own_batches: set[int] = set()
        self._waiter = waiter or Waiter()
        self._engine = engine
        self._write_engine = engine.execution_options(begin="IMMEDIATE")
        self._lock = lock
        self._closed = False
        self._key = path.resolve() if path is not None else None
        if self._key is not None:
            OPEN_HERE[self._key] = OPEN_HERE.get(self._key, 0) + 1

    # --- opening --------------------------------------------------------------------------

    @classmethod
    def create(
        cls, path: Path | str, *, user: str | None = None, overwrite: bool = False
    ) -> Database:
        """Create a new, empty programme file with the shipped symbol schemes.

        Built under a temporary name and renamed into place, so a failure never leaves a
        half-made file under the user's chosen name; the name's lock is taken first, so a file
        someone has open is never replaced. A ``postgresql://`` URL names an empty server
        database instead, whose schema is made in one transaction (never over existing tables).
        """
        if is_server_url(path):
            server.initialise(str(path))
            return cls.open(path, user=user)
        path = Path(path)
        user = user or current_user()
        verb = "replaced" if path.exists() else "created"
        check_target(path, overwrite=overwrite, verb=verb)
        lock = claim_for_replacing(path, user, verb)
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
        recorded in the change log. A ``postgresql://`` URL opens a programme on a server.
        """
        if is_server_url(path):
            url = str(path)
            engine = server.open_engine(url, read_only=read_only)
            try:
                with engine.connect() as connection:
                    identity = read_identity(connection)
            except exc.DBAPIError as error:
                engine.dispose()
                raise server.connect_problem(url, error) from error
            asked = f"{describe_server(url)} was opened read-only, as asked" if read_only else None
            return cls(
                None,
                engine,
                url=url,
                user=user or current_user(),
                read_only_reason=asked,
                lock=None,
                lock_holder=None,
                backup_path=None,
                identity=identity,
            )
        path = Path(path)
        user = user or current_user()
        name = describe(path)
        check_is_a_file(path)
        notes: list[str] = []
        recovered = recover_journal(path)
        if recovered is not None:
            notes.append(recovered.note)
        revision = inspect(path)
        needs_upgrade = revision != migrate.head_revision()

        reason: str | None = None
        lock: FileLock | None = _lock
        holder: LockInfo | None = None
        if lock is not None:
            pass  # created just now under this lock
        elif read_only:
            reason = f"{name} was opened read-only, as asked"
        elif marked_read_only(path):
            reason = f"{name} is read-only: its file permissions do not allow changes"
        elif not os.access(path.parent, os.W_OK):
            reason = f"the folder holding {name} is read-only, so changes to it cannot be saved"
        else:
            lock = FileLock(path, user)
            try:
                holder = lock.acquire(take_over=take_over)
            except OSError as error:
                reason = f"{name} cannot be locked for editing ({os_problem(error, path.parent)})"
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
            check_schema_of(path)
            if reason is None and in_wal_mode(path):
                notes.append(wal_note(path).note)
        except BaseException:
            if lock is not None:
                lock.release()
            raise
        waiter = Waiter()
        engine = make_engine(path, "ro" if reason else "rw", waiter=waiter)
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

        from app.store.models import ChangeLogEntry

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
    def log_user(self) -> str:
        """Who the change log names: on a server its login (``session_user``), else ``user``."""
        return self.identity.login if self.identity is not None else self.user

    @property
    def read_only(self) -> bool:
        return self.read_only_reason is not None

    # --- sessions -------------------------------------------------------------------------

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Session]:
        """A write: committed (durably) when the block ends, rolled back if it raises."""
        if self.read_only:
            if self.path is None:
                raise ServerError(self.where, f"Changes cannot be saved: {self.read_only_reason}.")
            raise ReadOnlyError(self.path, f"Changes cannot be saved: {self.read_only_reason}.")
        session = Session(self._write_engine, expire_on_commit=False, autoflush=True)
        try:
            yield session
            session.commit()
        except exc.DBAPIError as error:
            session.rollback()
            raise self._translate(error) from error
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
            raise self._translate(error, reading=True) from error
        finally:
            session.close()  # ends the read transaction; loaded values stay readable

    def _translate(self, error: exc.DBAPIError, *, reading: bool = False) -> TrackerError:
        if self.path is None:
            return server.translate(self._url, error, reading=reading)
        return translate_file_error(self.path, error, reading=reading)

    @property
    def is_server(self) -> bool:
        return self.path is None

    # --- whole-file operations ------------------------------------------------------------

    def save_copy(self, target: Path | str) -> Path:
        """Copy the file with SQLite's backup API (consistent even mid-session).

        The copy is made beside the target under a temporary name, synced, and renamed into
        place; a target that is open anywhere (here or by a colleague) is never replaced.
        """
        target = Path(target)
        name = describe(target)
        if self.path is None:
            from app.store.copying import copy_rows

            made = Database.create(target, user=self.user, overwrite=True)
            try:
                with self.reader() as reading, made.transaction() as writing:
                    copy_rows(reading, writing.connection())
            except BaseException:
                made.close()  # closed first: Windows cannot remove a file still open
                target.unlink(missing_ok=True)
                raise
            made.close()
            return target
        if target.exists() and target.resolve() == self.path.resolve():
            raise FileError(target, "A copy cannot be saved over the file itself.")
        verb = "replaced" if target.exists() else "written"
        check_target(target, overwrite=True, verb=verb)
        lock = claim_for_replacing(target, self.user, verb)
        temporary = target.with_name(f".{target.name}.{os.getpid()}.saving")
        raw = self._engine.raw_connection()
        try:
            copy = sqlite3.connect(temporary, isolation_level=None)
            try:
                cast(sqlite3.Connection, raw.driver_connection).backup(copy)
                copy.execute("PRAGMA journal_mode = DELETE")
            finally:
                copy.close()
            fsync_file(temporary)
            os.replace(temporary, target)
            fsync_folder(target.parent)
        except (OSError, sqlite3.Error) as error:
            temporary.unlink(missing_ok=True)
            problem = (
                os_problem(error, target.parent)
                if isinstance(error, OSError)
                else sqlite_problem(error, target.parent)
            )
            raise FileError(target, f"{name} could not be written: {problem}.") from error
        finally:
            raw.close()
            lock.release()
        return target

    def integrity_check(self) -> str:
        if self.path is None:
            with self._engine.connect() as connection:
                server.check_server_schema(self._url, connection)
            return "ok"
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
        if self._key is not None:
            count = OPEN_HERE.get(self._key, 1) - 1
            if count:
                OPEN_HERE[self._key] = count
            else:
                OPEN_HERE.pop(self._key, None)
        self._engine.dispose()
        if self._lock is not None:
            self._lock.release()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


# --- helpers -----------------------------------------------------------------------------


def _upgrade(path: Path, target: str = "head") -> None:
    engine = make_engine(path, "rw", foreign_keys=False)
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
