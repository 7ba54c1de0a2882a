"""The tree's SQL: the statements SQLAlchemy's expressions would only make harder to read.

The window's tree runs on the driver's own cursor: for 12,000 rows SQLAlchemy's per-row
result processing cost more than the query itself, and these columns need none of it, so
``app.read.queries.tree_rows`` asks for plain tuples here. A recursive count of the levels
tells which report layouts fit a programme.
"""

from __future__ import annotations

from typing import Any, cast

from sqlalchemy import text
from sqlalchemy.orm import Session

# The tree in two statements: items with the judgement of the chosen and the previous period;
# then each item's next open milestone (the first due on or after the as-at date; else the
# latest overdue one; else the first undated), picked by a window function, not in Python.
# (Joining the window query into the first makes SQLite rescan it for every item.)
TREE_SQL = """
SELECT i.id, i.parent_id, i.position, i.number, i.title, r.name, k.name, now_s.glyph,
       before_s.glyph, COALESCE(now_j.carried, 0)
FROM item AS i
LEFT JOIN responsible AS r ON r.id = i.responsible_id
LEFT JOIN item_kind AS k ON k.id = i.kind_id
LEFT JOIN judgement AS now_j ON now_j.item_id = i.id AND now_j.period_id = :period
LEFT JOIN symbol AS now_s ON now_s.id = now_j.symbol_id
LEFT JOIN judgement AS before_j ON before_j.item_id = i.id AND before_j.period_id = :previous
LEFT JOIN symbol AS before_s ON before_s.id = before_j.symbol_id
WHERE i.programme_id = :programme {only}
ORDER BY i.parent_id IS NOT NULL, i.parent_id, i.position, i.id
"""

NEXT_MILESTONE_SQL = """
SELECT item_id, due_text, due_date, overdue FROM (
    SELECT item_id, due_text, due_date,
           ROW_NUMBER() OVER (PARTITION BY item_id ORDER BY
               CASE WHEN due_date >= :as_at THEN 0 WHEN due_date IS NOT NULL THEN 1 ELSE 2 END,
               CASE WHEN due_date >= :as_at THEN due_date END,
               due_date DESC, position) AS rank,
           MAX(CASE WHEN due_date < :as_at THEN 1 ELSE 0 END)
               OVER (PARTITION BY item_id) AS overdue
    FROM milestone
    WHERE programme_id = :programme AND item_id IS NOT NULL AND status = 'open' {only}
) WHERE rank = 1
"""


def tree_tuples(
    session: Session,
    programme_id: int,
    period_id: int | None,
    previous_id: int | None,
    as_at: str,
    ids: list[int] | None,
) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """(items, next milestones) of the programme, or just of ``ids``, as the driver returns
    them: see the two statements above for their columns."""
    only = milestone_only = ""
    if ids is not None:
        listed = ",".join(str(int(i)) for i in ids) or "NULL"
        only, milestone_only = f"AND i.id IN ({listed})", f"AND item_id IN ({listed})"
    params = {
        "programme": programme_id,
        "period": period_id,
        "previous": previous_id,
        "as_at": as_at,
    }
    if session.get_bind().dialect.name != "sqlite":
        return _tree_tuples_on_server(session, params, only, milestone_only)
    raw = session.connection().connection.driver_connection
    assert raw is not None
    milestones = raw.execute(NEXT_MILESTONE_SQL.format(only=milestone_only), params).fetchall()
    items = raw.execute(TREE_SQL.format(only=only), params).fetchall()
    return items, milestones


def _server_sql(statement: str) -> str:
    """A statement above as PostgreSQL takes it: a judgement's ``carried`` is a boolean there
    (SQLite's is 0 or 1), a subquery needs a name, and a due date comes back as the same
    ISO text a file gives, so that one reader (``app.read.queries.tree_rows``) reads both."""
    adapted = (
        statement.replace("COALESCE(now_j.carried, 0)", "COALESCE(now_j.carried, false)")
        .replace(") WHERE rank = 1", ") AS ranked WHERE rank = 1")
        .replace(
            "SELECT item_id, due_text, due_date, overdue FROM (",
            "SELECT item_id, due_text, CAST(due_date AS TEXT), overdue FROM (",
        )
    )
    # psycopg's own parameter style, for its own cursor (below).
    for name in ("programme", "period", "previous", "as_at"):
        adapted = adapted.replace(f":{name}", f"%({name})s")
    return adapted


_SERVER_TREE_SQL = _server_sql(TREE_SQL)
_SERVER_NEXT_MILESTONE_SQL = _server_sql(NEXT_MILESTONE_SQL)


def _tree_tuples_on_server(
    session: Session, params: dict[str, Any], only: str, milestone_only: str
) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """The same two statements on psycopg's own cursor, for the reason the file's path uses
    SQLite's (half the time of SQLAlchemy's rows for 12,000 items); the file's path above
    stays as it is measured."""
    raw = session.connection().connection.driver_connection
    assert raw is not None
    milestones = raw.execute(_SERVER_NEXT_MILESTONE_SQL.format(only=milestone_only), params)
    found = milestones.fetchall()
    items = raw.execute(_SERVER_TREE_SQL.format(only=only), params).fetchall()
    return items, found


_LEVEL_COUNTS = text(
    """
    WITH RECURSIVE tree(id, depth) AS (
        SELECT id, 0 FROM item WHERE programme_id = :programme AND parent_id IS NULL
        UNION ALL
        SELECT item.id, tree.depth + 1 FROM item JOIN tree ON item.parent_id = tree.id
    )
    SELECT depth, count(*) FROM tree GROUP BY depth ORDER BY depth
    """
)


def level_counts(session: Session, programme_id: int) -> list[int]:
    """How many items the programme's tree holds at each depth, top level first."""
    rows = session.execute(_LEVEL_COUNTS, {"programme": programme_id})
    return cast("list[int]", [count for _depth, count in rows])  # raw SQL: untyped rows
