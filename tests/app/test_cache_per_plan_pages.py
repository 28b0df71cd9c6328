"""A page's reads are kept per plan in the running app: after a write in plan A, the
Historik page of plan B is drawn from the cache (its reads are not made again), and a
write in plan B makes them again. Counted by the loader's calls, not by time."""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Callable
from datetime import date

import pytest
from sqlalchemy import Engine

from tests.support.accounts import signed_in_app
from tests.support.actors import SYSTEM, who
from tracking.config import REPO_ROOT
from tracking.readmodel import history
from tracking.services.ideas import add_idea
from tracking.services.plans import PlanInput, create_plan

calls: Counter = Counter()


def _counted(fn: Callable) -> Callable:
    """`fn`, counting its calls per plan (same signature, so the cache keys it per plan)."""

    @functools.wraps(fn)
    def spy(engine: Engine, plan_id: int, *args, **kwargs):
        calls[fn.__name__, plan_id] += 1
        return fn(engine, plan_id, *args, **kwargs)

    spy.__qualname__ = f"counted_{fn.__qualname__}"  # its own cache entries
    return spy


@pytest.fixture
def history_page(app_env: str, duck_engine: Engine, monkeypatch: pytest.MonkeyPatch):
    calls.clear()
    for name in ("plan_history", "history_choices"):  # the page imports them when it runs
        monkeypatch.setattr(history, name, _counted(getattr(history, name)))
    a, b = (create_plan(duck_engine, PlanInput(n, date(2025, 1, 1), date(2027, 12, 1)),
                        actor=SYSTEM).id for n in ("Plan A", "Plan B"))
    at = signed_in_app(str(REPO_ROOT / "dashboard" / "app.py"), default_timeout=60)
    at.query_params["plan"] = str(b)
    at.run()
    at.switch_page("pages/history.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at, a, b


def _reads(plan_id: int) -> tuple[int, int]:
    return calls["plan_history", plan_id], calls["history_choices", plan_id]


def test_a_write_in_another_plan_leaves_the_history_page_warm(duck_engine, history_page):
    at, a, b = history_page
    assert _reads(b) == (1, 1)
    at.run()
    assert _reads(b) == (1, 1)  # a rerun is served from the cache
    add_idea(duck_engine, a, "Færre blanketter", actor=who("t"))
    at.run()
    assert not at.exception
    assert _reads(b) == (1, 1)  # plan A's write left plan B's reads warm
    add_idea(duck_engine, b, "Kortere ventetid", actor=who("t"))
    at.run()
    assert not at.exception
    assert _reads(b) == (2, 2)  # plan B's own write is seen at once
    assert list(at.dataframe[0].value["Hvad"]) == ["Ide", "Plan"]  # B's idea, shown
