"""Previewing and committing uploads against the demo plans (ids: plan 1 KSD with
indicators 1 pct, 2 days, 3 fte; plan 2 with 4 pct and 5 kr)."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import Engine, func
from sqlalchemy import select as sa_select
from sqlmodel import Session, select

from tests.conftest import TODAY
from tests.support.actors import SYSTEM, who
from tests.tracking.import_files import csv_bytes, xlsx_bytes
from tracking.errors import ValidationError
from tracking.importing.preview import LineStatus, commit_import, preview_file
from tracking.importing.reading import read_table
from tracking.importing.template import template_csv, template_rows, template_xlsx
from tracking.models import Measurement, MeasurementRevision
from tracking.readmodel.measurements import measurement_history
from tracking.services.measurements import FigureBatchError
from tracking.services.plans import set_indicator_archived

HEADER = ["Indikator-id", "Indikator", "Måned", "Værdi", "Kommentar"]


@pytest.fixture
def demo(duck_engine: Engine) -> Engine:
    from tracking.demo import load_demo

    load_demo(duck_engine)
    return duck_engine


def _saved(engine: Engine, indicator_id: int, month: date) -> Measurement | None:
    with Session(engine) as s:
        return s.exec(select(Measurement).where(Measurement.indicator_id == indicator_id,
                                                Measurement.month == month)).first()


def _counts(engine: Engine) -> tuple[int, int]:
    with Session(engine) as s:
        return (s.scalar(sa_select(func.count()).select_from(Measurement)),
                s.scalar(sa_select(func.count()).select_from(MeasurementRevision)))


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
@pytest.mark.parametrize("delimiter", [";", ","])
def test_every_csv_flavour_gives_the_same_figures(demo: Engine, encoding: str,
                                                  delimiter: str) -> None:
    data = csv_bytes([HEADER[1:], ["Sagsbehandlingstid (dage)", "okt 2026", "17,5", "Fra ESDH"],
                      ["Frigjorte årsværk", "marts 2026", "1.234,5", ""]], encoding, delimiter)
    preview = preview_file(demo, data, "tal.csv", plan_id=1, on=TODAY)
    assert preview.errors == []
    assert [(x.row, x.indicator_id, x.month, x.value, x.status) for x in preview.lines] == [
        (2, 2, date(2026, 10, 1), 17.5, LineStatus.NEW),
        (3, 3, date(2026, 3, 1), 1234.5, LineStatus.CORRECTED)]
    assert preview.lines[1].old_value is not None


@pytest.mark.parametrize("text,value", [
    ("1.234,5", 1234.5), ("1234,5", 1234.5), ("1234.5", 1234.5), ("-12", -12.0),
    ("1.234,5 kr.", 1234.5), ("-1.411.741 kr", -1411741.0), (" 12 ", 12.0)])
def test_numbers_as_danish_users_write_them(demo: Engine, text: str, value: float) -> None:
    data = csv_bytes([["Indikator", "Måned", "Værdi"], ["Restancer", "2026-10", text]])
    [line] = preview_file(demo, data, plan_id=2, on=TODAY).lines
    assert line.value == value


def test_percent_suffix_and_excel_cells(demo: Engine) -> None:
    data = xlsx_bytes({"Tal": [["Indikator-id", "Måned", "Værdi"],
                               [2, datetime(2026, 10, 1), 17.25],
                               [1, "2026-10", "81,5 %"], [3.0, "okt. 2026", 3]]})
    preview = preview_file(demo, data, "tal.xlsx", plan_id=1, on=TODAY)
    assert [(x.indicator_id, x.month, x.value) for x in preview.lines] == [
        (2, date(2026, 10, 1), 17.25), (1, date(2026, 10, 1), 81.5), (3, date(2026, 10, 1), 3.0)]


def test_every_bad_row_has_its_row_column_and_reason(demo: Engine) -> None:
    data = csv_bytes([
        HEADER,
        ["", "Ukendt indikator", "2026-10", "1", ""],       # 2 unknown name
        ["x7", "", "2026-10", "1", ""],                      # 3 id not a number
        ["99", "", "2026-10", "1", ""],                      # 4 unknown id
        ["5", "", "2026-10", "1", ""],                       # 5 other plan's indicator
        ["2", "", "oktober", "1", ""],                       # 6 month without year
        ["2", "", "2026-10", "sytten", ""],                  # 7 not a number
        ["2", "", "2024-06", "17", ""],                      # 8 before the plan
        ["2", "", "2026-12", "17", ""],                      # 9 in the future
        ["1", "", "2026-10", "-3", ""],                      # 10 negative share
        ["2", "", "2026-09", "17", ""],                      # 11 fine
        ["2", "", "sep 2026", "18", ""],                     # 12 duplicate of 11
        ["1", "Frigjorte årsværk", "2026-10", "80", ""],     # 13 id and name disagree
        ["", "", "2026-10", "80", ""],                       # 14 no indicator
        ["2", "", "", "80", ""],                             # 15 no month
        ["2", "", "2026-08", "", ""],                        # 16 no value: skipped
    ])
    preview = preview_file(demo, data, plan_id=1, on=TODAY)
    found = [(e.row, e.column, e.error.code) for e in preview.errors]
    assert found == [
        (2, "Indikator", "error.import_unknown_indicator"),
        (3, "Indikator-id", "error.import_bad_indicator_id"),
        (4, "Indikator-id", "error.import_unknown_indicator_id"),
        (5, "Indikator-id", "error.import_indicator_other_plan"),
        (6, "Måned", "error.import_bad_month"),
        (7, "Værdi", "error.not_a_number"),
        (8, "Måned", "error.month_outside_plan"),
        (9, "Måned", "error.month_in_future"),
        (10, "Værdi", "error.negative_not_allowed"),
        (12, "Måned", "error.import_duplicate_row"),
        (13, "Indikator", "error.import_id_name_mismatch"),
        (14, "Indikator", "error.import_indicator_missing"),
        (15, "Måned", "error.import_month_missing"),
    ]
    messages = {e.row: e.message() for e in preview.errors}
    assert messages[2] == ("Ukendt indikator: »Ukendt indikator«. Skriv indikatorens id "
                           "eller præcise navn.")
    assert messages[5] == ("Indikator 5 (»Restancer«) hører til planen »Fakturaautomatisering "
                           "(RPA)«, ikke til denne plan.")
    assert messages[8] == "jun. 2024 ligger uden for planens periode (jan. 2025 – dec. 2027)."
    assert messages[12] == ("Sagsbehandlingstid (dage), sep. 2026 står også i række 11; hver "
                            "indikator og måned må kun stå én gang.")
    assert preview.skipped == [16]
    assert not preview.can_commit
    before = _counts(demo)
    with pytest.raises(ValidationError) as refused:
        commit_import(demo, preview, who("Mette"))
    assert refused.value.message() == ("Filen har 13 fejl; intet er gemt. Ret fejlene i filen "
                                       "og indlæs den igen.")
    assert _counts(demo) == before


def test_a_row_with_several_problems_reports_each(demo: Engine) -> None:
    data = csv_bytes([HEADER[1:], ["Foo", "2026-13", "x", ""]])
    preview = preview_file(demo, data, plan_id=1, on=TODAY)
    assert [(e.row, e.column) for e in preview.errors] == [
        (2, "Indikator"), (2, "Måned"), (2, "Værdi")]


def test_ambiguous_names_need_the_id(demo: Engine) -> None:
    # Without a plan, names are looked up in every active plan.
    from tracking.services.plans import IndicatorInput, create_indicator

    create_indicator(demo, 2, IndicatorInput(
        name="Frigjorte årsværk", unit="fte", direction="higher", kind="benefit", owner="",
        baseline_value=0, baseline_month=date(2024, 12, 1), target_value=2,
        target_start_month=date(2025, 1, 1), full_effect_month=date(2026, 1, 1),
        phase_in="linear"), actor=SYSTEM)
    data = csv_bytes([["Indikator", "Måned", "Værdi"], ["Frigjorte årsværk", "2026-10", "3"]])
    assert [e.error.code for e in preview_file(demo, data, on=TODAY).errors] == [
        "error.import_ambiguous_indicator"]
    assert preview_file(demo, data, plan_id=1, on=TODAY).errors == []


def test_commit_writes_all_keeps_history_and_a_second_import_changes_nothing(
        demo_engine: Engine) -> None:
    engine = demo_engine  # on DuckDB and on PostgreSQL
    data = csv_bytes([HEADER,
                      ["2", "Sagsbehandlingstid (dage)", "okt 2026", "17,5", "Fra ESDH"],
                      ["1", "", "2026-10", "81,2", "Rettet efter revision"],
                      ["3", "", "2026-10", "2,9", ""]])
    preview = preview_file(engine, data, "tal.csv", plan_id=1, on=TODAY)
    assert [(x.status, x.old_value) for x in preview.lines] == [
        (LineStatus.NEW, None), (LineStatus.CORRECTED, 80.5), (LineStatus.UNCHANGED, 2.9)]
    assert preview.can_commit and len(preview.changes) == 2 and preview.corrections == 1
    counts = _counts(engine)
    with pytest.raises(ValidationError) as unconfirmed:  # a correction must be confirmed
        commit_import(engine, preview, who("Mette Sørensen"), TODAY)
    assert unconfirmed.value.message() == (
        "Filen retter 1 tal, der allerede er gemt. Bekræft rettelsen, før der gemmes.")
    assert _counts(engine) == counts
    result = commit_import(engine, preview, who("Mette Sørensen"), TODAY, allow_corrections=True)
    assert (result.created, result.corrected, result.unchanged) == (1, 1, 1)
    assert _saved(engine, 2, date(2026, 10, 1)).value == 17.5
    corrected = _saved(engine, 1, date(2026, 10, 1))
    assert (corrected.value, corrected.comment, corrected.entered_by) == (
        81.2, "Rettet efter revision", "Mette Sørensen")
    [earlier] = measurement_history(engine, 1, date(2026, 10, 1))
    assert (earlier.value, earlier.replaced_by) == (80.5, "Mette Sørensen")

    counts = _counts(engine)
    again = preview_file(engine, data, "tal.csv", plan_id=1, on=TODAY)
    assert [x.status for x in again.lines] == [LineStatus.UNCHANGED] * 3
    assert not again.can_commit
    assert commit_import(engine, again, who("Mette Sørensen"), TODAY).unchanged == 3
    assert _counts(engine) == counts


def test_an_empty_comment_cell_keeps_the_saved_comment(demo: Engine) -> None:
    first = csv_bytes([["Indikator-id", "Måned", "Værdi", "Kommentar"],
                       ["2", "2026-10", "17", "Ny sagsgang"]])
    commit_import(demo, preview_file(demo, first, plan_id=1, on=TODAY), who("A"), TODAY)
    again = csv_bytes([["Indikator-id", "Måned", "Værdi", "Kommentar"],
                       ["2", "2026-10", "17", ""]])
    preview = preview_file(demo, again, plan_id=1, on=TODAY)
    assert preview.lines[0].status is LineStatus.UNCHANGED
    assert _saved(demo, 2, date(2026, 10, 1)).comment == "Ny sagsgang"


def test_commit_is_all_or_nothing_when_the_database_changed_since_the_preview(
        demo: Engine) -> None:
    data = csv_bytes([HEADER[1:], ["Sagsbehandlingstid (dage)", "2026-10", "17", ""],
                      ["Frigjorte årsværk", "2026-10", "3,1", ""]])
    preview = preview_file(demo, data, plan_id=1, on=TODAY)
    assert preview.can_commit
    set_indicator_archived(demo, 3, True, actor=SYSTEM)  # someone archives an indicator meanwhile
    before = _counts(demo)
    with pytest.raises(FigureBatchError):
        commit_import(demo, preview, who("Mette"), TODAY, allow_corrections=True)
    assert _counts(demo) == before
    assert _saved(demo, 2, date(2026, 10, 1)) is None  # the good row was not written either


def test_template_lists_open_months_and_reads_back(demo: Engine) -> None:
    rows = template_rows(demo, 1, TODAY)
    # Every indicator's last closed month (Oct 2026), plus the one gap of the demo.
    assert [(r.indicator.id, r.month, r.value) for r in rows] == [
        (1, date(2026, 10, 1), 80.5), (2, date(2026, 10, 1), None),
        (3, date(2026, 10, 1), 2.9)]
    for data in (template_xlsx(demo, 1, TODAY), template_csv(demo, 1, TODAY)):
        table = read_table(data, "skabelon")
        assert len(table.rows) == 3
        preview = preview_file(demo, data, plan_id=1, on=TODAY)
        assert preview.errors == [] and preview.skipped == [3]
        assert [x.status for x in preview.lines] == [LineStatus.UNCHANGED] * 2
