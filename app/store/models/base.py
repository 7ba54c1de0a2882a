"""The declarative base every table shares: one MetaData (with fixed constraint names, for
Alembic's batch mode on SQLite), the version every edited row carries, and the checks the
tables' enumerated columns use."""

from __future__ import annotations

import enum
from typing import Any

from sqlalchemy import (
    CheckConstraint,
    Integer,
    MetaData,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column

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


def enum_check(column: str, values: type[enum.StrEnum]) -> CheckConstraint:
    allowed = ", ".join(f"'{v.value}'" for v in values)
    return CheckConstraint(f"{column} IN ({allowed})", name=f"{column}_valid")
