"""The Indicators tab's words: its line of measures by status, and what to ask before a
value is kept in a unit its indicator does not use."""

from __future__ import annotations

from app.core.errors import ValidationError
from app.core.kpi_units import measure_name, question
from app.core.kpi_values import parse_value
from app.core.tally import glyph_counts, percent
from app.read.kpis import KpiRow, KpiTable


def unit_question(text: str, row: KpiRow) -> str | None:
    """What to ask before keeping ``text`` for the row's indicator, or None."""
    try:
        value = parse_value(text)
    except ValidationError:
        return None  # refused by the service, which says why
    return question(value, row.unit, measure_name(row.code, row.name))


def status_summary(table: KpiTable | None) -> str:
    """ "25 measures: ● On track 0 · ◆ Off target, improvement plan 2 (8%) · …" for the period:
    the status shown for each (the manager's where set), as the JSON summary counts them."""
    if table is None:
        return ""
    glyphs = [row.glyph for row in table.rows if row.kind == "indicator"]
    if not glyphs:
        return ""
    counts, without = glyph_counts(glyphs, (s.glyph for s in table.symbols))
    parts = [
        f"{s.glyph} {s.name} {counts[s.glyph]}"
        + (f" ({percent(counts[s.glyph], len(glyphs))}%)" if counts[s.glyph] else "")
        for s in table.symbols
    ]
    if without:
        parts.append(f"no status {without}")
    return f"{len(glyphs)} measures: " + " · ".join(parts)
