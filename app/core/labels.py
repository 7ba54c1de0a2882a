"""How long text is shortened for a message, a label or a document property.

One rule, so a title cut short reads the same in an undo entry, a pack refusal and a
report's properties: at most ``limit`` characters, the last of them "…".
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def item_label(state: Mapping[str, Any]) -> str:
    """An item as a message names it: its number, if it has one, and its title (shortened)."""
    number = state.get("number")
    title = shorten(state["title"], 90)
    return f"{number} {title}" if number else title


def milestone_words(due: str | None, text: str | None) -> str:
    """A milestone in one line, as the reports print it ("Sep 09: Draft strategy") and as an
    import compares it with what a file holds."""
    if due and text:
        return f"{due}: {text}"
    return due or text or ""
