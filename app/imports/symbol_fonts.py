"""The characters of the symbol fonts that councils' reports use for judgements (Wingdings,
Wingdings 2 and 3, Symbol), as the Unicode characters they show.

A symbol font draws its own picture for an ordinary code: Wingdings "l" prints ●. Word stores
such a character either as a ``w:sym`` element (font and code, usually in the private-use
range U+F000–U+F0FF) or as plain text in a run set in the font, so a reader that took the
text as it is would find "l" where the page shows ●. Only the characters a report is likely
to use are here (shapes, ticks and crosses, arrows, faces); anything else is reported by the
reader as not mapped rather than guessed.

The codes follow the fonts themselves (Unicode's Wingdings mappings): Wingdings "s" is a
black lozenge ⬧, not a triangle; the triangles ▲ ▼ are Wingdings 3 "p" and "q".
"""

from __future__ import annotations

WINGDINGS = {
    0x4A: "☺",
    0x4B: "😐",
    0x4C: "☹",
    0x6C: "●",
    0x6D: "❍",
    0x6E: "■",
    0x6F: "□",
    0x71: "❑",
    0x72: "❒",
    0x73: "⬧",
    0x74: "⧫",
    0x75: "◆",
    0x76: "❖",
    0x77: "⬥",
    0x9F: "•",
    0xA1: "○",
    0xA7: "▪",
    0xA8: "◻",
    0xAB: "★",
    0xD8: "➢",
    0xE8: "➔",
    0xEF: "⇦",
    0xF0: "⇨",
    0xF1: "⇧",
    0xF2: "⇩",
    0xFB: "✗",
    0xFC: "✓",
    0xFD: "☒",
    0xFE: "☑",
}
WINGDINGS_2 = {
    0x4F: "🗴",
    0x50: "✓",
    0x51: "🗵",
    0x52: "☑",
    0x53: "☒",
    0x54: "☒",
    0x95: "•",
    0x96: "●",
    0x97: "⚫",
    0x98: "⬤",
    0x9E: "⦿",
    0xA0: "■",
    0xA2: "⬛",
    0xA3: "⬜",
    0xAE: "◆",
    0xAF: "◇",
    0xEA: "★",
}
WINGDINGS_3 = {
    0x66: "←",
    0x67: "→",
    0x68: "↑",
    0x69: "↓",
    0x6A: "↖",
    0x6B: "↗",
    0x6C: "↙",
    0x6D: "↘",
    0x70: "▲",
    0x71: "▼",
    0x72: "△",
    0x73: "▽",
    0x74: "◄",
    0x75: "►",
    0x76: "◁",
    0x77: "▷",
    0x81: "▲",
    0x82: "▼",
    0x83: "◀",
    0x84: "▶",
}
# Symbol keeps digits and most ASCII punctuation; its letters are Greek, which no judgement
# uses, so they stay unmapped and are reported.
SYMBOL = {
    **{code: chr(code) for code in range(0x20, 0x40) if code not in (0x22, 0x24, 0x27, 0x2A)},
    0x2A: "∗",
    0xA8: "♣",
    0xA9: "♦",
    0xAA: "♥",
    0xAB: "♠",
    0xAC: "←",
    0xAD: "↑",
    0xAE: "→",
    0xAF: "↓",
    0xB0: "°",
    0xB1: "±",
    0xB4: "×",
    0xB7: "•",
    0xD6: "√",
    0xDE: "⇒",
    0xE0: "◊",
}
FONTS = {"wingdings": WINGDINGS, "wingdings2": WINGDINGS_2, "wingdings3": WINGDINGS_3}
FONTS["symbol"] = SYMBOL
# Fonts that draw pictures for ordinary codes but whose characters are not mapped here.
OTHER_SYMBOL_FONTS = ("webdings", "zapfdingbats", "dingbats", "marlett", "msreferencespecialty")
PRIVATE_USE = range(0xF020, 0xF100)  # where Word puts a symbol font's codes


def font_key(font: str | None) -> str:
    return "".join((font or "").lower().split())


def is_symbol_font(font: str | None) -> bool:
    key = font_key(font)
    return key in FONTS or key in OTHER_SYMBOL_FONTS


def symbol_char(font: str | None, code: int) -> str | None:
    """The Unicode character a symbol font shows for ``code`` (a private-use code or the
    plain one), or ``None`` when the font or the character is not one mapped here."""
    if code in PRIVATE_USE:
        code -= 0xF000
    table = FONTS.get(font_key(font))
    return table.get(code) if table else None
