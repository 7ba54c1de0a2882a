"""Make update packs: one small programme file per person, holding only their part.

A pack has the programme file's own schema, so the same window opens it (in update mode), and
keeps the programme's ids, so a returned pack maps back row for row. The programme file records
each pack made, with every item's state and fingerprint: the returned pack is checked against
that record, which its holder never sees.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from app.core.errors import FileError, ValidationError
from app.packs.state import fingerprint, item_states
from app.packs.workbook import WORKBOOK_SUFFIX, write_workbook
from app.read.lookup import people_with_items
from app.read.queries import previous_period
from app.services.context import ensure_open, get, operation
from app.store.database import Database
from app.store.filecheck import PACK_SUFFIX, describe
from app.store.models import Item, Pack, PackItem, Period, Programme
from app.store.packfile import write_pack_file


@dataclass(frozen=True)
class MadePack:
    pack_id: str
    person: str
    path: Path
    items: int


def _ancestors(parents: dict[int, int | None], ids: set[int]) -> set[int]:
    found: set[int] = set()
    for item_id in ids:
        parent = parents.get(item_id)
        while parent is not None and parent not in found and parent not in ids:
            found.add(parent)
            parent = parents.get(parent)
    return found


_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


def pack_file_name(person: str, period_label: str, suffix: str = PACK_SUFFIX) -> str:
    return _UNSAFE.sub("-", f"{person} – {period_label}").strip(" .") + suffix


def _free_path(folder: Path, name: str, taken: set[Path], suffix: str = PACK_SUFFIX) -> Path:
    path = folder / name
    number = 2
    while path.exists() or path in taken:
        path = folder / f"{name.removesuffix(suffix)} ({number}){suffix}"
        number += 1
    return path


def file_digest(path: Path) -> str:
    """A pack file as sent, to tell later whether its holder has filled it in."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def make_packs(
    db: Database,
    programme_id: int,
    period_id: int,
    folder: Path | str,
    *,
    people: list[int] | None = None,
    due: dt.date | None = None,
    workbook: bool = False,
) -> list[MadePack]:
    """One pack per person (``None``: everyone responsible for something) in ``folder``:
    a pack file, or (``workbook``) an Excel workbook for a lead who has only Office.

    From a server programme the packs are made exactly as from a file, out of one snapshot:
    the server's rows are first copied into a temporary file (``Database.save_copy``), from
    which every pack's rows and recorded state are read, so the state recorded and the rows
    sent are of one moment; only the record of the packs is written to the server."""
    folder = Path(folder)
    if not folder.is_dir():
        raise FileError(folder, f"{describe(folder)} is not a folder.")
    if not os.access(folder, os.W_OK):
        raise FileError(folder, f"The folder {describe(folder)} cannot be written to.")
    if db.path is not None:
        return _make_packs(db, db, programme_id, period_id, folder, people, due, workbook)
    with tempfile.TemporaryDirectory(prefix="pt-packs-") as scratch:
        snapshot = db.save_copy(Path(scratch) / "server.ptdb")
        with Database.open(snapshot, read_only=True, user=db.user) as source:
            return _make_packs(db, source, programme_id, period_id, folder, people, due, workbook)


def _make_packs(
    db: Database,
    source_db: Database,
    programme_id: int,
    period_id: int,
    folder: Path,
    people: list[int] | None,
    due: dt.date | None,
    workbook: bool,
) -> list[MadePack]:
    """:func:`make_packs`, reading from ``source_db`` (the programme file, or a snapshot of
    the server's programme) and recording the packs in ``db``."""
    suffix = WORKBOOK_SUFFIX if workbook else PACK_SUFFIX
    source = source_db.path
    assert source is not None
    with source_db.reader() as session:
        programme = get(session, Programme, programme_id, "programme")
        period = get(session, Period, period_id, "period")
        if period.programme_id != programme_id:
            raise ValidationError(f"{period.label} is a period of another programme.")
        ensure_open(period)
        if due is not None and not period.start <= due <= period.end + dt.timedelta(days=366):
            raise ValidationError(
                f"A return date of {due.day} {due:%B %Y} is not between the period’s start and "
                "a year after its end."
            )
        everyone = people_with_items(session, programme_id)
        chosen = everyone if people is None else [p for p in everyone if p.id in set(people)]
        if people is not None and len(chosen) < len(set(people)):
            raise ValidationError("Someone chosen has no items in this programme.")
        if not chosen:
            raise ValidationError("Nobody is responsible for anything in this programme yet.")
        tree = session.execute(
            select(Item.id, Item.parent_id, Item.responsible_id).where(
                Item.programme_id == programme_id
            )
        ).all()
        parents = {item_id: parent_id for item_id, parent_id, _ in tree}
        plans = []
        taken: set[Path] = set()
        for person in chosen:
            owned = {item_id for item_id, _, whose in tree if whose == person.id}
            context = _ancestors(parents, owned)
            states = item_states(session, period_id, owned | context, owned)
            path = _free_path(
                folder, pack_file_name(person.name, period.label, suffix), taken, suffix
            )
            taken.add(path)
            plans.append((person, owned, states, path))
        identity = {
            "programme_id": programme_id,
            "programme_name": programme.name,
            "period_id": period_id,
            "period_label": period.label,
            "previous_period_id": previous_period(session, period_id),
            "progress_scheme_id": programme.progress_scheme_id,
            "kpi_scheme_id": programme.kpi_scheme_id,
        }

    made_at = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    packs: list[tuple[Pack, list[PackItem], Path, Path]] = []
    try:
        for person, owned, states, path in plans:
            pack = Pack(
                id=str(uuid.uuid4()),
                programme_id=programme_id,
                programme_name=identity["programme_name"],
                period_id=period_id,
                period_label=identity["period_label"],
                responsible_id=person.id,
                person=person.name,
                made_at=made_at,
                made_by=db.user,
                due=due,
                path=str(path.resolve()),
            )
            rows = [
                PackItem(
                    pack_id=pack.id,
                    item_id=item_id,
                    owned=item_id in owned,
                    fingerprint=fingerprint(state),
                    base=json.dumps(state, ensure_ascii=False, sort_keys=True),
                )
                for item_id, state in sorted(states.items())
            ]
            temporary = path.with_name(f".{path.name}.{os.getpid()}.making")
            packs.append((pack, rows, temporary, path))
            if workbook:
                with source_db.reader() as session:
                    write_workbook(session, temporary, pack, rows, states)
            else:
                made_from = None if db.path is not None else db.where  # the server's URL
                write_pack_file(
                    source, temporary, identity, pack, rows, owned, db.user_email, made_from
                )
            pack.sent_digest = file_digest(temporary)
        with operation(db, "make packs", programme_id) as op:
            for pack, rows, _temporary, path in packs:
                op.session.add(pack)
                op.session.flush()
                op.session.add_all(rows)
                op.log("pack", None, "made", None, f"{pack.person}: {path.name}")
        for _pack, _rows, temporary, path in packs:
            os.replace(temporary, path)
    finally:
        for _pack, _rows, temporary, _path in packs:
            temporary.unlink(missing_ok=True)
    return [
        MadePack(pack.id, pack.person, path, sum(1 for r in rows if r.owned))
        for pack, rows, _t, path in packs
    ]
