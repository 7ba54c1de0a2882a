"""What ``programme-tracker list`` prints: a file's programmes, periods, people and layouts."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session


def _published(at: str, by: str | None) -> str:
    try:
        when = dt.datetime.fromisoformat(at)
    except ValueError:
        day = at
    else:
        from app.core.dates import format_date

        day = format_date(when.astimezone().date() if when.tzinfo else when.date())
    return f"published {day}" + (f" by {by}" if by else "")


def list_text(session: Session, file_name: str) -> str:
    """What ``list`` prints: each programme, its items per level, periods, who is responsible,
    and the layouts that fit it."""
    from sqlalchemy import select

    from app.core.dates import format_date
    from app.read.lookup import people_with_items
    from app.read.queries import level_names
    from app.reports.fit import fitting_layouts, recommendation_count
    from app.store.models import Period, Programme
    from app.store.tree_sql import level_counts

    programmes = session.execute(
        select(Programme.id, Programme.name, Programme.organisation).order_by(Programme.name)
    ).all()
    if not programmes:
        return f"{file_name}: no programmes yet\n"
    count = len(programmes)
    lines = [f"{file_name}: {count} programme{'s' if count != 1 else ''}"]
    for programme in programmes:
        lines.append("")
        lines.append(
            programme.name + (f" ({programme.organisation})" if programme.organisation else "")
        )
        counts = level_counts(session, programme.id)
        names = level_names(session, programme.id)
        names += [f"Level {depth + 1}" for depth in range(len(names), len(counts))]
        if counts:
            per_level = ", ".join(f"{name} {n}" for name, n in zip(names, counts, strict=False))
            lines.append(f"  Items: {sum(counts)} ({per_level})")
        else:
            lines.append("  Items: none yet")
        recommendations = recommendation_count(session, programme.id)
        if recommendations:
            lines.append(f"  Recommendations: {recommendations}")
        periods = session.execute(
            select(Period.label, Period.start, Period.end, Period.published_at, Period.published_by)
            .where(Period.programme_id == programme.id)
            .order_by(Period.start, Period.id)
        ).all()
        if periods:
            lines.append("  Periods:")
            dates = [f"{format_date(p.start)} to {format_date(p.end)}" for p in periods]
            label_width = max(len(p.label) for p in periods)
            dates_width = max(map(len, dates))
            for period, span in zip(periods, dates, strict=True):
                state = (
                    _published(period.published_at, period.published_by)
                    if period.published_at
                    else "not published"
                )
                lines.append(f"    {period.label:<{label_width}}  {span:<{dates_width}}  {state}")
        else:
            lines.append("  Periods: none yet")
        responsible = [(p.name, p.items) for p in people_with_items(session, programme.id)]
        if responsible:
            lines.append("  Responsible:")
            width = max(len(name) for name, _n in responsible)
            for name, n in responsible:
                lines.append(f"    {name:<{width}}  {n} item{'s' if n != 1 else ''}")
        else:
            lines.append("  Responsible: nobody named yet")
        fitting = fitting_layouts(session, programme.id)
        lines.append(f"  Layouts that fit: {', '.join(fitting) if fitting else 'none yet'}")
    return "\n".join(lines) + "\n"
