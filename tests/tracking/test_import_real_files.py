"""Files as benefit owners really send them (issue 15), one test group per class of
failure: every file imports exactly what Excel or LibreOffice shows, or is refused with
a Danish message and nothing is written.

Demo ids: plan 1 KSD with indicators 1 »Andel ansøgninger via selvbetjening« (pct,
80,5 in Oct 2026), 2 »Sagsbehandlingstid (dage)« (days), 3 »Frigjorte årsværk« (fte);
plan 2 with 4 (pct) and 5 »Restancer« (kr)."""

from __future__ import annotations

import csv
import io
import time
import zipfile
from datetime import date, datetime

import pytest
from openpyxl import load_workbook
from sqlalchemy import Engine, func
from sqlalchemy import select as sa_select
from sqlmodel import Session

from tests.conftest import TODAY
from tests.support.actors import SYSTEM, who
from tests.tracking.import_files import csv_bytes
from tests.tracking.office_files import Fmt, Formula, Text, office_xlsx, set_dimension
from tracking.backup import export_workbook
from tracking.errors import ValidationError
from tracking.importing.preview import LineStatus, commit_import, preview_file
from tracking.importing.reading import Layout, read_table
from tracking.importing.template import template_csv, template_xlsx
from tracking.models import AuditRecord, Measurement, MeasurementRevision
from tracking.services.measurements import record_actual

SHARE = "Andel ansøgninger via selvbetjening"
DAYS = "Sagsbehandlingstid (dage)"
FTE = "Frigjorte årsværk"


@pytest.fixture
def demo(duck_engine: Engine) -> Engine:
    from tracking.demo import load_demo

    load_demo(duck_engine)
    return duck_engine


def _state(engine: Engine) -> tuple[int, int, int]:
    """Figures, revisions and audit records: a refused file changes none of them."""
    with Session(engine) as s:
        return tuple(s.scalar(sa_select(func.count()).select_from(t))  # type: ignore[return-value]
                     for t in (Measurement, MeasurementRevision, AuditRecord))


def _values(engine: Engine, data: bytes, plan_id: int = 1) -> list[tuple[int, date, float]]:
    preview = preview_file(engine, data, "fil", plan_id=plan_id, on=TODAY)
    assert preview.errors == []
    return [(x.indicator_id, x.month, x.value) for x in preview.lines]


def _errors(engine: Engine, data: bytes, plan_id: int = 1) -> list[tuple[int, str, str]]:
    preview = preview_file(engine, data, "fil", plan_id=plan_id, on=TODAY)
    return [(e.row, e.column, e.message()) for e in preview.errors]


def _refusal(data: bytes, name: str = "fil.csv", **kw: object) -> str:
    with pytest.raises(ValidationError) as refused:
        read_table(data, name, **kw)
    return refused.value.message()


# 1. Cell formats --------------------------------------------------------------------

@pytest.mark.parametrize("program", ["excel", "libreoffice"])
def test_a_percent_cell_imports_the_percent_it_shows(demo: Engine, program: str) -> None:
    data = office_xlsx({"Tal": [
        ["Indikator", "Måned", "Værdi"],
        [SHARE, "2026-10", Fmt(0.812, "0.0%")],      # typed as 81,2 %
        [SHARE, "2026-09", Fmt(0.8, "0%")],          # typed as 80 %
        [DAYS, "2026-10", Fmt(17.25, "0.0")],        # shows 17,3
        [FTE, "2026-10", Fmt(1234.5, "#,##0.00")],   # thousands marks shown
        [FTE, "2026-09", Formula("1+1.5", 2.5)],     # a formula with its stored result
    ]}, program)
    assert _values(demo, data) == [
        (1, date(2026, 10, 1), 81.2), (1, date(2026, 9, 1), 80.0),
        (2, date(2026, 10, 1), 17.3), (3, date(2026, 10, 1), 1234.5),
        (3, date(2026, 9, 1), 2.5)]


