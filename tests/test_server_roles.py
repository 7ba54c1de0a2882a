"""Who may do what on a server, enforced by PostgreSQL (issue 20, part 4).

Each test copies the demo programmes into a fresh database of the throw-away cluster, whose
own login (a superuser, so the database's owner) adds managers and service leads with
``python -m app users``; the leads' and managers' logins are real roles of the cluster, and
their edits go through the services, and through raw SQL on a connection of their own, as a
lead with ``psql`` would. The cluster trusts local connections, so any password logs in.
"""

from __future__ import annotations

import dataclasses
import io
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field

import psycopg
import pytest
from psycopg import sql
from sqlalchemy import make_url, select

from app.cli import run
from app.core.errors import PermissionRefusedError, ServerError, ValidationError
from app.services import items, progress, server_users
from app.store.database import Database
from app.store.models import ChangeLogEntry, Judgement, Milestone, ProgressUpdate, Symbol
from app.store.server_roles import group_roles

import servers

LEAD_PERSON = "Head of Customer Services"
OWN = 3  # "By completing identified actions in strategy", Head of Customer Services's
OTHERS = 37  # "Evaluate impact of new governance frameworks", another person's
Q1 = 1  # Quarter 1 2009/10 of the Chief Executive's programme
OTHERS_REFUSED = (
    "The server does not let Head of Customer Services change “Evaluate impact of new "
    "governance frameworks”: only its responsible person or a manager may."
)


@dataclass
class Team:
    url: str
    database: str
    logins: list[str] = field(default_factory=list)

    def login(self, stem: str) -> str:
        name = f"{stem}_{uuid.uuid4().hex[:8]}"
        self.logins.append(name)
        return name

    def url_as(self, login: str) -> str:
        return (
            make_url(self.url)
            .set(username=login, password="secret")
            .render_as_string(hide_password=False)
        )

    def raw_as(self, login: str) -> psycopg.Connection:
        return psycopg.connect(self.url_as(login), autocommit=True)


@pytest.fixture
def team(request: pytest.FixtureRequest) -> Iterator[Team]:
    servers.require_server()
    template = request.getfixturevalue("server_demo_template")
    name = servers.create_database(template)
    made = Team(servers.url_of(name), name)
    try:
        yield made
    finally:
        servers.drop_database(name)
        with servers.admin() as connection:
            for role in (*made.logins, *group_roles(name)):
                connection.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(role)))


