"""The goal field's pages, run in-process by Streamlit's AppTest on a real DuckDB file."""

from __future__ import annotations

import json
import re
from datetime import date

import pytest
from sqlalchemy import update
from sqlmodel import Session, select
from streamlit.testing.v1 import AppTest

from tests.support.accounts import signed_in_app
from tracking.config import REPO_ROOT
from tracking.demo import load_demo
from tracking.models import Indicator, Measurement, Plan

APP = str(REPO_ROOT / "dashboard" / "app.py")


def run_app(page: str | None = None, query: dict[str, str] | None = None,
            name: str | None = None) -> AppTest:
    at = signed_in_app(APP, default_timeout=60, name=name)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.run()
    if page:
        at.switch_page(page)
        at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.fixture
def demo(app_env, duck_engine):
    load_demo(duck_engine)
    with Session(duck_engine) as s:
        ksd = s.exec(select(Plan).where(Plan.name.startswith("KSD"))).one()
    return duck_engine, ksd


def texts(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [e.value for e in at.error] + \
        [s.value for s in at.success] + [w.value for w in at.warning] + \
        [i.value for i in at.info] + [h.value for h in at.title] + [h.value for h in at.subheader]
    return unescape("\n".join(str(p) for p in parts))


def unescape(markdown: str) -> str:
    """What a person reads: Markdown escapes (from md_escape) removed."""
    return re.sub(r"\\(.)", r"\1", markdown)


def charts(at: AppTest) -> list[dict]:
    return [json.loads(el.proto.spec) for el in at.get("vega_lite_chart")]


def test_goal_page_shows_a_chart_and_status_per_indicator(demo):
    _, ksd = demo
    at = run_app(query={"plan": str(ksd.id)})
    assert "Mål: KSD – sygedagpenge" in texts(at)
    specs = charts(at)
    assert len(specs) == 3
    assert [unescape(s.value) for s in at.subheader] == [
        "Andel ansøgninger via selvbetjening", "Sagsbehandlingstid (dage)", "Frigjorte årsværk"]
    body = texts(at)
    assert "I risiko" in body and "Mangler tal" in body and "På sporet" in body
    assert "80,5 %" in body  # Danish numbers beside the chart
    first = specs[0]
    assert first["config"]["locale"]["number"]["decimal"] == ","
    colours = json.dumps(first)
    assert "#6baed6" in colours and "#08306b" in colours  # light and dark blue lines


def test_language_switch_to_english(demo):
    _, ksd = demo
    at = run_app(query={"plan": str(ksd.id)})
    at.selectbox(key="lang").set_value("en").run()
    assert not at.exception
    assert "Goal: KSD – sygedagpenge" in texts(at)
    assert "At risk" in texts(at)


def test_empty_database_explains_what_to_do(app_env):
    at = run_app()
    assert "ingen planer" in texts(at)


def enter(at: AppTest, value: str, comment: str = "") -> AppTest:
    at.text_input(key="enter_value").input(value)
    at.text_area(key="enter_comment").input(comment)
    next(b for b in at.button if b.label == "Gem").click()
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_enter_a_figure_and_correct_it(demo):
    engine, ksd = demo
    at = run_app("pages/enter_figures.py", {"plan": str(ksd.id)}, name="Jonas Holm")
    assert at.selectbox(key="enter_month").value == date(2026, 10, 1)  # last closed month
    at.selectbox(key="enter_indicator").set_value(
        next(i.id for i in _indicators(engine, ksd.id) if i.unit == "days"))
    enter(at, "24,6", "Oktober fra fagsystemet")
    assert "Gemt: Sagsbehandlingstid (dage), okt. 2026: 24,6 dage." in texts(at)
    enter(at, "24,2", "rettet")
    assert "før 24,6 dage" in texts(at)
    with Session(engine) as s:
        m = s.exec(select(Measurement).where(Measurement.month == date(2026, 10, 1),
                                             Measurement.comment == "rettet")).one()
        assert (m.value, m.entered_by) == (24.2, "Jonas Holm")


@pytest.mark.parametrize(("value", "message"), [
    ("tolv", "»tolv« er ikke et tal"),
    ("-3", "kan ikke være negativ"),
    ("", "Skriv en værdi"),
    ("9" * 400, "Tallet er for stort"),
    ("NaN", "»NaN« er ikke et tal"),
    ("9.999.999.999", "Tallet er for stort"),  # more days than any case can take
])
def test_refused_figure_says_why_and_keeps_the_input(demo, value, message):
    engine, ksd = demo
    at = run_app("pages/enter_figures.py", {"plan": str(ksd.id)})
    with Session(engine) as s:
        before = len(s.exec(select(Measurement)).all())
    enter(at, value)
    assert message in texts(at)
    assert at.text_input(key="enter_value").value == value  # nothing the user typed is lost
    with Session(engine) as s:
        assert len(s.exec(select(Measurement)).all()) == before


def test_year_table_is_shown_with_nothing_to_save(demo):
    """AppTest cannot type into a data_editor; the batch rules behind its save button
    are tested in tests/tracking/test_goal_storage.py (all or nothing)."""
    engine, ksd = demo
    at = run_app("pages/enter_figures.py", {"plan": str(ksd.id)})
    first = min(i.id for i in _indicators(engine, ksd.id))
    assert f"grid_{first}_2026" in at.session_state  # this year's table of the indicator
    save = at.button(key="save_table")
    assert save.label == "Gem ændringer i tabellen (0)" and save.disabled


@pytest.mark.parametrize("stored", [float("inf"), float("-inf"), float("nan"), 1e300])
def test_a_figure_no_form_accepts_stored_by_an_older_version_shows(demo, stored):
    """An older database may hold an infinity (issue 21): Indtast tal, Mål and the year's
    table show it instead of crashing, and a new figure replaces it."""
    engine, ksd = demo
    with Session(engine) as s:
        m = s.exec(select(Measurement).join(Indicator).where(
            Indicator.plan_id == ksd.id, Indicator.unit == "days")
            .order_by(Measurement.month.desc())).first()
        ind_id, month = m.indicator_id, m.month
    with engine.begin() as c:  # as an older version wrote it: past today's checks
        c.execute(update(Measurement).where(Measurement.indicator_id == ind_id,
                                            Measurement.month == month).values(value=stored))
    at = run_app("pages/enter_figures.py", {"plan": str(ksd.id), "indikator": str(ind_id)})
    at.selectbox(key="enter_month").set_value(month)
    enter(at, "24,6")
    assert "24,6 dage" in texts(at)
    run_app("pages/goal.py", {"plan": str(ksd.id)})  # Mål draws it too


def _indicators(engine, plan_id: int) -> list[Indicator]:
    with Session(engine) as s:
        return list(s.exec(select(Indicator).where(Indicator.plan_id == plan_id)))


def test_plans_page_creates_a_plan_and_an_indicator(app_env, duck_engine):
    at = run_app("pages/plans.py")
    plan_name = next(t for t in at.text_input if t.label == "Planens navn")
    plan_name.input("Robot til fleksløn")
    next(b for b in at.button if b.label == "Opret plan").click()
    at.run()
    assert not at.exception
    with Session(duck_engine) as s:
        plan = s.exec(select(Plan)).one()
    assert plan.name == "Robot til fleksløn"
    # The indicator form refuses a missing direction: it is never guessed.
    at.text_input(key=f"ind_new_{plan.id}_name").input("Andel automatiseret")
    at.text_input(key=f"ind_new_{plan.id}_baseline").input("0")
    at.text_input(key=f"ind_new_{plan.id}_target").input("50")
    at.button(key=f"ind_new_{plan.id}_save").click()
    at.run()
    assert "Vælg om højere eller lavere er bedre" in texts(at)
    assert _indicators(duck_engine, plan.id) == []
    at.radio(key=f"ind_new_{plan.id}_direction").set_value("higher")
    at.button(key=f"ind_new_{plan.id}_save").click()
    at.run()
    assert not at.exception
    [ind] = _indicators(duck_engine, plan.id)
    assert (ind.name, ind.direction, ind.target_value) == ("Andel automatiseret", "higher", 50)
    assert "Indikatoren »Andel automatiseret« er gemt." in texts(at)


def test_saving_an_indicator_keeps_and_changes_its_owner_account(demo):
    engine, ksd = demo
    with Session(engine) as s:
        ind = s.exec(select(Indicator).where(Indicator.plan_id == ksd.id,
                                             Indicator.owner_user_id.is_not(None))).first()
    owner = ind.owner_user_id
    at = run_app("pages/plans.py", {"plan": str(ksd.id)})
    at.text_input(key=f"ind_{ind.id}_target").input("86")  # another field only
    at.button(key=f"ind_{ind.id}_save").click()
    at.run()
    assert not at.exception
    with Session(engine) as s:
        saved = s.get(Indicator, ind.id)
    assert (saved.target_value, saved.owner_user_id) == (86, owner)
    at.selectbox(key=f"ind_{ind.id}_owner_account").select_index(0)  # Ingen
    at.button(key=f"ind_{ind.id}_save").click()
    at.run()
    with Session(engine) as s:
        assert s.get(Indicator, ind.id).owner_user_id is None


def test_history_page_shows_the_plans_trail(demo):
    _, ksd = demo
    at = run_app("pages/history.py", {"plan": str(ksd.id)})
    assert f"Historik: {ksd.name}" in texts(at)
    [table] = at.dataframe
    shown = table.value
    assert len(shown) > 0 and {"Indikator", "Tal"} <= set(shown["Hvad"])
    at.selectbox(key="history_entity").set_value("measurement").run()
    assert set(at.dataframe[0].value["Hvad"]) == {"Tal"}
    [download] = at.get("download_button")  # the workbook is written when clicked
    assert download.proto.deferred_file_id and not download.proto.url
