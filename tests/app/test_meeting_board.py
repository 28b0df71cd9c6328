"""AppTests of the Tavle page: the wall, enlarging a field, a meeting, the kiosk."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine
from streamlit.testing.v1 import AppTest

from tests.support.accounts import signed_in_app
from tests.support.actors import SYSTEM, who
from tracking.demo import load_demo
from tracking.readmodel.meetings import current_step, get_minutes, open_meeting
from tracking.readmodel.plans import list_plans
from tracking.services.meetings import (
    close_meeting,
    create_kiosk_link,
    revoke_kiosk_link,
    start_meeting,
)

APP = str(Path(__file__).resolve().parents[2] / "dashboard" / "app.py")


def _ksd(engine: Engine) -> int:
    return next(p.id for p in list_plans(engine) if p.name.startswith("KSD"))


def _board(engine: Engine) -> AppTest:
    at = signed_in_app(APP, default_timeout=30)
    at.session_state["plan_id"] = _ksd(engine)
    at.switch_page("pages/board.py")
    at.run()
    assert not at.exception, at.exception
    return at


def _keys(at: AppTest, prefix: str) -> list[str]:
    return [b.key for b in at.button if b.key and b.key.startswith(prefix)]


def test_wall_shows_four_fields_and_enlarges_one(app_env: str, duck_engine: Engine) -> None:
    load_demo(duck_engine)
    at = _board(duck_engine)
    text = "\n".join(m.value for m in at.markdown)
    for title in ("Mål", "Ideer", "Vurdering", "Handleplan"):
        assert title in text
    assert "Bed borgerservice spørge om digital post" in text  # a post-it
    assert "OVERSKREDET" in text  # an overdue action card
    assert len(at.get("vega_lite_chart")) == 4  # three indicators and the matrix
    assert sorted(_keys(at, "enlarge_")) == ["enlarge_actions", "enlarge_assessment",
                                             "enlarge_goal", "enlarge_ideas"]
    at.button(key="enlarge_ideas").click().run()
    assert not at.exception, at.exception
    assert any("Parkerede og forkastede" in e.label for e in at.expander)  # full Ideer body
    assert not _keys(at, "enlarge_")
    at.button(key="shrink").click().run()
    assert len(_keys(at, "enlarge_")) == 4


def test_meeting_steps_and_close_from_the_wall(app_env: str, duck_engine: Engine) -> None:
    load_demo(duck_engine)
    plan_id = _ksd(duck_engine)
    meeting = start_meeting(duck_engine, plan_id, ["Mette Sørensen"], 25, actor=who("Mette"))
    at = _board(duck_engine)
    assert [b.key for b in at.button if b.key and b.key.startswith("step_")][:5] == [
        f"step_{i}" for i in range(5)]
    assert at.button(key="step_0").proto.type == "primary"
    # The demo's first indicator is behind: the figures step asks for the causes.
    captions = " ".join(c.value for c in at.caption)
    assert "Drøft årsagerne:** »Andel ansøgninger via selvbetjening« er bagud" in captions
    at.button(key="step_next").click().run()
    assert current_step(duck_engine, meeting.id) == 1
    assert "Drøft årsagerne" not in " ".join(c.value for c in at.caption)
    at.button(key="step_3").click().run()
    assert current_step(duck_engine, meeting.id) == 3
    # Forward on an action card, from the wall, during the meeting.
    forward = _keys(at, "wforward_")
    assert forward
    at.button(key=forward[0]).click().run()
    assert not at.exception, at.exception
    at.button(key="meeting_close").click().run()
    assert at.button(key="meeting_close_go")  # the confirmation (clicked in the browser test)
    # AppTest does not rerun a dialog as a fragment: close as the dialog's button does.
    close_meeting(duck_engine, meeting.id, actor=who("Mette"))
    at.session_state["meeting_show_minutes"] = meeting.id
    at.run()
    assert not at.exception, at.exception
    assert open_meeting(duck_engine, plan_id) is None
    minutes = get_minutes(duck_engine, meeting.id)
    assert minutes.attendees == ["Mette Sørensen"] and len(minutes.actions_moved) == 1
    assert "Referat af tavlemøde" in "\n".join(m.value for m in at.markdown)
    assert at.button(key="meeting_start")  # a new meeting can be started


def _kiosk(token: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)  # not signed in: the kiosk needs none
    at.query_params["kiosk"] = token
    at.run()
    assert not at.exception, at.exception
    return at


def _no_widgets(at: AppTest) -> None:
    for kind in ("button", "text_input", "text_area", "selectbox", "multiselect",
                 "date_input", "number_input", "checkbox", "toggle", "radio"):
        assert not list(getattr(at, kind)), kind
    assert not at.get("popover") and not at.get("button_group") and not at.get("form")


def test_kiosk_shows_the_board_without_widgets(app_env: str, duck_engine: Engine) -> None:
    load_demo(duck_engine)
    link, token = create_kiosk_link(duck_engine, _ksd(duck_engine), "TV", actor=SYSTEM)
    at = _kiosk(token)
    text = "\n".join(m.value for m in at.markdown)
    assert "KSD" in text and "Bed borgerservice spørge om digital post" in text
    _no_widgets(at)
    assert not at.sidebar.children or not any(True for _ in at.sidebar.selectbox)
    revoke_kiosk_link(duck_engine, link.id, actor=SYSTEM)
    refused = _kiosk(token)
    assert "Linket virker ikke" in refused.error[0].value
    assert "KSD" not in "\n".join(m.value for m in refused.markdown)
    _no_widgets(refused)


def test_kiosk_refuses_a_wrong_token(app_env: str, duck_engine: Engine) -> None:
    load_demo(duck_engine)
    at = _kiosk("guessed-token")
    assert [e.value for e in at.error] == [
        "Linket virker ikke. Det er forkert, udløbet eller trukket tilbage. Bed om et nyt link."]
    assert not at.get("vega_lite_chart")
    _no_widgets(at)


def test_an_anonymous_kiosk_shows_initials_not_names(app_env: str, duck_engine: Engine) -> None:
    from dashboard.components.text import md_escape
    from tracking.clock import today
    from tracking.formatting import initials
    from tracking.readmodel.board import actions_frame

    load_demo(duck_engine)
    plan_id = _ksd(duck_engine)
    people = {r for r in actions_frame(duck_engine, plan_id, today())["responsible"] if r}
    assert people
    _, named = create_kiosk_link(duck_engine, plan_id, "Kontoret", actor=SYSTEM)
    _, public = create_kiosk_link(duck_engine, plan_id, "Borgerservice", actor=SYSTEM,
                                  anonymous=True)
    shown = "\n".join(m.value for m in _kiosk(named).markdown)
    assert any(name in shown for name in people)
    anonymous = _kiosk(public)
    shown = "\n".join(m.value for m in anonymous.markdown)
    assert "KSD" in shown
    assert not any(name in shown for name in people), [n for n in people if n in shown]
    assert any(md_escape(initials(name)) in shown for name in people)
    _no_widgets(anonymous)


def test_kiosk_panel_offers_expiry_and_initials(app_env: str, duck_engine: Engine) -> None:
    from tracking.readmodel.kiosk import list_kiosk_links

    load_demo(duck_engine)
    plan_id = _ksd(duck_engine)
    at = _board(duck_engine)
    assert at.selectbox(key="kiosk_months").value == 12
    at.text_input(key="kiosk_label").input("Skærm i borgerservice")
    at.selectbox(key="kiosk_months").set_value(3)
    at.checkbox(key="kiosk_anonymous").check()
    at.button(key="kiosk_create").click().run()
    assert not at.exception
    [link] = list_kiosk_links(duck_engine, plan_id)
    assert link.anonymous and link.expires_at is not None
    line = "\n".join(m.value for m in at.markdown)
    assert "Skærm i borgerservice" in line and "udløber" in line and "ikke brugt endnu" in line
    assert "kun initialer" in line
