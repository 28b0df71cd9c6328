"""A plan archived while someone is on its pages (its meeting running): the next run says
so, instead of showing another plan without a word (issue 22, item 6)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine

from tests.support.accounts import signed_in_app
from tests.support.actors import SYSTEM
from tracking.demo import load_demo
from tracking.readmodel.meetings import closed_meetings, open_meeting
from tracking.readmodel.plans import list_plans
from tracking.services.meetings import start_meeting
from tracking.services.plans import set_plan_archived

APP = str(Path(__file__).resolve().parents[2] / "dashboard" / "app.py")


def test_the_people_on_an_archived_plan_are_told(app_env: str, duck_engine: Engine) -> None:
    load_demo(duck_engine)
    ksd = next(p for p in list_plans(duck_engine) if p.name.startswith("KSD"))
    start_meeting(duck_engine, ksd.id, ["Mette"], actor=SYSTEM)
    at = signed_in_app(APP, default_timeout=30, name="Facilitator")
    at.session_state["plan_id"] = ksd.id
    at.run()
    assert not at.exception
    set_plan_archived(duck_engine, ksd.id, True, actor=SYSTEM)  # from another browser
    at.run()
    assert not at.exception
    warnings = [w.value for w in at.warning]
    assert any("KSD – sygedagpenge" in w and "arkiveret" in w and "referatet" in w
               for w in warnings), warnings
    assert at.session_state["plan_id"] != ksd.id
    assert open_meeting(duck_engine, ksd.id) is None
    assert len(closed_meetings(duck_engine, ksd.id)) == 1
    at.run()  # told once, not on every click
    assert not any("arkiveret" in w.value for w in at.warning)
