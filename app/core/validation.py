"""Checks shared by every service function. Each failure names the field and what is wrong."""

from __future__ import annotations

import re

from app.core.errors import ValidationError

# Limits are generous for real documents (Salford's longest achievements entry is about
# 2,500 characters; Wigan's longest action about 1,200) and refuse pasted accidents.
TITLE_LIMIT = 2_000
NAME_LIMIT = 300
SHORT_LIMIT = 200
TEXT_LIMIT = 50_000

# The one text rule. Refused, wherever text comes from (window, pack, JSON import):
# - control characters other than tab and line breaks, C0 and C1 (U+0080–U+009F is what
#   Windows-1252 text read as Latin-1 leaves behind): invisible, and not allowed in XML 1.0;
# - Unicode non-characters, U+FDD0–U+FDEF and the last two code points of every plane
#   (U+FFFE, U+FFFF, U+1FFFE … U+10FFFF): never meant to be exchanged; Word and Excel
#   exports crash on U+FFFE and U+FFFF;
# - lone surrogates (U+D800–U+DFFF not paired): UTF-8 cannot encode them at all.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_UNSTORABLE = re.compile(
    "[\ud800-\udfff\ufdd0-\ufdef"
    + "".join(f"{chr(plane << 16 | 0xFFFE)}{chr(plane << 16 | 0xFFFF)}" for plane in range(17))
    + "]"
)
_SURROGATE = re.compile("[\ud800-\udfff]")
_PAIR = re.compile("[\ud800-\udbff][\udc00-\udfff]")


def _join_pair(pair: re.Match[str]) -> str:
    return pair.group().encode("utf-16-le", "surrogatepass").decode("utf-16-le")


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
    return check_characters(text, label)


def check_characters(text: str, label: str) -> str:
    """The text rule alone (no stripping, no limit), for names that are looked up as well
    as for stored text. A surrogate pair written as two halves becomes its one character."""
    if _SURROGATE.search(text):
        text = _PAIR.sub(_join_pair, text)  # any half left over is refused below
    if _CONTROL.search(text):
        raise ValidationError(f"{label} contains a control character that cannot be stored.")
    found = _UNSTORABLE.search(text)
    if found:
        raise ValidationError(
            f"{label} contains a character that cannot be stored (U+{ord(found.group()):04X})."
        )
    return text


def required_text(value: str | None, label: str, *, limit: int) -> str:
    text = clean_text(value, label, limit=limit, required=True)
    assert text is not None
    return text


def check_colour(value: str) -> str:
    if not re.fullmatch(r"#[0-9A-Fa-f]{6}", value or ""):
        raise ValidationError(f"“{value}” is not a colour: write it as #RRGGBB, e.g. #2E7D32.")
    return value.upper()
