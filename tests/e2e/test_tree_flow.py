"""Real browser: build a small benefit tree, compute a business case, apply its phase-in
to an indicator and see the new targets on the goal chart."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from playwright.sync_api import Page, expect

from tests.support.actors import SYSTEM
from tests.support.browser import signed_in_page, wait_for_streamlit
from tracking.config import duckdb_url
from tracking.db import dispose_engine, get_engine, init_schema
from tracking.services.plans import IndicatorInput, PlanInput, create_indicator, create_plan

PLAN = "Kørselsapp"
INDICATOR = "Besparelse på kørselsafregning"
HINTS = {"Teknologi": "Teknologi: løsningen", "Forandring": "Forandring: hvad løsningen",
         "Gevinst": "Gevinst: hvad forandringen"}  # the start of each kind's hint


def _prepare(tmp_path: Path) -> int:
    """The file `start_app` will use (its first server's): one plan, one kr. indicator."""
    url = duckdb_url(tmp_path / "app0.duckdb")
    engine = get_engine(url)
    init_schema(engine)
    plan = create_plan(engine, PlanInput(PLAN, date(2026, 1, 1), date(2027, 12, 1),
                                         solution="Kørselsapp"), actor=SYSTEM)
    create_indicator(engine, plan.id, IndicatorInput(
        name=INDICATOR, unit="kr", direction="higher", baseline_value=0,
        baseline_month=date(2025, 12, 1), target_value=12_000,
        target_start_month=date(2026, 1, 1), full_effect_month=date(2026, 12, 1)), actor=SYSTEM)
    dispose_engine(url)
    return plan.id


def _goto(page: Page, link: str, text: str) -> None:
    page.get_by_role("link", name=link).click()
    wait_for_streamlit(page, text)


def _add(page: Page, kind: str, name: str) -> None:
    choice = page.get_by_role("radio", name=kind, exact=True)  # the segmented "Type"
    if choice.get_attribute("aria-checked") != "true":  # a second click would unselect it
        choice.click()
    # The form's hint names the chosen kind once the rerun has drawn the form for it.
    expect(page.get_by_text(HINTS[kind])).to_be_visible()
    wait_for_streamlit(page)
    add = page.get_by_role("button", name="Tilføj", exact=True)
    expect(add).to_have_count(1)  # no stale copy of the form left
    page.get_by_label("Navn", exact=True).first.fill(name)  # the "Tilføj element" tab
    add.click()
    expect(page.get_by_text(f"Tilføjet: {name}.")).to_be_visible(timeout=20_000)


def _chart_labels(page: Page) -> list[str]:
    """The per-month marks of the goal chart as Vega describes them (what tooltips show)."""
    chart = page.locator('[data-testid="stVegaLiteChart"]').first
    expect(chart.locator("svg")).to_be_visible()
    return chart.locator("[aria-label]").evaluate_all(
        "els => els.map(e => e.getAttribute('aria-label'))")


def test_tree_business_case_and_phase_in_reach_the_goal_chart(start_app, page: Page,
                                                              tmp_path: Path) -> None:
    plan_id = _prepare(tmp_path)
    server = start_app(demo=False)
    signed_in_page(page, f"{server.url}/?plan={plan_id}", INDICATOR)
    before = _chart_labels(page)
    assert any("Måned: jan. 2026; Måltal: 1.000 kr." in label for label in before)

    # 1. A small tree: technology -> change -> economic benefit, linked left to right.
    _goto(page, "Gevinsttræ", "Træet er tomt")
    _add(page, "Teknologi", "Kørselsapp")
    _add(page, "Forandring", "Digital kørselsregistrering")
    _add(page, "Gevinst", "Sparer arbejde på kørselsafregning")
    expect(page.get_by_text("»Sparer arbejde på kørselsafregning« er ufuldstændig")
           ).to_be_visible()
    page.get_by_role("tab", name="Forbindelser").click()
    page.get_by_role("button", name="Forbind").click()  # Kørselsapp -> the only change
    expect(page.get_by_text("Forbundet: Kørselsapp → Digital kørselsregistrering.")
           ).to_be_visible(timeout=20_000)
    graph = page.locator('[data-testid="stGraphVizChart"] svg')
    expect(graph).to_contain_text("Kørselsapp")
    expect(graph).to_contain_text("Gevinster")
    assert graph.locator("g.edge").count() == 1
    page.screenshot(path=tmp_path / "tree.png", full_page=True)

    # 2. A business case: 2 FTE, a fixed 40 % potential, linear over 3 months.
    _goto(page, "Business case", "ikke gemt endnu")
    page.get_by_label("Årsværk på opgaven").fill("2")
    page.get_by_text("Fast andel", exact=True).click()
    page.get_by_label("Måneder til fuld effekt").fill("3")
    page.get_by_label("Månedsløn (kr.)").fill("-30000")
    page.get_by_role("button", name="Gem business case").click()
    expect(page.get_by_text("Månedslønnen må ikke være under 0")).to_be_visible(
        timeout=20_000)
    page.get_by_label("Månedsløn (kr.)").fill("30000")
    page.get_by_role("button", name="Gem business case").click()
    expect(page.get_by_text("Business casen er gemt.")).to_be_visible(timeout=20_000)
    # 2 × 40 % × 541.200 kr. = 432.960 kr. a year.
    expect(page.get_by_text("432.960 kr.")).to_be_visible()
    page.screenshot(path=tmp_path / "business_case.png", full_page=True)

    # 3. One click: the phase-in becomes the indicator's targets.
    page.get_by_role("button", name="Overfør indfasningen til indikatorerne").click()
    expect(page.get_by_text(f"Måltallene for »{INDICATOR}« følger nu business casen")
           ).to_be_visible(timeout=20_000)

    # 4. The goal chart shows the new target line: 1/3, 2/3, then all of 36.080 kr.
    _goto(page, "Mål", INDICATOR)
    after = _chart_labels(page)
    for month, target in [("jan. 2026", "12.027 kr."), ("feb. 2026", "24.053 kr."),
                          ("mar. 2026", "36.080 kr."), ("okt. 2026", "36.080 kr.")]:
        assert any(f"Måned: {month}; Måltal: {target}" in label for label in after), month
    assert after != before
    page.screenshot(path=tmp_path / "goal.png", full_page=True)
