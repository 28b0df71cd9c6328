"""Export and restore: identical databases on DuckDB, PostgreSQL and across them."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import Engine, func, select
from sqlmodel import SQLModel

from tests.conftest import TODAY
from tests.support.actors import SYSTEM, who
from tests.support.postgres import PostgresCluster, unique_db_name
from tracking.backup import (
    backed_up_tables,
    export_document,
    export_workbook,
    load_document,
    restore_document,
    write_document,
)
from tracking.backup.document import dumps
from tracking.config import duckdb_url
from tracking.db import SCHEMA_VERSION, dispose_engine, get_engine, init_schema
from tracking.demo import load_demo
from tracking.errors import ValidationError
from tracking.services.measurements import record_actual
from tracking.services.plans import PlanInput, create_plan, set_indicator_archived


@pytest.fixture
def new_db(tmp_path: Path, request: pytest.FixtureRequest) -> Callable[[str], Engine]:
    """new_db("duckdb" | "postgresql") -> an engine on a fresh, empty database."""
    urls: list[str] = []
    cluster: list[PostgresCluster] = []

    def make(kind: str) -> Engine:
        if kind == "duckdb":
            url = duckdb_url(tmp_path / f"db{len(urls)}.duckdb")
        else:
            if not cluster:
                cluster.append(request.getfixturevalue("pg_cluster"))
            url = cluster[0].create_database(unique_db_name())
        urls.append(url)
        engine = get_engine(url)
        init_schema(engine)
        return engine

    yield make
    for url in urls:
        dispose_engine(url)


def _history(engine: Engine) -> None:
    """Beyond the demo: a correction (a revision) and an archived indicator."""
    record_actual(engine, 1, date(2026, 10, 1), "81,5", "Rettet", who("Mette"), TODAY)
    set_indicator_archived(engine, 4, True, actor=SYSTEM)


def _table_contents(engine: Engine) -> dict[str, list[tuple]]:
    """Every row of every table, read straight from the database, timestamps in UTC."""
    def norm(v: object) -> object:
        return v.astimezone(UTC) if isinstance(v, datetime) and v.tzinfo else v

    out = {}
    with engine.connect() as conn:
        for t in backed_up_tables():
            rows = conn.execute(select(t).order_by(*t.primary_key.columns)).all()
            out[t.name] = [tuple(norm(v) for v in r) for r in rows]
    return out


PAIRS = [("duckdb", "duckdb"), ("postgresql", "postgresql"),
         ("duckdb", "postgresql"), ("postgresql", "duckdb")]


@pytest.mark.parametrize("source,target", PAIRS)
def test_round_trip_gives_an_identical_database(new_db: Callable[[str], Engine],
                                                source: str, target: str) -> None:
    a = new_db(source)
    load_demo(a)
    _history(a)
    doc = json.loads(dumps(export_document(a)))  # through the text, as on disk
    b = new_db(target)
    summary = restore_document(b, load_document(dumps(doc)))
    assert summary.rows["measurement"] == 109 and summary.rows["measurement_revision"] == 1
    assert _table_contents(b) == _table_contents(a)
    again = export_document(b)
    assert {**again, "exported_at": None} == {**doc, "exported_at": None}

    # The id sequences continue after the restored rows, on both engines.
    created = record_actual(b, 2, date(2026, 10, 1), "17", "", who("Ny"), TODAY)
    assert created.measurement.id == 110
    corrected = record_actual(b, 2, date(2026, 10, 1), "18", "", who("Ny"), TODAY)
    assert corrected.outcome.value == "corrected"
    plan = create_plan(b, PlanInput(name="Ny plan", start_month=date(2026, 1, 1),
                                    end_month=date(2026, 12, 1)), actor=SYSTEM)
    assert plan.id == 3


@pytest.mark.parametrize("plan_id", [None, 2])
def test_the_backup_streamed_into_a_file_reads_back_as_the_document(
        demo_engine: Engine, monkeypatch: pytest.MonkeyPatch, plan_id: int | None) -> None:
    """`gevinst export x.json` writes row by row (batches of 7 here); the file reads back
    as the document, and restores."""
    from tracking.backup import rows

    _history(demo_engine)
    monkeypatch.setattr(rows, "BATCH", 7)
    out = io.StringIO()
    counts = write_document(demo_engine, out, plan_id)
    streamed = load_document(out.getvalue())
    doc = json.loads(dumps(export_document(demo_engine, plan_id)))
    assert {**streamed, "exported_at": None} == {**doc, "exported_at": None}
    assert counts == {name: len(body["rows"]) for name, body in doc["tables"].items()}
    assert counts["measurement"] == (109 if plan_id is None else 44)


def test_every_table_of_every_area_is_in_the_backup(demo_engine: Engine) -> None:
    doc = export_document(demo_engine)
    expected = [t.name for t in SQLModel.metadata.sorted_tables
                if t.name not in ("schema_info", "change_stamp", "plan_stamp",
                                  "indicator_status")]
    assert list(doc["tables"]) == expected  # foreign-key order
    assert doc["schema_version"] == SCHEMA_VERSION and doc["format"] == "gevinsttavlen-backup"


def test_one_plan_exports_only_what_belongs_to_it(new_db: Callable[[str], Engine]) -> None:
    a = new_db("duckdb")
    load_demo(a)
    doc = export_document(a, plan_id=2)
    tables = doc["tables"]
    assert [r[0] for r in tables["plan"]["rows"]] == [2]
    assert [r[0] for r in tables["indicator"]["rows"]] == [4, 5]
    ind_col = tables["measurement"]["columns"].index("indicator_id")
    assert {r[ind_col] for r in tables["measurement"]["rows"]} == {4, 5}
    b = new_db("duckdb")
    restore_document(b, doc)
    assert _table_contents(b)["indicator"] == _table_contents(a)["indicator"][3:]


def _linked_to_plan(rows: dict[str, list[dict]], plan_id: int) -> dict[str, list[dict]]:
    """The rule, in plain Python over every row: the plan, and each row whose references
    to plan-linked tables are empty or point at kept rows; other tables whole."""
    kept: dict[str, list[dict]] = {}
    linked: set[str] = set()
    for table in backed_up_tables():
        keep = rows[table.name]
        if table.name == "plan":
            keep = [r for r in keep if r["id"] == plan_id]
            linked.add(table.name)
        for fk in table.foreign_keys:
            ref = fk.column.table.name
            if ref == table.name or ref not in linked:
                continue
            allowed = {r[fk.column.name] for r in kept[ref]}
            keep = [r for r in keep if r[fk.parent.name] is None or r[fk.parent.name] in allowed]
            linked.add(table.name)
        kept[table.name] = keep
    return kept


def test_one_plans_rows_are_chosen_by_the_database_as_by_the_rule(demo_engine: Engine) -> None:
    _history(demo_engine)
    with demo_engine.connect() as conn:
        everything = {t.name: [dict(r) for r in conn.execute(
            select(t).order_by(*t.primary_key.columns)).mappings()]
            for t in backed_up_tables()}
    filled = [name for name, rows in everything.items() if rows]
    assert len(filled) >= 8
    for plan_id in (1, 2):
        expected = _linked_to_plan(everything, plan_id)
        doc = export_document(demo_engine, plan_id)
        for name, body in doc["tables"].items():
            id_at = body["columns"].index("id") if "id" in body["columns"] else 0
            assert [r[id_at] for r in body["rows"]] == \
                [r[body["columns"][id_at]] for r in expected[name]], (plan_id, name)


def _assert_empty(engine: Engine) -> None:
    with engine.connect() as conn:
        for t in backed_up_tables():
            assert conn.execute(select(func.count()).select_from(t)).scalar() == 0, t.name


def test_a_newer_backup_is_refused_and_nothing_is_written(
        new_db: Callable[[str], Engine]) -> None:
    a = new_db("duckdb")
    load_demo(a)
    doc = export_document(a)
    doc["schema_version"] = SCHEMA_VERSION + 1
    with pytest.raises(ValidationError) as refused:
        load_document(dumps(doc))
    assert refused.value.message() == (
        f"Sikkerhedskopien er fra en nyere version af Gevinsttavlen (skemaversion "
        f"{SCHEMA_VERSION + 1}; denne version kender op til {SCHEMA_VERSION}). Opdatér "
        f"programmet, før du gendanner den.")
    b = new_db("duckdb")
    with pytest.raises(ValidationError):
        restore_document(b, doc)
    _assert_empty(b)


@pytest.mark.parametrize("change,code", [
    (lambda d: d["tables"].update(ukendt={"columns": ["id"], "rows": [[1]]}),
     "error.backup_unknown_table"),
    (lambda d: d["tables"]["plan"]["columns"].__setitem__(1, "navn"),
     "error.backup_unknown_column"),
    (lambda d: d["tables"]["measurement"]["rows"][-1].__setitem__(3, "mange"),
     "error.backup_bad_value"),
    (lambda d: d["tables"]["plan"]["rows"][0].__setitem__(5, "marts"),
     "error.backup_bad_value"),
    (lambda d: d["tables"]["indicator"]["rows"][0].__setitem__(1, 99),
     "error.restore_failed"),  # a foreign key to a plan that is not there
    (lambda d: d.pop("format"), "error.backup_wrong_format"),
])
def test_a_damaged_backup_is_refused_and_nothing_is_written(
        new_db: Callable[[str], Engine], change: Callable[[dict], object], code: str) -> None:
    a = new_db("duckdb")
    load_demo(a)
    doc = export_document(a)
    change(doc)
    b = new_db("postgresql" if code == "error.restore_failed" else "duckdb")
    with pytest.raises(ValidationError) as refused:
        restore_document(b, doc)
    assert refused.value.code == code
    _assert_empty(b)


def test_restore_refuses_a_database_that_is_not_empty(demo_engine: Engine) -> None:
    doc = export_document(demo_engine)
    before = _table_contents(demo_engine)
    with pytest.raises(ValidationError) as refused:
        restore_document(demo_engine, doc)
    # The first non-empty table in dependency order is named: the audit trail has no parent.
    assert refused.value.message() == ("Databasen er ikke tom (tabellen »audit_record« har "
                                       f"{len(before['audit_record'])} rækker). "
                                       "Gendan kun i en tom database; intet er skrevet.")
    assert _table_contents(demo_engine) == before


@pytest.mark.parametrize("data", [b"", b"{not json", b"\xff\xfe\x00", b"[1, 2]",
                                  b'{"format": "noget andet"}'])
def test_files_that_are_no_backup(data: bytes) -> None:
    with pytest.raises(ValidationError) as refused:
        load_document(data)
    assert refused.value.code in {"error.backup_not_json", "error.backup_wrong_format"}


def test_excel_export_has_danish_headers_numbers_and_dates(demo_engine: Engine) -> None:
    _history(demo_engine)
    book = load_workbook(io.BytesIO(export_workbook(demo_engine)))
    goal_sheets = [n for n in book.sheetnames if n in ("Tal", "Planer", "Indikatorer")]
    assert book.sheetnames[0] == "Tal" and goal_sheets == ["Tal", "Planer", "Indikatorer"]
    assert {"Måltal", "Realiserede tal", "Historik"} <= set(book.sheetnames)
    figures = book["Realiserede tal"]
    headers = [c.value for c in figures[1]]
    assert headers == ["Id", "Indikator-id", "Måned", "Værdi", "Kommentar", "Indtastet af",
                       "Indtastet", "Version"]
    first = [c.value for c in figures[2]]
    assert first[2] == datetime(2025, 1, 1) and figures.cell(2, 3).number_format == "yyyy-mm"
    assert isinstance(first[3], float) and first[3] == 37.1
    assert isinstance(first[6], datetime)
    history = book["Historik"]
    assert [c.value for c in history[2]][4] == 80.5
    plans = book["Planer"]
    assert [c.value for c in plans[1]][:3] == ["Id", "Navn", "Løsning"]
    assert plans.cell(2, 2).value == "KSD – sygedagpenge"


def test_excel_export_starts_with_a_sheet_of_named_figures(demo_engine: Engine) -> None:
    _history(demo_engine)
    rows = list(load_workbook(io.BytesIO(export_workbook(demo_engine)))["Tal"].values)
    assert rows[0] == ("Plan", "Indikator", "Enhed", "Måned", "Måltal", "Realiseret",
                       "Kommentar", "Indtastet af", "Indtastet")
    assert len(rows) == 1 + 109
    oct_2026 = [r for r in rows if r[1] == "Andel ansøgninger via selvbetjening"
                and r[3] == datetime(2026, 10, 1)]
    assert [r[:8] for r in oct_2026] == [("KSD – sygedagpenge",
                                          "Andel ansøgninger via selvbetjening", "%",
                                          datetime(2026, 10, 1), 85.0, 81.5, "Rettet",
                                          "Mette")]
    assert isinstance(oct_2026[0][8], datetime)


def _as_read_back(value: object) -> object:
    """What openpyxl gives back for a database value: a date as a midnight datetime, a
    timestamp in UTC without zone, empty text as an empty cell."""
    if isinstance(value, datetime):
        return value.astimezone(UTC).replace(tzinfo=None) if value.tzinfo else value
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    return None if value == "" else value


def _same_cell(got: object, expected: object) -> bool:
    if isinstance(expected, datetime):  # Excel keeps a timestamp to the second
        return isinstance(got, datetime) and abs((got - expected).total_seconds()) < 1
    if isinstance(expected, bool):
        return got is expected
    if isinstance(expected, int | float):
        return isinstance(got, int | float) and not isinstance(got, bool) and got == expected
    return got == expected


def test_excel_export_holds_every_row_of_every_table(
        demo_engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    """Read back with openpyxl, each table's sheet holds the database's rows in key
    order: numbers as numbers, dates as dates, timestamps in UTC, text as text. Read in
    batches of 7 rows here, so every table crosses batch boundaries on both engines."""
    from tracking.backup import rows

    _history(demo_engine)
    monkeypatch.setattr(rows, "BATCH", 7)
    book = load_workbook(io.BytesIO(export_workbook(demo_engine)))
    tables = backed_up_tables()
    assert len(book.sheetnames) == 1 + len(tables)
    contents = _table_contents(demo_engine)
    assert sum(len(r) for r in contents.values()) > 500
    for table, sheet in zip(tables, book.sheetnames[1:], strict=True):
        got = list(book[sheet].iter_rows(min_row=2, values_only=True))
        expected = [[_as_read_back(v) for v in row] for row in contents[table.name]]
        assert len(got) == len(expected), table.name
        for g, e in zip(got, expected, strict=True):
            bad = [(c.name, x, y) for c, x, y in zip(table.columns, g, e, strict=True)
                   if not _same_cell(x, y)]
            assert not bad, (table.name, bad)


def test_excel_export_of_one_plan(demo_engine: Engine) -> None:
    book = load_workbook(io.BytesIO(export_workbook(demo_engine, plan_id=2)))
    assert {r[0] for r in list(book["Tal"].values)[1:]} == {"Fakturaautomatisering (RPA)"}
    names = [row[2] for row in book["Indikatorer"].iter_rows(min_row=2, values_only=True)]
    assert names == ["Andel fakturaer håndteret automatisk", "Restancer"]


def test_an_older_backup_gets_each_indicators_default_measure_and_says_so(
        new_db: Callable[[str], Engine]) -> None:
    """A backup from before indicators said what they measure: percentages and case
    times become rates, the rest amounts per month, and the restore warns."""
    source = new_db("duckdb")
    load_demo(source)
    doc = json.loads(dumps(export_document(source)))
    body = doc["tables"]["indicator"]
    for column in ("measure", "budget_effect"):
        at = body["columns"].index(column)
        body["columns"].pop(at)
        for row in body["rows"]:
            row.pop(at)
    target = new_db("duckdb")
    summary = restore_document(target, doc)
    assert "5 indikatorer har fået standarden" in summary.text()
    with target.connect() as conn:
        got = dict(conn.execute(select(SQLModel.metadata.tables["indicator"].c.name,
                                       SQLModel.metadata.tables["indicator"].c.measure)).all())
    assert got == {"Andel ansøgninger via selvbetjening": "rate",
                   "Sagsbehandlingstid (dage)": "rate", "Frigjorte årsværk": "flow",
                   "Andel fakturaer håndteret automatisk": "rate", "Restancer": "flow"}
    # A backup that has the measures keeps them, without a word.
    again = new_db("duckdb")
    assert restore_document(again, export_document(source)).warnings == ()
