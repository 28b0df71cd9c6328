"""Real browser: a reader (Læser) on Handleplan sees the cards and is told once what the
role allows; no card can be moved and no new action can be written (issue 21)."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import Engine

from tests.support.accounts import TEST_ACTOR, ensure_account
from tests.support.browser import signed_in_page, wait_for_streamlit
from tracking.services.users import set_membership

pytestmark = pytest.mark.browser

PASSWORD = "et-langt-kodeord-1"
SHOTS = Path("/tmp/wall21_shots")


def _reader(engine: Engine) -> None:
    user = ensure_account(engine, "laeser@fjordby.dk", "Lis Læser", PASSWORD)
    set_membership(engine, 1, user.id, "viewer", actor=TEST_ACTOR)


def test_a_reader_sees_handleplan_without_its_forms(page: Page, start_app) -> None:
    SHOTS.mkdir(exist_ok=True)
    app = start_app(demo=True, prepare=_reader)
    signed_in_page(page, f"{app.url}/?plan=1", email="laeser@fjordby.dk", password=PASSWORD)
    page.get_by_role("link", name="Handleplan").click()
    wait_for_streamlit(page, "Du har rollen »Læser« i denne plan")
    expect(page.get_by_text("Du har rollen »Læser« i denne plan")).to_have_count(1)
    cards = page.locator('div[class*="st-key-card-"]')
    expect(cards.first).to_be_visible()
    expect(page.get_by_role("button", name="Frem")).to_have_count(0)
    expect(page.get_by_role("button", name="Tilbage")).to_have_count(0)
    expect(page.get_by_text("Ny handling direkte på handleplanen")).to_have_count(0)
    page.screenshot(path=SHOTS / "reader-handleplan.png")
