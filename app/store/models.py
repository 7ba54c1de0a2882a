"""The domain model: SQLAlchemy 2 typed mappings of everything a programme file holds.

Every relationship is ``lazy="raise"``: a view that touches an attribute it did not load fails
in tests instead of quietly issuing one query per row (the N+1 trap). Reads that need related
rows say so with ``selectinload``/``joinedload`` or, more often, query plain rows.

Each seed document maps onto these tables without stuffing text into the wrong field:
programmes with their own periods, level names and item kinds; a tree of items; milestones that
keep the words they were written in; achievements and judgements *per period*; symbol schemes;
KPIs with targets per financial year and actuals per period; pledges; scrutiny
recommendations; outcomes; dependencies; contacts; narrative sections and report cover sheets.
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column, relationship

from app.core.enums import Category, DuePrecision, MilestoneStatus

# Constraint names are fixed so Alembic's batch mode (SQLite rebuilds tables to alter them)
# can find and recreate them.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Versioned:
    """A row people edit: ``version`` starts at 1 and the ORM adds one on every UPDATE of it
    (and checks it in the UPDATE's WHERE), so an edit made on what someone last saw can tell
    that another person's commit changed the row since (``app.services.seen``). Core
    ``update()`` statements bump it themselves (``bumped``)."""

    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        return {"version_id_col": cls.__table__.c.version}  # type: ignore[attr-defined]


def bumped(model: Any) -> dict[str, Any]:
    """The ``values()`` a Core ``update()`` of a versioned table adds, as the ORM would."""
    return {"version": model.version + 1}


def _enum_check(column: str, values: type[enum.StrEnum]) -> CheckConstraint:
    allowed = ", ".join(f"'{v.value}'" for v in values)
    return CheckConstraint(f"{column} IN ({allowed})", name=f"{column}_valid")


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
        _enum_check("role", Category),
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
        _enum_check("category", Category),
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
        _enum_check("due_precision", DuePrecision),
        _enum_check("status", MilestoneStatus),
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
