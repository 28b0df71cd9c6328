"""AppTests of Gevinsttræ, Business case and Temaer (and the theme count on Mål)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select
from streamlit.testing.v1 import AppTest

from tests.support.accounts import plan_person, signed_in_app
from tests.support.actors import SYSTEM
from tracking.demo import load_demo
from tracking.models import PlanTheme
from tracking.readmodel.business_case import get_business_case
from tracking.readmodel.plans import get_indicator, list_indicators, list_plans
from tracking.readmodel.themes import read_themes
from tracking.readmodel.tree import read_tree
from tracking.services.plans import IndicatorInput, PlanInput, create_indicator, create_plan

APP = str(Path(__file__).resolve().parents[2] / "dashboard" / "app.py")


def _app(plan_id: int, page: str) -> AppTest:
    at = signed_in_app(APP, default_timeout=30, name="Tester")
    at.session_state["plan_id"] = plan_id
    at.run()
    at.switch_page(page)
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def _by_label(widgets, label: str):  # AppTest widget lists
    return next(w for w in widgets if w.label == label)


def _ksd(engine: Engine) -> int:
    load_demo(engine)
    return next(p.id for p in list_plans(engine) if p.name.startswith("KSD"))


def _empty_plan(engine: Engine) -> int:
    plan = create_plan(engine, PlanInput("Tom plan", date(2026, 1, 1), date(2027, 12, 1)),
                       actor=SYSTEM)
    create_indicator(engine, plan.id, IndicatorInput(
        name="Frigjorte årsværk", unit="fte", direction="higher", baseline_value=0,
        baseline_month=date(2025, 12, 1), target_value=2, target_start_month=date(2026, 1, 1),
        full_effect_month=date(2026, 12, 1)), actor=SYSTEM)
    return plan.id


def _texts(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    parts += [e.value for kind in ("success", "warning", "error", "info") for e in at.get(kind)]
    # Markdown escapes (added by md_escape) are not what a user reads.
    return "\n".join(str(p) for p in parts).replace("\\", "")


def test_tree_page_draws_the_demo_tree(app_env: str, duck_engine: Engine) -> None:
    plan_id = _ksd(duck_engine)
    at = _app(plan_id, "pages/tree.py")
    assert at.title[0].value.startswith("Gevinsttræ: KSD")
    chart = at.get("graphviz_chart")
    assert len(chart) == 1
    spec = chart[0].proto.spec
    assert "rankdir=LR" in spec and "Økonomisk råderum" in spec
    assert "Alle gevinster har en gevinstansvarlig" in _texts(at)


def test_tree_page_builds_a_tree(app_env: str, duck_engine: Engine) -> None:
    plan_id = _empty_plan(duck_engine)
    at = _app(plan_id, "pages/tree.py")
    assert "Træet er tomt" in _texts(at)
    _by_label(at.text_input, "Navn").set_value('KSD "ny"')
    _by_label(at.button, "Tilføj").click().run()
    assert not at.exception
    assert 'Tilføjet: KSD "ny".' in _texts(at)
    # A change, then a benefit without owner: the benefit is flagged incomplete.
    at.get("button_group")[0].set_value("change").run()
    _by_label(at.text_input, "Navn").set_value("Digital kommunikation")
    _by_label(at.button, "Tilføj").click().run()
    at.get("button_group")[0].set_value("benefit").run()
    _by_label(at.text_input, "Navn").set_value("Sparer genindtastning")
    _by_label(at.selectbox, "Gevinstansvarlig").set_value(None)
    _by_label(at.button, "Tilføj").click().run()
    assert not at.exception, [e.message for e in at.exception]
    tree = read_tree(duck_engine, plan_id)
    assert [n.kind for n in tree.nodes] == ["technology", "change", "benefit"]
    assert "»Sparer genindtastning« er ufuldstændig" in _texts(at)
    # Link technology -> change through the links tab.
    names = {n.id: n.name for n in tree.nodes}
    tech = next(i for i, n in names.items() if n.startswith("KSD"))
    change = next(i for i, n in names.items() if n.startswith("Digital"))
    at.selectbox(key="tree_link_source").set_value(tech).run()
    _by_label(at.selectbox, "Til").set_value(change).run()
    at.button(key="tree_link_button").click().run()
    assert not at.exception
    assert [(link.source_id, link.target_id) for link in read_tree(duck_engine, plan_id).links] \
        == [(tech, change)]
    assert f'"n{tech}" -> "n{change}"' in at.get("graphviz_chart")[0].proto.spec


def test_business_case_page_shows_the_demo_case(app_env: str, duck_engine: Engine) -> None:
    plan_id = _ksd(duck_engine)
    at = _app(plan_id, "pages/business_case.py")
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Potentiale"] == "39,6 %"
    assert metrics["Frigjorte årsværk"] == "3,96"
    assert metrics["Personalepotentiale pr. år"] == "2.143.152 kr."
    assert metrics["Tilbagebetalt (måned 14)"] == "feb. 2026"
    assert len(at.get("vega_lite_chart")) == 1
    # The tree's economic benefits are measured by "Frigjorte årsværk": preselected.
    chosen = at.multiselect(key="bc_apply_indicators").value
    assert [get_indicator(duck_engine, i).name for i in chosen] == ["Frigjorte årsværk"]
    hour_table = at.dataframe[0].value
    assert "469 kr." in hour_table.iloc[:, 1].tolist()  # kr. per effective hour, 30.000 kr.


def test_business_case_page_refuses_bad_input_then_saves_and_applies(
        app_env: str, duck_engine: Engine) -> None:
    plan_id = _empty_plan(duck_engine)
    ind_id = list_indicators(duck_engine, plan_id)[0].id
    at = _app(plan_id, "pages/business_case.py")
    assert "ikke gemt endnu" in _texts(at)
    # Danish notation in the fields a person types in (issue 19: not "17.0", "600000")
    assert at.text_input(key="bc_pension").value == "17,0"
    assert at.text_input(key="bc_effective").value == "60,0"
    assert at.text_input(key="bc_overhead").value == "120.000"
    at.text_input(key="bc_salary").input("-25.000")
    at.button(key=f"FormSubmitter:bc_form_{plan_id}_0-Gem business case").click().run()
    assert "Månedslønnen må ikke være under 0" in _texts(at)
    assert get_business_case(duck_engine, plan_id) is None

    at.text_input(key="bc_salary").input("30.000")
    at.text_input(key="bc_effective").input("120")
    at.button(key=f"FormSubmitter:bc_form_{plan_id}_0-Gem business case").click().run()
    assert "effektive andel af løntimerne er 120 %" in _texts(at)

    at.text_input(key="bc_effective").input("60,0")
    at.text_input(key="bc_fte").input("5")
    at.button(key=f"FormSubmitter:bc_form_{plan_id}_0-Gem business case").click().run()
    assert not at.exception
    assert "Business casen er gemt" in _texts(at)
    stored = get_business_case(duck_engine, plan_id)
    assert stored is not None and stored.fte == 5.0 and stored.monthly_salary == 30_000

    at.button(key="bc_apply").click().run()
    assert not at.exception
    assert "følger nu business casen" in _texts(at)
    assert at.multiselect(key="bc_apply_indicators").value == [ind_id]  # preset: the first
    ind = get_indicator(duck_engine, ind_id)
    assert ind.phase_in == "explicit"
    assert ind.target_value == pytest.approx(1.98)  # 5 FTE × 39,6 %


def test_themes_page_saves_and_goal_page_counts(app_env: str, duck_engine: Engine) -> None:
    plan_id = _empty_plan(duck_engine)
    mette = plan_person(duck_engine, plan_id, "Mette Sørensen")
    at = _app(plan_id, "pages/themes.py")
    assert "0 af 6 temaer er færdige" in at.get("progress")[0].proto.text
    prefix = f"theme_{plan_id}_channel_0"
    at.text_area(key=f"{prefix}_q1").set_value("Sygemeldte borgere, mest fra mobilen")
    at.radio(key=f"{prefix}_status").set_value("done")
    at.selectbox(key=f"{prefix}_resp").set_value("Mette Sørensen")
    _by_label(at.button, "Gem tema").click().run()
    assert not at.exception
    assert "Gemt: Kanalstrategi og påvirkning." in _texts(at)
    state = read_themes(duck_engine, plan_id)[0]
    assert (state.status, state.responsible, state.updated_by) == ("done", "Mette Sørensen",
                                                                   "Tester")
    with Session(duck_engine) as s:
        row = s.exec(select(PlanTheme).where(PlanTheme.plan_id == plan_id)).one()
    assert row.responsible_user_id == mette.id
    assert state.answers == {"q1": "Sygemeldte borgere, mest fra mobilen"}

    at.switch_page("pages/goal.py").run()
    assert "Temaer: 1/6 færdige" in _texts(at)


def test_pages_in_english(app_env: str, duck_engine: Engine) -> None:
    plan_id = _ksd(duck_engine)
    for page, title in [("pages/tree.py", "Benefit tree"),
                        ("pages/business_case.py", "Business case"),
                        ("pages/themes.py", "Themes")]:
        at = signed_in_app(APP, default_timeout=30)
        at.session_state["plan_id"] = plan_id
        at.session_state["lang"] = "en"
        at.run()
        at.switch_page(page).run()
        assert not at.exception, [e.message for e in at.exception]
        assert at.title[0].value.startswith(title)


def test_tree_page_edits_and_archives(app_env: str, duck_engine: Engine) -> None:
    plan_id = _ksd(duck_engine)
    tree = read_tree(duck_engine, plan_id)
    benefit = next(n for n in tree.nodes if n.name == "Kortere sagsbehandlingstid")
    at = _app(plan_id, "pages/tree.py")
    at.selectbox(key="tree_edit_node").set_value(benefit.id).run()
    key = f"tree_edit_{benefit.id}_{benefit.version}"
    at.selectbox(key=f"{key}_owner").set_value(None)
    at.multiselect(key=f"{key}_inds").set_value([])
    at.button(key=f"FormSubmitter:{key}-Gem").click().run()
    assert not at.exception, [e.message for e in at.exception]
    assert "Gemt: Kortere sagsbehandlingstid." in _texts(at)
    assert ("»Kortere sagsbehandlingstid« er ufuldstændig: den mangler gevinstansvarlig, "
            "indikator") in _texts(at)
    assert read_tree(duck_engine, plan_id).incomplete() == {benefit.id: ["owner", "indicator"]}

    at.selectbox(key="tree_edit_node").set_value(benefit.id).run()
    at.button(key=f"tree_archive_{benefit.id}").click().run()
    assert "Arkiveret: Kortere sagsbehandlingstid" in _texts(at)
    after = read_tree(duck_engine, plan_id)
    assert benefit.id not in {n.id for n in after.nodes}
    assert len(after.links) == len(tree.links) - 4  # its 2 incoming and 2 outgoing links


def test_a_member_is_told_why_themes_have_no_form(app_env: str, duck_engine: Engine) -> None:
    from tests.support.accounts import TEST_ACTOR, ensure_account
    from tracking.services.users import set_membership

    plan_id = _ksd(duck_engine)
    user = ensure_account(duck_engine, "laeser@test.example", "Læser", "et-langt-kodeord")
    set_membership(duck_engine, plan_id, user.id, "member", actor=TEST_ACTOR)
    at = signed_in_app(APP, email="laeser@test.example", password="et-langt-kodeord")
    at.session_state["plan_id"] = plan_id
    at.run()
    at.switch_page("pages/themes.py").run()
    assert not at.exception
    # A member cannot change the themes: no form is offered (issue 21), and the page
    # says why in words, not with a raw key.
    assert not [b for b in at.button if b.label == "Gem tema"]
    notes = [i.value for i in at.info]
    assert any("Medlem" in n and "facilitator" in n for n in notes), notes
    assert not any("access." in n or "field." in n for n in notes), notes
