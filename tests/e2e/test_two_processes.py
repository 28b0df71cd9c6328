"""Two dashboard processes on one PostgreSQL database, as behind a load balancer:
a card moved through one is seen in the other on its next rerun, although both cache
their reads."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.conftest import TODAY
from tests.support.accounts import ensure_admin
from tests.support.app_server import AppServer
from tests.support.browser import signed_in_page, wait_for_streamlit
from tracking.db import get_engine, init_schema
from tracking.demo import load_demo
from tracking.readmodel.actions import list_actions

pytestmark = pytest.mark.browser


def _card(page: Page, column: str, title: str):
    return page.locator(f".st-key-column-{column}").locator(
        'div[class*="st-key-card-"]').filter(has_text=title)


def test_a_move_in_one_process_is_seen_in_the_other(pg_url: str, browser: Browser,
                                                    tmp_path) -> None:
    engine = get_engine(pg_url)
    init_schema(engine)
    plan = load_demo(engine)[0]
    ensure_admin(engine)
    action = next(a for a in list_actions(engine, plan.id) if a.status == "decided")
    env = {"DATABASE_URL": pg_url, "GEVINST_TODAY": TODAY.isoformat()}
    servers = [AppServer(env=env, log_path=tmp_path / f"app{k}.log").start() for k in (0, 1)]
    try:
        pages = []
        for server in servers:
            page = browser.new_page(viewport={"width": 1920, "height": 1080})
            signed_in_page(page, f"{server.url}/?plan={plan.id}")  # root first, as a user does
            page.get_by_role("link", name="Handleplan").click()
            wait_for_streamlit(page, "Ny handling direkte på handleplanen")
            expect(_card(page, "decided", action.title)).to_be_visible(timeout=30_000)
            pages.append(page)
        first, second = pages
        _card(first, "decided", action.title).get_by_role("button", name="Frem").click()
        wait_for_streamlit(first)
        expect(_card(first, "started", action.title)).to_be_visible(timeout=30_000)

        # The other process has the board cached; its next rerun must see the move.
        second.keyboard.press("r")  # Streamlit's "rerun" shortcut, same session
        wait_for_streamlit(second)
        expect(_card(second, "started", action.title)).to_be_visible(timeout=30_000)
        expect(_card(second, "decided", action.title)).to_have_count(0)
    finally:
        for server in servers:
            server.stop()
