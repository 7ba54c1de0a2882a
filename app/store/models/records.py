"""What the file keeps about itself: update packs, the change log, server logins, import
mappings, published periods' snapshots and the file's own facts."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from app.store.models.base import Base

# --- update packs ---------------------------------------------------------------------------


class Pack(Base):
    """An update pack made for one person and period.

    In the programme file it is the record of what was sent, against which a returned pack is
    checked (the lead never has this file, so cannot forge it); in the pack file the one row is
    the pack's identity, shown in its banner.
    """

    __tablename__ = "pack"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)  # a UUID
    programme_id: Mapped[int]
    programme_name: Mapped[str] = mapped_column(String(300))
    period_id: Mapped[int]
    period_label: Mapped[str] = mapped_column(String(100))
    responsible_id: Mapped[int]
    person: Mapped[str] = mapped_column(String(300))
    made_at: Mapped[str] = mapped_column(String(40))  # ISO 8601, UTC
    made_by: Mapped[str] = mapped_column(String(200))
    due: Mapped[dt.date | None] = mapped_column(Date)
    merged_at: Mapped[str | None] = mapped_column(String(40))
    merged_by: Mapped[str | None] = mapped_column(String(200))
    # Only in the programme file: where the pack was written and a SHA-256 of it as sent (a
    # file that differs has been filled in), and the holder's note, kept when it is merged.
    path: Mapped[str | None] = mapped_column(String(1000))
    sent_digest: Mapped[str | None] = mapped_column(String(64))
    note: Mapped[str | None] = mapped_column(Text)


class PackItem(Base):
    """One item in a pack: the person's own (``owned``) or an ancestor shown for context, with
    a fingerprint of its state when the pack was made (and, in the programme file, that state)."""

    __tablename__ = "pack_item"

    pack_id: Mapped[str] = mapped_column(
        ForeignKey("pack.id", ondelete="CASCADE"), primary_key=True
    )
    item_id: Mapped[int] = mapped_column(primary_key=True)  # no foreign key: items may go
    owned: Mapped[bool]
    fingerprint: Mapped[str] = mapped_column(String(64))
    base: Mapped[str | None] = mapped_column(Text)  # JSON; only in the programme file


# --- the change log and file metadata ------------------------------------------------------


class ChangeLogEntry(Base):
    """One changed value. Rows of one operation share ``batch``; written in its transaction."""

    __tablename__ = "change_log"
    __table_args__ = (Index("ix_change_log_entity", "entity", "entity_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    batch: Mapped[int] = mapped_column(Integer, index=True)
    at: Mapped[str] = mapped_column(String(40))  # ISO 8601, UTC
    user: Mapped[str] = mapped_column(String(200))
    operation: Mapped[str] = mapped_column(String(100))
    programme_id: Mapped[int | None]  # no foreign key: the log outlives what it describes
    entity: Mapped[str] = mapped_column(String(50))
    entity_id: Mapped[int | None]
    field: Mapped[str | None] = mapped_column(String(100))
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)


class ServerPerson(Base):
    """Who a server login is (issue 20, part 4): a manager, or a service lead answering for
    one ``responsible`` person's items. The server's row-level security policies read this
    table against ``session_user`` (``app/store/server_roles.py``); on a file it stays empty."""

    __tablename__ = "server_person"
    __table_args__ = (CheckConstraint("role IN ('manager', 'lead')", name="role_valid"),)

    login: Mapped[str] = mapped_column(String(63), primary_key=True)
    role: Mapped[str] = mapped_column(String(20))
    responsible_id: Mapped[int | None] = mapped_column(
        ForeignKey("responsible.id", ondelete="SET NULL"), index=True
    )


class ImportMapping(Base):
    """How a programme's tracker is read (header row, each column's field, what its unknown
    statuses mean), kept so next quarter's copy of the same sheet comes in without asking.
    ``headers`` is the header row's text, which finds it again."""

    __tablename__ = "import_mapping"
    __table_args__ = (UniqueConstraint("programme_id", "headers"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programme.id", ondelete="CASCADE"))
    headers: Mapped[str] = mapped_column(Text)  # JSON list of the header row's cells
    mapping: Mapped[str] = mapped_column(Text)  # JSON: header_row, columns, answers
    saved_at: Mapped[str] = mapped_column(String(40))  # ISO 8601, UTC


class PeriodSnapshot(Base):
    """What a published period's report was built from, as JSON, taken at publication: its
    report is made from this, so it reads the same whatever is edited, renamed or reordered
    later. Removed when the period is reopened."""

    __tablename__ = "period_snapshot"

    period_id: Mapped[int] = mapped_column(
        ForeignKey("period.id", ondelete="CASCADE"), primary_key=True
    )
    taken_at: Mapped[str] = mapped_column(String(40))  # ISO 8601, UTC
    data: Mapped[str] = mapped_column(Text)  # app/reports/snapshot.py


class AppMeta(Base):
    """Key/value facts about the file itself (which version created it)."""

    __tablename__ = "app_meta"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
