"""Schema versions: Alembic run programmatically on an open SQLite connection.

The scripts live in ``app/store/migrations`` (found beside this module, so they also work from a
PyInstaller bundle). Before an older file is upgraded it is copied, with SQLite's backup API,
to a timestamped file beside it.
"""

from __future__ import annotations

import ast
import datetime as dt
import re
import sqlite3
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.store.filecheck import sqlite_uri

if TYPE_CHECKING:  # SQLAlchemy only when a file is upgraded: check_openable runs before Qt
    from alembic.config import Config
    from sqlalchemy import Connection

MIGRATIONS = Path(__file__).with_name("migrations")
# A script's own top-level `revision = "0007"` and `down_revision = "0006"` (or None).
ASSIGNMENT = re.compile(
    r"^(?P<name>revision|down_revision)(?:\s*:[^=\n]*)?\s*=\s*(?P<value>[^\n#]+)", re.M
)


def _config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


@cache
def _revisions() -> dict[str, str | None]:
    """revision → down_revision, read from the scripts' own assignments.

    Opening a file only needs to know which revisions exist and which is the head; reading
    two assignments per script saves importing Alembic (about 0.17 s of every start-up).
    Alembic itself is imported only to create or upgrade a file. The assignments are found
    line by line, not by parsing each whole script, which took 10 ms of every start (the
    command line checks a file before the window opens).
    """
    found: dict[str, str | None] = {}
    for script in sorted((MIGRATIONS / "versions").glob("*.py")):
        values: dict[str, Any] = {}
        for line in ASSIGNMENT.finditer(script.read_text(encoding="utf-8")):
            values[line["name"]] = ast.literal_eval(line["value"].strip())
        if "revision" in values:
            found[values["revision"]] = values.get("down_revision")
    return found


def head_revision() -> str:
    revisions = _revisions()
    heads = set(revisions) - {down for down in revisions.values() if down}
    assert len(heads) == 1, f"the migrations must have one head, not {sorted(heads)}"
    return heads.pop()


def known_revisions() -> frozenset[str]:
    return frozenset(_revisions())


def current_revision(connection: Connection) -> str | None:
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(connection).get_current_revision()


def upgrade(connection: Connection, target: str = "head") -> None:
    """Run migrations inside the caller's transaction; foreign keys must be off (batch mode
    rebuilds tables, and with them on, SQLite would cascade deletes while copying)."""
    from alembic import command

    config = _config()
    config.attributes["connection"] = connection
    command.upgrade(config, target)


def backup_before_upgrade(path: Path, revision: str | None) -> Path:
    """Copy ``path`` to ``name.before-upgrade-<rev>-<timestamp>.ptdb`` and return it."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.stem}.before-upgrade-{revision or 'none'}-{stamp}{path.suffix}")
    source = sqlite3.connect(sqlite_uri(path.resolve(), "ro"), uri=True)
    try:
        copy = sqlite3.connect(target)
        try:
            source.backup(copy)
        finally:
            copy.close()
    finally:
        source.close()
    return target
