"""What more than one layout uses: the options, which objectives a report covers, and the
programme's narrative text as blocks.

Each rule here is one a reader can see in several layouts (a person's rows only, a blank
line starting a new paragraph), so it is written once and they cannot drift apart.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from app.reports.data import ItemData, ProgrammeData
from app.reports.model import Block, Bullets, Heading, Paragraph, Report


@dataclass
class Options:
    """What to include. ``roots``: only these top-level items; ``responsible``: only rows
    this person or role is responsible for; ``exceptions_only``: only behind-schedule actions
    and off-target indicators, which committees ask for instead of the full tables."""

    roots: list[int] | None = None
    responsible: str | None = None
    include_unjudged: bool = True
    exceptions_only: bool = False
    cover: bool = True
    charts: bool = False  # trend charts of the indicators after the KPI table
    extra: dict[str, str] = field(default_factory=dict)

    def wants(self, responsible: str | None) -> bool:
        """Whether a row this person is responsible for passes the ``responsible`` option."""
        return not self.responsible or responsible == self.responsible


def report_date(data: ProgrammeData) -> dt.date:
    if data.report and data.report.report_date:
        return data.report.report_date
    return data.period_end


def titled_report(
    data: ProgrammeData, title: str, subtitle: str, *, landscape: bool = False
) -> Report:
    """A report whose first block is its title as the top heading."""
    report = Report(
        title=title,
        subtitle=subtitle,
        date=report_date(data),
        organisation=data.organisation or "",
        landscape=landscape,
    )
    report.blocks.append(Heading(title, 1))
    return report


def selected_roots(data: ProgrammeData, options: Options) -> list[ItemData]:
    if options.roots is None:
        return data.roots
    wanted = set(options.roots)
    return [root for root in data.roots if root.id in wanted]


def text_of_updates(updates: list[tuple[str | None, str]]) -> str:
    return "\n\n".join(f"{heading}\n{text}" if heading else text for heading, text in updates)


def paragraphs(text: str) -> list[Block]:
    """Paragraphs split at blank lines; a run of "• " lines becomes a bulleted list."""
    blocks: list[Block] = []
    for part in (p.strip() for p in text.split("\n\n")):
        if not part:
            continue
        lines = part.split("\n")
        bullets = [line for line in lines if line.startswith("• ")]
        if bullets and len(bullets) == len(lines):
            blocks.append(Bullets([line[2:].strip() for line in lines]))
        elif (
            bullets
            and lines[0]
            and not lines[0].startswith("• ")
            and len(bullets) == len(lines) - 1
        ):
            blocks.append(Paragraph(lines[0]))
            blocks.append(Bullets([line[2:].strip() for line in lines[1:]]))
        else:
            blocks.append(Paragraph(part))
    return blocks


def section(heading: str, text: str) -> list[Block]:
    """A section of narrative: its heading at the second level, then its paragraphs."""
    return [Heading(heading, 2), *paragraphs(text)]
