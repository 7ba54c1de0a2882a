"""A programme and its tree: symbol schemes, periods, levels, people, items, milestones,
achievements and judgements, and the lists beside the tree (pledges, dependencies, outcomes,
recommendations, contacts)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Date,
    Float,
    ForeignKey,
    Index,
    String,
    Table,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.enums import Category, DuePrecision, MilestoneStatus
from app.store.models.base import Base, Versioned, enum_check

# --- symbol schemes -------------------------------------------------------------------------


class SymbolScheme(Versioned, Base):
    """A programme's own set of symbols (its judgements of progress, or its KPI key).

    Each programme has its own, so editing one programme's key changes no other's; the
    shipped schemes are templates in ``app.core.schemes``, copied when a programme starts.
    ``name`` says where it came from ("RAG"), and need not be unique.
    """

    __tablename__ = "symbol_scheme"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    purpose: Mapped[str] = mapped_column(String(20))  # "progress" or "kpi"
    description: Mapped[str | None] = mapped_column(Text)

    symbols: Mapped[list[Symbol]] = relationship(
        back_populates="scheme", lazy="raise", order_by="Symbol.position"
    )


class SummaryColumn(Versioned, Base):
    """A column of the scheme's summary tables ("% On-track"), named and ordered by the
    programme; its role is one of the four categories the reports rely on.

    A *rated* column is a state of a two-level scheme ("In progress"): its symbols are the
    ratings an action in that state carries (green, amber, red), counted within it, and
    each rating keeps a role of its own (a red one is an exception, a green one is not)."""

    __tablename__ = "summary_column"
    __table_args__ = (
        UniqueConstraint("scheme_id", "name", name="uq_summary_column_scheme_id_name"),
        enum_check("role", Category),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    scheme_id: Mapped[int] = mapped_column(ForeignKey("symbol_scheme.id", ondelete="CASCADE"))
    position: Mapped[int]
    name: Mapped[str] = mapped_column(String(100))
    role: Mapped[str] = mapped_column(String(20))
    rated: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class Symbol(Versioned, Base):
    __tablename__ = "symbol"
    __table_args__ = (
        # Named explicitly: the convention would call both "uq_symbol_scheme_id", and
        # Alembic (comparison and batch rebuilds) tells constraints apart by name.
        UniqueConstraint("scheme_id", "glyph", name="uq_symbol_scheme_id_glyph"),
        UniqueConstraint("scheme_id", "shortcut", name="uq_symbol_scheme_id_shortcut"),
        enum_check("category", Category),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    scheme_id: Mapped[int] = mapped_column(ForeignKey("symbol_scheme.id", ondelete="CASCADE"))
    position: Mapped[int]
    glyph: Mapped[str] = mapped_column(String(8))
    name: Mapped[str] = mapped_column(String(100))
    meaning: Mapped[str] = mapped_column(String(500))
    colour: Mapped[str] = mapped_column(String(7))  # "#RRGGBB"
    # The role of its summary column, kept with the symbol for the reads that need only the
    # role (exceptions, a KPI status worked out): the services set both together.
    category: Mapped[str] = mapped_column(String(20))
    shortcut: Mapped[str] = mapped_column(String(1))
    column_id: Mapped[int] = mapped_column(ForeignKey("summary_column.id"))

    scheme: Mapped[SymbolScheme] = relationship(back_populates="symbols", lazy="raise")


# --- programmes, levels, periods -----------------------------------------------------------


class Programme(Versioned, Base):
    __tablename__ = "programme"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300), unique=True)
    organisation: Mapped[str | None] = mapped_column(String(300))
    description: Mapped[str | None] = mapped_column(Text)
    # A programme's schemes are its own: no two programmes (nor purposes) share one.
    progress_scheme_id: Mapped[int] = mapped_column(ForeignKey("symbol_scheme.id"), unique=True)
    kpi_scheme_id: Mapped[int | None] = mapped_column(ForeignKey("symbol_scheme.id"), unique=True)
    # How far (as % of the target) an actual may miss and count as "within tolerance".
    kpi_tolerance: Mapped[float] = mapped_column(Float, default=5.0, server_default="5.0")

    levels: Mapped[list[Level]] = relationship(lazy="raise", order_by="Level.depth")
    periods: Mapped[list[Period]] = relationship(lazy="raise", order_by="Period.start")


class Level(Versioned, Base):
    """The programme's name for one depth of its tree ("Objective", "Workstream/Project"…)."""

    __tablename__ = "level"
    __table_args__ = (UniqueConstraint("programme_id", "depth"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programme.id", ondelete="CASCADE"))
    depth: Mapped[int]
    name: Mapped[str] = mapped_column(String(100))


class ItemKind(Versioned, Base):
    """Distinguishes items at one level: seed 002's two kinds of objective."""

    __tablename__ = "item_kind"
    __table_args__ = (UniqueConstraint("programme_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programme.id", ondelete="CASCADE"))
    position: Mapped[int]
    name: Mapped[str] = mapped_column(String(200))
    plural: Mapped[str] = mapped_column(String(200))


class Period(Versioned, Base):
    """A reporting period. Published periods are frozen: services refuse writes to them."""

    __tablename__ = "period"
    __table_args__ = (
        UniqueConstraint("programme_id", "label"),
        CheckConstraint('start <= "end"', name="dates_ordered"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programme.id", ondelete="CASCADE"))
    label: Mapped[str] = mapped_column(String(100))
    start: Mapped[dt.date] = mapped_column(Date)
    end: Mapped[dt.date] = mapped_column(Date)
    financial_year: Mapped[int]  # start year: 2009 means 2009/10
    quarter: Mapped[int | None]  # 1–4 for generated quarters, None for custom periods
    published_at: Mapped[str | None] = mapped_column(String(40))
    published_by: Mapped[str | None] = mapped_column(String(200))


# --- people and the item tree --------------------------------------------------------------


class Responsible(Versioned, Base):
    """Who is responsible: a named person or a role ("Head of Customer Services")."""

    __tablename__ = "responsible"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300), unique=True)
    role: Mapped[str | None] = mapped_column(String(300))  # "Head of Service" beside a name
    email: Mapped[str | None] = mapped_column(String(300))


item_pledge = Table(
    "item_pledge",
    Base.metadata,
    Column("item_id", ForeignKey("item.id", ondelete="CASCADE"), primary_key=True),
    Column("pledge_id", ForeignKey("pledge.id", ondelete="CASCADE"), primary_key=True),
)


class Item(Versioned, Base):
    """A node of the programme's tree: objective, theme, workstream, strand, stage, action…"""

    __tablename__ = "item"
    __table_args__ = (Index("ix_item_tree", "programme_id", "parent_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programme.id", ondelete="CASCADE"))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("item.id", ondelete="CASCADE"))
    position: Mapped[int]
    number: Mapped[str | None] = mapped_column(String(200))
    title: Mapped[str] = mapped_column(Text)
    description: Mapped[str | None] = mapped_column(Text)
    kind_id: Mapped[int | None] = mapped_column(ForeignKey("item_kind.id", ondelete="SET NULL"))
    responsible_id: Mapped[int | None] = mapped_column(
        ForeignKey("responsible.id", ondelete="SET NULL"), index=True
    )

    children: Mapped[list[Item]] = relationship(lazy="raise", order_by="Item.position")
    responsible: Mapped[Responsible | None] = relationship(lazy="raise")
    kind: Mapped[ItemKind | None] = relationship(lazy="raise")
    milestones: Mapped[list[Milestone]] = relationship(
        lazy="raise", order_by="Milestone.position", viewonly=True
    )
    pledges: Mapped[list[Pledge]] = relationship(
        secondary=item_pledge, lazy="raise", order_by="Pledge.number"
    )


class Milestone(Versioned, Base):
    """A milestone keeps its words ("Autumn 09") and, where one follows, a date to sort on."""

    __tablename__ = "milestone"
    __table_args__ = (
        enum_check("due_precision", DuePrecision),
        enum_check("status", MilestoneStatus),
        Index("ix_milestone_owner", "programme_id", "item_id", "position"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programme.id", ondelete="CASCADE"))
    item_id: Mapped[int | None] = mapped_column(ForeignKey("item.id", ondelete="CASCADE"))
    position: Mapped[int]
    text: Mapped[str | None] = mapped_column(Text)
    due_text: Mapped[str | None] = mapped_column(String(200))
    due_date: Mapped[dt.date | None] = mapped_column(Date)
    due_precision: Mapped[str] = mapped_column(String(20), default=DuePrecision.NONE.value)
    status: Mapped[str] = mapped_column(String(20), default=MilestoneStatus.OPEN.value)


class ProgressUpdate(Versioned, Base):
    """One entry of an item's achievements narrative for one period (several are allowed)."""

    __tablename__ = "progress_update"
    __table_args__ = (Index("ix_update_item_period", "item_id", "period_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("item.id", ondelete="CASCADE"))
    period_id: Mapped[int] = mapped_column(ForeignKey("period.id", ondelete="CASCADE"), index=True)
    position: Mapped[int]
    heading: Mapped[str | None] = mapped_column(String(500))
    text: Mapped[str] = mapped_column(Text)


class Judgement(Versioned, Base):
    """An item's judgement of progress for one period. No row means "not yet judged"."""

    __tablename__ = "judgement"
    __table_args__ = (UniqueConstraint("item_id", "period_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("item.id", ondelete="CASCADE"))
    period_id: Mapped[int] = mapped_column(ForeignKey("period.id", ondelete="CASCADE"), index=True)
    symbol_id: Mapped[int] = mapped_column(ForeignKey("symbol.id"))
    # carried forward from the period before as a starting point, until someone confirms it
    carried: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


# --- pledges, dependencies, outcomes, recommendations, contacts ----------------------------


class Pledge(Versioned, Base):
    """A numbered corporate pledge or priority, linked to items many-to-many ("All 7")."""

    __tablename__ = "pledge"
    __table_args__ = (UniqueConstraint("programme_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programme.id", ondelete="CASCADE"))
    number: Mapped[int]
    title: Mapped[str] = mapped_column(String(500))


class Dependency(Versioned, Base):
    """``item`` cannot finish before ``depends_on`` (seed 003's work packages)."""

    __tablename__ = "dependency"
    __table_args__ = (CheckConstraint("item_id <> depends_on_id", name="not_self"),)

    item_id: Mapped[int] = mapped_column(
        ForeignKey("item.id", ondelete="CASCADE"), primary_key=True
    )
    depends_on_id: Mapped[int] = mapped_column(
        ForeignKey("item.id", ondelete="CASCADE"), primary_key=True
    )


class Outcome(Versioned, Base):
    """A project's key outcome, with its measurable target where it states one."""

    __tablename__ = "outcome"

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programme.id", ondelete="CASCADE"))
    position: Mapped[int]
    text: Mapped[str] = mapped_column(Text)
    target: Mapped[str | None] = mapped_column(String(500))


class Recommendation(Versioned, Base):
    """A scrutiny recommendation, the response to it, and to whom it applies (seed 004)."""

    __tablename__ = "recommendation"

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programme.id", ondelete="CASCADE"))
    position: Mapped[int]
    number: Mapped[str] = mapped_column(String(20))
    text: Mapped[str] = mapped_column(Text)
    response: Mapped[str | None] = mapped_column(Text)
    applies_to: Mapped[str | None] = mapped_column(String(300))
    period_id: Mapped[int | None] = mapped_column(ForeignKey("period.id", ondelete="SET NULL"))


class Contact(Versioned, Base):
    """A person named in a report's footer (seed 000)."""

    __tablename__ = "contact"

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programme.id", ondelete="CASCADE"))
    position: Mapped[int]
    name: Mapped[str] = mapped_column(String(300))
    role: Mapped[str | None] = mapped_column(String(300))
    phone: Mapped[str | None] = mapped_column(String(50))
    email: Mapped[str | None] = mapped_column(String(300))
