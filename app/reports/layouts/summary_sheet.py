"""The quarterly summary tables as a workbook lays them out: a figure to a column.

The document writes "81% (29)" in one cell, with a two-level scheme's ratings beneath
("67% (4)" over "G 2, A 1, R 1"), which a committee reads at a glance but a spreadsheet
cannot add up. The workbook has the same figures, each typed in a column of its own: the
percentages first, as the document's columns run, then the number of actions in each, each
rating's number, and the actions not yet judged when there are any.
"""

from __future__ import annotations

from app.core.tally import Tally
from app.read.queries import ColumnRow
from app.read.summary import ratings
from app.reports.data import ProgrammeData
from app.reports.model import Cell, Mark, Table
from app.reports.typed import count, share


def _in_sentence(name: str) -> str:
    """ "On track" as a sentence goes on ("Number on track"); "RAG red" keeps its capitals."""
    first = name.split()[0] if name.split() else name
    return name if first.isupper() else name[:1].lower() + name[1:]


def summary_workbook(
    data: ProgrammeData,
    columns: list[ColumnRow],
    marks: list[Mark | None],
    counted: Tally,
    caption: str,
    sheet: str,
) -> Table:
    """``columns`` and ``marks``: the summary's own columns and the symbol drawn under each."""
    names = {s.glyph: s for s in data.symbols}
    heads = [Cell("Number of Actions", bold=True)]
    symbols: list[Cell] = [Cell("")]
    row = [Cell(str(counted.actions), align="centre", typed=count(counted.actions))]
    for column, mark in zip(columns, marks, strict=True):
        share_of = counted.percent(column.name)
        heads.append(Cell(f"% {column.name}", bold=True, align="centre"))
        symbols.append(Cell(" ".join(column.glyphs), mark=mark, align="centre"))
        row.append(Cell(f"{share_of}%", align="centre", typed=share(share_of)))
    for column, mark in zip(columns, marks, strict=True):
        number = counted.counts.get(column.name, 0)
        heads.append(Cell(f"Number {_in_sentence(column.name)}", bold=True, align="centre"))
        symbols.append(Cell(" ".join(column.glyphs), mark=mark, align="centre"))
        row.append(Cell(str(number), align="centre", typed=count(number)))
    for column in columns:
        for glyph, number in ratings(counted, column):
            symbol = names.get(glyph)
            rating = symbol.name if symbol else glyph
            heads.append(
                Cell(f"Number {_in_sentence(column.name)}: {rating}", bold=True, align="centre")
            )
            symbols.append(
                Cell(
                    glyph,
                    mark=Mark(glyph, rating, symbol.colour, symbol.meaning) if symbol else None,
                    align="centre",
                )
            )
            row.append(Cell(str(number), align="centre", typed=count(number)))
    if counted.unjudged:
        heads.append(Cell("Number not yet judged", bold=True, align="centre"))
        symbols.append(Cell(""))
        row.append(Cell(str(counted.unjudged), align="centre", typed=count(counted.unjudged)))
    return Table(
        caption=caption,
        header=[heads, symbols],
        rows=[row],
        widths=[2] + [1.8] * (len(heads) - 1),
        sheet=sheet,
    )
