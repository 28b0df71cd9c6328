"""A card whose responsible has no account says it cannot get reminders (AppTest)."""

from __future__ import annotations

from datetime import date

from tests.app.test_goal_pages import texts
from tests.support.accounts import signed_in_app
from tests.support.actors import SYSTEM
from tracking.config import REPO_ROOT
from tracking.demo import load_demo
from tracking.services.actions import ActionInput, create_action

APP = str(REPO_ROOT / "dashboard" / "app.py")


def test_only_names_without_an_account_are_marked(app_env, duck_engine):
    load_demo(duck_engine)
    create_action(duck_engine, 1, ActionInput("Plakat i venteværelset", "Ukendt Person",
                                              date(2026, 12, 4)),
                  actor=SYSTEM, on=date(2026, 11, 23))
    at = signed_in_app(APP, default_timeout=60)
    at.session_state["plan_id"] = 1  # KSD, where the action is
    at.run()
    at.switch_page("pages/action_plan.py").run()
    assert not at.exception, [e.value for e in at.exception]
    shown = texts(at)
    assert shown.count("kan ikke få påmindelser") == 1
    line = next(m.value for m in at.markdown if "kan ikke få påmindelser" in m.value)
    assert "Ukendt Person" in line


def test_the_name_picker_offers_the_plans_people_and_marks_a_typed_name(app_env, duck_engine):
    load_demo(duck_engine)
    at = signed_in_app(APP, default_timeout=60)
    at.session_state["plan_id"] = 1
    at.run()
    at.switch_page("pages/action_plan.py").run()
    picker = at.selectbox(key="new_action_responsible")
    assert {"Mette Sørensen", "Jonas Holm"} <= set(picker.options)
    assert "kan ikke få påmindelser" not in texts(at)
