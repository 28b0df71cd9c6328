"""The README's screenshots, made from the demo in headless Chromium (`make screenshots`).

    python -m tests.support.readme_screenshots [docs/screenshots]

Every page is shown signed in (the administrator, or the demo's benefit owner Jonas
Holm for Mine opgaver and the phone), on the pinned day the tests use, so that the
pictures match what the README says.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

from tests.support.accounts import ensure_account, ensure_admin
from tests.support.actors import SYSTEM
from tests.support.app_server import AppServer
from tests.support.browser import launch_args, open_app, sign_in, signed_in_page, wait_for_streamlit
from tracking.config import duckdb_url
from tracking.db import dispose_engine, get_engine, init_schema
from tracking.demo import load_demo
from tracking.readmodel.plans import list_plans
from tracking.services.meetings import create_kiosk_link

TODAY = "2026-11-23"
JONAS, JONAS_PASSWORD = "jonas.holm@fjordby.example", "readme-jonas-password"


def _settle(page: Page, text: str | None = None) -> None:
    wait_for_streamlit(page, text)
    page.wait_for_timeout(2000)  # charts draw after the script run


def main(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="readme-shots-"))
    url = duckdb_url(tmp / "demo.duckdb")
    engine = get_engine(url)
    init_schema(engine)
    load_demo(engine)
    ensure_admin(engine)
    ensure_account(engine, JONAS, "Jonas Holm", JONAS_PASSWORD)
    plan = next(p for p in list_plans(engine) if p.name.startswith("KSD"))
    token = create_kiosk_link(engine, plan.id, "Skærm i borgerservice", SYSTEM)[1]
    dispose_engine(url)
    with AppServer(env={"DATABASE_URL": url, "GEVINST_TODAY": TODAY},
                   log_path=tmp / "app.log") as app, sync_playwright() as pw:
        browser = pw.chromium.launch(**launch_args())
        desk = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="da-DK")
        page = desk.new_page()
        open_app(page, app.url, "Log ind på Gevinsttavlen")
        page.screenshot(path=str(folder / "log-ind.png"))
        for path, name, text in ((f"maal?plan={plan.id}", "maal", "Mål"),
                                 (f"tavle?plan={plan.id}", "tavle", "Start møde"),
                                 (f"brugere?plan={plan.id}", "brugere", "Brugere")):
            signed_in_page(page, f"{app.url}/{path}")
            _settle(page, text)
            page.screenshot(path=str(folder / f"{name}.png"))
        kiosk = desk.new_page()
        open_app(kiosk, f"{app.url}/?kiosk={token}", "KSD – sygedagpenge")
        _settle(kiosk)
        kiosk.screenshot(path=str(folder / "kiosk.png"))
        owner = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="da-DK")
        page = owner.new_page()
        signed_in_page(page, app.url, "Tal, du skal indtaste", email=JONAS,
                       password=JONAS_PASSWORD)
        _settle(page)
        page.screenshot(path=str(folder / "mine-opgaver.png"))
        phone = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True,
                                    is_mobile=True, device_scale_factor=2, locale="da-DK")
        page = phone.new_page()
        open_app(page, app.url, "Log ind på Gevinsttavlen")
        sign_in(page, JONAS, JONAS_PASSWORD)
        wait_for_streamlit(page, "Tal, du skal indtaste")
        page.get_by_role("button", name="Indtast").first.tap()
        wait_for_streamlit(page, "Indtast tal: KSD")
        page.get_by_role("textbox", name="Værdi (dage)").fill("17,5")
        page.get_by_role("button", name="Gem", exact=True).tap()
        _settle(page, "Gemt")
        page.get_by_text("Gemt").first.scroll_into_view_if_needed()
        page.screenshot(path=str(folder / "telefon-indtast.png"))
        browser.close()


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots"))
