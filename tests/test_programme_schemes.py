"""Symbol schemes belong to a programme (issue 14): templates, copies, upgrade of old files."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import select

from app.core.errors import ValidationError
from app.core.schemes import SHIPPED_SCHEMES
from app.read import queries
from app.reports import make_report, publication, renderer
from app.services import items, programmes, progress, schemes, settings, symbols
from app.store.database import Database
from app.store.models import (
    ChangeLogEntry,
    Item,
    Judgement,
    Period,
    Programme,
    Responsible,
    Symbol,
    SymbolScheme,
)

RELEASE_FILE = Path(__file__).parent / "data" / "release-0.1.0-demo.ptdb"
# Written by main before two-level schemes (schema 0006: summary columns, none rated).
MAIN_0006_FILE = Path(__file__).parent / "data" / "main-0006-demo.ptdb"


def judgements_by_place(path: Path) -> dict[tuple[int, int], tuple[str, str, str]]:
    """{(item, period): (glyph, name, colour)} read with plain SQL."""
    raw = sqlite3.connect(path)
    try:
        return {
            (item, period): (glyph, name, colour)
            for item, period, glyph, name, colour in raw.execute(
                "SELECT j.item_id, j.period_id, s.glyph, s.name, s.colour "
                "FROM judgement j JOIN symbol s ON s.id = j.symbol_id"
            )
        }
    finally:
        raw.close()


def kpi_overrides(path: Path) -> dict[tuple[int, int], tuple[str, str]]:
    raw = sqlite3.connect(path)
    try:
        return {
            (indicator, period): (glyph, name)
            for indicator, period, glyph, name in raw.execute(
                "SELECT r.indicator_id, r.period_id, s.glyph, s.name "
                "FROM kpi_result r JOIN symbol s ON s.id = r.status_symbol_id"
            )
        }
    finally:
        raw.close()


def first_period(db: Database, programme: int) -> int:
    with db.reader() as session:
        found = session.scalars(
            select(Period.id).where(Period.programme_id == programme).order_by(Period.start)
        ).first()
    assert found is not None
    return found


def test_a_file_from_the_previous_release_gives_each_programme_its_own_schemes(tmp_path):
    path = tmp_path / "old.ptdb"
    shutil.copyfile(RELEASE_FILE, path)
    before, overrides = judgements_by_place(path), kpi_overrides(path)
    assert len(before) == 48 and len(overrides) == 3  # CES 46, Working Smarter 1, Salford 1
    with Database.open(path) as db:
        assert db.backup_path is not None and db.backup_path.name.startswith(
            "old.before-upgrade-0004-"
        )
        with db.reader() as session:
            rows = session.execute(
                select(Programme.progress_scheme_id, Programme.kpi_scheme_id)
            ).all()
            used = [scheme for row in rows for scheme in row if scheme is not None]
            assert len(used) == len(set(used)) == 10  # five programmes, two schemes each
            assert (
                session.scalar(select(SymbolScheme.id).where(SymbolScheme.id.not_in(used))) is None
            )
    assert judgements_by_place(path) == before
    assert kpi_overrides(path) == overrides


def test_a_file_from_before_two_level_schemes_upgrades_with_every_judgement_and_column(
    tmp_path,
):
    path = tmp_path / "main.ptdb"
    shutil.copyfile(MAIN_0006_FILE, path)
    columns_sql = "SELECT scheme_id, position, name, role FROM summary_column ORDER BY id"
    before, columns = judgements_by_place(path), file_rows(path, columns_sql)
    assert len(before) == 46
    with Database.open(path) as db:
        assert db.backup_path is not None
        assert db.backup_path.name.startswith(
            "main.before-upgrade-0006-"
        )  # named for the revision it held
        with db.reader() as session:
            wigan = session.scalars(select(Programme.id).order_by(Programme.id)).first()
            assert wigan is not None
            assert [c.rated for c in queries.summary_columns(session, wigan)] == [False] * 4
    assert judgements_by_place(path) == before
    assert file_rows(path, columns_sql) == columns
    assert file_rows(path, "SELECT count(*) FROM summary_column WHERE rated") == [(0,)]


def file_rows(path: Path, sql: str) -> list[tuple]:
    raw = sqlite3.connect(path)
    try:
        return raw.execute(sql).fetchall()
    finally:
        raw.close()


@pytest.mark.both_engines
def test_each_programme_keeps_its_own_scheme_and_the_others_exports_stay_the_same(db):
    a = programmes.create_programme(db, "Plan A", progress_scheme="RAG").ids[0]
    b = programmes.create_programme(db, "Plan B", progress_scheme="RAG").ids[0]
    for programme in (a, b):
        programmes.add_financial_year(db, programme, 2026)
        action = items.add_item(db, programme, None, "Fix the roof").ids[0]
        progress.set_judgement(db, action, first_period(db, programme), "G")

    def exports_of(programme: int) -> dict[str, bytes]:
        report = make_report(db, programme, first_period(db, programme), "quarterly")
        return {fmt: renderer(fmt)(report) for fmt in ("docx", "xlsx", "html", "csv")}

    b_before = exports_of(b)
    with db.reader() as session:
        a_green, b_green = (
            session.scalar(
                select(Symbol.id)
                .join(Programme, Programme.progress_scheme_id == Symbol.scheme_id)
                .where(Programme.id == programme, Symbol.glyph == "G")
            )
            for programme in (a, b)
        )
    assert a_green != b_green
    settings.edit_symbol(db, a_green, "name", "Going well")
    settings.edit_symbol(db, a_green, "colour", "#1B5E20")
    assert exports_of(b) == b_before
    assert b"Going well" in exports_of(a)["html"] and b"Going well" not in exports_of(b)["html"]


@pytest.mark.both_engines
def test_a_programme_starts_again_from_a_template_or_another_programme_and_undo_puts_it_back(db):
    a = programmes.create_programme(db, "Plan A").ids[0]
    b = programmes.create_programme(db, "Plan B", progress_scheme="RAG").ids[0]

    def glyphs(programme: int) -> list[str]:
        with db.reader() as session:
            return list(
                session.scalars(
                    select(Symbol.glyph)
                    .join(Programme, Programme.progress_scheme_id == Symbol.scheme_id)
                    .where(Programme.id == programme)
                    .order_by(Symbol.position)
                )
            )

    assert glyphs(a) == ["*", "●", "▲", "?"]
    first = schemes.replace_scheme(
        db, a, "progress", schemes.programme_scheme_copy(db, b, "progress")
    )
    assert glyphs(a) == ["B", "G", "A", "R"] == glyphs(b)
    back = schemes.replace_scheme(db, a, "progress", first.old)  # undo
    assert glyphs(a) == ["*", "●", "▲", "?"]
    assert [s["id"] for s in back.new["symbols"]] == [s["id"] for s in first.old["symbols"]]
    schemes.replace_scheme(db, a, "progress", back.old)  # redo
    assert glyphs(a) == ["B", "G", "A", "R"]
    schemes.replace_scheme(
        db, a, "progress", schemes.template_snapshot("Delivery confidence", "progress")
    )
    assert glyphs(a) == ["G", "A/G", "A", "A/R", "R"]
    assert glyphs(b) == ["B", "G", "A", "R"]


@pytest.mark.both_engines
def test_an_unknown_template_is_refused_naming_those_there_are(db):
    with pytest.raises(ValidationError) as caught:
        programmes.create_programme(db, "Plan", progress_scheme="Traffic lights")
    assert str(caught.value) == (
        "There is no scheme for judging progress called “Traffic lights” (there are: "
        "“Judgement of progress”, “RAG”, “Red, amber, green”, “Status with RAG”, "
        "“Delivery confidence”)."
    )
    with pytest.raises(ValidationError) as caught:
        programmes.create_programme(db, "Plan", progress_scheme="Performance against target")
    assert "no scheme for judging progress called “Performance against target”" in str(caught.value)


def test_the_templates_shortcut_keys_never_contradict_each_other():
    """A manager of two programmes presses the same key for the same kind of judgement."""
    meaning: dict[str, set[str]] = {}
    for scheme in SHIPPED_SCHEMES:
        for symbol in scheme.symbols:
            if symbol.shortcut.isalpha():
                meaning.setdefault(symbol.shortcut, set()).add(symbol.category.value)
    contradictions = {key: sorted(c) for key, c in meaning.items() if len(c) > 1}
    assert contradictions == {}


def plan_with_a_judgement(db: Database) -> tuple[int, int, int, dict[str, int]]:
    """(programme, period, action, {glyph: symbol id}) with the action judged ▲."""
    programme = programmes.create_programme(db, "Plan").ids[0]
    programmes.add_financial_year(db, programme, 2026)
    action = items.add_item(db, programme, None, "Fix the roof").ids[0]
    period = first_period(db, programme)
    progress.set_judgement(db, action, period, "▲")
    with db.reader() as session:
        ids = dict(
            session.execute(
                select(Symbol.glyph, Symbol.id)
                .join(Programme, Programme.progress_scheme_id == Symbol.scheme_id)
                .where(Programme.id == programme)
            ).all()
        )
    return programme, period, action, ids


@pytest.mark.both_engines
def test_a_used_symbol_is_not_removed_without_somewhere_for_its_judgements(db):
    _programme, _period, _action, ids = plan_with_a_judgement(db)
    with pytest.raises(ValidationError) as caught:
        symbols.remove_symbol(db, ids["▲"])
    assert str(caught.value) == (
        "“▲ Behind schedule” is used once: choose another symbol of this scheme for its "
        "judgements to move to."
    )
    other = programmes.create_programme(db, "Other").ids[0]
    with db.reader() as session:
        elsewhere = session.scalar(
            select(Symbol.id)
            .join(Programme, Programme.progress_scheme_id == Symbol.scheme_id)
            .where(Programme.id == other, Symbol.glyph == "●")
        )
    with pytest.raises(ValidationError):
        symbols.remove_symbol(db, ids["▲"], move_to=elsewhere)  # another programme's symbol


@pytest.mark.both_engines
def test_judgements_in_a_published_period_keep_their_symbol(db):
    _programme, period, _action, ids = plan_with_a_judgement(db)
    publication.publish_period(db, period)
    with pytest.raises(ValidationError) as caught:
        symbols.remove_symbol(db, ids["▲"], move_to=ids["●"])
    assert str(caught.value) == (
        "“▲ Behind schedule” is used in the published report for Quarter 1 2026/27, which "
        "must stay as it was: reopen the period first."
    )


@pytest.mark.both_engines
def test_a_scheme_keeps_at_least_one_symbol(db):
    programme = programmes.create_programme(db, "Plan").ids[0]
    with db.reader() as session:
        ids = session.scalars(
            select(Symbol.id)
            .join(Programme, Programme.progress_scheme_id == Symbol.scheme_id)
            .where(Programme.id == programme)
            .order_by(Symbol.position)
        ).all()
    for symbol in ids[:-1]:
        symbols.remove_symbol(db, symbol)
    with pytest.raises(ValidationError) as caught:
        symbols.remove_symbol(db, ids[-1])
    assert str(caught.value) == "A scheme needs at least one symbol."


def test_a_pack_made_before_its_programme_got_new_symbol_ids_still_merges(demo, tmp_path):
    """As after the upgrade to programmes' own schemes: same glyphs, new ids in the file."""
    from app.packs.make import make_packs
    from app.packs.merge import merge_pack
    from app.packs.review import review_pack
    from app.read.lookup import find_period, find_programme

    with demo.reader() as session:
        salford = find_programme(session, "Cabinet Workplan")
        period = find_period(session, salford, "November 2004")
        action = session.scalars(
            select(Item.id)
            .where(
                Item.programme_id == salford,
                Item.id.not_in(select(Item.parent_id).where(Item.parent_id.is_not(None))),
            )
            .order_by(Item.id)
        ).first()
    items.set_responsibility(demo, action, "Jo Bloggs")
    with demo.reader() as session:
        jo = session.scalar(select(Responsible.id).where(Responsible.name == "Jo Bloggs"))
    [made] = make_packs(demo, salford, period, tmp_path, people=[jo])
    own = schemes.programme_scheme_copy(demo, salford, "progress")
    schemes.replace_scheme(
        demo,
        salford,
        "progress",
        {**own, "description": "the same glyphs, with new ids"},
    )
    with Database.open(made.path) as pack:
        progress.set_judgement(pack, action, period, "G")
    review = review_pack(demo, made.path, salford, period)
    assert [(c.field, c.theirs) for c in review.changes] == [("judgement", "G")]
    merge_pack(demo, review, review.changes)
    assert judgements_by_place(demo.path)[(action, period)][0] == "G"


