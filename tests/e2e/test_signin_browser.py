"""Signing in and out in a real browser: the form, a refusal, the account box, Log ud,
and the Brugere page for the administrator."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.support.accounts import ADMIN_EMAIL, ADMIN_PASSWORD
from tests.support.browser import open_app, sign_in, signed_in_page, wait_for_streamlit

pytestmark = pytest.mark.browser


def test_sign_in_refusal_then_success_then_sign_out(start_app, page: Page) -> None:
    server = start_app(demo=False)
    open_app(page, server.url, "Log ind på Gevinsttavlen")
    expect(page.get_by_role("link", name="Mål")).to_have_count(0)  # no navigation yet
    sign_in(page, ADMIN_EMAIL, "forkert-kode-123")
    expect(page.get_by_text("Forkert e-mail eller adgangskode.")).to_be_visible(timeout=30_000)
    sign_in(page, ADMIN_EMAIL, ADMIN_PASSWORD)
    sidebar = page.get_by_test_id("stSidebar")
    expect(sidebar.get_by_text("Logget ind som")).to_be_visible(timeout=30_000)
    expect(sidebar.get_by_text("Test Administrator")).to_be_visible()
    expect(sidebar.get_by_role("link", name="Brugere")).to_be_visible()
    sidebar.get_by_role("button", name="Log ud").click()
    expect(page.get_by_text("Du er logget ud.")).to_be_visible(timeout=30_000)
    expect(page.get_by_text("Log ind på Gevinsttavlen")).to_be_visible()
    wait_for_streamlit(page)


def test_admin_creates_an_account_on_brugere(start_app, page: Page) -> None:
    server = start_app(demo=False)
    # At the root: a deep link as the server's first request shows Streamlit's "Page not
    # found" dialog (see the ideas browser test).
    signed_in_page(page, server.url)
    page.get_by_test_id("stSidebar").get_by_role("link", name="Brugere").click()
    wait_for_streamlit(page, "Konti")
    page.get_by_role("tab", name="Ny konto").click()
    form = page.get_by_test_id("stForm").filter(has_text="Opret konto")
    form.get_by_role("textbox", name="Navn").fill("Camilla Berg")
    form.get_by_role("textbox", name="E-mail").fill("camilla@fjordby.example")
    form.get_by_role("textbox", name="Adgangskode").fill("camillas-kode-1")
    form.get_by_role("button", name="Opret konto").click()
    expect(page.get_by_text("Kontoen til Camilla Berg er oprettet.")).to_be_visible(
        timeout=30_000)
    # The new person signs in, in a second browser context, and sees no Brugere page.
    other = page.context.browser.new_context(viewport={"width": 1920, "height": 1080})
    try:
        second = other.new_page()
        signed_in_page(second, server.url, email="camilla@fjordby.example",
                       password="camillas-kode-1")
        sidebar = second.get_by_test_id("stSidebar")
        expect(sidebar.get_by_text("Camilla Berg")).to_be_visible()
        expect(sidebar.get_by_role("link", name="Brugere")).to_have_count(0)
    finally:
        other.close()
