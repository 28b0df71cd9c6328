"""Brugere → Påmindelser: reminders that failed, names without an account, and the
director flag, run by AppTest on the demo with a loopback SMTP server refusing one person."""

from __future__ import annotations

from datetime import date

from tests.app.test_goal_pages import texts
from tests.support.accounts import signed_in_app
from tests.support.actors import SYSTEM
from tests.support.smtp import smtp_server
from tracking.config import REPO_ROOT
from tracking.demo import load_demo
from tracking.readmodel.users import find_user
from tracking.reminder_sending import run_reminders
from tracking.services.actions import ActionInput, create_action

APP = str(REPO_ROOT / "dashboard" / "app.py")


def test_failed_reminders_and_unmatched_names_are_listed(app_env, duck_engine):
    load_demo(duck_engine)
    create_action(duck_engine, 1, ActionInput("Plakat i venteværelset", "Ukendt Person",
                                              date(2026, 12, 4)),
                  actor=SYSTEM, on=date(2026, 11, 23))
    with smtp_server() as (inbox, settings):
        inbox.refuse = {"jonas.holm@fjordby.example"}
        report = run_reminders(duck_engine, on=date(2026, 11, 23), settings=settings)
    assert report.failed
    at = signed_in_app(APP, default_timeout=60)
    at.run()
    at.switch_page("pages/users.py").run()
    assert not at.exception, [e.value for e in at.exception]
    shown = texts(at)
    assert "E-mail er ikke sat op" in shown  # this server (the page's process) has none
    frames = [df.value for df in at.dataframe]
    failed = next(f for f in frames if "Svar fra mailserveren" in f.columns)
    assert set(failed["Til"]) == {"jonas.holm@fjordby.example"}
    assert failed["Svar fra mailserveren"].str.contains("550").all()
    names = next(f for f in frames if "Hvorfor" in f.columns)
    assert set(names["Navn"]) == {"Ukendt Person"}  # the demo's own names all have accounts
    assert "Jonas Holm" not in set(names["Navn"])


def test_an_administrator_marks_a_director(app_env, duck_engine):
    load_demo(duck_engine)
    at = signed_in_app(APP, default_timeout=60)
    at.run()
    at.switch_page("pages/users.py").run()
    jonas = find_user(duck_engine, "jonas.holm@fjordby.example")
    at.selectbox(key="users_pick").set_value(jonas.id).run()
    at.checkbox(key=f"user_director_{jonas.id}").check().run()
    assert not at.exception, [e.value for e in at.exception]
    assert find_user(duck_engine, "jonas.holm@fjordby.example").is_director
