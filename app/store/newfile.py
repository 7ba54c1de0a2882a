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

from sqlalchemy import Connection, exc, text

from app.core.errors import FileError
from app.core.schemes import SHIPPED_SCHEMES, symbol_values
from app.store import migrate
from app.store.engine import make_engine
from app.store.filecheck import APP_VERSION, APPLICATION_ID, describe
from app.store.locking import FileLock
from app.store.sqlite_errors import os_problem, sqlite_problem

# Files open in this process, read-only or not: none of them may be replaced under us.
OPEN_HERE: dict[Path, int] = {}


def claim_for_replacing(path: Path, user: str, verb: str) -> FileLock:
    """Take the lock of a file about to be written whole (new, or a copy saved over it).

    Refuses when the file is open in this process, or someone holds its lock: replacing a
    colleague's open programme would turn it into an empty or different file under them.
    """
    name = describe(path)
    if path.resolve() in OPEN_HERE:
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
            path, f"{name} cannot be {verb}: {os_problem(error, path.parent)}."
        ) from error
    if holder is not None:
        raise FileError(
            path,
            f"{name} is open for editing by {holder.describe()}, so it cannot be {verb}. "
            "It has not been changed.",
        )
    return lock


def check_target(path: Path, *, overwrite: bool, verb: str) -> None:
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
                seed(connection, shared_schemes=target != "head" and target < "0005")
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


def seed(connection: Connection, *, shared_schemes: bool) -> None:
    """The file's birth certificate (plain SQL: schema-agnostic). Before revision 0005 a file
    held the shipped symbol schemes, shared by its programmes: a file made at such a revision
    (for the upgrade tests) holds them too. Engine-neutral: a server's new programme is
    seeded by the same statements."""
    for scheme in SHIPPED_SCHEMES if shared_schemes else ():
        scheme_id = connection.scalar(
            text(
                "INSERT INTO symbol_scheme (name, purpose, description)"
                " VALUES (:name, :purpose, :description) RETURNING id"
            ),
            {"name": scheme.name, "purpose": scheme.purpose, "description": scheme.description},
        )
        for position, symbol in enumerate(scheme.symbols):
            glyph, name, meaning, colour, category, shortcut = symbol_values(symbol)
            connection.execute(
                text(
                    "INSERT INTO symbol (scheme_id, position, glyph, name, meaning, colour,"
                    " category, shortcut) VALUES (:scheme, :position, :glyph, :name, :meaning,"
                    " :colour, :category, :shortcut)"
                ),
                {
                    "scheme": scheme_id,
                    "position": position,
                    "glyph": glyph,
                    "name": name,
                    "meaning": meaning,
                    "colour": colour,
                    "category": category,
                    "shortcut": shortcut,
                },
            )
    connection.execute(
        text("INSERT INTO app_meta (key, value) VALUES ('created_by', :value)"),
        {"value": f"Programme Tracker {APP_VERSION}"},
    )