@pytest.mark.both_engines
def test_a_programme_without_a_key_for_indicators_gets_one_and_undo_takes_it_away(db):
    programme = programmes.create_programme(db, "Plan", kpi_scheme=None).ids[0]
    made = schemes.replace_scheme(
        db, programme, "kpi", schemes.template_snapshot("RAG for measures", "kpi")
    )
    assert made.old is None and [s["glyph"] for s in made.new["symbols"]] == ["G", "A", "R", "○"]
    back = schemes.replace_scheme(db, programme, "kpi", made.old)
    with db.reader() as session:
        assert session.get(Programme, programme).kpi_scheme_id is None
    schemes.replace_scheme(db, programme, "kpi", back.old)  # redo
    with db.reader() as session:
        assert session.get(Programme, programme).kpi_scheme_id is not None


@pytest.mark.both_engines
def test_a_five_level_scale_gets_a_summary_column_per_level_in_every_export(db):
    import io

    from docx import Document
    from openpyxl import load_workbook

    from app.read.summary import summarise

    programme = programmes.create_programme(
        db, "Major projects", progress_scheme="Delivery confidence"
    ).ids[0]
    programmes.add_financial_year(db, programme, 2026)
    period = first_period(db, programme)
    objective = items.add_item(db, programme, None, "Deliver the projects").ids[0]
    for glyph in ("G", "A/G", "A", "A/R", "R", "G"):
        action = items.add_item(db, programme, objective, f"Project {glyph}").ids[0]
        progress.set_judgement(db, action, period, glyph)
    with db.reader() as session:
        (group,) = summarise(session, programme, period).groups
    assert group.counts == {"Green": 2, "Amber/Green": 1, "Amber": 1, "Amber/Red": 1, "Red": 1}
    assert [group.percent(c) for c in group.counts] == [33, 17, 17, 17, 17]
    report = make_report(db, programme, period, "quarterly")
    titles = ["% Green", "% Amber/Green", "% Amber", "% Amber/Red", "% Red"]
    document = Document(io.BytesIO(renderer("docx")(report)))
    summary = next(t for t in document.tables if t.rows[0].cells[0].text == "Number of Actions")
    assert [c.text for c in summary.rows[0].cells] == ["Number of Actions", *titles]
    assert [c.text for c in summary.rows[2].cells] == [
        "6",
        "33% (2)",
        "17% (1)",
        "17% (1)",
        "17% (1)",
        "17% (1)",
    ]
    book = load_workbook(io.BytesIO(renderer("xlsx")(report)))
    cells = [
        [c.value for c in row]
        for row in book[next(n for n in book.sheetnames if "Summary" in n)].iter_rows()
    ]
    assert any(row[: len(titles) + 1] == ["Number of Actions", *titles] for row in cells)


