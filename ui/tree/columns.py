"""The tree's columns, named once for the model, its cells' texts and the views."""

TITLE, RESPONSIBILITY, JUDGEMENT, PREVIOUS, MILESTONE = range(5)
HEADERS = ("Title", "Responsibility", "Judgement", "Last period", "Next milestone")
