"""Which layouts fit a programme, which options a layout uses, and whether a report is empty.

A layout *fits* a programme when the report it makes leaves nothing of the programme's tree
out and has something to show:

quarterly          two or more levels: Tables 1–2 count the actions; each objective's detail
                   table lists its workstreams and their actions (one level leaves them empty)
programme-update   one level: a section per strand (deeper levels would be left out)
workplan           one or two levels: theme and activities (a third level would be left out)
project-plan       three levels: work packages, their stages and the stages' actions
recommendations    the programme has recommendations (it shows nothing else)

The command line refuses a layout that does not fit, an option the layout does not use, and
a report that the options leave empty, rather than write a file with nothing in it.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.core.errors import ValidationError
from app.read.queries import level_names
from app.reports.data import ProgrammeData
from app.reports.layouts import LAYOUTS, Options
from app.reports.layouts.quarterly import actions
from app.reports.layouts.shared import selected_roots
from app.store.models import Programme, Recommendation
from app.store.tree_sql import level_counts

# (fewest, most) levels of items each layout shows; None: no limit.
LEVELS: dict[str, tuple[int, int | None]] = {
    "quarterly": (2, None),
    "programme-update": (1, 1),
    "workplan": (1, 2),
    "project-plan": (3, 3),
}
# What a layout needs, and what it would lack with fewer levels.
_TOO_FEW = {
    "quarterly": (
        "at least two levels (objectives and their actions)",
        "its detail tables would be empty",
    ),
    "project-plan": (
        "three levels (work packages, stages and actions)",
        "it would list no actions",
    ),
}
# The options each layout uses (named as on the command line).
OPTIONS: dict[str, tuple[str, ...]] = {
    "quarterly": (
        "--objective",
        "--responsible",
        "--exceptions-only",
        "--no-unjudged",
        "--no-cover",
    ),
    "programme-update": ("--objective", "--responsible"),
    "workplan": ("--objective", "--responsible"),
    "project-plan": ("--objective", "--responsible"),
    "recommendations": (),
}
# What each layout's rows are, for "nothing to report".
ROWS = {
    "quarterly": "actions",
    "programme-update": "strands",
    "workplan": "activities",
    "project-plan": "actions",
    "recommendations": "recommendations",
}
_NUMBERS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


def _number(n: int) -> str:
    return _NUMBERS[n] if n < len(_NUMBERS) else str(n)


def and_join(words: list[str]) -> str:
    """``a``; ``a and b``; ``a, b and c``."""
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def recommendation_count(session: Session, programme_id: int) -> int:
    return (
        session.scalar(
            select(func.count())
            .select_from(Recommendation)
            .where(Recommendation.programme_id == programme_id)
        )
        or 0
    )


def _misfit(layout: str, levels: int, recommendations: int) -> str | None:
    """Why ``layout`` does not fit (a clause naming the problem), or None if it fits."""
    if layout == "recommendations":
        return None if recommendations else "no recommendations"
    if levels == 0:
        return "no objectives or actions yet"
    fewest, most = LEVELS[layout]
    if levels < fewest:
        return "too few levels"
    if most is not None and levels > most:
        return "too many levels"
    return None


def fitting_layouts(session: Session, programme_id: int) -> list[str]:
    levels = len(level_counts(session, programme_id))
    recommendations = recommendation_count(session, programme_id)
    return [layout for layout in LAYOUTS if _misfit(layout, levels, recommendations) is None]


def check_fits(session: Session, programme_id: int, layout: str) -> None:
    """Raise a ValidationError naming the problem, and the layouts that do fit, unless
    ``layout`` fits the programme."""
    levels = len(level_counts(session, programme_id))
    problem = _misfit(layout, levels, recommendation_count(session, programme_id))
    if problem is None:
        return
    name = session.scalar(select(Programme.name).where(Programme.id == programme_id))
    names = level_names(session, programme_id)
    names += [f"level {depth + 1}" for depth in range(len(names), levels)]
    has = f"{_number(levels)} ({', '.join(names[:levels])})"
    if problem == "too many levels":
        most = LEVELS[layout][1]
        assert most is not None
        shows = "only one level" if most == 1 else f"at most {_number(most)} levels"
        left_out = names[most:levels]
        reason = (
            f"The {layout} layout shows {shows}, but “{name}” has {has}, so its "
            f"{and_join(left_out)} level{'s' if len(left_out) > 1 else ''} would be left out."
        )
    elif problem == "too few levels":
        need, lack = _TOO_FEW[layout]
        reason = f"The {layout} layout needs {need}, but “{name}” has only {has}, so {lack}."
    else:
        reason = f"“{name}” has {problem}, so the {layout} layout would be empty."
    fitting = fitting_layouts(session, programme_id)
    if fitting:
        reason += f" The layouts that fit it are: {', '.join(fitting)}."
    else:
        reason += " No layout fits it yet."
    raise ValidationError(reason)


def check_options(layout: str, given: list[str]) -> None:
    """Refuse an option the layout does not use, rather than ignore it without a word."""
    for option in given:
        if option in OPTIONS[layout]:
            continue
        users = [name for name in LAYOUTS if option in OPTIONS[name]]
        raise ValidationError(
            f"{option} does not apply to the {layout} layout (only to {and_join(users)}); "
            "leave it out."
        )


def rows_shown(layout: str, data: ProgrammeData, options: Options) -> int:
    """How many rows (actions, strands, activities, recommendations) the layout will show
    with these options: each layout's own choice of rows, through the rules it uses."""
    if layout == "recommendations":
        return len(data.recommendations)
    roots = selected_roots(data, options)
    if layout == "programme-update":
        return sum(1 for strand in roots if options.wants(strand.responsible))
    if layout == "workplan":
        activities = [activity for theme in roots for activity in theme.children or [theme]]
        return sum(1 for activity in activities if options.wants(activity.responsible))
    if layout == "project-plan":
        listed = [a for package in roots for stage in package.children for a in stage.children]
        return sum(1 for action in listed if options.wants(action.responsible))
    return len(actions(data, roots, options))


def check_not_empty(layout: str, data: ProgrammeData, options: Options, given: list[str]) -> None:
    """Refuse a report that the options leave with nothing in it. ``given``: the options as
    typed, to name them in the message."""
    if rows_shown(layout, data, options):
        return
    which = f" match {and_join(given)}" if given else ""
    raise ValidationError(
        f"Nothing to report: no {ROWS[layout]} of “{data.name}” for {data.period_label}{which}, "
        "so no file was written."
    )
