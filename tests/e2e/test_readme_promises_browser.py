"""README promises checked in a real browser (issue 22): under a bare `streamlit run`
(`make run-dev`) a browser reload asks for the sign-in again (with `gevinst serve` it does
not: tests/e2e/test_cookie_signin_browser.py); a person with no role in a plan may still
read it."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import Engine

from tests.support.accounts import ensure_account
from tests.support.browser import signed_in_page, wait_for_streamlit

pytestmark = pytest.mark.browser
PASSWORD = "et-langt-kodeord-1"


def _reader(engine: Engine) -> None:
    ensure_account(engine, "direktoer@fjordby.dk", "Dorthe Direktør", PASSWORD)  # no role


def test_reload_asks_again_and_everyone_may_read_every_plan(start_app, page: Page) -> None:
    app = start_app(demo=True, prepare=_reader)
    signed_in_page(page, f"{app.url}/?plan=2", email="direktoer@fjordby.dk", password=PASSWORD)
    main = page.get_by_test_id("stMain")
    expect(main.get_by_role("heading", level=1)).to_contain_text("Mål", timeout=30_000)
    expect(page.locator('[data-testid="stVegaLiteChart"]').first).to_be_visible(
        timeout=30_000)
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)
    page.reload()
    wait_for_streamlit(page, "Log ind på Gevinsttavlen")
    expect(page.get_by_role("button", name="Log ud")).to_have_count(0)
