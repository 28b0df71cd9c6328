"""The dashboard in real Chromium: sign-in to the first chart, one click in the navigation
to each page drawn, and the dashboard process's peak memory.

"Drawn" (`DRAWN_JS`): after the click Streamlit has run the page's script (the app's
run state went to "running" and is back at "notRunning"), nothing in the main area is
stale (left from the page before) or still a loading skeleton, and every chart and table
on the screen has its canvas. A page not drawn in TIMEOUT_MS (3 minutes) is recorded as
timed out and not clicked again. Timed in Python around the click and that wait; Playwright polls
once per animation frame, so a measure is at most a frame (~17 ms) late.
"""

from __future__ import annotations

import os
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import Page
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.support.accounts import ADMIN_EMAIL, ADMIN_PASSWORD
from tests.support.app_server import AppServer
from tests.support.browser import EXCEPTION_SELECTOR, launch_args, sign_in

CHART = '[data-testid="stVegaLiteChart"]'
NAV = '[data-testid="stSidebarNav"]'
EXPAND_SIDEBAR = '[data-testid="stExpandSidebarButton"]'
TIMEOUT_MS = float(os.environ.get("GEVINST_BENCH_TIMEOUT_MS", 180_000))

# (operation key, the page's name in the navigation). The order is the order of clicks:
# sign-in lands on Mål, so Mål is clicked after another page; Tavle folds the sidebar
# away (it needs the width), so the next click first opens it; Oversigt comes last.
PAGES = [
    ("click_action_plan", "Handleplan"),
    ("click_assessment", "Vurdering"),
    ("click_enter", "Indtast tal"),
    ("click_board", "Tavle"),
    ("click_goal", "Mål"),
    ("click_overview", "Oversigt"),
]

# Before a click: note whether the app's script runs (attributeOldValue catches a run
# that starts and ends between two observer callbacks).
WATCH_JS = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (window.__benchObserver) window.__benchObserver.disconnect();
  window.__benchRan = false;
  window.__benchObserver = new MutationObserver(records => {
    for (const r of records) {
      if (r.oldValue === 'running' || app.getAttribute(r.attributeName) === 'running') {
        window.__benchRan = true;
      }
    }
  });
  window.__benchObserver.observe(app, {attributes: true, attributeOldValue: true,
                                       attributeFilter: ['data-test-script-state']});
}"""

# A chart is drawn when Vega has made its canvas (or SVG marks: the toolbar's icons are
# SVG too), a table when its grid canvas is there; a table in a closed expander is not
# laid out and does not count.
DRAWN_JS = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  const main = document.querySelector('[data-testid="stMain"]');
  if (!app || !main || !window.__benchRan) return false;
  if (app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  if (main.querySelector('[data-testid="stException"]')) return true;  // reported below
  if (main.querySelector('[data-stale="true"], [data-testid="stSkeleton"]')) return false;
  const shown = el => el.checkVisibility() && !el.closest('details:not([open])');
  for (const el of main.querySelectorAll('[data-testid="stVegaLiteChart"]')) {
    if (shown(el) && !el.querySelector('canvas, svg.marks')) return false;
  }
  for (const el of main.querySelectorAll('[data-testid="stDataFrame"]')) {
    if (shown(el) && !el.querySelector('canvas')) return false;
  }
  return main.querySelector('[data-testid="stElementContainer"]') !== null;
}"""

# Why a page is not "drawn" yet (for the error when the wait times out).
STATE_JS = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  const main = document.querySelector('[data-testid="stMain"]');
  const count = sel => main ? main.querySelectorAll(sel).length : -1;
  const bare = (sel, drawn) => main ? [...main.querySelectorAll(sel)].filter(
    el => el.checkVisibility() && !el.closest('details:not([open])')
          && !el.querySelector(drawn)).length : -1;
  return {ran: window.__benchRan, state: app && app.getAttribute('data-test-script-state'),
          stale: count('[data-stale="true"]'), skeletons: count('[data-testid="stSkeleton"]'),
          undrawn_charts: bare('[data-testid="stVegaLiteChart"]', 'canvas, svg.marks'),
          undrawn_tables: bare('[data-testid="stDataFrame"]', 'canvas'),
          elements: count('[data-testid="stElementContainer"]'), url: location.pathname};
}"""


class NotDrawn(RuntimeError):
    """A page not drawn within TIMEOUT_MS of the click."""


@dataclass
class BrowserResult:
    first_chart: list[float] = field(default_factory=list)  # ms, sign-in to first chart
    clicks: dict[str, list[float]] = field(default_factory=dict)  # op key -> ms
    # Pages not drawn within TIMEOUT_MS: measured once (as TIMEOUT_MS), then skipped.
    timed_out: set[str] = field(default_factory=set)
    memory_mb: float = 0.0


def _peak_rss_mb(pid: int) -> float:
    """Peak resident memory (VmHWM) of a process, in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _fail_on_exception(page: Page, what: str) -> None:
    error = page.locator(EXCEPTION_SELECTOR).first
    if error.count():
        raise RuntimeError(f"{what}: the page shows an exception:\n{error.inner_text()}")