def test_numbers_stored_as_text_and_dates_as_values(demo: Engine) -> None:
    data = office_xlsx({"Tal": [
        ["Indikator", "Måned", "Værdi"],
        [DAYS, Fmt(datetime(2026, 10, 1), "mmm yy"), Text("17,5")],
        [FTE, "2026-10", Fmt(datetime(2026, 3, 1), "dd-mm-yyyy")],
        [DAYS, "2026-09", Fmt(1234567, "#,##0,")],
    ]})
    assert _errors(demo, data) == [
        (3, "Værdi", "Værdien er en dato (01.03.2026), ikke et tal. Formatér cellen som tal "
                     "i Excel."),
        (4, "Værdi", "Cellen viser tallet i tusinder (talformatet »#,##0,«), så det er uklart, "
                     "hvilket tal der menes. Giv cellen talformatet Tal eller Standard, så "
                     "hele tallet vises, og prøv igen.")]
    ok = office_xlsx({"Tal": [["Indikator", "Måned", "Værdi"],
                              [DAYS, Fmt(datetime(2026, 10, 1), "mmm yy"), Text("17,5")]]})
    assert _values(demo, ok) == [(2, date(2026, 10, 1), 17.5)]


# 2. Decimal and thousands marks per file ---------------------------------------------

def test_an_english_export_reads_948_313_as_thousands(demo: Engine) -> None:
    data = csv_bytes([["Indicator", "Month", "Value"], ["Restancer", "2026-09", "1,411,741"],
                      ["Restancer", "2026-10", "948,313"]], delimiter="\t")
    assert _values(demo, data, 2) == [(5, date(2026, 9, 1), 1411741.0),
                                      (5, date(2026, 10, 1), 948313.0)]


def test_a_danish_file_reads_948_313_as_a_decimal(demo: Engine) -> None:
    data = csv_bytes([["Indikator", "Måned", "Værdi"], ["Restancer", "2026-09", "1.411,5"],
                      ["Restancer", "2026-10", "948,313"]], "cp1252")
    assert _values(demo, data, 2) == [(5, date(2026, 9, 1), 1411.5),
                                      (5, date(2026, 10, 1), 948.313)]


def test_an_ambiguous_number_is_refused_not_guessed(demo: Engine) -> None:
    data = csv_bytes([["Indikator", "Måned", "Værdi"], ["Restancer", "2026-09", "948,313"],
                      ["Restancer", "2026-10", "12"]])
    assert _errors(demo, data, 2) == [(2, "Værdi", (
        "»948,313« kan betyde to forskellige tal (er punktum eller komma decimaltegn?), og "
        "filens andre tal afgør det ikke. Skriv tallet uden tusindtalsseparator, fx 948313 "
        "eller 948,313."))]
    # A file whose values prove both marks decides nothing: each must prove itself.
    mixed = csv_bytes([["Indikator", "Måned", "Værdi"], ["Restancer", "2026-08", "1.234,5"],
                       ["Restancer", "2026-09", "1,234.5"], ["Restancer", "2026-10", "1.234"]])
    assert [e[0] for e in _errors(demo, mixed, 2)] == [4]


# 3. The right sheet, and corrections confirmed ----------------------------------------

def test_an_instructions_sheet_with_an_example_row_is_not_imported(demo: Engine) -> None:
    data = office_xlsx({
        "Vejledning": [["Sådan udfylder du arket"], ["Indikator", "Måned", "Værdi"],
                       [SHARE, "2026-03", "12"]],  # the example row
        "Tal": [["Indikator", "Måned", "Værdi"], [DAYS, "2026-10", 17.5],
                [FTE, "2026-10", 3.1]]})
    preview = preview_file(demo, data, "fil.xlsx", plan_id=1, on=TODAY)
    assert preview.table.sheet == "Tal"
    assert [x.indicator_id for x in preview.lines] == [2, 3]
    assert preview.corrections == 1  # Frigjorte årsværk, Oct 2026 was 2,9


def test_two_sheets_that_match_equally_are_refused(demo: Engine) -> None:
    sheet = [["Indikator", "Måned", "Værdi"], [DAYS, "2026-10", 17.5]]
    data = office_xlsx({"Tal": sheet, "Kopi": sheet})
    with pytest.raises(ValidationError) as refused:
        preview_file(demo, data, "fil.xlsx", plan_id=1, on=TODAY)
    assert refused.value.message() == ("Flere ark ligner tallene lige meget: »Tal«, »Kopi«. "
                                       "Vælg arket.")
    assert preview_file(demo, data, "fil.xlsx", plan_id=1, sheet="Kopi",
                        on=TODAY).table.sheet == "Kopi"


