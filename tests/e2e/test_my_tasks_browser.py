"""Real browser: the demo's benefit owner Jonas Holm signs in, lands on Mine opgaver, and
enters his missing October figure with one click."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.support.accounts import ensure_account
from tests.support.browser import signed_in_page, wait_for_streamlit

JONAS = "jonas.holm@fjordby.example"
PASSWORD = "jonas-holm-password"


@pytest.mark.browser
def test_mine_opgaver_in_chromium(start_app, page: Page, tmp_path: Path):
    server = start_app(demo=True, prepare=lambda eng: ensure_account(
        eng, JONAS, "Jonas Holm", PASSWORD))
    signed_in_page(page, server.url, "Tal, du skal indtaste", email=JONAS, password=PASSWORD)
    expect(page.get_by_text("Mangler · fristen var 10.11.2026").first).to_be_visible()
    expect(page.get_by_text("tirsdag 24.11.2026 kl. 09:00").first).to_be_visible()
    page.screenshot(path=os.environ.get("GEVINST_SHOT") or tmp_path / "mine-opgaver.png",
                    full_page=True)
    page.get_by_role("button", name="Indtast").first.click()
    wait_for_streamlit(page, "Indtast tal: KSD")
    # Opened on that indicator and month.
    expect(page.get_by_role("combobox", name="Indikator")).to_have_value(
        "Sagsbehandlingstid (dage)")
    expect(page.get_by_role("combobox", name="Måned")).to_have_value("okt. 2026")
    assert "/indtast" in page.url
