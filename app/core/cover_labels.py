"""The labels councils give the rows of a committee report's cover sheet, offered when a row
is added so that a new report reads like the council's others.

Taken from the seed documents (Wigan's quarterly report, seed 002, in its order; Salford's
workplan gives its "Item No.") and from the rows most English councils' report templates
have besides them ("Meeting", "Wards affected", "Background papers").
"""

from __future__ import annotations

USUAL_COVER_LABELS = (
    "Report to",
    "Meeting",
    "Date",
    "Subject",
    "Report of",
    "Contact officer",
    "Purpose / summary",
    "Recommendation / decision",
    "Key decision",
    "Financial",
    "Staffing",
    "Policy",
    "Equal opportunities",
    "Wards affected",
    "Background papers",
    "Item No.",
)