# 4. Formulas without stored results ---------------------------------------------------

def test_a_formula_without_a_stored_result_is_refused_with_its_row(demo: Engine) -> None:
    data = office_xlsx({"Tal": [["Indikator", "Måned", "Værdi"],
                                [DAYS, "2026-10", Formula("B1*2")],
                                [FTE, "2026-10", Formula("1/0", "#DIV/0!")]]})
    assert _errors(demo, data) == [
        (2, "Værdi", "Cellen har en formel uden beregnet værdi; åbn og gem filen i Excel, så "
                     "værdien gemmes med."),
        (3, "Værdi", "Cellen viser fejlen #DIV/0!; ret formlen i filen.")]


# 5. Resource exhaustion ---------------------------------------------------------------

def test_a_used_range_to_row_1048576_is_refused_before_it_is_parsed() -> None:
    data = set_dimension(office_xlsx({"Tal": [["Indikator", "Måned", "Værdi"]]}), "Tal",
                         "A1:XFD1048576")
    started = time.perf_counter()
    message = _refusal(data, "stor.xlsx")
    assert time.perf_counter() - started < 5  # not a benchmark: only "not 30 s"
    assert message.startswith("Arket »Tal« går ned til række 1.048.576; højst 20.000 rækker")


def test_a_cell_at_the_last_row_without_a_dimension_is_refused() -> None:
    data = office_xlsx({"Tal": [["Indikator", "Måned", "Værdi"], [DAYS, "2026-10", 1]]})
    data = set_dimension(data, "Tal", "A1")
    from tests.tracking.office_files import _sheet_paths, edit_part

    data = edit_part(data, _sheet_paths(data)["Tal"], lambda xml: xml.replace(
        b"</sheetData>", b'<row r="1048576"><c r="A1048576" t="n"><v>1</v></c></row>'
                         b"</sheetData>"))
    assert "går ned til række 1.048.576" in _refusal(data, "stor.xlsx")


def test_a_zip_bomb_is_refused_by_its_unpacked_size() -> None:
    data = office_xlsx({"Tal": [["Indikator", "Måned", "Værdi"]]})
    from tests.tracking.office_files import add_part

    data = add_part(data, "xl/media/fyld.bin", b"\x00" * (60 * 1024 * 1024))
    assert len(data) < 1024 * 1024
    assert _refusal(data, "bombe.xlsx").startswith("Excel-filen bombe.xlsx fylder 60 MB udpakket")


def test_a_csv_field_over_131072_characters_gives_a_message_not_a_traceback() -> None:
    data = csv_bytes([["Indikator", "Måned", "Værdi", "Kommentar"],
                      [DAYS, "2026-10", "1", "x" * 200_000]])
    assert _refusal(data) == (
        "Filen fil.csv kan ikke læses som CSV fra linje 2: et felt er for langt (over 131.072 "
        "tegn) eller et citationstegn er ikke lukket. Er det den rigtige fil? Gem den igen "
        "fra Excel.")


# 6. Control characters ----------------------------------------------------------------

@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-8", "cp1252", "utf-16"])
def test_nul_bytes_are_refused_in_every_encoding(encoding: str) -> None:
    data = csv_bytes([["Indikator", "Måned", "Værdi", "Kommentar"],
                      [DAYS, "2026-10", "1", "før\x00efter"]], encoding)
    assert _refusal(data) in (
        "Filen fil.csv indeholder styretegn (tegnkode 00, fx en NUL-byte) i linje 2, som ikke "
        "hører hjemme i et regneark. Åbn filen i Excel, gem den igen som CSV UTF-8 eller "
        ".xlsx, og prøv igen.",
        # Without a BOM a NUL byte makes the file no text at all.
        "Filen fil.csv kan ikke læses som CSV eller Excel (.xlsx). Åbn den i Excel eller "
        "LibreOffice og gem den som Excel-projektmappe (.xlsx) eller som CSV "
        "(semikolonsepareret), og prøv igen.")


