"""Checks shared by every service function. Each failure names the field and what is wrong."""

from __future__ import annotations

import re

from app.errors import ValidationError

# Limits are generous for real documents (Salford's longest achievements entry is about
# 2,500 characters; Wigan's longest action about 1,200) and refuse pasted accidents.
TITLE_LIMIT = 2_000
NAME_LIMIT = 300
SHORT_LIMIT = 200
TEXT_LIMIT = 50_000

_FORBIDDEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_text(value: str | None, label: str, *, limit: int, required: bool = False) -> str | None:
    """Strip surrounding white space; ``None`` for empty unless ``required``.

    ``label`` is the field's name as the user sees it, capitalised ("Title").
    """
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise ValidationError(f"{label} must be text.")
    text = value.replace("\r\n", "\n").replace("\r", "\n").strip()
    if not text:
        if required:
            raise ValidationError(f"{label} cannot be empty.")
        return None
    if len(text) > limit:
        raise ValidationError(
            f"{label} is too long: {len(text):,} characters, and the most allowed is {limit:,}."
        )
    if _FORBIDDEN.search(text):
        raise ValidationError(f"{label} contains a control character that cannot be stored.")
    return text


def required_text(value: str | None, label: str, *, limit: int) -> str:
    text = clean_text(value, label, limit=limit, required=True)
    assert text is not None
    return text


def check_colour(value: str) -> str:
    if not re.fullmatch(r"#[0-9A-Fa-f]{6}", value or ""):
        raise ValidationError(f"“{value}” is not a colour: write it as #RRGGBB, e.g. #2E7D32.")
    return value.upper()
