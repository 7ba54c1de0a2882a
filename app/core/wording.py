"""Counts and lists as a sentence says them: "1 judgement", "3 judgements", "a, b and c"."""

from __future__ import annotations


def counted(number: int, singular: str, plural: str | None = None) -> str:
    """``12 judgements``, ``1 judgement``; numbers of thousands with a comma (``1,204 items``)."""
    word = singular if number == 1 else plural or f"{singular}s"
    return f"{number:,} {word}"


def listed(parts: list[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``: no Oxford comma, as the council documents write."""
    if len(parts) <= 1:
        return "".join(parts)
    return f"{', '.join(parts[:-1])} and {parts[-1]}"