def test_a_form_refuses_control_characters_too(demo: Engine) -> None:
    with pytest.raises(ValidationError) as refused:
        record_actual(demo, 2, date(2026, 10, 1), "17", "før\x00efter", SYSTEM, TODAY)
    assert refused.value.code == "error.control_chars"
    from tracking.services.ideas import add_idea

    with pytest.raises(ValidationError) as refused:
        add_idea(demo, 1, "Ny idé\x1b[31m", actor=SYSTEM)
    assert refused.value.message() == ("Teksten indeholder styretegn (fx en NUL-byte fra en "
                                       "kopieret fil); fjern dem, og prøv igen.")


# 7. Formula injection going out -------------------------------------------------------

HOSTILE = ['=HYPERLINK("http://x.invalid","klik")', "+cmd|' /C calc'!A0", "@SUM(1+1)*cmd",
           "-2+3+cmd|' /C calc'!A0", "\t=1+1", "\r=1+1"]


@pytest.mark.parametrize("comment", HOSTILE)
def test_files_we_write_hold_no_formulas(demo: Engine, comment: str) -> None:
    record_actual(demo, 1, date(2026, 10, 1), "80,5", comment, SYSTEM, TODAY)
    saved = comment.strip()  # a comment is saved without surrounding white space
    for data in (template_xlsx(demo, 1, TODAY), export_workbook(demo, 1)):
        book = load_workbook(io.BytesIO(data))
        cells = [c for ws in book.worksheets for row in ws.iter_rows() for c in row]
        assert not [c.coordinate for c in cells if c.data_type == "f"]
        assert saved in [c.value for c in cells]  # kept exactly, as text
    text = template_csv(demo, 1, TODAY).decode("utf-8-sig")
    fields = [f for row in csv.reader(io.StringIO(text, newline=""), delimiter=";")
              for f in row]
    assert "'" + saved in fields
    # Sent back unchanged, the template changes nothing (the apostrophe is removed).
    for data in (template_csv(demo, 1, TODAY), template_xlsx(demo, 1, TODAY)):
        preview = preview_file(demo, data, plan_id=1, on=TODAY)
        assert preview.errors == [] and not preview.changes


# 8. Months as columns -----------------------------------------------------------------

def test_the_wide_layout_is_read_month_by_month(demo: Engine) -> None:
    data = office_xlsx({"Nøgletal": [
        ["Gevinstopfølgning 2026"],
        ["Nøgletal", "Enhed", datetime(2026, 8, 1), datetime(2026, 9, 1), "okt 2026",
         "I alt", "Gns."],
        [DAYS, "dage", 18, None, Text("17,5"), Formula("SUM(C3:E3)", 35.5), 17.75],
        [FTE, "årsværk", None, "tre", 3.1, None, None],
    ]})
    preview = preview_file(demo, data, "fil.xlsx", plan_id=1, on=TODAY)
    assert preview.table.layout is Layout.WIDE
    assert [(x.row, x.indicator_id, x.month, x.value) for x in preview.lines] == [
        (3, 2, date(2026, 8, 1), 18.0), (3, 2, date(2026, 10, 1), 17.5),
        (4, 3, date(2026, 10, 1), 3.1)]
    assert [(e.row, e.column, e.error.code) for e in preview.errors] == [
        (4, "2026-09-01 00:00:00", "error.not_a_number")] or [
        (e.row, e.error.code) for e in preview.errors] == [(4, "error.not_a_number")]
    assert "måneder som kolonner" in __import__(
        "tracking.importing.preview", fromlist=["read_as"]).read_as(preview.table)


def test_a_wide_csv_with_text_month_headers(demo: Engine) -> None:
    data = csv_bytes([["Indikator", "jan 2026", "feb 2026", "mar 2026", "I alt"],
                      [DAYS, "20", "19,5", "", "39,5"]], "cp1252")
    assert _values(demo, data) == [(2, date(2026, 1, 1), 20.0), (2, date(2026, 2, 1), 19.5)]
    bad = csv_bytes([["Indikator", "jan 2026", "feb 2026"], [DAYS, "20", "x"]])
    assert _errors(demo, bad)[0][:2] == (2, "feb 2026")


