"""Reading uploads: encodings, separators, Excel cells, months, and broken files."""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime

import pytest

from tests.tracking.import_files import csv_bytes, xlsx_bytes
from tracking.errors import ValidationError
from tracking.importing.cells import parse_month
from tracking.importing.reading import MAX_BYTES, Column, read_table, sheet_names

HEADER = ["Indikator", "Måned", "Værdi", "Kommentar"]
ROW = ["Frigjorte årsværk", "marts 2026", "1,5", "Ændret arbejdsgang på kontoret"]


@pytest.mark.parametrize("encoding,shown", [
    ("utf-8", "UTF-8"), ("utf-8-sig", "UTF-8 (BOM)"), ("cp1252", "Windows-1252"),
    ("utf-16", "UTF-16")])
@pytest.mark.parametrize("delimiter", [";", ",", "\t"])
def test_csv_in_every_encoding_and_separator(encoding: str, shown: str,
                                             delimiter: str) -> None:
    table = read_table(csv_bytes([HEADER, ROW], encoding, delimiter), "tal.csv")
    assert (table.kind, table.encoding, table.separator) == ("csv", shown, delimiter)
    [row] = table.rows
    assert row.number == 2
    assert row.cells == {Column.INDICATOR: "Frigjorte årsværk", Column.MONTH: "marts 2026",
                         Column.VALUE: "1,5", Column.COMMENT: "Ændret arbejdsgang på kontoret"}


def test_csv_with_title_lines_blank_rows_and_english_headers() -> None:
    data = csv_bytes([["Rapport fra økonomisystemet"], [], ["indicator id", "Month", "Value"],
                      ["3", "2026-03", "2,5"], [], ["3", "2026-04", "2,6"]])
    table = read_table(data)
    assert [r.number for r in table.rows] == [4, 6]
    assert table.headers == {Column.INDICATOR_ID: "indicator id", Column.MONTH: "Month",
                             Column.VALUE: "Value"}


def test_xlsx_keeps_numbers_and_dates_as_cells() -> None:
    data = xlsx_bytes({"Tal": [["Indikator-id", "Måned", "Værdi"],
                               [3, datetime(2026, 3, 1), 2.5], [1, "03/2026", "45,5 %"]]})
    table = read_table(data, "tal.xlsx")
    assert (table.kind, table.sheet, table.sheets) == ("xlsx", "Tal", ["Tal"])
    assert [r.cells for r in table.rows] == [
        {Column.INDICATOR_ID: 3, Column.MONTH: datetime(2026, 3, 1), Column.VALUE: 2.5},
        {Column.INDICATOR_ID: 1, Column.MONTH: "03/2026", Column.VALUE: "45,5 %"}]


def test_several_sheets_uses_the_first_with_the_headers_and_says_so() -> None:
    data = xlsx_bytes({"Vejledning": [["Udfyld arket Tal"]],
                       "Tal": [["Indikator", "Måned", "Værdi"], ["Restancer", "okt 2026", 9]],
                       "Tal 2": [["Indikator", "Måned", "Værdi"], ["Restancer", "nov 2026", 8]]})
    table = read_table(data)
    assert table.several_sheets and table.sheet == "Tal"
    assert sheet_names(data) == ["Vejledning", "Tal", "Tal 2"]
    chosen = read_table(data, sheet="Tal 2")
    assert chosen.sheet == "Tal 2" and chosen.rows[0].cells[Column.MONTH] == "nov 2026"
    with pytest.raises(ValidationError) as unknown:
        read_table(data, sheet="Ark9")
    assert unknown.value.message() == ("Arket »Ark9« findes ikke i filen. "
                                       "Filen har: Vejledning, Tal, Tal 2.")
    with pytest.raises(ValidationError) as no_header:
        read_table(data, sheet="Vejledning")
    assert no_header.value.code == "error.import_no_header_sheet"


def _zip_that_is_no_workbook() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("readme.txt", "hej")
    return out.getvalue()


@pytest.mark.parametrize("data,code", [
    (b"", "error.import_empty"),
    (b"  \r\n \n", "error.import_empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "error.import_not_table"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "error.import_old_xls"),
    (_zip_that_is_no_workbook(), "error.import_not_table"),
    (b"PK\x03\x04 truncated", "error.import_not_table"),
    (csv_bytes([["Navn", "Adresse"], ["Mette", "Fjordvej 1"]]), "error.import_no_header"),
    (csv_bytes([HEADER]), "error.import_no_rows"),
    (xlsx_bytes({"Ark1": [["a", "b"]], "Ark2": [[1, 2]]}), "error.import_no_header"),
    (xlsx_bytes({"Tal": [HEADER]}), "error.import_no_rows"),
])
def test_broken_files_are_refused_with_a_reason(data: bytes, code: str) -> None:
    with pytest.raises(ValidationError) as refused:
        read_table(data, "fil.csv")
    assert refused.value.code == code
    assert refused.value.message() != code  # a Danish sentence, not a key


def test_a_file_of_50_mb_is_refused_before_it_is_read() -> None:
    data = csv_bytes([HEADER]) + b"Restancer;2026-10;1\r\n" * (50 * 1024 * 1024 // 21)
    assert len(data) > 49 * 1024 * 1024 > MAX_BYTES
    with pytest.raises(ValidationError) as refused:
        read_table(data, "stor.csv")
    assert refused.value.message() == ("Filen er for stor (50 MB); højst 10 MB. Er det den "
                                       "rigtige fil? En måneds tal fylder normalt få kB.")


@pytest.mark.parametrize("cell", [
    "2026-03", "2026-3", "03-2026", "3-2026", "03/2026", "03.2026", "mar 2026", "Mar 2026",
    "mar. 2026", "marts 2026", "Marts 2026", "march 2026", "mar-26", "mar-2026",
    "2026-03-01", "2026-03-15 00:00:00", "15-03-2026", "15.03.2026",
    datetime(2026, 3, 1), datetime(2026, 3, 31, 12, 0), date(2026, 3, 17)])
def test_months_as_danish_spreadsheets_write_them(cell: object) -> None:
    assert parse_month(cell) == date(2026, 3, 1)


@pytest.mark.parametrize("cell,expected", [
    ("maj 2026", date(2026, 5, 1)), ("okt 2026", date(2026, 10, 1)),
    ("oktober 2026", date(2026, 10, 1)), ("dec. 2025", date(2025, 12, 1)),
    ("juni 2026", date(2026, 6, 1)), ("sep 2026", date(2026, 9, 1))])
def test_danish_month_names(cell: str, expected: date) -> None:
    assert parse_month(cell) == expected


@pytest.mark.parametrize("cell", ["", None, "2026-13", "13/2026", "marts", "2026",
                                  "foo 2026", "31-02", "i går"])
def test_unreadable_months_name_the_text(cell: object) -> None:
    with pytest.raises(ValidationError) as refused:
        parse_month(cell)
    assert refused.value.code == "error.import_bad_month"
    assert f"»{cell or ''}«" in refused.value.message()