def two_level_plan(db: Database) -> tuple[int, int, list[int]]:
    """(programme, period, actions): a plan on "Status with RAG", actions judged ✓ G A R –."""
    programme = programmes.create_programme(db, "Plan", progress_scheme="Status with RAG").ids[0]
    programmes.add_financial_year(db, programme, 2026)
    period = first_period(db, programme)
    actions = []
    for number, glyph in enumerate("✓GAR–"):
        action = items.add_item(db, programme, None, f"Action {number}").ids[0]
        progress.set_judgement(db, action, period, glyph)
        actions.append(action)
    return programme, period, actions


@pytest.mark.both_engines
def test_a_rating_keeps_its_own_role_so_red_and_amber_are_the_exceptions(db):
    from app.reports import make_report
    from app.reports.layouts.shared import Options

    programme, period, _actions = two_level_plan(db)
    with db.reader() as session:
        roles = {s.glyph: s.category.value for s in queries.symbols(session, programme)}
    assert roles == {
        "✓": "completed",
        "G": "on_track",
        "A": "behind",
        "R": "behind",
        "–": "unknown",
    }
    report = make_report(db, programme, period, "quarterly", Options(exceptions_only=True))
    assert [row["Judgement"] for row in report.flat_rows] == ["A", "R"]


@pytest.mark.both_engines
def test_a_column_ticked_for_ratings_and_back_keeps_each_ratings_role(db):
    """Unticking "Ratings" makes In progress one judgement again (all on track); ticking it
    again, or undoing, gives each rating back the role it had: nothing is lost."""
    programme, _period, _actions = two_level_plan(db)

    def roles() -> dict[str, str]:
        with db.reader() as session:
            return {s.glyph: s.category.value for s in queries.symbols(session, programme)}

    with db.reader() as session:
        in_progress = next(
            c for c in queries.summary_columns(session, programme) if c.name == "In progress"
        )
    assert in_progress.rated
    change = symbols.edit_column(db, in_progress.id, "rated", False)
    assert (change.old, change.new) == (True, False)
    assert [roles()[g] for g in "GAR"] == ["on_track"] * 3
    symbols.edit_column(db, in_progress.id, "rated", change.old)  # what undo does
    assert [roles()[g] for g in "GAR"] == ["on_track", "behind", "behind"]
    with pytest.raises(ValidationError) as caught:
        symbols.edit_column(db, in_progress.id, "rated", "maybe")
    assert str(caught.value) == "“maybe” is not yes or no."