# 10. Needless refusals and unclear words ----------------------------------------------

def test_names_ignore_case_and_spaces_and_suggest_the_nearest(demo: Engine) -> None:
    data = csv_bytes([["Indikator", "Måned", "Værdi"],
                      ["  sagsbehandlingstid\u00a0(DAGE) ", "1. oktober 2026", "17"],
                      ["Sagsbehandlingstid dage", "2026-09", "17"]])
    preview = preview_file(demo, data, plan_id=1, on=TODAY)
    assert [(x.indicator_id, x.month) for x in preview.lines] == [(2, date(2026, 10, 1))]
    assert preview.errors[0].message() == (
        "Ukendt indikator: »Sagsbehandlingstid dage«. Mente du »Sagsbehandlingstid (dage)«?")


def test_an_html_table_saved_as_xls_is_named_as_such() -> None:
    data = b"<html><body><table><tr><td>Indikator</td></tr></table></body></html>"
    assert _refusal(data, "udtraek.xls").startswith(
        "Filen udtraek.xls er en HTML-tabel (en webside) gemt med et regnearks navn")


def test_counts_and_units_in_plain_danish(demo: Engine) -> None:
    data = csv_bytes([["Indikator-id", "Måned", "Værdi"], ["1", "2026-10", "-3"]])
    preview = preview_file(demo, data, plan_id=1, on=TODAY)
    assert preview.errors[0].message() == ("Værdien kan ikke være negativ, når enheden er %. "
                                           "Skriv tallet uden minus.")
    with pytest.raises(ValidationError) as refused:
        commit_import(demo, preview, who("Mette"), TODAY)
    assert refused.value.message() == ("Filen har 1 fejl; intet er gemt. Ret fejlen i filen "
                                       "og indlæs den igen.")
    assert ValidationError("error.import_too_many_rows", None, max=100000).message() == (
        "Filen har over 100.000 rækker; del den op.")


# A refused file writes nothing, on DuckDB and PostgreSQL --------------------------------

def test_a_refused_file_writes_nothing(demo_engine: Engine) -> None:
    engine = demo_engine
    before = _state(engine)
    good_and_bad = office_xlsx({"Tal": [["Indikator", "Måned", "Værdi"],
                                        [DAYS, "2026-10", 17.5],
                                        [FTE, "2026-10", Formula("B1*2")]]})
    preview = preview_file(engine, good_and_bad, "fil.xlsx", plan_id=1, on=TODAY)
    with pytest.raises(ValidationError):
        commit_import(engine, preview, who("Mette"), TODAY, allow_corrections=True)
    corrects = csv_bytes([["Indikator-id", "Måned", "Værdi"], ["2", "2026-10", "17"],
                          ["1", "2026-10", "81,2"]])
    preview = preview_file(engine, corrects, "fil.csv", plan_id=1, on=TODAY)
    assert preview.errors == [] and preview.corrections == 1
    with pytest.raises(ValidationError):
        commit_import(engine, preview, who("Mette"), TODAY)  # the correction not confirmed
    assert _state(engine) == before
    commit_import(engine, preview, who("Mette"), TODAY, allow_corrections=True)
    assert _state(engine) != before


def test_statuses_of_a_wide_file_against_saved_figures(demo: Engine) -> None:
    data = csv_bytes([["Indikator", "sep 2026", "okt 2026"], [SHARE, "", "80,5"]])
    [line] = preview_file(demo, data, plan_id=1, on=TODAY).lines
    assert line.status is LineStatus.UNCHANGED


def test_the_xlsx_reader_keeps_the_zip_closed_to_other_parts() -> None:
    # A workbook whose sheet part is missing is refused, not a traceback.
    data = office_xlsx({"Tal": [["Indikator", "Måned", "Værdi"], [DAYS, "2026-10", 1]]})
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            if "worksheets/sheet1" not in info.filename:
                dst.writestr(info.filename, src.read(info.filename))
    assert "kan ikke læses som CSV eller Excel" in _refusal(out.getvalue(), "x.xlsx")


