"""Schema versions: Alembic run programmatically on an open SQLite connection.

The scripts live in ``app/migrations`` (found beside this module, so they also work from a
PyInstaller bundle). Before an older file is upgraded it is copied, with SQLite's backup API,
to a timestamped file beside it.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from functools import cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection

MIGRATIONS = Path(__file__).with_name("migrations")


def _config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


@cache
def script_directory() -> ScriptDirectory:
    return ScriptDirectory.from_config(_config())


def head_revision() -> str:
    head = script_directory().get_current_head()
    assert head is not None
    return head


@cache
def known_revisions() -> frozenset[str]:
    return frozenset(rev.revision for rev in script_directory().walk_revisions())


def current_revision(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def upgrade(connection: Connection, target: str = "head") -> None:
    """Run migrations inside the caller's transaction; foreign keys must be off (batch mode
    rebuilds tables, and with them on, SQLite would cascade deletes while copying)."""
    config = _config()
    config.attributes["connection"] = connection
    command.upgrade(config, target)


def backup_before_upgrade(path: Path, revision: str | None) -> Path:
    """Copy ``path`` to ``name.before-upgrade-<rev>-<timestamp>.ptdb`` and return it."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.stem}.before-upgrade-{revision or 'none'}-{stamp}{path.suffix}")
    source = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
    try:
        copy = sqlite3.connect(target)
        try:
            source.backup(copy)
        finally:
            copy.close()
    finally:
        source.close()
    return target
