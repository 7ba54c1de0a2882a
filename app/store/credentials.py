"""A server's password kept in the system keyring (macOS Keychain, Windows Credential Locker,
the Secret Service on Linux), only when its user asks, under the service "Programme Tracker"
and the server's public URL (never holding the password itself).

``keyring`` is imported only when a server is opened: it costs about 40 ms, which the window's
start on a file should not pay. Where the computer has no keyring (a Linux desktop without
a Secret Service, or none at all), ``keyring_problem`` says so and nothing is kept: the
password is asked for each time.
"""

from __future__ import annotations

import contextlib

from sqlalchemy import make_url

from app.store.server import public_url

SERVICE = "Programme Tracker"
NO_KEYRING = (
    "This computer has no keyring to keep passwords in (on Linux, a Secret Service such as "
    "GNOME Keyring or KWallet), so the password is asked for each time."
)


def keyring_problem() -> str | None:
    """None when passwords can be kept in this computer's keyring; otherwise why not."""
    try:
        import keyring

        backend = keyring.get_keyring()
    except Exception:  # a broken backend's import or configuration: as if none
        return NO_KEYRING
    return NO_KEYRING if backend.priority <= 0 else None


def recall(url: str) -> str | None:
    """The password kept for this server database and login, if any."""
    if keyring_problem() is not None:
        return None
    import keyring
    from keyring.errors import KeyringError

    try:
        return keyring.get_password(SERVICE, public_url(url))
    except KeyringError:
        return None


def remember(url: str, password: str) -> str | None:
    """Keep ``password`` for the URL; None when kept, else why it could not be."""
    problem = keyring_problem()
    if problem is not None:
        return problem
    import keyring
    from keyring.errors import KeyringError

    try:
        keyring.set_password(SERVICE, public_url(url), password)
    except KeyringError as error:
        return f"The password could not be kept in this computer's keyring: {error}."
    return None


def forget(url: str) -> None:
    """Forget any password kept for the URL (one the server refused, or one not wanted)."""
    if keyring_problem() is not None:
        return
    import keyring
    from keyring.errors import KeyringError, PasswordDeleteError

    with contextlib.suppress(PasswordDeleteError, KeyringError):  # nothing kept: nothing to do
        keyring.delete_password(SERVICE, public_url(url))


def password_of(url: str) -> str:
    """The password written in the URL itself ("" when none)."""
    return make_url(url.replace("postgres://", "postgresql://", 1)).password or ""


def with_kept_password(url: str) -> tuple[str, bool]:
    """The URL with the keyring's password when it has none of its own, and whether the
    keyring gave it (a refusal then makes the keyring forget it)."""
    if password_of(url):
        return url, False
    kept = recall(url)
    if not kept:
        return url, False
    parsed = make_url(url.replace("postgres://", "postgresql://", 1))
    return parsed.set(password=kept).render_as_string(hide_password=False), True
