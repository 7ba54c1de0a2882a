"""Key performance indicators: groups, indicators, targets per financial year, outturns,
national averages and results per period."""

from __future__ import annotations

from sqlalchemy import (
    CheckConstraint,
    Float,
    ForeignKey,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from app.store.models.base import Base, Versioned

# --- key performance indicators ------------------------------------------------------------


class KpiGroup(Versioned, Base):
    """A heading of the KPI table ("LAA Indicators"); groups nest."""

    __tablename__ = "kpi_group"
    __table_args__ = (
        CheckConstraint(
            "category IS NULL OR category IN ('laa', 'national', 'local')", name="category_valid"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programme.id", ondelete="CASCADE"))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("kpi_group.id", ondelete="CASCADE"))
    position: Mapped[int]
    name: Mapped[str] = mapped_column(String(300))
    category: Mapped[str | None] = mapped_column(String(20))


class Indicator(Versioned, Base):
    __tablename__ = "indicator"
    __table_args__ = (
        CheckConstraint(
            "polarity IS NULL OR polarity IN ('higher', 'lower')", name="polarity_valid"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programme.id", ondelete="CASCADE"))
    group_id: Mapped[int | None] = mapped_column(ForeignKey("kpi_group.id", ondelete="SET NULL"))
    position: Mapped[int]
    code: Mapped[str | None] = mapped_column(String(50))
    title: Mapped[str] = mapped_column(Text)
    responsible_id: Mapped[int | None] = mapped_column(
        ForeignKey("responsible.id", ondelete="SET NULL")
    )
    polarity: Mapped[str | None] = mapped_column(String(10))
    unit: Mapped[str | None] = mapped_column(String(20))


class _KpiValue(Versioned):
    """A value as the council writes it, the number in it where there is one, and a remark."""

    value_text: Mapped[str] = mapped_column(String(200))
    value_number: Mapped[float | None] = mapped_column(Float)
    note: Mapped[str | None] = mapped_column(Text)


class KpiTarget(_KpiValue, Base):
    __tablename__ = "kpi_target"
    __table_args__ = (UniqueConstraint("indicator_id", "financial_year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicator.id", ondelete="CASCADE"))
    financial_year: Mapped[int]


class KpiOutturn(_KpiValue, Base):
    """An annual actual (the "2008-09 Actual" column)."""

    __tablename__ = "kpi_outturn"
    __table_args__ = (UniqueConstraint("indicator_id", "financial_year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicator.id", ondelete="CASCADE"))
    financial_year: Mapped[int]


class KpiNationalAverage(_KpiValue, Base):
    __tablename__ = "kpi_national_average"
    __table_args__ = (UniqueConstraint("indicator_id", "financial_year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicator.id", ondelete="CASCADE"))
    financial_year: Mapped[int]


class KpiResult(Versioned, Base):
    """One period's actual, its status (with the manager's reason if overridden), comment."""

    __tablename__ = "kpi_result"
    __table_args__ = (UniqueConstraint("indicator_id", "period_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicator.id", ondelete="CASCADE"))
    period_id: Mapped[int] = mapped_column(ForeignKey("period.id", ondelete="CASCADE"))
    actual_text: Mapped[str | None] = mapped_column(String(200))
    actual_number: Mapped[float | None] = mapped_column(Float)
    actual_note: Mapped[str | None] = mapped_column(Text)
    status_symbol_id: Mapped[int | None] = mapped_column(ForeignKey("symbol.id"))
    status_reason: Mapped[str | None] = mapped_column(Text)
    comment: Mapped[str | None] = mapped_column(Text)
