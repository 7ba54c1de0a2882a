"""Where a programme is: a file's path or a server's URL, told apart and named without
importing SQLAlchemy, so the window can say what it is opening before the database code
has loaded (issue 19: the window first)."""

from __future__ import annotations

from urllib.parse import urlsplit

SCHEMES = ("postgresql://", "postgres://", "postgresql+psycopg://")


def is_server_url(location: object) -> bool:
    """Whether what the user gave (a command-line argument, a path) names a server database."""
    return isinstance(location, str) and location.lower().startswith(SCHEMES)


def describe_server(url: str) -> str:
    """“council” on db.example.gov.uk: where the data is, in the words of the title bar."""
    parts = urlsplit(url)
    database = parts.path.lstrip("/") or "postgres"
    host = parts.hostname or "this computer"
    return f"“{database}” on {host}"
