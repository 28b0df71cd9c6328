"""Playwright helpers: Debian Chromium launch settings and Streamlit render waits.

Playwright's own browser download does not work here, so tests drive the Debian
``chromium`` package. With pytest-playwright, override its session fixture:

    @pytest.fixture(scope="session")
    def browser_type_launch_args(browser_type_launch_args):
        return {**browser_type_launch_args, **launch_args()}
"""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Locator, Page

__all__ = [
    "APP_SELECTOR",
    "CHROMIUM_ARGS",
    "CHROMIUM_PATH",
    "EXCEPTION_SELECTOR",
    "IDLE_SELECTOR",
    "launch_args",
    "open_app",
    "sign_in",
    "signed_in_page",
    "wait_for_streamlit",
]

CHROMIUM_PATH = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",  # we run as root in a container
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",  # small /dev/shm in containers crashes tabs
]

APP_SELECTOR = '[data-testid="stApp"]'
# Streamlit sets data-test-script-state on stApp: "initial" before the first run,
# "running" during a run, "notRunning" once the script has finished.
IDLE_SELECTOR = (
    f'{APP_SELECTOR}[data-test-script-state="notRunning"], '
    f'{APP_SELECTOR}[data-test-script-state="compilationError"]'
)
EXCEPTION_SELECTOR = '[data-testid="stException"]'


def launch_args() -> dict[str, Any]:
    """Keyword arguments for ``browser_type.launch()`` / ``browser_type_launch_args``."""
    return {"executable_path": CHROMIUM_PATH, "args": list(CHROMIUM_ARGS), "headless": True}


def wait_for_streamlit(
    page: Page,
    text: str | None = None,
    *,
    timeout_ms: float = 30_000,
    fail_on_exception: bool = True,
) -> None:
    """Wait until the app has finished its script run (and ``text`` is visible).

    Streamlit serves an empty shell first and renders over a websocket, so
    asserting right after ``goto`` is racy. After a widget interaction the run
    state may not have flipped to "running" yet: pass the ``text`` you expect.
    Raises AssertionError with the traceback text if the app shows an exception.
    """
    page.locator(IDLE_SELECTOR).wait_for(state="attached", timeout=timeout_ms)
    error = page.locator(EXCEPTION_SELECTOR).first
    if text is not None:
        target = page.get_by_text(text).filter(visible=True).first
        # Either the text or an exception box; whichever comes first.
        target.or_(error).first.wait_for(state="visible", timeout=timeout_ms)
    if fail_on_exception and error.count() > 0:
        raise AssertionError(f"Streamlit app raised an exception:\n{error.inner_text()}")


def open_app(page: Page, url: str, text: str | None = None, *, timeout_ms: float = 30_000) -> None:
    """``page.goto(url)`` then :func:`wait_for_streamlit`."""
    page.goto(url, timeout=timeout_ms)
    wait_for_streamlit(page, text, timeout_ms=timeout_ms)


def sign_in(page: Page, email: str, password: str, *, timeout_ms: float = 30_000) -> None:
    """Fill in the sign-in form that is on the screen and submit it."""
    form = page.locator('[data-testid="stForm"]').first
    form.wait_for(state="visible", timeout=timeout_ms)
    # A deep link as a fresh server's first request shows Streamlit's "Page not found"
    # dialog over the form (see the ideas browser test); close it.
    dialog = page.get_by_role("dialog").filter(has_text="Page not found")
    if dialog.count():
        page.keyboard.press("Escape")
        dialog.wait_for(state="hidden", timeout=timeout_ms)
    form.get_by_role("textbox", name="E-mail").fill(email)
    form.get_by_role("textbox", name="Adgangskode").fill(password)
    form.get_by_role("button", name="Log ind").click()


def signed_in_page(page: Page, url: str, text: str | None = None, *,
                   email: str | None = None, password: str | None = None,
                   timeout_ms: float = 30_000) -> None:
    """Open `url`, sign in through the form (the test administrator by default: see
    tests/support/accounts.py; `start_app` creates it), and wait for `text`.

    A page.goto starts a new Streamlit session, so every goto signs in again.
    """
    from tests.support.accounts import ADMIN_EMAIL, ADMIN_PASSWORD

    open_app(page, url, "Log ind på Gevinsttavlen", timeout_ms=timeout_ms)
    sign_in(page, email or ADMIN_EMAIL, password or ADMIN_PASSWORD, timeout_ms=timeout_ms)
    page.get_by_role("button", name="Log ud").wait_for(state="visible", timeout=timeout_ms)
    wait_for_streamlit(page, text, timeout_ms=timeout_ms)


def choose_person(scope: Page | Locator, label: str, name: str) -> None:
    """Pick `name` in a person field (a selectbox that also takes a typed name): type it
    and press Enter, as a user does."""
    field = scope.get_by_role("combobox", name=label)
    field.click()
    field.fill(name)
    field.press("Enter")
