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

# The tree in one statement: items with the judgement of the chosen and the previous period,
# and each item's next open milestone (the first due on or after the as-at date; else the
# latest overdue one; else the first undated), found through the milestone index for each
# item; last, the item row's version (what an edit of its fields says it was made on). (A
# window function over all milestones, joined in, made SQLite rescan it for every item; run as
# a second statement it cost a second pass and a dictionary in Python.)
TREE_SQL = """
SELECT i.id, i.parent_id, i.position, i.number, i.title, r.name, k.name, now_s.glyph,
       before_s.glyph, m.due_text, m.due_date,
       EXISTS (SELECT 1 FROM milestone AS late
               WHERE late.programme_id = :programme AND late.item_id = i.id
                 AND late.status = 'open' AND late.due_date < :as_at),
       COALESCE(now_j.carried, 0), i.version
FROM item AS i
LEFT JOIN responsible AS r ON r.id = i.responsible_id
LEFT JOIN item_kind AS k ON k.id = i.kind_id
LEFT JOIN judgement AS now_j ON now_j.item_id = i.id AND now_j.period_id = :period
LEFT JOIN symbol AS now_s ON now_s.id = now_j.symbol_id
LEFT JOIN judgement AS before_j ON before_j.item_id = i.id AND before_j.period_id = :previous
LEFT JOIN symbol AS before_s ON before_s.id = before_j.symbol_id
LEFT JOIN milestone AS m ON m.id = (
    SELECT n.id FROM milestone AS n
    WHERE n.programme_id = :programme AND n.item_id = i.id AND n.status = 'open'
    ORDER BY CASE WHEN n.due_date >= :as_at THEN 0 WHEN n.due_date IS NOT NULL THEN 1 ELSE 2 END,
             CASE WHEN n.due_date >= :as_at THEN n.due_date END,
             n.due_date DESC, n.position
    LIMIT 1)
WHERE i.programme_id = :programme {only}
ORDER BY i.parent_id IS NOT NULL, i.parent_id, i.position, i.id
"""


def tree_tuples(
    session: Session,
    programme_id: int,
    period_id: int | None,
    previous_id: int | None,
    as_at: str,
    ids: list[int] | None,
    *,
    top_only: bool = False,
) -> list[tuple[Any, ...]]:
    """The programme's items, just ``ids``, or just its top level, as the driver returns
    them: see the statement above for their columns."""
    only = ""
    if ids is not None:
        only = "AND i.id IN ({})".format(",".join(str(int(i)) for i in ids) or "NULL")
    elif top_only:
        only = "AND i.parent_id IS NULL"
    params = {
        "programme": programme_id,
        "period": period_id,
        "previous": previous_id,
        "as_at": as_at,
    }
    if session.get_bind().dialect.name != "sqlite":
        return _tree_tuples_on_server(session, params, only)
    raw = session.connection().connection.driver_connection
    assert raw is not None
    return list(raw.execute(TREE_SQL.format(only=only), params).fetchall())


def _server_sql(statement: str) -> str:
    """The statement above as PostgreSQL takes it: a judgement's ``carried`` is a boolean there
    (SQLite's is 0 or 1), and a due date comes back as the same ISO text a file gives, so that
    one reader (``app.read.queries.tree_rows``) reads both."""
    adapted = statement.replace(
        "COALESCE(now_j.carried, 0)", "COALESCE(now_j.carried, false)"
    ).replace("m.due_text, m.due_date,", "m.due_text, CAST(m.due_date AS TEXT),")
    # psycopg's own parameter style, for its own cursor (below).
    for name in ("programme", "period", "previous", "as_at"):
        adapted = adapted.replace(f":{name}", f"%({name})s")
    return adapted


_SERVER_TREE_SQL = _server_sql(TREE_SQL)


def _tree_tuples_on_server(
    session: Session, params: dict[str, Any], only: str
) -> list[tuple[Any, ...]]:
    """The same statement on psycopg's own cursor, for the reason the file's path uses
    SQLite's (half the time of SQLAlchemy's rows for 12,000 items)."""
    raw = session.connection().connection.driver_connection
    assert raw is not None
    return list(raw.execute(_SERVER_TREE_SQL.format(only=only), params).fetchall())


# How many items the programme holds, and how many children each top-level item has: enough
# to know, before reading 12,000 rows, that the tree will open with its top level folded.
_TREE_SIZE = text("SELECT count(*) FROM item WHERE programme_id = :programme")
_TOP_CHILDREN = text(
    """
    SELECT c.parent_id, count(*) FROM item AS c
    WHERE c.programme_id = :programme AND c.parent_id IN (
        SELECT t.id FROM item AS t WHERE t.programme_id = :programme AND t.parent_id IS NULL)
    GROUP BY c.parent_id
    """
)


def tree_shape(session: Session, programme_id: int) -> tuple[int, dict[int, int]]:
    """The programme's number of items, and each top-level item's number of children (those
    with none left out)."""
    params = {"programme": programme_id}
    total: int = session.execute(_TREE_SIZE, params).scalar_one()
    rows = session.execute(_TOP_CHILDREN, params)
    children = {cast(int, parent): cast(int, count) for parent, count in rows}  # raw SQL
    return total, children


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
