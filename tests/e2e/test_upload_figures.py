"""A benefit owner uploads a month's figures on Indtast tal, checks the preview, saves,
and sees the figure in the chart on Mål."""

from __future__ import annotations

import io
import os
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import Workbook
from playwright.sync_api import Page, expect

from tests.support.app_server import AppServer
from tests.support.browser import signed_in_page, wait_for_streamlit

pytestmark = pytest.mark.browser
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _workbook() -> bytes:
    book = Workbook()
    book.active.title = "Vejledning"
    book.active.append(["Udfyld arket Tal og indlæs filen under Indtast tal."])
    ws = book.create_sheet("Tal")
    ws.append(["Indikator-id", "Indikator", "Måned", "Værdi", "Kommentar"])
    ws.append([2, "Sagsbehandlingstid (dage)", datetime(2026, 10, 1), 17.5, "Fra ESDH"])
    ws.append([1, "Andel ansøgninger via selvbetjening", "okt 2026", "81,2 %", None])
    ws.append([3, "Frigjorte årsværk", "10/2026", "2,9", None])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _cells(page: Page, index: int) -> list[str]:
    grid = page.locator('[data-testid="stDataFrame"]').nth(index)
    expect(grid.locator("td").first).to_be_attached()  # the grid draws after the run
    return [t.strip() for t in grid.locator("td").all_text_contents()]


def _open_enter_figures(page: Page, url: str) -> None:
    # The main page first: a fresh server learns the page paths on its first run, and
    # a deep link before that shows "Page not found" over the page.
    signed_in_page(page, f"{url}/?plan=1", "Mål: KSD – sygedagpenge")
    signed_in_page(page, f"{url}/indtast?plan=1", "Indtast tal: KSD – sygedagpenge")
    expect(page.get_by_text("Indtast et tal")).to_be_visible()  # the single-figure form


def _open_upload(page: Page) -> None:
    if page.get_by_text("Skabelon (Excel)").count():
        return  # already there (a selected option clicked again is deselected)
    page.get_by_text("Indlæs fra regneark", exact=True).click()
    wait_for_streamlit(page, "Skabelon (Excel)")


def test_upload_preview_commit_and_see_it_on_the_board(
        start_app: Callable[..., AppServer], page: Page) -> None:
    app = start_app(demo=True)
    _open_enter_figures(page, app.url)
    _open_upload(page)
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(
        {"name": "oktober.xlsx", "mimeType": XLSX, "buffer": _workbook()})
    wait_for_streamlit(page, "Forhåndsvisning")
    expect(page.get_by_text("Tallene er læst fra arket Tal")).to_be_visible()
    metrics = page.locator('[data-testid="stMetric"]')
    expect(metrics.nth(0)).to_contain_text("Nye tal1")
    expect(metrics.nth(1)).to_contain_text("Rettede tal1")
    expect(metrics.nth(2)).to_contain_text("Uændrede1")
    expect(metrics.nth(3)).to_contain_text("Fejl0")
    cells = _cells(page, 0)
    assert cells[:7] == ["2", "Sagsbehandlingstid (dage)", "okt. 2026", "Nyt", "–",
                         "17,5 dage", "Fra ESDH"]
    assert cells[7:13] == ["3", "Andel ansøgninger via selvbetjening", "okt. 2026", "Rettet",
                           "80,5 %", "81,2 %"]

    expect(page.get_by_role("button", name="Gem 2 tal")).to_be_disabled()  # not confirmed
    page.get_by_text("Ret 1 tal, der allerede er gemt").click()
    expect(page.get_by_role("button", name="Gem 2 tal")).to_be_enabled()
    page.get_by_role("button", name="Gem 2 tal").click()
    wait_for_streamlit(page, "Gemt fra oktober.xlsx: 1 nye og 1 rettede tal")
    expect(page.get_by_text("Forhåndsvisning")).to_have_count(0)  # a fresh uploader

    # The same file again changes nothing.
    _open_upload(page)
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(
        {"name": "oktober.xlsx", "mimeType": XLSX, "buffer": _workbook()})
    wait_for_streamlit(page, "Filen ændrer intet")
    expect(page.get_by_role("button", name="Gem 0 tal")).to_be_disabled()

    signed_in_page(page, f"{app.url}/?plan=1", "Mål: KSD – sygedagpenge")
    chart = page.locator('[data-testid="stVegaLiteChart"]').nth(1)
    point = chart.locator('[aria-label*="Måned: okt. 2026;"][aria-label*="Realiseret: 17,5 dage"]')
    expect(point.first).to_be_attached()
    corrected = page.locator('[data-testid="stVegaLiteChart"]').nth(0).locator(
        '[aria-label*="Måned: okt. 2026;"][aria-label*="Realiseret: 81,2 %"]')
    expect(corrected.first).to_be_attached()


