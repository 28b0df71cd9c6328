"""Min profil → Kalender: a person makes their calendar address (shown once, working) and
revokes it. AppTest on the demo."""

from __future__ import annotations

from tests.support.accounts import signed_in_app
from tracking.config import REPO_ROOT
from tracking.demo import load_demo
from tracking.readmodel.calendar_feeds import feed_of, my_feeds

APP = str(REPO_ROOT / "dashboard" / "app.py")


def test_a_person_makes_and_revokes_a_calendar_address(app_env, duck_engine):
    load_demo(duck_engine)
    at = signed_in_app(APP, default_timeout=60)
    at.run()
    at.switch_page("pages/profile.py").run()
    at.button(key="calendar_make_mine").click().run()
    assert not at.exception, [e.value for e in at.exception]
    url = at.code[0].value
    assert url.startswith("http://localhost:8501/calendar/") and url.endswith(".ics")
    secret = url.rsplit("/", 1)[1].removesuffix(".ics")
    found = feed_of(duck_engine, secret)
    assert found is not None and found[0].plan_id is None
    at.selectbox(key="calendar_plan").set_value(2)
    at.button(key="calendar_make_plan").click().run()
    plan_secret = at.code[0].value.rsplit("/", 1)[1].removesuffix(".ics")
    assert feed_of(duck_engine, plan_secret)[0].plan_id == 2
    mine = my_feeds(duck_engine, found[0].user_id)
    assert len(mine) == 2
    at.button(key=f"calendar_revoke_{mine[0].id}").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert feed_of(duck_engine, secret) is None
    assert feed_of(duck_engine, plan_secret) is not None
