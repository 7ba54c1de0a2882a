"""SQLAlchemy engines over one file, with the settings every connection needs.

Rollback journal with ``synchronous=FULL``, foreign keys on, ``BEGIN IMMEDIATE`` for writes
(docs/ARCHITECTURE.md says why), and a lock wait that the window can be told about.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, exc, pool

from app.store.filecheck import BUSY_TIMEOUT_SECONDS, sqlite_uri
from app.store.recovery import in_wal_mode
from app.store.sqlite_errors import SQLITE_BUSY, SQLITE_LOCKED, sqlite_code

JOURNAL_MODE = "DELETE"
SYNCHRONOUS = "FULL"
# How long a write or read waits quietly before the window is told (``Database.on_wait``).
QUIET_WAIT_SECONDS = 0.25


def uri_for(path: Path, mode: str) -> str:
    return sqlite_uri(path.resolve(), mode)


class Waiter:
    """Who to tell when a transaction has to wait for another program's lock (the window
    shows a busy cursor and says why, instead of freezing without a sign)."""

    def __init__(self) -> None:
        self.callback: Callable[[bool], None] | None = None


def make_engine(
    path: Path, mode: str, *, foreign_keys: bool = True, waiter: Waiter | None = None
) -> Engine:
    uri = uri_for(path, mode)

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
