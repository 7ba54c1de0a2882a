"""Copy a programme from one place to another: ``python -m app copy``, File ▸ Save a Copy As.

The rows go as ``app.store.copying`` copies them; this decides where they go: into a new
file (made, filled in one transaction, removed again on failure), or into an empty server
database (its schema made and filled in one transaction, so a failure leaves it empty).
"""

from __future__ import annotations

from pathlib import Path

from app.store.copying import copy_rows
from app.store.database import Database
from app.store.locations import is_server_url
from app.store.server import initialise


def copy_programme(
    source: Database, target: Path | str, *, overwrite: bool = False, user: str | None = None
) -> Database:
    """Make ``target`` (a new ``.ptdb`` file, or an empty server database) hold exactly what
    ``source`` holds, and return it open. The caller closes it."""
    user = user or source.user
    if is_server_url(target):
        url = str(target)
        with source.reader() as reading:
            initialise(url, fill=lambda writing: copy_rows(reading, writing))
        return Database.open(url, user=user)
    made = Database.create(target, user=user, overwrite=overwrite)
    try:
        with source.reader() as reading, made.transaction() as writing:
            copy_rows(reading, writing.connection())
    except BaseException:
        made.close()
        Path(target).unlink(missing_ok=True)
        raise
    return made
