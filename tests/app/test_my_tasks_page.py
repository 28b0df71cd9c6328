"""Mine opgaver and Min profil, run in-process by AppTest on the demo (real DuckDB file),
signed in as the demo's benefit owner Jonas Holm, and the landing page by role."""

from __future__ import annotations

from sqlmodel import Session
from streamlit.testing.v1 import AppTest

from tests.app.test_goal_pages import texts
from tests.support.accounts import ensure_account, sign_in_apptest
from tracking.config import REPO_ROOT
from tracking.demo import load_demo
from tracking.models import Action
from tracking.readmodel.reminders import get_account, reminder_choice
from tracking.readmodel.users import find_user
from tracking.reminder_rules import Kind

APP = str(REPO_ROOT / "dashboard" / "app.py")
JONAS = "jonas.holm@fjordby.example"
BIRGITTE = "birgitte.lund@fjordby.example"
PASSWORD = "jonas-holm-password"


def _as(engine, email: str, name: str) -> AppTest:
    ensure_account(engine, email, name, PASSWORD)
    at = AppTest.from_file(APP, default_timeout=60)
    sign_in_apptest(at, engine, email, PASSWORD)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_a_benefit_owner_lands_on_mine_opgaver(app_env, duck_engine):
    load_demo(duck_engine)
    at = _as(duck_engine, JONAS, "Jonas Holm")
    shown = texts(at)
    assert "Mine opgaver" in [t.value for t in at.title]
    # October's figure of his indicator is missing (deadline 10 November, today the 23rd).
    assert "**Sagsbehandlingstid (dage)** · okt. 2026" in shown
    assert "Mangler · fristen var 10.11.2026" in shown
    # His overdue action, and the next meeting of his plan (Tuesdays at 09:00).
    assert "over fristen" in shown
    assert "tirsdag 24.11.2026 kl. 09:00 · 15 min." in shown
    # One click to enter the figure: Indtast tal opens on that indicator and month.
    at.button(key="enter_2_2026-10").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.selectbox(key="enter_indicator").value == 2
    assert str(at.selectbox(key="enter_month").value) == "2026-10-01"


def test_an_action_is_moved_from_mine_opgaver(app_env, duck_engine):
    load_demo(duck_engine)
    at = _as(duck_engine, JONAS, "Jonas Holm")
    move = next(b for b in at.button if b.key and b.key.startswith("move_"))
    action_id = int(move.key.removeprefix("move_"))
    with Session(duck_engine) as s:
        before = s.get(Action, action_id).status
    move.click().run()
    assert not at.exception, [e.value for e in at.exception]
    with Session(duck_engine) as s:
        after = s.get(Action, action_id).status
    assert (before, after) in {("decided", "started"), ("started", "finished")}
    assert any("er flyttet til" in s.value for s in at.success)


def test_a_director_lands_on_oversigt(app_env, duck_engine):
    load_demo(duck_engine)
    at = _as(duck_engine, BIRGITTE, "Birgitte Lund")
    assert "Oversigt over alle planer" in texts(at)


def test_the_profile_stops_reminders(app_env, duck_engine):
    load_demo(duck_engine)
    at = _as(duck_engine, JONAS, "Jonas Holm")
    at.switch_page("pages/profile.py").run()
    assert not at.exception, [e.value for e in at.exception]
    assert "E-mail er ikke sat op" in texts(at)
    at.checkbox(key="remind_action_due").uncheck()
    at.button[0].click().run()  # the form's Gem
    user_id = find_user(duck_engine, JONAS).id
    assert reminder_choice(duck_engine, user_id).kinds_off == {Kind.ACTION_DUE}
    assert "Dine valg er gemt." in [s.value for s in at.success]
    at.selectbox(key="remind_language").set_value("en")
    at.toggle(key="remind_all_off").set_value(True)
    at.button[0].click().run()
    assert reminder_choice(duck_engine, user_id).all_off
    assert get_account(duck_engine, user_id).language == "en"
