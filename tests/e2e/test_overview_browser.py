"""Real browser: the director opens the overview of the demo, downloads both reports,
and drills into a plan."""

from __future__ import annotations

import io
from pathlib import Path

import pypdf
import pytest
from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from tests.support.browser import signed_in_page, wait_for_streamlit


def _download(page: Page, button: str, folder: Path) -> bytes:
    with page.expect_download(timeout=60_000) as info:
        page.get_by_role("button", name=button).click()
    target = folder / info.value.suggested_filename
    info.value.save_as(target)
    return target.read_bytes()


@pytest.mark.browser
def test_overview_reports_and_drill_down(start_app, page: Page, tmp_path: Path):
    server = start_app(demo=True)
    signed_in_page(page, server.url, "Mål:")
    page.get_by_role("link", name="Oversigt").click()
    wait_for_streamlit(page, "Oversigt over alle planer")
    expect(page.get_by_text("KSD – sygedagpenge").first).to_be_visible(timeout=30_000)
    expect(page.get_by_text("Mangler tal").first).to_be_visible()
    page.screenshot(path=tmp_path / "overview.png")

    workbook = load_workbook(io.BytesIO(_download(page, "Hent som Excel", tmp_path)))
    plans = workbook["Planer"]
    assert plans["B2"].value == "KSD – sygedagpenge"
    assert isinstance(workbook["Økonomi pr. plan"]["C2"].value, int | float)

    pdf = pypdf.PdfReader(io.BytesIO(_download(page, "Hent PDF-rapport", tmp_path)))
    assert len(pdf.pages) >= 2
    assert "Fakturaautomatisering (RPA)" in pdf.pages[0].extract_text()

    # The start page showed the first plan by name (Fakturaautomatisering); the click on
    # KSD must open KSD's board.
    page.get_by_role("link", name="KSD – sygedagpenge").click()
    wait_for_streamlit(page, "Mål: KSD – sygedagpenge")
    expect(page.get_by_text("Mål: KSD – sygedagpenge")).to_be_visible()
    expect(page.locator('[data-testid="stVegaLiteChart"]')).to_have_count(3)
    assert "plan=1" in page.url
