"""The command line's help: what each command's ``--help`` prints below its options."""

from __future__ import annotations

from app.window_args import PROG

LOCATION_HELP = "the programme file (.ptdb), or a postgresql:// URL of a programme on a server"

TOP_EPILOG = f"""\
Without a command, {PROG} opens the window:
  {PROG}                      the last file used; the first time, a welcome that
                                         offers a new file, a file to open, or the demo
  {PROG} FILE                 the window, on FILE
  {PROG} postgresql://USER@HOST/DATABASE
                                         the window, on a programme held on a server
  {PROG} --demo               the window, on the demo file in your data folder
                                         (written there the first time)

examples:
  {PROG} demo demo.ptdb
  {PROG} list demo.ptdb
  {PROG} summary demo.ptdb --programme "Chief Executive" --period "Q1 2009/10"
  {PROG} export demo.ptdb --programme "Chief Executive" --period "Q1 2009/10" \\
      --layout quarterly -o q1.docx
  {PROG} copy demo.ptdb postgresql://manager@db.example.gov.uk/programmes

Every command that takes a FILE also takes a postgresql:// URL (a programme on a server).

Run "{PROG} COMMAND --help" for a command's options. From a checkout,
".venv/bin/python -m app" does the same as "{PROG}".
"""

DEMO_EPILOG = f"""\
examples:
  {PROG} demo demo.ptdb                        the five council programmes
  {PROG} demo big.ptdb --actions 10000         ...and a synthetic one, for benchmarks
  {PROG} demo demo.ptdb --force                write it again over the old one
"""

LIST_EPILOG = f"""\
Shows each programme with its items per level, its periods (published or not, by whom and
when), who is responsible for its items, and the layouts that fit it (see "export --help").

examples:
  {PROG} list demo.ptdb
"""

SUMMARY_EPILOG = f"""\
--programme takes the name or any unique part of it, in any case; --period takes the label,
or a quarter as councils write it: "Q1 2009/10", "Quarter 1 2009-10", "2009/10 Q1",
"quarter 1 2009/2010". An ambiguous or unknown name lists the candidates.

examples:
  {PROG} summary demo.ptdb --programme "Chief Executive Services" \\
      --period "Quarter 1 2009/10"
  {PROG} summary demo.ptdb --programme chief --period "q1 2009-10"
  {PROG} summary demo.ptdb --programme chief --period "q1 2009-10" --json > q1.json

--json prints the same tables as JSON: each column's key, title and glyphs; per group, in
total, per top-level item and per person responsible: the actions, judged, not yet judged,
counts and percentages (whole numbers, rounded half up, of the judged); the actions per
symbol; and the measures per KPI status.
"""

EXPORT_EPILOG = f"""\
The format is taken from the output's name (.docx, .pdf, .xlsx, .html or .htm, .csv); --format,
if given, must agree with it. An existing file is replaced only with --force.

A layout must fit the programme, or the report would leave part of it out or be empty
("{PROG} list FILE" shows which fit):
  quarterly          two or more levels (objectives, workstreams, actions)
  programme-update   one level (strands)
  workplan           one or two levels (themes and activities)
  project-plan       three levels (work packages, stages, actions)
  recommendations    a programme with recommendations
--objective and --responsible apply to every layout but recommendations; --exceptions-only,
--no-unjudged and --no-cover to the quarterly layout only. A report that the options leave
empty is refused.

examples:
  {PROG} export demo.ptdb --programme "Chief Executive" --period "Q1 2009/10" \\
      --layout quarterly -o q1.docx
  {PROG} export demo.ptdb --programme "Chief Executive" --period "Q1 2009/10" \\
      --layout quarterly --exceptions-only --responsible "Head of Customer Services" -o q1.pdf
  {PROG} export demo.ptdb --programme "Hub Scrutiny" --period "May 2012" \\
      --layout recommendations -o recommendations.xlsx --force
"""