def test_a_two_level_judgement_goes_out_in_a_pack_and_comes_back_with_both_levels(db, tmp_path):
    """The lead moves an action from In progress: Amber to In progress: Red in the pack; the
    review names both levels, the merge keeps them, and the change log has the glyphs."""
    from app.packs.make import make_packs
    from app.packs.merge import merge_pack
    from app.packs.review import review_pack

    programme, period, actions = two_level_plan(db)
    amber = actions[2]
    items.set_responsibility(db, amber, "Head of Housing")
    folder = tmp_path / "packs"
    folder.mkdir()
    (made,) = make_packs(db, programme, period, folder)
    with Database.open(made.path) as pack:
        progress.set_judgement(pack, amber, period, "R")
    review = review_pack(db, made.path, programme, period)
    (change,) = review.changes
    assert (change.base, change.theirs) == ("A", "R")
    with db.reader() as session:
        labels = {s.glyph: s.label for s in queries.symbols(session, programme)}
    assert (labels[change.base], labels[change.theirs]) == (
        "In progress: Amber",
        "In progress: Red",
    )
    merge_pack(db, review, review.changes)
    with db.reader() as session:
        glyph = session.scalar(
            select(Symbol.glyph)
            .join(Judgement, Judgement.symbol_id == Symbol.id)
            .where(Judgement.item_id == amber, Judgement.period_id == period)
        )
    assert glyph == "R"
    with db.reader() as session:
        logged = session.execute(
            select(ChangeLogEntry.old_value, ChangeLogEntry.new_value, ChangeLogEntry.user)
            .where(ChangeLogEntry.entity == "judgement", ChangeLogEntry.entity_id == amber)
            .order_by(ChangeLogEntry.id)
        ).all()
    assert [(old, new) for old, new, _user in logged][-1] == ("A", "R")
    assert logged[-1].user == "Head of Housing"  # the lead who changed it, by name
