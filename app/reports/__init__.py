"""Committee reports: one report model, built by a layout, written by a renderer per format."""

from __future__ import annotations

import os
import secrets
import stat
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from app.core.errors import FileError, ValidationError
from app.reports import data as report_data
from app.reports import snapshot
from app.reports.layouts import LAYOUTS, Options, build
from app.reports.model import Block, Report
from app.store.database import Database
from app.store.filecheck import SQLITE_MAGIC, describe

if TYPE_CHECKING:
    from sqlalchemy.orm import InstrumentedAttribute

    from app.read.kpis import Series

FORMATS = ("docx", "pdf", "xlsx", "html", "csv")


def make_report(
    db: Database, programme_id: int, period_id: int, layout: str, options: Options | None = None
) -> Report:
    """The report of a period: a published one's from what was kept at publication (its
    data and its trend charts' series), any other's from the file as it is."""
    with db.reader() as session:
        frozen = snapshot.kept(session, period_id)
        programme = (
            frozen.programme if frozen else report_data.load(session, programme_id, period_id)
        )
        report = build(layout, programme, options)
        if options is not None and options.charts and layout == "quarterly":
            charts = frozen.charts if frozen else snapshot.chart_series(session, programme_id)
            _add_charts(charts, report)
    return report


def _add_charts(charts: list[Series], report: Report) -> None:
    """A trend chart for every indicator with a numeric actual, after the KPI table."""
    from app.reports.chart import describe, png
    from app.reports.model import Heading, Image, Table

    if not charts:
        return
    blocks: list[Block] = [Heading("Indicator trends", 3)]
    for data in charts:
        blocks.append(Image(png(data), describe(data)))
    at = next(
        (
            n
            for n, b in enumerate(report.blocks)
            if isinstance(b, Table) and b.sheet == "Indicators"
        ),
        None,
    )
    if at is None:
        return
    report.blocks[at + 1 : at + 1] = blocks


def suggest_layout(db: Database, programme_id: int) -> str:
    """The layout a programme's own document used: KPIs or kinds → quarterly; pledges →
    workplan; recommendations → recommendations; outcomes → project plan; one level →
    programme update."""
    from sqlalchemy import func, select

    from app.store.models import Indicator, ItemKind, Level, Outcome, Pledge, Recommendation

    with db.reader() as session:

        def count(model: type, column: InstrumentedAttribute[int]) -> int:
            return (
                session.scalar(
                    select(func.count()).select_from(model).where(column == programme_id)
                )
                or 0
            )

        if count(Recommendation, Recommendation.programme_id):
            return "recommendations"
        if count(Indicator, Indicator.programme_id) or count(ItemKind, ItemKind.programme_id):
            return "quarterly"
        if count(Pledge, Pledge.programme_id):
            return "workplan"
        if count(Outcome, Outcome.programme_id):
            return "project-plan"
        if count(Level, Level.programme_id) == 1:
            return "programme-update"
    return "quarterly"


def renderer(fmt: str) -> Callable[..., bytes]:
    if fmt == "docx":
        from app.reports.render_docx import render
    elif fmt == "pdf":
        from app.reports.render_pdf import render
    elif fmt == "xlsx":
        from app.reports.render_xlsx import render
    elif fmt == "html":
        from app.reports.render_html import render
    elif fmt == "csv":
        from app.reports.render_csv import render
    else:
        raise ValidationError(
            f"There is no format called “{fmt}” (the formats are: {', '.join(FORMATS)})."
        )
    return render


PROGRAMME_SUFFIXES = (".ptdb", ".ptpack")
# SQLite's rollback journal and write-ahead log beside a file, and our own lock file.
COMPANION_SUFFIXES = (".lock", "-journal", "-wal", "-shm")
_NOT_ORDINARY = (
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISSOCK, "a socket"),
)


def check_target(path: Path) -> None:
    """Refuse a target that must never be replaced by a report: a programme or pack (by its
    name, or by its content whatever its name: the open file, the command's own input), a
    lock or journal, a folder, a device or anything else that is not an ordinary file."""
    name = describe(path)
    lowered = path.name.lower()
    refused = "so an export may not be written over it; choose another name."
    if lowered.endswith(PROGRAMME_SUFFIXES):
        raise FileError(
            path, f"{name} is a Programme Tracker file (programme or update pack), {refused}"
        )
    if lowered.endswith(COMPANION_SUFFIXES):
        raise FileError(
            path, f"{name} is a lock or journal file that keeps a programme safe, {refused}"
        )
    try:
        status = path.stat()
    except FileNotFoundError:
        return
    except OSError as error:
        raise FileError(path, f"{name} could not be written: {error.strerror}.") from error
    if stat.S_ISDIR(status.st_mode):
        raise FileError(path, f"{name} is a folder; give a file name to export to.")
    if not stat.S_ISREG(status.st_mode):
        what = next((label for test, label in _NOT_ORDINARY if test(status.st_mode)), "special")
        raise FileError(path, f"{name} is not an ordinary file (it is {what}), {refused}")
    try:
        with path.open("rb") as handle:
            head = handle.read(len(SQLITE_MAGIC))
    except OSError as error:
        raise FileError(
            path,
            f"{name} could not be read to make sure it is not a programme, so it has not been "
            f"replaced: {error.strerror}.",
        ) from error
    if head == SQLITE_MAGIC:
        raise FileError(
            path,
            f"{name} is a database (perhaps a programme saved under another name), {refused}",
        )


def write_atomically(path: Path, content: bytes) -> None:
    """Write to a temporary file beside ``path``, make sure it is on the disk, and rename it
    into place, so a failure (disk full, file open in Word, no permission, a power cut) never
    leaves a partial file. Refuses any target :func:`check_target` refuses."""
    path = Path(path)
    name = describe(path)
    check_target(path)
    if not path.parent.is_dir():
        raise FileError(
            path, f"The folder {path.parent} does not exist, so {name} cannot be written."
        )
    owner = path.with_name("~$" + path.name[2:] if len(path.name) > 2 else "~$" + path.name)
    if owner.exists():
        raise FileError(path, f"{name} is open in Word or Excel; close it there and export again.")
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.exporting")
    try:
        _write_synced(temporary, content)
        os.replace(temporary, path)
    except PermissionError as error:
        temporary.unlink(missing_ok=True)
        reason = (
            "it is open in another program, or you may not write there"
            if path.exists()
            else "you may not write to that folder"
        )
        raise FileError(path, f"{name} could not be written: {reason}.") from error
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise FileError(path, f"{name} could not be written: {error.strerror}.") from error
    _sync_folder(path.parent)


def _write_synced(path: Path, content: bytes) -> None:
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    descriptor = os.open(path, flags, 0o666)
    try:
        with os.fdopen(descriptor, "wb", closefd=False) as handle:
            handle.write(content)
            handle.flush()
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX; Windows cannot open a folder to sync it)."""
    if os.name != "posix":
        return
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass  # some file systems cannot sync a folder; the file itself is already on disk
    finally:
        os.close(descriptor)


__all__ = ["FORMATS", "LAYOUTS", "Options", "Report", "make_report", "renderer", "write_atomically"]
