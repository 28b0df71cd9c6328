"""AppTests of Handleplan: moves by buttons, the note at Evalueret, stale cards, filters,
the table view, a new action and archiving."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine
from streamlit.testing.v1 import AppTest

from tests.support.accounts import plan_person, signed_in_app
from tests.support.actors import SYSTEM, who
from tracking.demo import load_demo
from tracking.readmodel.actions import action_history, get_action, list_actions
from tracking.services.actions import ActionInput, create_action, move_action
from tracking.services.plans import PlanInput, create_plan

TODAY = date(2026, 11, 23)
APP = str(Path(__file__).resolve().parents[2] / "dashboard" / "app.py")


@pytest.fixture
def plan_id(app_env: str, duck_engine: Engine) -> int:
    return create_plan(duck_engine, PlanInput("Testplan", date(2025, 1, 1),
                                              date(2027, 12, 1)), actor=SYSTEM).id


def _open(name: str | None = None) -> AppTest:
    at = signed_in_app(APP, default_timeout=30, name=name)
    at.run()
    at.switch_page("pages/action_plan.py")
    at.run()
    assert not at.exception, at.exception
    return at


def _new(engine: Engine, plan_id: int, title: str = "Ring op", responsible: str = "Mette",
         days: int = 10, on: date = TODAY):
    return create_action(engine, plan_id, ActionInput(title, responsible,
                                                      TODAY + timedelta(days=days)),
                         actor=who("Ole"), on=on)


def _texts(at: AppTest) -> str:
    return "\n".join([m.value for m in at.markdown] + [s.value for s in at.subheader])


def test_a_card_moves_across_all_columns(plan_id: int, duck_engine: Engine) -> None:
    a = _new(duck_engine, plan_id)
    at = _open(name="Kim")  # signed in as Kim: the history names Kim
    assert "Besluttet (1)" in _texts(at)
    at.button(key=f"forward_{a.id}").click().run()
    assert get_action(duck_engine, a.id).status == "started"
    assert "Igangsat (1)" in _texts(at)
    at.button(key=f"forward_{a.id}").click().run()
    at.button(key=f"evaluate_{a.id}").click().run()
    assert any("evaluering" in e.value.lower() for e in at.error)
    assert get_action(duck_engine, a.id).status == "finished"
    at.text_area(key=f"evaluation_{a.id}").input("Virkede godt").run()
    at.button(key=f"evaluate_{a.id}").click().run()
    done = get_action(duck_engine, a.id)
    assert (done.status, done.evaluation_note) == ("evaluated", "Virkede godt")
    assert "Evalueret (1)" in _texts(at)
    at.button(key=f"back_{a.id}").click().run()
    assert get_action(duck_engine, a.id).status == "finished"
    assert [e.actor for e in action_history(duck_engine, a.id)][1:] == ["Kim"] * 4


def test_a_card_moved_by_someone_else_is_refused(plan_id: int, duck_engine: Engine) -> None:
    a = _new(duck_engine, plan_id)
    at = _open()  # this screen saw version 1
    move_action(duck_engine, a.id, "started", a.version, actor=who("Lis"))  # another screen
    at.button(key=f"forward_{a.id}").click().run()
    assert any("ændret af Lis" in e.value and "Igangsat" in e.value for e in at.error)
    assert get_action(duck_engine, a.id).status == "started"  # not moved on to Afsluttet
    assert "Igangsat (1)" in _texts(at)  # the screen now shows the card as it is


def test_overdue_is_flagged_in_words_and_counted(plan_id: int, duck_engine: Engine) -> None:
    _new(duck_engine, plan_id, "Gammel", days=-3, on=TODAY - timedelta(days=20))
    _new(duck_engine, plan_id, "Snart", days=5)
    _new(duck_engine, plan_id, "Senere", days=30)
    at = _open()
    assert any("1 handling har overskredet fristen" in e.value for e in at.error)
    assert any("1 med frist inden for 7 dage" in w.value for w in at.warning)
    text = _texts(at)
    assert "OVERSKREDET" in text and "Snart frist" in text
    assert "20.11.2026" in text  # Danish date
    at.toggle(key="plan_overdue_only").set_value(True).run()
    text = _texts(at)
    assert "Gammel" in text and "Senere" not in text


def test_mine_filter_uses_the_signed_in_name(plan_id: int, duck_engine: Engine) -> None:
    _new(duck_engine, plan_id, "Mettes", responsible="Mette")
    _new(duck_engine, plan_id, "Kims", responsible="kim")
    at = _open(name="Kim")  # "mine": responsible is the signed-in person's name
    at.toggle(key="plan_mine").set_value(True).run()
    text = _texts(at)
    assert "Kims" in text and "Mettes" not in text


def test_table_view_edits_many_with_the_same_rules(plan_id: int, duck_engine: Engine) -> None:
    a = _new(duck_engine, plan_id, "A")
    b = _new(duck_engine, plan_id, "B")
    at = _open()
    at.button_group(key="plan_view").set_value("table").run()
    assert not at.exception
    # The responsible is chosen from the plan's people (plus names already on actions).
    grid = next(e for e in at.main if getattr(e, "key", None) == "actions_grid_0")
    column = json.loads(grid.proto.columns)["responsible"]
    assert column["type_config"]["type"] == "selectbox"
    options = [o["value"] if isinstance(o, dict) else o for o in column["type_config"]["options"]]
    assert "Mette" in options
    grid_key = "actions_grid_0"
    at.session_state[grid_key] = {"edited_rows": {"0": {"responsible": ""},
                                                  "1": {"status": "Afsluttet"}},
                                  "added_rows": [], "deleted_rows": []}
    at.run()
    at.button(key="save_actions_table").click().run()
    errors = " ".join(e.value for e in at.error)
    assert "Ansvarlig mangler" in errors and "én kolonne ad gangen" in errors
    assert [x.responsible for x in list_actions(duck_engine, plan_id)] == ["Mette", "Mette"]
    at.session_state[grid_key] = {"edited_rows": {"0": {"responsible": "Kim"},
                                                  "1": {"status": "Igangsat"}},
                                  "added_rows": [], "deleted_rows": []}
    at.run()
    at.button(key="save_actions_table").click().run()
    assert not at.exception
    assert get_action(duck_engine, a.id).responsible == "Kim"
    assert get_action(duck_engine, b.id).status == "started"


def test_new_action_needs_responsible_and_deadline(plan_id: int, duck_engine: Engine) -> None:
    at = _open()
    at.text_input(key="new_action_title").input("Ny handling")
    submit = next(b for b in at.button if b.label == "Opret handling")
    submit.click().run()
    assert any("Ansvarlig mangler" in e.value for e in at.error)
    mette = plan_person(duck_engine, plan_id, "Mette Sørensen")
    at.run()
    assert "Mette Sørensen" in at.selectbox(key="new_action_responsible").options
    at.selectbox(key="new_action_responsible").set_value("Mette Sørensen")
    at.date_input(key="new_action_deadline").set_value(TODAY + timedelta(days=3))
    next(b for b in at.button if b.label == "Opret handling").click().run()
    [action] = list_actions(duck_engine, plan_id)
    assert (action.title, action.status, action.decided_on) == ("Ny handling", "decided",
                                                                TODAY)
    assert (action.responsible, action.responsible_user_id) == ("Mette Sørensen", mette.id)


def test_demo_board_renders_every_column(app_env: str, duck_engine: Engine) -> None:
    load_demo(duck_engine)
    at = signed_in_app(APP, default_timeout=30)
    at.query_params["plan"] = "1"  # KSD – sygedagpenge
    at.run()
    at.switch_page("pages/action_plan.py")
    at.run()
    assert not at.exception
    text = _texts(at)
    for column in ("Besluttet (2)", "Igangsat (2)", "Afsluttet (1)", "Evalueret (1)"):
        assert column in text
    assert any("2 handlinger har overskredet fristen" in e.value for e in at.error)
    assert any("6 af 10" in i.value for i in at.info)
