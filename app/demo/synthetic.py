"""A large, deterministic synthetic programme for benchmarks (``demo --actions N``)."""

from __future__ import annotations

import random
from typing import Any

from app.core.periods import quarter_label

_VERBS = (
    "Review",
    "Implement",
    "Develop",
    "Agree",
    "Publish",
    "Procure",
    "Consult on",
    "Pilot",
    "Evaluate",
    "Roll out",
)
_NOUNS = (
    "customer access strategy",
    "workforce plan",
    "asset register",
    "digital services",
    "complaints procedure",
    "leadership programme",
    "area partnership plans",
    "data quality standards",
    "procurement framework",
    "accommodation moves",
)
_PEOPLE = tuple(f"Head of Service {letter}" for letter in "ABCDEFGHIJKLMNOPQRST")
_DUES = (
    "Sep 09",
    "March 2010",
    "Autumn 09",
    "December 2009",
    "April 2010",
    "2010/11",
    "TBD as project develops",
    "June / July 2009",
)
ACTIONS_PER_WORKSTREAM = 5
WORKSTREAMS_PER_OBJECTIVE = 10


def synthetic_spec(actions: int, *, seed: int = 2009) -> dict[str, Any]:
    rng = random.Random(seed)
    periods = [quarter_label(2009, q) for q in (1, 2, 3, 4)]
    items: list[dict[str, Any]] = []
    made = 0
    objective_number = 0
    while made < actions:
        objective_number += 1
        kind = (
            "Priority Service Objective"
            if objective_number % 3
            else "Organisational Effectiveness Objective"
        )
        objective: dict[str, Any] = {
            "number": f"{objective_number}.",
            "kind": kind,
            "title": f"Objective {objective_number}: {rng.choice(_VERBS)} {rng.choice(_NOUNS)}",
            "children": [],
        }
        for w in range(WORKSTREAMS_PER_OBJECTIVE):
            if made >= actions:
                break
            workstream: dict[str, Any] = {
                "title": f"Workstream {objective_number}.{w + 1}: "
                f"{rng.choice(_VERBS)} {rng.choice(_NOUNS)}",
                "children": [],
            }
            for a in range(ACTIONS_PER_WORKSTREAM):
                if made >= actions:
                    break
                made += 1
                judgements = {
                    label: rng.choice("●●●●▲*?") for label in periods if rng.random() < 0.9
                }
                workstream["children"].append(
                    {
                        "title": f"Action {made}: {rng.choice(_VERBS)} the {rng.choice(_NOUNS)} "
                        f"({objective_number}.{w + 1}.{a + 1})",
                        "responsibility": rng.choice(_PEOPLE),
                        "milestones": [{"due": rng.choice(_DUES), "text": "Milestone reached"}],
                        "updates": {
                            periods[0]: [
                                {
                                    "text": f"Progress on action {made} as planned; "
                                    "report to board due."
                                }
                            ]
                        },
                        "judgements": judgements,
                    }
                )
            objective["children"].append(workstream)
        items.append(objective)
    return {
        "format": "programme-tracker/programme@1",
        "name": f"Synthetic programme ({actions:,} actions)",
        "organisation": "Benchmark Borough Council",
        "quarters_for_years": [2009, 2010],
        "levels": ["Objective", "Workstream/Project", "Action"],
        "kinds": [
            {"name": "Priority Service Objective", "plural": "Priority Service Objectives"},
            {
                "name": "Organisational Effectiveness Objective",
                "plural": "Organisational Effectiveness Objectives",
            },
        ],
        "items": items,
    }
