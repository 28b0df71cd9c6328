"""Real browser: a card title, a person's name and a plan name written as Markdown and
HTML are shown as typed in every message that quotes them, never as bold, a link, an
image or a script.

One card (created, moved, then refused as changed by a person whose name is hostile
too) and one plan (created): four messages that quote user text.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser, Locator, Page, expect
from sqlalchemy import Engine

from dashboard.components.text import WORD_JOINER
from tests.support.accounts import ensure_account
from tests.support.browser import choose_person, signed_in_page, wait_for_streamlit

pytestmark = pytest.mark.browser

SCRIPT = "PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="  # base64 of <script>alert(1)</script>
TITLE = (f"**fed** [klik](https://evil.example) ![b](https://evil.example/x.png) "
         f"[x](data:text/html;base64,{SCRIPT}) <script>window.pwned=1</script>")
NAME = "__Mallory__ <img src=x onerror=\"window.pwned=2\"> [x](data:text/html;base64,PD4=)"
PLAN = "![plan](https://evil.example/p.png) <b>Plan</b> `kode` $x^2$ :smile:"
PASSWORD = "et-langt-kodeord-1"
SHOTS = Path("/tmp/wall21_shots")
MARKUP = "a, img, strong, em, b, script, code, iframe, .katex"


def _mallory(engine: Engine) -> None:
    ensure_account(engine, "mallory@fjordby.dk", NAME, PASSWORD, is_admin=True)


def _context_page(browser: Browser) -> Page:
    return browser.new_context(viewport={"width": 1600, "height": 1000},
                               locale="da-DK").new_page()


def _as_typed(page: Page, alert: Locator, *quoted: str) -> None:
    """The message is on screen, quotes each value literally and holds no markup."""
    expect(alert).to_be_visible(timeout=20_000)
    shown = alert.inner_text().replace(WORD_JOINER, "")  # keeps addresses from linking
    for text in quoted:
        assert text in shown, shown
    assert alert.locator(MARKUP).count() == 0, alert.inner_html()
    assert page.evaluate("window.pwned") is None


def _card(page: Page, column: str) -> Locator:
    return page.locator(f".st-key-column-{column}").locator(
        'div[class*="st-key-card-"]').filter(has_text="**fed**")


def _handleplan(page: Page, url: str, email: str | None = None) -> None:
    signed_in_page(page, url, email=email, password=PASSWORD if email else None)
    page.get_by_role("link", name="Handleplan").click()
    wait_for_streamlit(page, "Ny handling direkte på handleplanen")


def test_messages_show_quoted_user_text_as_typed(browser: Browser, start_app) -> None:
    SHOTS.mkdir(exist_ok=True)
    app = start_app(demo=True, prepare=_mallory)
    admin, mallory = _context_page(browser), _context_page(browser)
    _handleplan(admin, app.url)

    # 1. Created: "Handlingen »…« er oprettet som »Besluttet«."
    admin.get_by_text("Ny handling direkte på handleplanen").click()
    form = admin.locator('[data-testid="stForm"]')
    form.get_by_label("Titel").fill(TITLE)
    choose_person(form, "Ansvarlig", "Jonas Holm")
    form.get_by_role("spinbutton", name="day, Frist").click()
    admin.keyboard.type("04122026")
    form.get_by_role("button", name="Opret handling").click()
    wait_for_streamlit(admin, "er oprettet som")
    _as_typed(admin, admin.locator('[data-testid="stAlertContainer"]').filter(
        has_text="er oprettet som"), TITLE)

    # 2. Moved: "»…« er flyttet til »Igangsat«."
    _card(admin, "decided").get_by_role("button", name="Frem").click()
    wait_for_streamlit(admin, "er flyttet til")
    _as_typed(admin, admin.locator('[data-testid="stAlertContainer"]').filter(
        has_text="er flyttet til"), TITLE)

    # 3. Mallory moves the card on; the admin's button is from the version before:
    # "»…« er ændret af … siden du så det".
    _handleplan(mallory, app.url, "mallory@fjordby.dk")
    _card(mallory, "started").get_by_role("button", name="Frem").click()
    wait_for_streamlit(mallory, "er flyttet til")
    _card(admin, "started").get_by_role("button", name="Frem").click()
    refusal = admin.locator('[data-testid="stAlertContainer"]').filter(has_text="Mallory")
    wait_for_streamlit(admin, "Mallory")
    _as_typed(admin, refusal, TITLE, NAME)
    refusal.scroll_into_view_if_needed()
    admin.screenshot(path=SHOTS / "hostile-card-refused.png")

    # 4. A plan named in Markdown, HTML, LaTeX and emoji: "Planen »…« er gemt."
    admin.get_by_role("link", name="Planer").click()
    wait_for_streamlit(admin, "Ny plan")
    admin.get_by_role("tab", name="Ny plan").click()
    admin.get_by_role("tabpanel", name="Ny plan").get_by_label("Planens navn").fill(PLAN)
    admin.get_by_role("button", name="Opret plan").click()
    wait_for_streamlit(admin, "er gemt")
    _as_typed(admin, admin.locator('[data-testid="stAlertContainer"]').filter(
        has_text="er gemt"), PLAN)
