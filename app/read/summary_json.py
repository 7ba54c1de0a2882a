"""The summary as data, for councils that feed a dashboard: ``summary --json``.

The same counts as the printed Tables 1–2 (app/read/summary.py, through app/core/tally.py),
with each column's name and glyphs, the total over all groups, the same counts per
top-level item and per person responsible, the count per symbol, and
the count of measures per KPI status for the period. Percentages are whole numbers rounded
half up, of the judged actions (of all measures, for KPIs), as the seed documents print them.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.tally import Tally, glyph_counts, percent
from app.read.kpis import kpi_table
from app.read.queries import ColumnRow, symbols
from app.read.summary import Summary, ratings
from app.store.models import Item, Judgement, Symbol

FORMAT = "programme-tracker summary 1"


def _counts(counted: Tally, columns: list[ColumnRow]) -> dict[str, Any]:
    """Counts and percentages keyed by column name (names are unique within a scheme), and
    within each rated column (a two-level scheme's state) the count and percentage of each
    of its ratings, keyed by glyph."""
    data: dict[str, Any] = {
        "actions": counted.actions,
        "judged": counted.judged,
        "not_yet_judged": counted.unjudged,
        "counts": {c.name: counted.counts.get(c.name, 0) for c in columns},
        "percentages": {c.name: counted.percent(c.name) for c in columns},
    }
    rated = [c for c in columns if c.rated]
    if rated:
        data["ratings"] = {
            c.name: {
                glyph: {"count": n, "percentage": percent(n, counted.judged)}
                for glyph, n in ratings(counted, c)
            }
            for c in rated
        }
    return data


def summary_data(
    session: Session, summary: Summary, programme_id: int, period_id: int
) -> dict[str, Any]:
    categories = [c for c in summary.columns if c.glyphs]
    groups = [{"name": g.name, **_counts(g, categories)} for g in summary.groups]
    total = summary.total()
    return {
        "format": FORMAT,
        "programme": summary.programme,
        "period": summary.period,
        "columns": [
            {"name": c.name, "role": c.role.value, "glyphs": list(c.glyphs), "rated": c.rated}
            for c in categories
        ],
        "groups": groups,
        "total": _counts(total, categories),
        "by_top_level_item": [{"name": g.name, **_counts(g, categories)} for g in summary.by_item],
        "by_responsible": [
            {"name": g.name, **_counts(g, categories)} for g in summary.by_responsible
        ],
        "symbols": _symbol_counts(session, programme_id, period_id),
        "indicators": _kpi_counts(session, programme_id, period_id),
    }


def _symbol_counts(session: Session, programme_id: int, period_id: int) -> list[dict[str, Any]]:
    """Each symbol of the programme's scheme with how many actions it judges this period."""
    leaves = select(Item.id).where(
        Item.programme_id == programme_id,
        ~Item.id.in_(select(Item.parent_id).where(Item.parent_id.is_not(None))),
    )
    used = Counter(
        session.scalars(
            select(Symbol.glyph)
            .join(Judgement, Judgement.symbol_id == Symbol.id)
            .where(Judgement.period_id == period_id, Judgement.item_id.in_(leaves))
        )
    )
    return [
        {
            "glyph": s.glyph,
            "name": s.name,
            "colour": s.colour,
            "column": s.column_name,
            "rated": s.rated,
            "actions": used.get(s.glyph, 0),
        }
        for s in symbols(session, programme_id)
    ]


def _kpi_counts(session: Session, programme_id: int, period_id: int) -> dict[str, Any] | None:
    """Measures per status (the manager's where set, else the computed one); None when the
    programme has no indicators."""
    table = kpi_table(session, programme_id, period_id)
    measures = [row for row in table.rows if row.kind == "indicator"]
    if not measures:
        return None
    counts, without = glyph_counts(
        (row.glyph for row in measures), (s.glyph for s in table.symbols)
    )
    return {
        "measures": len(measures),
        "statuses": [
            {
                "glyph": s.glyph,
                "name": s.name,
                "colour": s.colour,
                "measures": counts[s.glyph],
                "percentage": percent(counts[s.glyph], len(measures)),
            }
            for s in table.symbols
        ],
        "without_status": without,
    }
