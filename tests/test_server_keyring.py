"""A server's password kept in this computer's keyring, only when asked (issue 20, part 1).

The keyring is a small in-memory backend installed for each test: a stand-in for the
operating system's keyring, not for our database. The server is the real throw-away cluster;
for these tests one login of it must give a password (SCRAM): a line for that login alone is
put first in the cluster's pg_hba.conf, and taken out again afterwards.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import keyring
import psycopg
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail
from keyring.errors import PasswordDeleteError
from psycopg import sql
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication
from sqlalchemy import make_url

from app.store.credentials import SERVICE
from app.store.server import public_url

import servers
from helpers import shown_window, when_modal


class MemoryKeyring(KeyringBackend):
    """Passwords in a dict, as the operating system's keyring would keep them."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.kept: dict[tuple[str, str], str] = {}
        self.asked: list[str] = []

    def get_password(self, service: str, username: str) -> str | None:
        self.asked.append(username)
        return self.kept.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.kept[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.kept.pop((service, username), None) is None:
            raise PasswordDeleteError("not kept")


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    before = keyring.get_keyring()
    memory = MemoryKeyring()
    keyring.set_keyring(memory)
    yield memory
    keyring.set_keyring(before)


@pytest.fixture
def guarded(request: pytest.FixtureRequest) -> Iterator[str]:
    """The URL (without its password, "right") of a demo database whose login must give it."""
    servers.require_server()
    name = servers.create_database(request.getfixturevalue("server_demo_template"))
    login = f"pw_{uuid.uuid4().hex[:8]}"
    url = make_url(servers.url_of(name)).set(username=login, password=None)
    with servers.admin() as admin:
        admin.execute(
            sql.SQL("CREATE ROLE {} LOGIN SUPERUSER PASSWORD 'right'").format(sql.Identifier(login))
        )
        hba = Path(str(admin.execute("SHOW hba_file").fetchone()[0]))
        before = hba.read_text()
        hba.write_text(f"host all {login} 127.0.0.1/32 scram-sha-256\n{before}")
        admin.execute("SELECT pg_reload_conf()")
    wrong = url.set(password="wrong").render_as_string(hide_password=False)
    for _ in range(100):  # the server reads the file again a moment later
        try:
            psycopg.connect(wrong).close()
        except psycopg.OperationalError:
            break
        time.sleep(0.05)
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        hba.write_text(before)
        with servers.admin() as admin:
            admin.execute("SELECT pg_reload_conf()")
        servers.drop_database(name)
        with servers.admin() as admin:
            admin.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(login)))


def fill(qtbot, dialog, url: str, password: str, *, remember: bool) -> None:
    parts = make_url(url)
    for field, value in (
        (dialog.host, parts.host),
        (dialog.port, str(parts.port)),
        (dialog.database, parts.database),
        (dialog.user, parts.username),
        (dialog.password, password),
    ):
        field.selectAll()
        qtbot.keyClicks(field, value)
    if dialog.remember.isChecked() != remember:
        qtbot.mouseClick(dialog.remember, Qt.MouseButton.LeftButton)
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)


def test_a_ticked_password_is_kept_after_the_server_takes_it_and_used_without_asking(
    qtbot, db, tmp_path, guarded, memory_keyring
):
    window = shown_window(qtbot, db, tmp_path)
    seen = []

    def open_with_password(dialog):
        seen.append((dialog.remember.isEnabled(), dialog.keyring_note.text()))
        fill(qtbot, dialog, guarded, "right", remember=True)

    when_modal(open_with_password)
    window.findChild(QAction, "openServer").trigger()
    qtbot.waitUntil(lambda: window.db is not None and window.db.is_server)
    assert seen == [(True, "")]
    assert memory_keyring.kept == {(SERVICE, public_url(guarded)): "right"}
    assert "right" not in repr({k: window.settings.value(k) for k in window.settings.allKeys()})

    # Open Recent: the URL alone, the password from the keyring, and no dialog.
    window.close_file()
    memory_keyring.asked.clear()
    assert window.files.open_path(window.files.recent_files()[0])
    assert window.db is not None and window.db.is_server
    assert memory_keyring.asked == [public_url(guarded)]
    assert QApplication.activeModalWidget() is None
    window.close()


def test_a_refused_kept_password_is_forgotten_and_asked_for(
    qtbot, db, tmp_path, guarded, memory_keyring
):
    memory_keyring.kept[(SERVICE, public_url(guarded))] = "wrong"
    window = shown_window(qtbot, db, tmp_path)
    seen = []

    def ask_again(dialog):
        seen.append((dialog.error.text(), dict(memory_keyring.kept)))
        fill(qtbot, dialog, guarded, "right", remember=True)

    when_modal(ask_again)
    assert window.files.open_path(public_url(guarded))
    parts = make_url(guarded)
    assert seen == [
        (
            f"“{parts.database}” on 127.0.0.1 cannot be opened: connection failed: connection "
            f'to server at "127.0.0.1", port {parts.port} failed: FATAL:  password '
            f'authentication failed for user "{parts.username}". The password kept in this '
            "computer's keyring has been forgotten: type it again.",
            {},
        )
    ]
    assert window.db is not None and window.db.is_server
    assert memory_keyring.kept == {(SERVICE, public_url(guarded)): "right"}
    window.close()


def test_an_unticked_box_keeps_nothing_and_forgets_what_was_kept(
    qtbot, db, tmp_path, guarded, memory_keyring
):
    memory_keyring.kept[(SERVICE, public_url(guarded))] = "right"
    window = shown_window(qtbot, db, tmp_path)
    when_modal(lambda dialog: fill(qtbot, dialog, guarded, "right", remember=False))
    window.findChild(QAction, "openServer").trigger()
    qtbot.waitUntil(lambda: window.db is not None and window.db.is_server)
    assert memory_keyring.kept == {}
    window.close()


def test_without_a_keyring_the_dialog_says_so_and_asks_each_time(qtbot, db, tmp_path):
    before = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        window = shown_window(qtbot, db, tmp_path)
        seen = []

        def look(dialog):
            seen.append(
                (
                    dialog.remember.isEnabled(),
                    dialog.remember.isChecked(),
                    dialog.keyring_note.text(),
                )
            )
            dialog.reject()

        when_modal(look)
        window.findChild(QAction, "openServer").trigger()
        assert seen == [
            (
                False,
                False,
                "This computer has no keyring to keep passwords in (on Linux, a Secret Service "
                "such as GNOME Keyring or KWallet), so the password is asked for each time.",
            )
        ]
        window.close()
    finally:
        keyring.set_keyring(before)