def add(team: Team, *args: str, stdin: str = "secret\n", monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    return run(["users", team.url, "add", *args, "--password-stdin"])


@pytest.fixture
def lead(team: Team, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> str:
    login = team.login("lead")
    assert add(team, login, "--lead", LEAD_PERSON, monkeypatch=monkeypatch) == 0
    out = capsys.readouterr().out
    assert (
        out
        == f"{login} may use “{team.database}” on 127.0.0.1 as the service lead for {LEAD_PERSON}\n"
    )
    return login


def glyph_of(db: Database, item_id: int) -> str | None:
    with db.reader() as session:
        return session.scalar(
            select(Symbol.glyph)
            .join(Judgement, Judgement.symbol_id == Symbol.id)
            .where(Judgement.item_id == item_id, Judgement.period_id == Q1)
        )


def test_a_lead_changes_their_own_items_progress_and_the_log_names_their_login(
    team: Team, lead: str
) -> None:
    with Database.open(team.url_as(lead)) as db:
        assert (db.identity.role, db.identity.person) == ("lead", LEAD_PERSON)
        progress.set_judgement(db, OWN, Q1, "▲")
        progress.set_achievements(db, OWN, Q1, "The strategy is in place.")
        with db.reader() as session:
            milestone = session.scalar(select(Milestone.id).where(Milestone.item_id == OWN))
        progress.edit_milestone(db, milestone, status="reached", fields=frozenset({"status"}))
        progress.set_judgement(db, OWN, Q1, None)  # a DELETE of the lead's own row
        assert glyph_of(db, OWN) is None
        with db.reader() as session:
            logged = session.execute(
                select(ChangeLogEntry.user, ChangeLogEntry.operation)
                .order_by(ChangeLogEntry.id.desc())
                .limit(4)
            ).all()
    assert logged == [
        (lead, "set judgement"),
        (lead, "edit milestone"),
        (lead, "edit achievements"),
        (lead, "set judgement"),
    ]


def test_the_server_refuses_a_leads_raw_sql_on_someone_elses_rows(team: Team, lead: str) -> None:
    with team.raw_as(lead) as raw:
        with pytest.raises(psycopg.errors.InsufficientPrivilege) as refused:
            raw.execute("UPDATE judgement SET symbol_id = symbol_id WHERE item_id = %s", (OTHERS,))
        assert str(refused.value) == (
            'new row violates row-level security policy for table "judgement"'
        )
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            raw.execute(
                "INSERT INTO progress_update (item_id, period_id, position, text)"
                " VALUES (%s, %s, 5, 'Mine now')",
                (OTHERS, Q1),
            )
        # A DELETE of rows a lead may not touch finds none to delete.
        deleted = raw.execute("DELETE FROM progress_update WHERE item_id = %s", (OTHERS,))
        assert deleted.rowcount == 0
        # Nor can a lead move someone else's row onto their own item, nor forge the log.
        with pytest.raises(psycopg.errors.InsufficientPrivilege) as moved:
            raw.execute("UPDATE judgement SET item_id = %s WHERE item_id = %s", (OWN, OTHERS))
        assert str(moved.value) == "permission denied for table judgement"
        with pytest.raises(psycopg.errors.InsufficientPrivilege) as forged:
            raw.execute(
                'INSERT INTO change_log (batch, at, "user", operation, entity)'
                " VALUES (1, 'now', 'someone else', 'forged', 'item')"
            )
        assert str(forged.value) == (
            'new row violates row-level security policy for table "change_log"'
        )
        # Their own rows they may change, and they read everything.
        raw.execute("UPDATE judgement SET carried = false WHERE item_id = %s", (OWN,))
        assert raw.execute(
            "SELECT count(*) FROM progress_update WHERE item_id = %s", (OTHERS,)
        ).fetchone() == (1,)


def test_a_lead_is_refused_someone_elses_item_and_their_own_items_title(
    team: Team, lead: str
) -> None:
    with Database.open(team.url_as(lead)) as db:
        with pytest.raises(PermissionRefusedError) as refused:
            progress.set_judgement(db, OTHERS, Q1, "▲")
        assert str(refused.value) == OTHERS_REFUSED
        with pytest.raises(PermissionRefusedError) as cleared:
            progress.set_judgement(db, OTHERS, Q1, None)
        assert str(cleared.value) == OTHERS_REFUSED
        with pytest.raises(PermissionRefusedError) as title:
            items.set_item_text(db, OWN, "title", "A better title")
        assert str(title.value) == (
            "The server does not let Head of Customer Services change “By completing "
            "identified actions in strategy” in that way: a service lead may change only the "
            "judgement, achievements and milestone status of their own items."
        )
        with pytest.raises(PermissionRefusedError) as other_title:
            items.set_item_text(db, OTHERS, "title", "A better title")
        assert str(other_title.value) == OTHERS_REFUSED
        assert glyph_of(db, OTHERS) == "●"


def test_the_server_refuses_a_lead_even_when_the_window_did_not_check(
    team: Team, lead: str
) -> None:
    """The window's own check is a courtesy: without it, the server says no just the same."""
    with Database.open(team.url_as(lead)) as db:
        assert db.identity is not None
        db.identity = dataclasses.replace(db.identity, role="manager")  # the window fooled
        with pytest.raises(PermissionRefusedError) as refused:
            progress.set_judgement(db, OTHERS, Q1, "▲")
        assert str(refused.value) == OTHERS_REFUSED
        assert glyph_of(db, OTHERS) == "●"


def test_a_manager_may_do_everything(
    team: Team, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    login = team.login("manager")
    assert add(team, login, "--manager", monkeypatch=monkeypatch) == 0
    with Database.open(team.url_as(login)) as db:
        assert db.identity.role == "manager"
        progress.set_judgement(db, OTHERS, Q1, "▲")
        items.set_item_text(db, OWN, "title", "A better title")
        progress.set_achievements(db, OTHERS, Q1, None)
        with db.reader() as session:
            users = session.scalars(
                select(ChangeLogEntry.user).order_by(ChangeLogEntry.id.desc()).limit(3)
            ).all()
            left = session.scalar(select(ProgressUpdate.id).where(ProgressUpdate.item_id == OTHERS))
        assert users == [login, login, login]
        assert left is None
        with pytest.raises(PermissionRefusedError) as refused:
            server_users.add_user(db, "someone", "manager", password="x")
        assert str(refused.value) == (
            "The server does not let the login “" + login + "” add or remove users: only the "
            "database’s owner may (the login that made it or copied the programme to it)."
        )


def test_users_are_listed_changed_and_removed(
    team: Team, lead: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    manager = team.login("manager")
    assert add(team, manager, "--manager", monkeypatch=monkeypatch) == 0
    capsys.readouterr()
    assert run(["users", team.url, "list"]) == 0
    listed = sorted(capsys.readouterr().out.splitlines())
    assert listed == sorted([f"{lead}\tservice lead for {LEAD_PERSON}", f"{manager}\tmanager"])
    assert run(["users", team.url, "remove", lead]) == 0
    assert capsys.readouterr().out == f"{lead} may no longer use “{team.database}” on 127.0.0.1\n"
    with pytest.raises(ServerError) as gone:
        Database.open(team.url_as(lead), read_only=True)
    assert str(gone.value) == (
        f"“{team.database}” on 127.0.0.1 cannot be opened: the server does not let “{lead}” "
        "read it. Ask the programme’s manager to add the login (“python -m app users”)."
    )
    with Database.open(team.url) as db, db.reader() as session:
        logged = session.execute(
            select(ChangeLogEntry.field, ChangeLogEntry.old_value, ChangeLogEntry.new_value)
            .where(ChangeLogEntry.entity == "server user")
            .order_by(ChangeLogEntry.id)
        ).all()
    assert logged == [
        (f"user {lead}", None, f"service lead for {LEAD_PERSON}"),
        (f"user {manager}", None, "manager"),
        (f"user {lead}", f"service lead for {LEAD_PERSON}", None),
    ]


def test_adding_a_user_refuses_what_cannot_be(
    team: Team, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    login = team.login("nobody")
    assert add(team, login, "--lead", "Sam Lee", monkeypatch=monkeypatch) == 2
    assert capsys.readouterr().err == (
        "programme-tracker: No one called “Sam Lee” is responsible for anything in this "
        "programme: add them under People first, or check the spelling.\n"
    )
    assert add(team, login, "--manager", stdin="\n", monkeypatch=monkeypatch) == 2
    assert capsys.readouterr().err == (
        f"programme-tracker: The server has no login “{login}” yet: give a password to make "
        "it with.\n"
    )
    assert run(["users", "programme.ptdb", "list"]) == 2
    assert capsys.readouterr().err == (
        "programme-tracker: “programme.ptdb” is a file: users and what they may do belong to "
        "a programme on a server; give its postgresql:// URL.\n"
    )
    with pytest.raises(ValidationError) as bad, Database.open(team.url) as db:
        server_users.add_user(db, "1 bad", "manager")
    assert str(bad.value) == (
        "“1 bad” cannot be a login: use up to 63 letters, digits, “_”, “.”, “@” or “-”, "
        "starting with a letter."
    )


def test_a_leads_window_offers_only_what_the_server_lets_them_change(
    qtbot, tmp_path, team: Team, lead: str
) -> None:
    """The server's refusal is the guarantee; the window does not invite the edit: the lead's
    own actions' judgements are editable in the tree, every other cell is not, and in the
    detail pane only their own item's achievements and its milestones' status change."""
    from PySide6.QtCore import Qt

    from ui.tree.model import JUDGEMENT, TITLE

    from helpers import shown_window

    db = Database.open(team.url_as(lead))
    window = shown_window(qtbot, db, tmp_path, ("model",))
    model = window.model
    editable = Qt.ItemFlag.ItemIsEditable
    assert model.flags(model.index_for(OWN, JUDGEMENT)) & editable
    assert not model.flags(model.index_for(OWN, TITLE)) & editable
    assert not model.flags(model.index_for(OTHERS, JUDGEMENT)) & editable
    assert not window.menus.add_action.isEnabled(), "the tree's shape is a manager's"
    assert not window.publishing.button.isEnabled(), "and publishing a period"
    window.tree.select_item(window.proxy.mapFromSource(model.index_for(OWN)))
    detail = window.detail
    assert detail.title_edit.isReadOnly() and not detail.achievements.isReadOnly()
    milestones = detail.milestones
    assert milestones.rowCount() > 0
    row = milestones.index(0, 0)
    assert not milestones.flags(row) & editable, "a lead changes a milestone's status only"
    assert milestones.flags(milestones.index(0, milestones.REACHED)) & (
        Qt.ItemFlag.ItemIsUserCheckable
    )
    window.tree.select_item(window.proxy.mapFromSource(model.index_for(OTHERS)))
    assert detail.achievements.isReadOnly()
    window.close()
