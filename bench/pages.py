"""Server-side page reruns (Streamlit AppTest) and the browser's time to first chart."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

from streamlit.testing.v1 import AppTest

from tests.support.accounts import ADMIN_EMAIL, ADMIN_PASSWORD, sign_in_apptest
from tests.support.app_server import REPO_ROOT, AppServer
from tests.support.browser import launch_args, sign_in
from tracking.db import get_engine

APP = str(REPO_ROOT / "dashboard" / "app.py")
CHART = '[data-testid="stVegaLiteChart"]'
EMPTY_PAGE = "import streamlit as st\nst.title('Tom side')\nst.write('Intet at vise.')\n"


def _timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def _check(at: AppTest) -> None:
    if at.exception:
        raise RuntimeError(f"page failed: {at.exception[0].message}")


def app_test(page: str | None) -> AppTest:
    """The dashboard (DATABASE_URL from the environment), run once, on `page`."""
    at = AppTest.from_file(APP, default_timeout=120)
    sign_in_apptest(at, get_engine())  # the test administrator (bench/run.py creates it)
    at.run()
    if page:
        at.switch_page(page)
        at.run()
    _check(at)
    return at


def rerun_times(at: AppTest, reps: int, between: Callable[[], object] | None = None
                ) -> list[float]:
    """Times (ms) of `reps` reruns; `between` runs untimed before each (e.g. a write)."""
    times = []
    for _ in range(reps):
        if between:
            between()
        times.append(_timed(at.run))
        _check(at)
    return times


def empty_rerun_times(reps: int) -> list[float]:
    at = AppTest.from_string(EMPTY_PAGE, default_timeout=60)
    at.run()
    return [_timed(at.run) for _ in range(reps)]


def _peak_rss_mb(pid: int) -> float:
    """Peak resident memory (VmHWM) of a process, in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def browser_times(database_url: str, reps: int, log: Path) -> tuple[list[float], float]:
    """Time (ms) from opening the board until its first chart is drawn, in Chromium, as
    a new visitor each time; and the dashboard process's peak memory (MB) after."""
    from playwright.sync_api import sync_playwright

    server = AppServer(env={"DATABASE_URL": database_url,
                            "GEVINST_TODAY": os.environ.get("GEVINST_TODAY", "")},
                       log_path=log, start_timeout=120)
    server.start()
    times: list[float] = []
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(**launch_args())
            try:
                for _ in range(reps + 1):  # the first visit warms the server; not counted
                    context = browser.new_context(viewport={"width": 1920, "height": 1080})
                    page = context.new_page()
                    page.goto(server.url)
                    # Timed from pressing "Log ind": what a person waits for the board.
                    start = time.perf_counter()
                    sign_in(page, ADMIN_EMAIL, ADMIN_PASSWORD, timeout_ms=120_000)
                    page.locator(CHART).first.locator("canvas, svg").first.wait_for(
                        state="visible", timeout=120_000)
                    times.append((time.perf_counter() - start) * 1000)
                    context.close()
            finally:
                browser.close()
        assert server._proc is not None
        memory = _peak_rss_mb(server._proc.pid)
    finally:
        server.stop()
    return times[1:], memory
