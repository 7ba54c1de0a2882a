"""Writing a programme file whole: a new file, or the lock that must be held to replace one.

A new file is built under a temporary name, synced and renamed into place, so a failure never
leaves a half-made file under the chosen name; the target's lock is taken first, so a file that
someone has open is never replaced.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import exc

from app.core.errors import FileError
from app.core.schemes import SHIPPED_SCHEMES, symbol_values
from app.store import migrate
from app.store.engine import make_engine
from app.store.filecheck import APP_VERSION, APPLICATION_ID, describe
from app.store.sqlite_errors import os_problem, sqlite_problem


def create_file(path: Path, target: str = "head") -> None:
    """Write a new file at schema ``target`` (tests create old-format files with this).

    Made under a temporary name, synced and renamed into place: a full disk or a failure
    half-way leaves nothing under the chosen name and no temporary file behind.
    """
    temporary = path.with_name(f".{path.name}.{os.getpid()}.creating")
    try:
        temporary.unlink(missing_ok=True)
        engine = make_engine(temporary, "rwc", foreign_keys=False)
        try:
            with engine.connect() as connection, connection.begin():
                connection.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")
                migrate.upgrade(connection, target)
                _seed(
                    connection.connection.driver_connection,
                    shared_schemes=target != "head" and target < "0005",
                )
        finally:
            engine.dispose()
        fsync_file(temporary)
        os.replace(temporary, path)
        fsync_folder(path.parent)
    except (OSError, sqlite3.Error, exc.DBAPIError) as error:
        _remove_quietly(temporary)
        if isinstance(error, OSError):
            problem = os_problem(error, path.parent)
        else:
            problem = sqlite_problem(getattr(error, "orig", error), path.parent)
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


def fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_folder(folder: Path) -> None:
    """Make a rename durable (POSIX); Windows cannot open a folder and needs no such step."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _seed(raw: Any, *, shared_schemes: bool) -> None:
    """The file's birth certificate (plain SQL: schema-agnostic). Before revision 0005 a file
    held the shipped symbol schemes, shared by its programmes: a file made at such a revision
    (for the upgrade tests) holds them too."""
    for scheme in SHIPPED_SCHEMES if shared_schemes else ():
        cursor = raw.execute(
            "INSERT INTO symbol_scheme (name, purpose, description) VALUES (?, ?, ?)",
            (scheme.name, scheme.purpose, scheme.description),
        )
        for position, symbol in enumerate(scheme.symbols):
            raw.execute(
                "INSERT INTO symbol (scheme_id, position, glyph, name, meaning, colour, category,"
                " shortcut) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (cursor.lastrowid, position, *symbol_values(symbol)),
            )
    raw.execute(
        "INSERT INTO app_meta (key, value) VALUES ('created_by', ?)",
        (f"Programme Tracker {APP_VERSION}",),
    )
