"""The embedded demo: the five seed documents held as data, and synthetic programmes."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

from app.core.errors import FileError
from app.interchange.programme_json import import_programme
from app.store.database import Database
from app.store.filecheck import describe

# Document order of ../shared/seeds: 000 Walsall, 001 Salford, 002 Wigan, 003 home-working,
# 004 Redditch. Wigan first: it is the fullest and the one the app opens on.
DEMO_FILES = (
    "wigan_2009.json",
    "walsall_2011.json",
    "salford_2004.json",
    "homeworking_2005.json",
    "redditch_2012.json",
)


def demo_specs() -> list[dict[str, Any]]:
    folder = resources.files(__package__) / "data"
    return [json.loads((folder / name).read_text(encoding="utf-8")) for name in DEMO_FILES]


def write_demo(
    path: Path, *, actions: int | None = None, overwrite: bool = False, user: str | None = None
) -> Database:
    """Create ``path`` holding the five seed programmes (and a synthetic one if asked)."""
    path = Path(path)
    if path.exists() and not overwrite:
        raise FileError(
            path,
            f"{describe(path)} already exists; choose another name or add --force to replace it.",
        )
    db = Database.create(path, user=user or "demo", overwrite=overwrite)
    try:
        for spec in demo_specs():
            import_programme(db, spec)
        if actions:
            from app.demo.synthetic import synthetic_spec

            import_programme(db, synthetic_spec(actions))
    except BaseException:
        db.close()
        raise
    return db
