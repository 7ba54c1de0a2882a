"""Importers fed damaged and generated files: the only failure is a SourceError (or a
ValidationError naming a value), and a failed import writes nothing.

Seeded, so a failure reproduces: the mutations are those a truncated download, a bad disk or
a careless edit make (bytes flipped, cut short, repeated), on a real tracker.
"""

from __future__ import annotations

import csv
import hashlib
import io
import random

import pytest
from test_import_sheets import tracker

from app.core.errors import TrackerError
from app.imports.apply import apply_import
from app.imports.proposal import propose
from app.imports.sheets import find_header, guess_mapping, read_grid, to_source
from app.services import programmes
from app.store.database import Database

RUNS = 40  # generated tables: each is applied, and the file grows with them
DAMAGED = 200  # damaged workbooks: read only, cheap


def mutated(data: bytes, rng: random.Random) -> bytes:
    data = bytearray(data)
    kind = rng.randrange(4)
    if kind == 0:  # bytes flipped
        for _ in range(rng.randint(1, 20)):
            data[rng.randrange(len(data))] = rng.randrange(256)
    elif kind == 1:  # cut short
        del data[rng.randrange(len(data)) :]
    elif kind == 2:  # a stretch repeated
        start = rng.randrange(len(data))
        data[start:start] = data[start : start + rng.randint(1, 400)]
    else:  # a stretch zeroed
        start = rng.randrange(len(data))
        data[start : start + rng.randint(1, 400)] = bytes(min(400, len(data) - start))
    return bytes(data)


def read_all(path) -> object:
    grid = read_grid(path)
    header = find_header(grid)
    return to_source(grid, header, guess_mapping(grid.rows[header]))


def test_damaged_workbooks_are_read_or_refused_with_a_source_error(tmp_path):
    rng = random.Random(16)
    whole = tracker(tmp_path / "whole.xlsx").read_bytes()
    outcomes = {"read": 0, "refused": 0}
    for run in range(DAMAGED):
        path = tmp_path / f"damaged-{run}.xlsx"
        path.write_bytes(mutated(whole, rng))
        try:
            read_all(path)
        except TrackerError:
            outcomes["refused"] += 1
        else:
            outcomes["read"] += 1
    # The mutations do damage (most are refused); some leave a workbook that still reads.
    assert outcomes["refused"] > 0 and outcomes["read"] > 0, outcomes


def random_table(rng: random.Random) -> str:
    headers = ["Objective", "Action", "Lead", "Status", "RAG", "Progress", "Due date", "Notes"]
    rng.shuffle(headers)
    width = rng.randint(1, len(headers))
    alphabet = "abc XYZ 123 ●▲*?;,\"'\n\t–é£%/" + "\u200b"
    out = io.StringIO()
    writer = csv.writer(out)
    for _ in range(rng.randint(0, 4)):  # titles above the header
        writer.writerow(["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))])
    writer.writerow(headers[:width])
    for _ in range(rng.randint(0, 30)):
        writer.writerow(
            [
                "".join(
                    rng.choice(alphabet) for _ in range(rng.randint(0, rng.choice((5, 60, 3000))))
                )
                for _ in range(rng.randint(0, width + 2))
            ]
        )
    return out.getvalue()


def test_generated_tables_import_whole_or_not_at_all(tmp_path):
    """Each generated CSV is read, proposed and applied, or refused; when refused at apply,
    the file is byte-for-byte what it was."""
    path = tmp_path / "plan.ptdb"
    db = Database.create(path)
    try:
        programme = programmes.create_programme(
            db, "Plan", progress_scheme="Status with RAG", quarters_for_years=(2025,)
        ).ids[0]
        with db.reader() as session:
            from app.read.lookup import find_period

            period = find_period(session, programme, "Q1 2025/26")
        rng = random.Random(1616)
        applied = refused = 0
        for run in range(RUNS):
            source = tmp_path / f"table-{run}.csv"
            source.write_text(random_table(rng), encoding="utf-8")
            try:
                read = read_all(source)
                with db.reader() as session:
                    proposal = propose(session, programme, period, read, {})
            except TrackerError:
                refused += 1
                continue
            before = hashlib.sha256(path.read_bytes()).hexdigest()
            try:
                apply_import(db, proposal, proposal.changes)
            except TrackerError:
                refused += 1
                assert hashlib.sha256(path.read_bytes()).hexdigest() == before
            else:
                applied += 1
        assert applied > 0 and refused > 0
    finally:
        db.close()


@pytest.mark.parametrize("size", [100_000])
def test_a_cell_of_100000_characters_is_read_and_refused_only_where_it_is_too_long(tmp_path, size):
    """A narrative of 100,000 characters (a CSV can hold one; Excel stops at 32,767) is over
    the 50,000 an achievement may hold: the import says so and writes nothing."""
    (tmp_path / "long.csv").write_text(f"Action,Progress\nRepair homes,{'x' * size}\n")
    db = Database.create(tmp_path / "plan.ptdb")
    try:
        programme = programmes.create_programme(db, "Plan", quarters_for_years=(2025,)).ids[0]
        with db.reader() as session:
            from app.read.lookup import find_period

            period = find_period(session, programme, "Q1 2025/26")
            proposal = propose(session, programme, period, read_all(tmp_path / "long.csv"))
        before = hashlib.sha256((tmp_path / "plan.ptdb").read_bytes()).hexdigest()
        with pytest.raises(TrackerError) as caught:
            apply_import(db, proposal, proposal.changes)
        assert str(caught.value) == (
            "long.csv, row 2: Achievements is too long: 100,000 characters, and the most "
            "allowed is 50,000."
        )
        assert hashlib.sha256((tmp_path / "plan.ptdb").read_bytes()).hexdigest() == before
    finally:
        db.close()