def test_a_file_with_errors_shows_rows_and_cannot_be_saved(
        start_app: Callable[..., AppServer], page: Page) -> None:
    app = start_app(demo=True)
    _open_enter_figures(page, app.url)
    _open_upload(page)
    data = ("Indikator;Måned;Værdi\r\nSagsbehandlingstid (dage);okt 2026;17,5\r\n"
            "Ukendt;2026-10;3\r\nFrigjorte årsværk;13/2026;tre\r\n").encode("cp1252")
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(
        {"name": "fejl.csv", "mimeType": "text/csv", "buffer": data})
    wait_for_streamlit(page, "Rækker med fejl")
    expect(page.get_by_text("Læst som CSV (Windows-1252; semikolon; én række pr. indikator "
                            "og måned; decimaltegn »,«).")).to_be_visible()
    assert _cells(page, 0) == [
        "3", "Indikator", "Ukendt indikator: »Ukendt«. Skriv indikatorens id eller præcise navn.",
        "4", "Måned", "»13/2026« kan ikke læses som en måned. Skriv fx 2026-03, 03-2026, "
        "03/2026 eller mar 2026.",
        "4", "Værdi", "»tre« er ikke et tal. Skriv fx 1.234,5 eller 12."]
    expect(page.get_by_role("button", name="Gem 1 tal")).to_be_disabled()

    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(
        {"name": "billede.png", "mimeType": "image/png",
         "buffer": b"\x89PNG\r\n\x1a\n" + bytes(range(256))})
    wait_for_streamlit(page, "kan ikke læses som CSV eller Excel")


def _shot(page: Page, name: str) -> None:
    """A full-page screenshot when UPLOAD_SCREENSHOTS names a folder (to look at them)."""
    folder = os.environ.get("UPLOAD_SCREENSHOTS")
    if folder:
        page.wait_for_timeout(500)  # let the data grids draw
        page.screenshot(path=str(Path(folder) / name), full_page=True)


def test_a_wide_file_a_mapping_and_a_refused_file(
        start_app: Callable[..., AppServer], page: Page) -> None:
    from tests.tracking.office_files import Fmt, Formula, office_xlsx, set_dimension

    page.set_viewport_size({"width": 1400, "height": 2000})  # the whole preview in view
    app = start_app(demo=True)
    _open_enter_figures(page, app.url)
    _open_upload(page)
    upload = page.locator('[data-testid="stFileUploaderDropzoneInput"]')

    # Months as columns, with a unit, a total and an average that are not read.
    wide = office_xlsx({"Vejledning": [["Udfyld arket Nøgletal"]], "Nøgletal": [
        ["Nøgletal", "Enhed", datetime(2026, 9, 1), datetime(2026, 10, 1), "I alt", "Gns."],
        ["Andel ansøgninger via selvbetjening", "%", Fmt(0.79, "0.0%"), Fmt(0.812, "0.0%"),
         None, Formula("AVERAGE(C3:D3)", 0.801, "0.0%")],
        ["Sagsbehandlingstid (dage)", "dage", 18, 17.5, Formula("SUM(C4:D4)", 35.5), 17.75],
    ]})
    upload.set_input_files({"name": "nøgletal.xlsx", "mimeType": XLSX, "buffer": wide})
    wait_for_streamlit(page, "Forhåndsvisning")
    expect(page.get_by_text("Tallene er læst fra arket Nøgletal")).to_be_visible()
    expect(page.get_by_text("måneder som kolonner", exact=False)).to_be_visible()
    cells = _cells(page, 0)
    assert cells[:6] == ["3", "Andel ansøgninger via selvbetjening", "sep. 2026", "Rettet",
                         "78,0 %", "79,0 %"] or "81,2 %" in cells
    expect(page.get_by_role("button", name="Gem 4 tal")).to_be_disabled()  # corrections
    expect(page.get_by_text("Ret 3 tal, der allerede er gemt", exact=False)).to_be_visible()
    _shot(page, "upload-wide.png")

    # Unknown headers: the page asks which column is which, and remembers it.
    data = ("Afdelingens nøgletal;Periode start;Antal;Noter\r\n"
            "Sagsbehandlingstid (dage);okt 2026;17,5;fra ESDH\r\n").encode("cp1252")
    upload.set_input_files({"name": "afdeling.csv", "mimeType": "text/csv", "buffer": data})
    wait_for_streamlit(page, "Hvilke kolonner er hvad?")
    _shot(page, "upload-mapping.png")
    page.get_by_role("button", name="Brug kolonnerne").click()
    wait_for_streamlit(page, "Forhåndsvisning")
    expect(page.get_by_text("kolonner efter planens valg", exact=False)).to_be_visible()
    _shot(page, "upload-mapped.png")

    # A workbook whose used range reaches the last row is refused at once.
    big = set_dimension(office_xlsx({"Tal": [["Indikator", "Måned", "Værdi"]]}), "Tal",
                        "A1:XFD1048576")
    upload.set_input_files({"name": "stor.xlsx", "mimeType": XLSX, "buffer": big})
    wait_for_streamlit(page, "går ned til række 1.048.576")
    _shot(page, "upload-refused.png")
