"""Reports: cover sheets, their tracking and background papers, fields and narrative
sections."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Date,
    ForeignKey,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from app.store.models.base import Base, Versioned

# --- reports: cover sheets and narrative sections ------------------------------------------


class Report(Versioned, Base):
    """A committee report of a programme: its cover sheet and its own narrative."""

    __tablename__ = "report"

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programme.id", ondelete="CASCADE"))
    period_id: Mapped[int | None] = mapped_column(ForeignKey("period.id", ondelete="SET NULL"))
    title: Mapped[str] = mapped_column(String(500))
    meeting: Mapped[str | None] = mapped_column(String(300))
    report_date: Mapped[dt.date | None] = mapped_column(Date)
    meeting_date: Mapped[dt.date | None] = mapped_column(Date)
    # The first page's grid (app/core/cover_grid.py): the ticked boxes' keys, comma-separated,
    # and the proper officer who signs the list of background papers.
    categories: Mapped[str | None] = mapped_column(String(200))
    proper_officer: Mapped[str | None] = mapped_column(String(300))
    proper_officer_role: Mapped[str | None] = mapped_column(String(300))


class ReportTracking(Versioned, Base):
    """A body of a report's "Tracking/Process" grid with its date, as written and as read."""

    __tablename__ = "report_tracking"
    __table_args__ = (
        UniqueConstraint("report_id", "body", name="uq_report_tracking_report_id_body"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("report.id", ondelete="CASCADE"))
    body: Mapped[str] = mapped_column(String(40))
    written: Mapped[str] = mapped_column(String(100))
    date: Mapped[dt.date | None] = mapped_column(Date)


class BackgroundPaper(Versioned, Base):
    """A background paper of a report (Local Government Act 1972, section 100D)."""

    __tablename__ = "background_paper"

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("report.id", ondelete="CASCADE"))
    position: Mapped[int]
    title: Mapped[str] = mapped_column(Text)
    meeting: Mapped[str | None] = mapped_column(String(300))
    written_date: Mapped[str | None] = mapped_column(String(100))
    meeting_date: Mapped[dt.date | None] = mapped_column(Date)
    available_from: Mapped[str | None] = mapped_column(Text)


class ReportField(Versioned, Base):
    """One row of a cover sheet ("Report to", "Key Decision"…), in document order."""

    __tablename__ = "report_field"

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("report.id", ondelete="CASCADE"))
    position: Mapped[int]
    label: Mapped[str] = mapped_column(Text)
    value: Mapped[str] = mapped_column(Text, default="")


class Section(Versioned, Base):
    """A narrative section: of the plan itself (report_id NULL) or of one report."""

    __tablename__ = "section"

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programme.id", ondelete="CASCADE"))
    report_id: Mapped[int | None] = mapped_column(ForeignKey("report.id", ondelete="CASCADE"))
    position: Mapped[int]
    heading: Mapped[str] = mapped_column(String(500))
    text: Mapped[str] = mapped_column(Text, default="")
