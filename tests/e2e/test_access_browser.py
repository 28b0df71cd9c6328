"""Real browser: two people edit the same card; hostile text is shown as typed."""

from __future__ import annotations

from datetime import date

import pytest
from playwright.sync_api import Browser, Page, expect
from sqlalchemy import Engine

from tests.support.accounts import TEST_ACTOR, ensure_account
from tests.support.browser import signed_in_page, wait_for_streamlit
from tracking.services.actions import ActionInput, create_action
from tracking.services.ideas import add_idea
from tracking.services.users import set_membership

pytestmark = pytest.mark.browser

PASSWORD = "et-langt-kodeord-1"
CARD = "Ring til de ti største arbejdsgivere"
SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
LINK = "[Se mere](javascript:alert(1))"


def _two_members(engine: Engine) -> None:
    for email, name in (("lis@fjordby.dk", "Lis Holm"), ("ole@fjordby.dk", "Ole Berg")):
        user = ensure_account(engine, email, name, PASSWORD)
        set_membership(engine, 1, user.id, "member", actor=TEST_ACTOR)
    create_action(engine, 1, ActionInput(CARD, "Lis Holm", date(2026, 12, 4)),
                  actor=TEST_ACTOR, on=date(2026, 11, 23))


def _card(page: Page, column: str):
    return page.locator(f".st-key-column-{column}").locator(
        'div[class*="st-key-card-"]').filter(has_text=CARD)


def _action_plan(page: Page, url: str, email: str) -> None:
    signed_in_page(page, f"{url}/?plan=1", email=email, password=PASSWORD)
    page.get_by_role("link", name="Handleplan").click()
    wait_for_streamlit(page, "Ny handling direkte på handleplanen")


def test_the_second_edit_of_the_same_card_is_refused(browser: Browser, start_app) -> None:
    app = start_app(demo=True, prepare=_two_members)
    lis = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="da-DK").new_page()
    ole = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="da-DK").new_page()
    _action_plan(lis, app.url, "lis@fjordby.dk")
    _action_plan(ole, app.url, "ole@fjordby.dk")  # both screens show the card in Besluttet
    expect(_card(ole, "decided")).to_be_visible()

    _card(lis, "decided").get_by_role("button", name="Frem").click()
    wait_for_streamlit(lis)
    expect(_card(lis, "started")).to_be_visible(timeout=30_000)

    _card(ole, "decided").get_by_role("button", name="Frem").click()
    wait_for_streamlit(ole)
    refusal = ole.locator('[data-testid="stAlertContentError"]').filter(has_text="Lis Holm")
    expect(refusal).to_be_visible(timeout=30_000)
    expect(_card(ole, "started")).to_be_visible(timeout=30_000)  # Lis's move is shown ...
    expect(_card(ole, "finished")).to_have_count(0)  # ... and Ole's did not go through


def _hostile(engine: Engine) -> None:
    create_action(engine, 1, ActionInput(IMG, "Lis Holm", date(2026, 12, 4),
                                         description=LINK), actor=TEST_ACTOR,
                  on=date(2026, 11, 23))
    add_idea(engine, 1, LINK, author=IMG, actor=TEST_ACTOR)


def test_hostile_text_runs_nothing_and_is_shown_as_typed(page: Page, start_app) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    app = start_app(demo=True, prepare=_hostile)
    signed_in_page(page, f"{app.url}/?plan=1")
    page.get_by_role("link", name="Ideer").click()
    wait_for_streamlit(page, "Ny ide: skriv og tryk Enter")
    box = page.get_by_label("Ny ide: skriv og tryk Enter")
    box.fill(SCRIPT)  # typed in like any idea
    box.press("Enter")
    for text in (SCRIPT, LINK):
        expect(page.locator('div[class*="st-key-postit-"]').filter(has_text=text)
               ).to_be_visible(timeout=30_000)
    expect(page.get_by_text(IMG, exact=False).first).to_be_visible()  # the author

    page.get_by_role("link", name="Handleplan").click()
    wait_for_streamlit(page, "Ny handling direkte på handleplanen")
    expect(page.locator('div[class*="st-key-card-"]').filter(has_text=IMG)).to_be_visible(
        timeout=30_000)

    page.get_by_role("link", name="Tavle").click()
    wait_for_streamlit(page)
    page.wait_for_timeout(1000)  # give any injected handler the chance to fire
    assert dialogs == []
    assert page.locator('a[href^="javascript"]').count() == 0
    assert page.locator('img[src="x"]').count() == 0
