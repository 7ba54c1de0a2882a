"""Rules for people's names and e-mail addresses, shared by the People list and "who I am".

Names are compared as a person would read them: "Head of Customer Services" and
"head of customer  services" are one person, so a typed name finds the stored spelling
instead of quietly adding a second person who differs only in capitals or spaces.
"""

from __future__ import annotations

import re

from app.core.errors import ValidationError
from app.core.validation import NAME_LIMIT, clean_text

# Deliberately loose: one "@", something before it and a dotted domain after it. Councils'
# addresses are ordinary; the check is for a slip (a name typed in the e-mail column).
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s.]+")


def name_key(name: str) -> str:
    """What two spellings of one name have in common: case and runs of spaces ignored."""
    return " ".join(name.split()).casefold()


def find_name(typed: str, names: list[str]) -> str | None:
    """The stored spelling of ``typed`` among ``names`` (exact first, then by :func:`name_key`),
    or None when it names nobody yet."""
    if typed in names:
        return typed
    key = name_key(typed)
    matches = [name for name in names if name_key(name) == key]
    return matches[0] if len(matches) == 1 else None


def clean_email(value: str | None, label: str = "The e-mail address") -> str | None:
    """An e-mail address as typed (spaces around it removed), or None when left empty."""
    text = clean_text(value, label, limit=NAME_LIMIT)
    if text is not None and not _EMAIL.fullmatch(text):
        raise ValidationError(
            f"“{text}” is not an e-mail address: write it as name@council.gov.uk."
        )
    return text
