"""AppTests of Ideer and Vurdering: capture, refusals, scoring, promote, park/restore."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine
from streamlit.testing.v1 import AppTest

from tests.support.accounts import plan_person, signed_in_app
from tests.support.actors import SYSTEM
from tracking.demo import load_demo
from tracking.models import IdeaState
from tracking.readmodel.actions import capacity_check, list_actions
from tracking.readmodel.board import ideas_frame
from tracking.readmodel.ideas import list_ideas
from tracking.services.ideas import add_idea, score_idea, set_board_settings
from tracking.services.plans import PlanInput, create_plan

TODAY = date(2026, 11, 23)
APP = str(Path(__file__).resolve().parents[2] / "dashboard" / "app.py")


@pytest.fixture
def plan_id(app_env: str, duck_engine: Engine) -> int:
    return create_plan(duck_engine, PlanInput("Testplan", date(2025, 1, 1),
                                              date(2027, 12, 1)), actor=SYSTEM).id


def _open(page: str) -> AppTest:
    at = signed_in_app(APP, default_timeout=30)
    at.run()
    at.switch_page(page)
    at.run()
    assert not at.exception, at.exception
    return at


def _markdown(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown)


def test_enter_adds_a_card_and_clears_the_box(plan_id: int, duck_engine: Engine) -> None:
    at = _open("pages/ideas.py")
    jens = plan_person(duck_engine, plan_id, "Jens Hansen")
    at.run()
    at.selectbox(key="idea_author").set_value("Jens Hansen").run()
    at.text_input(key="idea_new").input("Ring til borgerne").run()
    assert not at.exception
    assert at.text_input(key="idea_new").value == ""
    [idea] = list_ideas(duck_engine, plan_id)
    assert (idea.text, idea.author, idea.author_user_id) == ("Ring til borgerne",
                                                              "Jens Hansen", jens.id)
    assert "Ring til borgerne" in _markdown(at)


def test_empty_and_long_ideas_are_refused_and_the_text_kept(plan_id: int,
                                                            duck_engine: Engine) -> None:
    at = _open("pages/ideas.py")
    at.text_input(key="idea_new").input("   ").run()
    assert any("tom" in e.value for e in at.error)
    long_text = "a" * 501
    at.text_input(key="idea_new").input(long_text).run()
    assert any("501 tegn" in e.value for e in at.error)
    assert at.text_input(key="idea_new").value == long_text  # not lost
    assert list_ideas(duck_engine, plan_id) == []


def test_user_text_is_shown_as_text(plan_id: int, duck_engine: Engine) -> None:
    add_idea(duck_engine, plan_id, "**fed** <b>html</b> [x](javascript:alert(1))", actor=SYSTEM)
    at = _open("pages/ideas.py")
    shown = _markdown(at)
    assert r"\*\*fed\*\*" in shown and r"\<b\>html\</b\>" in shown
    assert "[x](javascript" not in shown


def test_long_text_is_shortened_on_the_card_and_kept_whole(plan_id: int,
                                                           duck_engine: Engine) -> None:
    text = "Ord " * 120  # 480 characters
    add_idea(duck_engine, plan_id, text, actor=SYSTEM)
    at = _open("pages/ideas.py")
    assert any(e.label == "Vis hele teksten" for e in at.expander)
    assert any(t.value == text.strip() for t in at.text)


def test_park_and_restore(plan_id: int, duck_engine: Engine) -> None:
    idea = add_idea(duck_engine, plan_id, "Parkér mig", actor=SYSTEM)
    at = _open("pages/ideas.py")
    at.button(key=f"ideas.park_{idea.id}").click().run()
    assert any("begrundelse" in e.value.lower() for e in at.error)
    at.text_input(key=f"reason_{idea.id}").input("Efter nytår").run()
    at.button(key=f"ideas.park_{idea.id}").click().run()
    assert list_ideas(duck_engine, plan_id) == []
    at.button(key=f"restore_{idea.id}").click().run()
    assert [i.state for i in list_ideas(duck_engine, plan_id)] == [IdeaState.OPEN]


def test_two_taps_score_an_idea_into_its_field(plan_id: int, duck_engine: Engine) -> None:
    idea = add_idea(duck_engine, plan_id, "Sms-påmindelse", actor=SYSTEM)
    at = _open("pages/assessment.py")
    assert "Regel: effekt er stor fra 3" in "\n".join(c.value for c in at.caption)
    at.button_group(key=f"effect_{idea.id}").set_value(5).run()
    at.button_group(key=f"resources_{idea.id}").set_value(1).run()
    assert not at.exception
    assert ideas_frame(duck_engine, plan_id).iloc[0]["field"] == "green"
    assert "Grøn" in _markdown(at)
    assert len(at.get("vega_lite_chart")) == 1


def test_promote_asks_for_responsible_and_confirms_over_capacity(
        plan_id: int, duck_engine: Engine) -> None:
    set_board_settings(duck_engine, plan_id, 3, 3, 3, actor=SYSTEM)
    idea = add_idea(duck_engine, plan_id, "Robot til registrering", actor=SYSTEM)
    score_idea(duck_engine, idea.id, effect=4, resources=4, actor=SYSTEM)
    at = _open("pages/assessment.py")
    assert any("4 af 3" in w.value for w in at.warning)
    at.button(key="promote_go").click().run()
    assert any("Ansvarlig mangler" in e.value for e in at.error)
    plan_person(duck_engine, plan_id, "Mette Sørensen")
    at.run()
    at.selectbox(key="promote_responsible").set_value("Mette Sørensen").run()
    at.date_input(key="promote_deadline").set_value(TODAY + timedelta(days=14)).run()
    at.button(key="promote_go").click().run()
    assert any("Bekræft" in e.value for e in at.error)
    assert list_actions(duck_engine, plan_id) == []
    at.checkbox(key="promote_confirm").check().run()
    at.button(key="promote_go").click().run()
    assert not at.exception
    [action] = list_actions(duck_engine, plan_id)
    assert (action.responsible, action.idea_id, action.status) == (
        "Mette Sørensen", idea.id, "decided")
    assert capacity_check(duck_engine, plan_id).committed == 4
    assert any("flyttet til handleplanen" in s.value for s in at.success)


def test_rule_setting_changes_the_field(plan_id: int, duck_engine: Engine) -> None:
    idea = add_idea(duck_engine, plan_id, "Middel", actor=SYSTEM)
    score_idea(duck_engine, idea.id, effect=3, resources=3, actor=SYSTEM)
    at = _open("pages/assessment.py")
    at.number_input[0].set_value(4)
    at.number_input[1].set_value(4)
    next(b for b in at.button if b.label == "Gem regel og kapacitet").click()
    at.run()
    assert not at.exception
    assert ideas_frame(duck_engine, plan_id).iloc[0]["field"] == "orange"


def test_demo_pages_render(app_env: str, duck_engine: Engine) -> None:
    load_demo(duck_engine)
    for page in ("pages/ideas.py", "pages/assessment.py"):
        at = _open(page)
        assert not at.exception


def _score_rows(at: AppTest) -> list[str]:
    return [g.key for g in at.button_group if g.key.startswith("effect_")]


def test_score_rows_stay_put_while_scoring_and_unscored_come_first_on_opening(
        plan_id: int, duck_engine: Engine) -> None:
    first = add_idea(duck_engine, plan_id, "Første ide", actor=SYSTEM)
    second = add_idea(duck_engine, plan_id, "Anden ide", actor=SYSTEM)
    at = _open("pages/assessment.py")
    assert _score_rows(at) == [f"effect_{first.id}", f"effect_{second.id}"]
    at.button_group(key=f"effect_{first.id}").set_value(5).run()
    at.button_group(key=f"resources_{first.id}").set_value(1).run()
    assert ideas_frame(duck_engine, plan_id).set_index("id").loc[first.id, "field"] == "green"
    # Scored, but its row stays where the team's eyes and fingers are.
    assert _score_rows(at) == [f"effect_{first.id}", f"effect_{second.id}"]
    at.switch_page("pages/ideas.py").run()
    at.switch_page("pages/assessment.py").run()
    assert not at.exception
    assert _score_rows(at) == [f"effect_{second.id}", f"effect_{first.id}"]
