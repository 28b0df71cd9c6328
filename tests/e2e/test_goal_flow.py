"""Real browser: the goal field end to end, on a real server and a real DuckDB file."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page, expect

from tests.support.browser import signed_in_page, wait_for_streamlit

KSD = "1"  # the first demo plan loaded
DAYS_CARD = ".st-key-indicator-2"  # its second indicator, Sagsbehandlingstid (dage)


def choose(page: Page, label: str, text: str) -> None:
    """Pick an option of a Streamlit selectbox by typing part of it (as a user can)."""
    box = page.get_by_label(label)
    box.click()
    box.fill(text)
    page.get_by_role("option", name=text).first.click()
    wait_for_streamlit(page)


def test_enter_a_missing_figure_and_see_it_on_the_goal_chart(start_app, page: Page,
                                                            tmp_path: Path):
    server = start_app(demo=True)
    signed_in_page(page, f"{server.url}/?plan={KSD}", "Sagsbehandlingstid (dage)")
    expect(page.locator('[data-testid="stVegaLiteChart"]')).to_have_count(3)
    days_card = page.locator(DAYS_CARD)
    expect(days_card).to_contain_text("Mangler tal")
    page.screenshot(path=tmp_path / "goal-before.png", full_page=True)

    page.get_by_role("link", name="Indtast tal").click()
    wait_for_streamlit(page, "Indtast et tal")
    choose(page, "Indikator", "Sagsbehandlingstid")
    expect(page.get_by_label("Måned").first).to_have_value("okt. 2026")  # last closed month
    page.get_by_label("Værdi").fill("24,6")
    page.get_by_label("Kommentar").first.fill("Fra fagsystemet")
    page.get_by_role("button", name="Gem", exact=True).click()
    expect(page.get_by_text("Gemt: Sagsbehandlingstid (dage), okt. 2026: 24,6 dage.")
           ).to_be_visible(timeout=20_000)

    page.get_by_role("link", name="Mål").click()
    wait_for_streamlit(page, "Sagsbehandlingstid (dage)")
    days_card = page.locator(DAYS_CARD)
    expect(days_card).to_contain_text("Realiseret: 24,6 dage")
    expect(days_card).not_to_contain_text("Mangler tal")
    page.screenshot(path=tmp_path / "goal-after.png", full_page=True)


def test_a_refused_figure_is_explained(start_app, page: Page):
    server = start_app(demo=True)
    # From the start page: a deep link's first request on a fresh server shows
    # Streamlit's "Page not found" dialog (noted on the issue).
    signed_in_page(page, f"{server.url}/?plan={KSD}", "Sagsbehandlingstid (dage)")
    page.get_by_role("link", name="Indtast tal").click()
    wait_for_streamlit(page, "Indtast et tal")
    page.get_by_label("Værdi").fill("tolv")
    page.get_by_role("button", name="Gem", exact=True).click()
    expect(page.get_by_text("»tolv« er ikke et tal")).to_be_visible(timeout=20_000)
    expect(page.get_by_label("Værdi")).to_have_value("tolv")
