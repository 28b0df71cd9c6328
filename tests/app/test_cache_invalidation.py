"""Cached reads never show a figure older than the last write in the same process."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Engine
from streamlit.testing.v1 import AppTest

from tests.support.accounts import signed_in_app
from tests.support.actors import who
from tests.support.app_server import REPO_ROOT
from tracking.demo import load_demo
from tracking.readmodel.plans import list_indicators
from tracking.services.measurements import record_actual


def _text(at: AppTest) -> str:
    return "\n".join(str(e.value) for e in [*at.markdown, *at.success, *at.warning,
                                            *at.error, *at.info])


def test_a_write_is_seen_by_the_next_rerun(duck_engine: Engine, app_env: str):
    plan = load_demo(duck_engine)[0]
    ind = list_indicators(duck_engine, plan.id)[0]
    at = signed_in_app(str(REPO_ROOT / "dashboard" / "app.py"), default_timeout=60)
    at.query_params["plan"] = str(plan.id)
    at.run()
    at.run()  # now served from the cache
    assert "12.345,6" not in _text(at)
    record_actual(duck_engine, ind.id, date(2026, 10, 1), 12345.6, actor=who("t"),
                  on=date(2026, 11, 23))
    at.run()
    assert not at.exception
    assert "12.345,6" in _text(at)
