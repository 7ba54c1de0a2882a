"""Reading one value of a programme description, with its place in the description put first
in any refusal: a description holds hundreds of items, and “The title cannot be empty.” alone
would not say which one to mend. The rules themselves are the editing services' own."""

from __future__ import annotations

import contextlib
import datetime as dt
import enum
from collections.abc import Iterator
from typing import Any

from app.core.dates import parse_date
from app.core.errors import ValidationError
from app.core.validation import clean_text, required_text


@contextlib.contextmanager
def located(where: str) -> Iterator[None]:
    """Put ``where`` (“Item 3 (“Publish…”)”) before the message of a refusal raised inside."""
    try:
        yield
    except ValidationError as error:
        raise ValidationError(f"{where}: {error}") from None


def read_text(
    spec: dict[str, Any], key: str, label: str, limit: int, where: str, required: bool = False
) -> str | None:
    """``spec[key]`` through the one text rule (``clean_text``); ``None`` when absent."""
    with located(where):
        return clean_text(spec.get(key), label, limit=limit, required=required)


def read_required(value: Any, label: str, limit: int, where: str) -> str:
    """``required_text``, for a value that is not read from a key (a level name in a list)."""
    with located(where):
        return required_text(value, label, limit=limit)


def read_choice(value: Any, allowed: type[enum.StrEnum], message: str, where: str) -> str | None:
    """``None``, or one of an enumeration's values; else ``message`` (which quotes it)."""
    if value is None:
        return None
    if value not in {member.value for member in allowed}:
        raise ValidationError(f"{where}: {message.format(value=value)}")
    return str(value)


def read_date(value: str | None, where: str) -> dt.date | None:
    """An ISO date as a program writes it, else a date as a council document does."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        with located(where):
            return parse_date(str(value))
