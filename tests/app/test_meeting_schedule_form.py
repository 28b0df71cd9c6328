"""The plan's fixed board meeting, set on Planer (AppTest), and read back by Mine opgaver's
read model."""

from __future__ import annotations

from datetime import date

from tests.support.accounts import signed_in_app
from tests.support.actors import SYSTEM
from tracking.config import REPO_ROOT
from tracking.readmodel.reminders import meeting_schedule
from tracking.services.plans import PlanInput, create_plan

APP = str(REPO_ROOT / "dashboard" / "app.py")


def test_a_facilitator_sets_the_meeting_day(app_env, duck_engine):
    plan = create_plan(duck_engine, PlanInput("KSD", date(2026, 1, 1), date(2027, 12, 1)),
                       actor=SYSTEM)
    at = signed_in_app(APP, default_timeout=60)
    at.run()
    at.switch_page("pages/plans.py").run()
    at.selectbox(key=f"schedule_day_{plan.id}").set_value(3)
    at.text_input(key=f"schedule_time_{plan.id}").input("10:30")
    at.number_input(key=f"schedule_len_{plan.id}").set_value(20)
    at.selectbox(key=f"schedule_every_{plan.id}").set_value(2)
    next(b for b in at.button if b.label == "Gem" and "schedule" in str(b.form_id)).click().run()
    assert not at.exception, [e.value for e in at.exception]
    saved = meeting_schedule(duck_engine, plan.id)
    assert (saved.weekday, saved.start_time, saved.length_minutes, saved.every_weeks) == (
        3, "10:30", 20, 2)
    assert saved.first_meeting == date(2026, 11, 26)  # the Thursday after 23 November
    at.text_input(key=f"schedule_time_{plan.id}").input("25:00")
    next(b for b in at.button if b.label == "Gem" and "schedule" in str(b.form_id)).click().run()
    assert any("Skriv tidspunktet" in e.value for e in at.error)