# 9. Column mapping --------------------------------------------------------------------

UNKNOWN_HEADERS = [["Afdelingens nøgletal", "Periode start", "Antal", "Noter"],
                   [DAYS, "2026-10", "17,5", "fra ESDH"]]


def test_a_sheet_with_unknown_headers_is_read_by_the_plans_mapping(demo: Engine) -> None:
    from tracking.importing.mapping import parse_map
    from tracking.importing.reading import Column, header_candidates
    from tracking.readmodel.import_mapping import saved_import_mapping
    from tracking.services.import_mapping import save_import_mapping

    data = csv_bytes(UNKNOWN_HEADERS, "cp1252")
    assert _refusal(data).startswith("Filen fil.csv har ingen overskriftsrække")
    assert header_candidates(data) == ["Afdelingens nøgletal", "Periode start", "Antal",
                                       "Noter"]
    assert saved_import_mapping(demo, 1) is None
    mapping = {Column.INDICATOR: "Afdelingens nøgletal", Column.MONTH: "periode  START",
               Column.VALUE: "Antal"}
    save_import_mapping(demo, 1, mapping, SYSTEM)
    remembered = saved_import_mapping(demo, 1)
    assert remembered == {Column.INDICATOR: "Afdelingens nøgletal",
                          Column.MONTH: "periode  START", Column.VALUE: "Antal"}
    preview = preview_file(demo, data, "fil.csv", plan_id=1, on=TODAY, mapping=remembered)
    assert [(x.indicator_id, x.month, x.value, x.comment) for x in preview.lines] == [
        (2, date(2026, 10, 1), 17.5, "")]
    assert preview.table.mapped
    assert parse_map(["Indikator=Afdelingens nøgletal", "måned=Periode start",
                      "Value=Antal", "kommentar=Noter"])[Column.COMMENT] == "Noter"
    for bad, code in ((["Indikator=A", "Måned=B"], "error.import_mapping_incomplete"),
                      (["Indikator=A", "Måned=A", "Værdi=C"], "error.import_mapping_twice"),
                      (["Farve=A"], "error.import_map_syntax")):
        with pytest.raises(ValidationError) as refused:
            parse_map(bad)
        assert refused.value.code == code


def test_dates_with_slashes_are_read_by_the_files_proven_order(demo: Engine) -> None:
    american = csv_bytes([["Indicator", "Month", "Value"], [DAYS, "10/15/2026", "17"],
                          [FTE, "09/01/2026", "3"]], delimiter=",")
    assert _values(demo, american) == [(2, date(2026, 10, 1), 17.0), (3, date(2026, 9, 1), 3.0)]
    danish = csv_bytes([["Indikator", "Måned", "Værdi"], [DAYS, "15/10/2026", "17"],
                        [FTE, "01/09/2026", "3"]])
    assert _values(demo, danish) == [(2, date(2026, 10, 1), 17.0), (3, date(2026, 9, 1), 3.0)]
    unknown = csv_bytes([["Indikator", "Måned", "Værdi"], [FTE, "01/09/2026", "3"],
                         [DAYS, "01-09-2026", "17"]])
    assert _errors(demo, unknown) == [(2, "Måned", (
        "»01/09/2026« kan være to forskellige måneder (dag/måned eller måned/dag), og filens "
        "andre datoer afgør det ikke. Skriv måneden som fx 2026-10."))]
    wide = csv_bytes([["Indikator", "01/09/2026", "01/10/2026"], [DAYS, "17", "18"]])
    assert _refusal(wide).startswith("»01/09/2026« kan være to forskellige måneder")


def test_a_data_row_with_two_dates_is_no_months_as_columns_header() -> None:
    # Unknown headers, then rows with the month and the day it was entered: not wide.
    data = office_xlsx({"Tal": [["Nøgle", "Periode start", "Antal", "Indtastet"],
                                [DAYS, datetime(2026, 9, 1), 17, datetime(2026, 10, 3)]]})
    assert "ingen overskriftsrække" in _refusal(data, "fil.xlsx")
