"""The harvest section of the business case page and the harvest on Oversigt (AppTest on
the demo, a real DuckDB file). Sums by hand: see tests/tracking/test_harvest.py."""

from __future__ import annotations

from sqlalchemy import Engine

from tests.app.test_goal_pages import texts
from tests.app.test_overview_page import open_overview
from tests.app.test_tree_pages import _app, _ksd
from tracking.readmodel.harvest_lines import list_harvests


def _submit(at, plan_id: int, form: str, label: str):
    return at.button(key=f"FormSubmitter:harvest_form_{plan_id}_{form}-{label}").click().run()


def test_record_a_harvest_on_the_business_case_page(app_env: str, duck_engine: Engine) -> None:
    plan_id = _ksd(duck_engine)
    at = _app(plan_id, "pages/business_case.py")
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Hjemtaget"] == "270.600 kr."
    assert metrics["Besluttet"] == "541.200 kr."
    assert metrics["Råderum"] == "757.680 kr."
    assert metrics["Realiseret til dato"] == "1,6 mio. kr."
    # A refused amount: a Danish sentence naming the field, nothing saved.
    at.text_input(key="harvest_amount_None_0").set_value("0")
    _submit(at, plan_id, "None_0", "Gem hjemtagning")
    assert "Beløb: Beløbet skal være et positivt tal" in texts(at)
    assert len(list_harvests(duck_engine, plan_id)) == 3
    # Decided without a decision text is refused too; with one it is saved.
    at.text_input(key="harvest_amount_None_0").set_value("100.000")
    at.selectbox(key="harvest_status_None_0").select("decided")
    _submit(at, plan_id, "None_0", "Gem hjemtagning")
    assert "Skriv beslutningen" in texts(at)
    at.text_area(key="harvest_decision_None_0").set_value("Indarbejdet i budget 2027")
    _submit(at, plan_id, "None_0", "Gem hjemtagning")
    assert not at.exception
    assert "Hjemtagningen er gemt." in texts(at)
    new = max(list_harvests(duck_engine, plan_id), key=lambda h: h.id)
    assert (new.amount, new.status, new.approved_by) == (100_000, "decided",
                                                         "Tester")
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Besluttet"] == "641.200 kr."
    assert metrics["Råderum"] == "657.680 kr."


def test_overview_shows_planned_realised_and_harvested(app_env: str,
                                                       duck_engine: Engine) -> None:
    _ksd(duck_engine)
    at = open_overview()
    shown = texts(at)
    assert ("Planlagt i business case: 2,2 mio. kr. · realiseret: 1,6 mio. kr. · "
            "hjemtaget: 270.600 kr. · besluttet: 541.200 kr. · råderum: 757.680 kr.") in shown
    assert "Hjemtaget: 270.600 kr. · besluttet: 541.200 kr. · råderum: 757.680 kr." in shown
