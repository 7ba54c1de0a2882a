"""The packs that are out: for whom, due when, back or not, merged or not.

What the programme file knows of a pack is its record; whether it has come back is read from
the file it was written to, compared with a SHA-256 taken when it was sent: a holder who has
typed anything into it has changed it. A pack returned by e-mail and saved elsewhere reads
as still out until it is merged, which the view says.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import zipfile
from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path
from typing import Any

from sqlalchemy import select

from app.core.errors import TrackerError
from app.packs.workbook import HIDDEN, WORKBOOK_SUFFIX
from app.store.database import Database
from app.store.models import AppMeta, Pack


class PackState(StrEnum):
    OUT = "out"
    RETURNED = "returned"  # the file at its path differs from what was sent
    MISSING = "missing"  # no file at its path (moved, or sent and deleted)
    MERGED = "merged"


@dataclass(frozen=True)
class PackRow:
    id: str
    person: str
    programme_id: int
    programme: str
    period_id: int
    period: str
    made_at: dt.datetime
    made_by: str
    due: dt.date | None
    merged_at: dt.datetime | None
    merged_by: str | None
    path: Path | None
    state: PackState
    note: str | None

    def overdue(self, today: dt.date) -> bool:
        return self.state in (PackState.OUT, PackState.MISSING) and (
            self.due is not None and self.due < today
        )


def _digest(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def _state(row: PackRow, sent_digest: str | None) -> PackState:
    """Read from the file after the records are read (no file is read inside a session)."""
    if row.state is PackState.MERGED or row.path is None:
        return row.state  # merged; or made before packs were tracked: nothing to compare
    digest = _digest(row.path)
    if digest is None:
        return PackState.MISSING
    return PackState.OUT if digest == sent_digest else PackState.RETURNED


def packs_made(db: Database) -> list[PackRow]:
    """Every pack this file has made, newest first."""
    when = dt.datetime.fromisoformat
    with db.reader() as session:
        records = [
            (
                PackRow(
                    r.id,
                    r.person,
                    r.programme_id,
                    r.programme_name,
                    r.period_id,
                    r.period_label,
                    when(r.made_at),
                    r.made_by,
                    r.due,
                    when(r.merged_at) if r.merged_at else None,
                    r.merged_by,
                    Path(r.path) if r.path else None,
                    PackState.MERGED if r.merged_at else PackState.OUT,
                    r.note,
                ),
                r.sent_digest,
            )
            for r in session.scalars(select(Pack).order_by(Pack.made_at.desc(), Pack.person))
        ]
    return [replace(row, state=_state(row, digest)) for row, digest in records]


def last_pack_folder(db: Database) -> Path | None:
    """Where packs were last written from this file, if that folder is still there."""
    with db.reader() as session:
        path = session.scalar(
            select(Pack.path).where(Pack.path.is_not(None)).order_by(Pack.made_at.desc()).limit(1)
        )
    folder = Path(path).parent if path else None
    return folder if folder is not None and folder.is_dir() else None


def _claimed_id(path: Path) -> str | None:
    """The pack id a file says it is (not trusted: the review checks everything)."""
    if path.suffix.lower() == WORKBOOK_SUFFIX:
        from openpyxl import load_workbook

        try:
            book = load_workbook(path, read_only=True, data_only=True)
            try:
                values: Any = json.loads(str(book[HIDDEN]["A1"].value))
            finally:
                book.close()
        except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError):
            return None
        except Exception:  # openpyxl raises many kinds on a damaged file
            return None
        found = values.get("id") if isinstance(values, dict) else None
        return found if isinstance(found, str) else None
    try:
        pack = Database.open(path, read_only=True)
    except TrackerError:
        return None
    try:
        with pack.reader() as session:
            return session.scalar(select(AppMeta.value).where(AppMeta.key == "pack_id"))
    except Exception:  # a damaged file: the review says what is wrong with it
        return None
    finally:
        pack.close()


def pack_destination(db: Database, path: Path) -> tuple[int, int] | None:
    """The programme and period a pack file was made for, by this file's record of it; None
    when this file has no such record (the review then says why it cannot be merged)."""
    pack_id = _claimed_id(path)
    if pack_id is None:
        return None
    with db.reader() as session:
        record = session.get(Pack, pack_id)
        return (record.programme_id, record.period_id) if record is not None else None
