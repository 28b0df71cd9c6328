"""Server-side page reruns (Streamlit AppTest); the browser's are in bench/browser.py."""

from __future__ import annotations

import time
from collections.abc import Callable

from streamlit.testing.v1 import AppTest

from tests.support.accounts import sign_in_apptest
from tests.support.app_server import REPO_ROOT
from tracking.db import get_engine

APP = str(REPO_ROOT / "dashboard" / "app.py")
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
