"""A benefit owner uploads a month's figures on Indtast tal, checks the preview, saves,
and sees the figure in the chart on Mål."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import datetime

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
