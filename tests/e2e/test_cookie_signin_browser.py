"""Sign-in that survives a reload, in Chromium against `gevinst serve`: the page hands
its session to an HttpOnly cookie through a one-time ticket; a reload and a new tab stay
signed in on the same page and plan; Log ud in one tab ends the other's on its next
action; a deactivated account's cookie is refused."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from tests.conftest import TODAY
from tests.support.accounts import ADMIN_EMAIL, TEST_ACTOR, ensure_account, ensure_admin
from tests.support.app_server import AppServer
from tests.support.browser import open_app, signed_in_page, wait_for_streamlit
from tracking.auth.tickets import COOKIE_NAME
from tracking.db import get_engine, init_schema
from tracking.demo import load_demo
from tracking.readmodel.users import find_user
from tracking.services.users import deactivate_user

pytestmark = pytest.mark.browser


def test_a_reload_stays_signed_in_and_log_ud_ends_it_everywhere(start_app, browser: Browser,
                                                                 tmp_path: Path) -> None:
    app = start_app(serve=True)
    context = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="da-DK")
    page = context.new_page()
    signed_in_page(page, f"{app.url}/indtast?plan=2", "Fakturaautomatisering (RPA)")
    cookie = next(c for c in context.cookies() if c["name"] == COOKIE_NAME)
    assert cookie["httpOnly"] and cookie["sameSite"] == "Lax"
    assert not cookie["secure"]  # plain HTTP on loopback
    assert "ticket=" not in page.url and "/indtast" in page.url and "plan=2" in page.url

    page.reload()
    wait_for_streamlit(page, "Fakturaautomatisering (RPA)")
    expect(page.get_by_role("button", name="Log ud")).to_be_visible()
    expect(page.get_by_text("Log ind på Gevinsttavlen")).to_have_count(0)
    # To look at (docs/screenshots/reload-signed-in.png was taken the same way).
    page.screenshot(path=str(tmp_path / "reload-signed-in.png"))
    # The session token never appears in a URL or in the page's history.
    assert cookie["value"] not in page.url

    other = context.new_page()  # a new tab: signed in by the cookie too
    open_app(other, f"{app.url}/historik?plan=1")
    expect(other.get_by_role("button", name="Log ud")).to_be_visible()

    page.bring_to_front()
    page.get_by_test_id("stSidebar").get_by_role("button", name="Log ud").click()
    wait_for_streamlit(page, "Log ind på Gevinsttavlen")
    expect(page.get_by_text("Du er logget ud.")).to_be_visible()
    assert "signed_out" not in page.url  # said once; a reload does not say it again
    assert not [c for c in context.cookies() if c["name"] == COOKIE_NAME]
    # The other tab's next action finds its session ended.
    other.bring_to_front()
    other.keyboard.press("r")
    wait_for_streamlit(other, "Log ind på Gevinsttavlen")
    expect(other.get_by_text("Din session er udløbet. Log ind igen.")).to_be_visible()
    context.close()


def test_a_deactivated_accounts_cookie_is_refused(pg_url: str, browser: Browser,
                                                  tmp_path: Path) -> None:
    engine = get_engine(pg_url)
    init_schema(engine)
    load_demo(engine)
    ensure_admin(engine)
    ensure_account(engine, "kim@test.example", "Kim Kasse", "kims-password-1", is_admin=True)
    server = AppServer(serve=True, log_path=tmp_path / "serve.log",
                       env={"DATABASE_URL": pg_url, "GEVINST_TODAY": TODAY.isoformat()})
    with server:
        context = browser.new_context(viewport={"width": 1920, "height": 1080})
        page = context.new_page()
        signed_in_page(page, server.url, email="kim@test.example",
                       password="kims-password-1")
        assert any(c["name"] == COOKIE_NAME for c in context.cookies())
        kim = find_user(engine, "kim@test.example")
        assert kim is not None and find_user(engine, ADMIN_EMAIL) is not None
        deactivate_user(engine, kim.id, actor=TEST_ACTOR)
        page.reload()
        wait_for_streamlit(page, "Log ind på Gevinsttavlen")
        expect(page.get_by_text("Din konto er deaktiveret. Kontakt en administrator."
                                )).to_be_visible()
        expect(page.get_by_role("button", name="Log ud")).to_have_count(0)
        context.close()


def test_signing_in_at_the_root_lands_on_the_persons_page(start_app, browser: Browser) -> None:
    """Through the cookie route too: someone with no role lands on Mål, not on the page
    shown at the form (Mine opgaver), and keeps the plan of the link."""
    app = start_app(serve=True, prepare=lambda engine: ensure_account(
        engine, "direktoer@fjordby.dk", "Dorthe Direktør", "dorthes-password-1"))
    context = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="da-DK")
    page = context.new_page()
    signed_in_page(page, f"{app.url}/?plan=2", email="direktoer@fjordby.dk",
                   password="dorthes-password-1")
    main = page.get_by_test_id("stMain")
    expect(main.get_by_role("heading", level=1)).to_contain_text("Mål", timeout=30_000)
    assert "plan=2" in page.url
    page.reload()
    wait_for_streamlit(page, "Fakturaautomatisering (RPA)")
    expect(main.get_by_role("heading", level=1)).to_contain_text("Mål", timeout=30_000)
    context.close()
