"""The Oversigt page, run in-process by AppTest on the demo (real DuckDB file)."""

from __future__ import annotations

from datetime import date

from streamlit.testing.v1 import AppTest

from tests.app.test_goal_pages import texts
from tests.support.accounts import signed_in_app
from tests.support.actors import SYSTEM
from tracking.clock import today
from tracking.config import REPO_ROOT
from tracking.demo import load_demo
from tracking.readmodel.overview import plan_overview
from tracking.readmodel.portfolio import STATUSES
from tracking.reports.labels import STATUS_GLYPHS
from tracking.services.plans import PlanInput, create_plan

APP = str(REPO_ROOT / "dashboard" / "app.py")


def open_overview() -> AppTest:
    at = signed_in_app(APP, default_timeout=60)
    at.run()
    at.switch_page("pages/overview.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_overview_shows_each_plan_attention_first(app_env, duck_engine):
    load_demo(duck_engine)
    create_plan(duck_engine, PlanInput(name="Tom plan", department="Børn og Unge",
                                       start_month=date(2026, 1, 1), end_month=date(2026, 12, 1)),
                actor=SYSTEM)
    at = open_overview()
    shown = texts(at)
    assert "Oversigt over alle planer" in shown
    assert "3 planer · 0 bagud · 1 mangler tal · 0 i risiko · 1 på sporet" in shown
    # Budget effects only: the freed FTE, (2,9 − 1,0) × 541.200 kr. of (3,0 − 1,0) × 541.200.
    assert "realiseret 1,0 mio. kr. af planlagt 1,1 mio. kr." in shown
    # The arrears are shown apart: 1.411.741 − 957.074 kr. to date.
    assert "Uden budgetvirkning: realiseret 454.667 kr. af planlagt 469.096 kr." in shown
    # Badges in the order of attention: missing figure, overdue actions, no indicators.
    badges = [m.value for m in at.markdown if "-background[" in m.value]
    assert ["Mangler tal" in badges[0], "Overskredne handlinger" in badges[1],
            "Ingen indikatorer" in badges[2]] == [True, True, True]
    assert "Planen har ingen indikatorer endnu" in "\n".join(c.value for c in at.caption)
    # One button per indicator, opening its chart.
    labels = [b.label for b in at.button]
    assert any("Sagsbehandlingstid" in label for label in labels)
    assert any("Restancer" in label for label in labels)


def test_filter_by_department_and_compact_table(app_env, duck_engine):
    load_demo(duck_engine)
    at = open_overview()
    at.selectbox(key="ov_department").select("Økonomi og Personale").run()
    assert not at.exception
    shown = texts(at)
    assert "1 plan ·" in shown and "KSD" not in "\n".join(b.label for b in at.button)
    at.toggle(key="ov_compact").set_value(True).run()
    assert not at.exception
    table = at.dataframe[0].value
    assert list(table["plan"]) == ["Fakturaautomatisering (RPA)"]
    assert table.iloc[0]["status"] == "! Overskredne handlinger"


def test_indicator_click_opens_its_chart(app_env, duck_engine):
    load_demo(duck_engine)
    at = open_overview()
    before = len(at.get("vega_lite_chart"))  # the economy chart
    button = next(b for b in at.button if "Restancer" in b.label)
    button.click().run()
    assert not at.exception
    assert len(at.get("vega_lite_chart")) == before + 1
    assert "Restancer · Fakturaautomatisering (RPA)" in texts(at)


def test_empty_database_says_so(app_env):
    at = open_overview()
    assert "Der er ingen aktive planer." in texts(at)


def _indicators_column(at: AppTest) -> dict[str, str]:
    table = at.dataframe[0].value
    return dict(zip(table["plan"], table["indicators"], strict=True))


def test_many_plans_are_a_portfolio_with_groups_search_and_drill_down(app_env, duck_engine,
                                                                       monkeypatch):
    """Above the threshold (lowered here to 2 plans) Oversigt groups the plans."""
    monkeypatch.setenv("GEVINST_PORTFOLIO_ABOVE", "2")
    load_demo(duck_engine)
    for name, town in [("Tom plan", "Aarhus Kommune"), ("Anden plan", "Aarhus Kommune")]:
        create_plan(duck_engine, PlanInput(name=name, department="Børn og Unge",
                                           municipality=town, start_month=date(2026, 1, 1),
                                           end_month=date(2026, 12, 1)), actor=SYSTEM)
    at = open_overview()
    assert "4 planer: vist som portefølje" in "\n".join(c.value for c in at.caption)
    groups = at.dataframe[0].value
    assert list(groups["group"]) == ["(ingen)", "Aarhus Kommune"]  # the demo has no town
    assert list(groups["plans"]) == [2, 2]
    at.selectbox(key="ov_group").select("department").run()
    assert not at.exception
    by_department = at.dataframe[0].value
    assert "Børn og Unge" in list(by_department["group"])
    assert int(by_department["plans"].sum()) == 4
    # A drill-down into one department lists its plans, attention first.
    at.session_state["pf_group"] = ("department", "Børn og Unge")
    at.run()
    assert not at.exception
    assert "Planer i Børn og Unge" in texts(at)
    assert set(at.dataframe[0].value["plan"]) >= {"Tom plan", "Anden plan"}
    shown = _indicators_column(at)
    assert [shown["Tom plan"], shown["Anden plan"]] == ["–", "–"]  # no indicators
    # The demo's plans (no town), each with its indicators counted by status: the
    # same as counting the overview's indicator rows.
    at.selectbox(key="ov_group").select("municipality")
    at.session_state["pf_group"] = ("municipality", "")
    at.run()
    assert not at.exception
    shown = _indicators_column(at)
    ov = plan_overview(duck_engine, today())
    names = dict(zip(ov.plans["plan_id"], ov.plans["plan"], strict=True))
    expected = {names[plan_id]: "  ".join(
        f"{STATUS_GLYPHS[s]}{n}" for s in STATUSES
        if (n := int((rows["status"] == s).sum())))
        for plan_id, rows in ov.indicators.groupby("plan_id")}
    assert len(expected) == 2 and shown == expected
    assert all(shown.values())  # the demo's plans have figures in some status
    # A search by name, whatever the case.
    at.text_input(key="pf_search").input("ANDEN").run()
    assert not at.exception
    assert list(at.dataframe[0].value["plan"]) == ["Anden plan"]
    at.text_input(key="pf_search").input("findes ikke").run()
    assert "Ingen aktive planer har «findes ikke» i navnet." in texts(at)