def click_to_drawn(page: Page, name: str) -> float:
    """Click `name` in the navigation; ms until that page is drawn."""
    nav = page.locator(NAV)
    if not nav.is_visible():
        page.locator(EXPAND_SIDEBAR).click()
        nav.wait_for(state="visible", timeout=TIMEOUT_MS)
    link = nav.get_by_role("link", name=name, exact=True)
    page.evaluate(WATCH_JS)
    start = time.perf_counter()
    link.click()
    try:
        page.wait_for_function(DRAWN_JS, timeout=TIMEOUT_MS, polling="raf")
    except PlaywrightTimeout:
        raise NotDrawn(f"{name} not drawn in {TIMEOUT_MS / 1000:.0f} s: "
                           f"{page.evaluate(STATE_JS)}") from None
    elapsed = (time.perf_counter() - start) * 1000
    _fail_on_exception(page, name)
    return elapsed


def sign_in_to_first_chart(page: Page, url: str) -> float:
    """Open the dashboard as a new visitor; ms from pressing "Log ind" to the first chart
    of the landing page (Mål for the test administrator) drawn."""
    page.goto(url)
    start = time.perf_counter()
    sign_in(page, ADMIN_EMAIL, ADMIN_PASSWORD, timeout_ms=TIMEOUT_MS)
    try:
        # The chart, or an exception box (reported below) instead of a long wait.
        page.locator(f"{CHART} canvas, {CHART} svg.marks, {EXCEPTION_SELECTOR}").first.wait_for(
            state="visible", timeout=TIMEOUT_MS)
    except PlaywrightTimeout:
        heading = page.locator("h1").first
        shown = heading.inner_text() if heading.count() else "(no heading)"
        raise RuntimeError(f"no chart {TIMEOUT_MS / 1000:.0f} s after sign-in; the page: "
                           f"{shown!r}, {page.evaluate(STATE_JS)}") from None
    elapsed = (time.perf_counter() - start) * 1000
    _fail_on_exception(page, "sign-in")
    return elapsed


def measure(database_url: str, reps: int, log: Path) -> BrowserResult:
    """`reps` visits, each a new visitor: sign in, then each page of PAGES by a click.
    One visit before them warms the server (its caches and imports) and is not counted.
    The dashboard process's peak memory is read after the last visit."""
    from playwright.sync_api import sync_playwright

    server = AppServer(env={"DATABASE_URL": database_url,
                            "GEVINST_TODAY": os.environ.get("GEVINST_TODAY", "")},
                       log_path=log, start_timeout=120)
    server.start()
    result = BrowserResult(clicks={key: [] for key, _ in PAGES})
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(**launch_args())
            try:
                for visit in range(reps + 1):
                    context = browser.new_context(viewport={"width": 1920, "height": 1080})
                    page = context.new_page()
                    first = sign_in_to_first_chart(page, server.url)
                    if visit:
                        result.first_chart.append(first)
                    for key, name in PAGES:
                        if key in result.timed_out:
                            continue
                        try:
                            ms = click_to_drawn(page, name)
                        except NotDrawn as why:
                            print(f"  {why}", file=sys.stderr, flush=True)
                            result.timed_out.add(key)
                            result.clicks[key] = [TIMEOUT_MS]
                            break  # the page may still run: this visit ends here
                        if visit:
                            result.clicks[key].append(ms)
                    context.close()
            finally:
                browser.close()
        assert server._proc is not None
        result.memory_mb = _peak_rss_mb(server._proc.pid)
    finally:
        server.stop()
    return result
