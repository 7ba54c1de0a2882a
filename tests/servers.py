"""A fresh PostgreSQL database per test, on the throw-away cluster that scripts/test starts.

``PT_TEST_POSTGRES_URL`` names the cluster's maintenance database as its superuser. Each test
gets its own database, made with CREATE DATABASE from a template that already holds the
schema (or the demo programmes), which is a file copy on the server: a few milliseconds, where
running the migrations would take a second. Without the variable the server tests skip and
say why, so a targeted run without a server still works; scripts/test always sets it.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import psycopg
import pytest
from psycopg import sql
from sqlalchemy import make_url

URL = os.environ.get("PT_TEST_POSTGRES_URL", "")
WHY_SKIPPED = (
    "PT_TEST_POSTGRES_URL is not set, so there is no PostgreSQL server to test against "
    "(scripts/test starts a throw-away one and sets it)"
)
# Databases this run made, named apart from any other run's on the same cluster.
PREFIX = f"pt_{os.getpid()}_"


def require_server() -> str:
    """The cluster's URL; without one a test skips, except in CI, where scripts/test always
    starts a server, so a missing one is a broken run, not a reason to test less."""
    if not URL:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{WHY_SKIPPED}; in CI the server tests must run")
        pytest.skip(WHY_SKIPPED)
    return URL


def url_of(database: str) -> str:
    return make_url(require_server()).set(database=database).render_as_string(hide_password=False)


@contextmanager
def admin() -> Iterator[psycopg.Connection]:
    connection = psycopg.connect(require_server(), autocommit=True)
    try:
        yield connection
    finally:
        connection.close()


def create_database(template: str | None = None) -> str:
    """A new database (empty, or a copy of ``template``); returns its name."""
    name = f"{PREFIX}{uuid.uuid4().hex[:12]}"
    statement = sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name))
    if template is not None:
        statement = sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
            sql.Identifier(name), sql.Identifier(template)
        )
    with admin() as connection:
        connection.execute(statement)
    return name


def drop_database(name: str) -> None:
    with admin() as connection:
        connection.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )


@contextmanager
def fresh_database(template: str | None = None) -> Iterator[str]:
    """The URL of a database that lives for one test."""
    name = create_database(template)
    try:
        yield url_of(name)
    finally:
        drop_database(name)


COLLEAGUE = "priya_shah"  # the other desk's server login in the two-people tests


def colleague_url(url: str) -> str:
    """``url`` as the colleague at another desk: a login of their own (made once, with every
    right, as a manager has), since on a server the change log names the login."""
    with admin() as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_roles WHERE rolname = %s", (COLLEAGUE,)
        ).fetchone()
        if exists is None:
            connection.execute(
                sql.SQL("CREATE ROLE {} LOGIN SUPERUSER").format(sql.Identifier(COLLEAGUE))
            )
    return make_url(url).set(username=COLLEAGUE).render_as_string(hide_password=False)
