"""Real browser: a card goes Besluttet -> Igangsat -> Afsluttet -> Evalueret by buttons,
and is refused at Evalueret until an evaluation note is written."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.support.browser import choose_person, signed_in_page, wait_for_streamlit

pytestmark = pytest.mark.browser

TITLE = "Ring til de ti største arbejdsgivere"


def _card(page: Page, column: str):
    return page.locator(f".st-key-column-{column}").locator(
        'div[class*="st-key-card-"]').filter(has_text=TITLE)


def test_card_crosses_all_columns_and_needs_a_note_to_evaluate(page: Page,
                                                               start_app) -> None:
    app = start_app(demo=True)
    signed_in_page(page, app.url)  # root first: see the note in the ideas browser test
    page.get_by_role("link", name="Handleplan").click()
    wait_for_streamlit(page, "Ny handling direkte på handleplanen")

    page.get_by_text("Ny handling direkte på handleplanen").click()
    form = page.locator('[data-testid="stForm"]')
    form.get_by_label("Titel").fill(TITLE)
    choose_person(form, "Ansvarlig", "Jonas Holm")
    form.get_by_role("spinbutton", name="day, Frist").click()
    page.keyboard.type("04122026")
    form.get_by_role("button", name="Opret handling").click()
    wait_for_streamlit(page, "er oprettet som »Besluttet«")
    expect(_card(page, "decided")).to_be_visible()

    for target in ("started", "finished"):
        source = "decided" if target == "started" else "started"
        _card(page, source).get_by_role("button", name="Frem").click()
        wait_for_streamlit(page)
        expect(_card(page, target)).to_be_visible()
        expect(_card(page, source)).to_have_count(0)

    _card(page, "finished").get_by_role("button", name="Evaluér").click()
    popover = page.locator('[data-testid="stPopoverBody"]')
    popover.get_by_role("button", name="Evaluér").click()
    wait_for_streamlit(page, "Skriv en evaluering")
    expect(_card(page, "finished")).to_be_visible()
    expect(_card(page, "evaluated")).to_have_count(0)

    popover = page.locator('[data-testid="stPopoverBody"]')
    if not popover.is_visible():  # the popover may stay open after the refusal
        _card(page, "finished").get_by_role("button", name="Evaluér").click()
    popover.get_by_label("Evaluering").fill("Virkede: 8 af 10 bruger nu NemRefusion.")
    popover.get_by_role("button", name="Evaluér").click()
    wait_for_streamlit(page, "er flyttet til »Evalueret«")
    expect(_card(page, "evaluated")).to_be_visible()
    expect(page.locator(".st-key-column-evaluated")).to_contain_text("Evalueret (1)")
