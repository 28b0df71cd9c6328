"""The overview's read model on a small hand-computed municipality, on DuckDB and
PostgreSQL alike (the `engine` fixture runs every test on both).

On 15 May 2026 the latest closed month is April 2026; the year to date is Jan–Apr.
Plan A (D1/X): a cost in kr. (lower is better) 100 -> 80 over Jan–Apr (targets 95, 90,
  85, 80; figures 96, 92, 88, 83) and FTE 0 -> 2 (targets 0,5 1 1,5 2; figures 0,5 1
  1,5 1,5) with a business case of 30.000 kr./month, 17 % pension, 120.000 overhead =
  541.200 kr. per FTE = 45.100 kr. per FTE-month. One overdue action, meetings.
Plan B (D1/Y): 1.000 kr. 0 -> 10 from Dec 2025 (figures 10 every month) and a share whose
  target equals its baseline (50 -> 50, figure 50). Dec 2025 – Jun 2026.
Plan C (D2): no indicators. Plan D (D2): starts Aug 2026, FTE without a business case.
Plan E (D2): a count with no figure for April.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pandas as pd
import pytest
from sqlalchemy import Engine

from tests.support.actors import SYSTEM, who
from tracking import clock
from tracking.auth import bind
from tracking.db import session_scope
from tracking.errors import ValidationError
from tracking.kept_status import current_closed_month
from tracking.models import Action, BusinessCaseRecord, Meeting
from tracking.readmodel.overview import economic_rollup, plan_overview
from tracking.services.measurements import FigureInput, record_actuals
from tracking.services.plans import (
    IndicatorInput,
    PlanInput,
    create_indicator,
    create_plan,
    update_plan,
)

ON = date(2026, 5, 15)
NOW = datetime(2026, 5, 15, 12, tzinfo=UTC)
M = [date(2026, m, 1) for m in range(1, 13)]  # M[0] = Jan 2026


@pytest.fixture(autouse=True, params=["kept", "live"])
def read_path(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Every test twice: with the clock in May 2026 the overview reads the kept rows
    (`indicator_status`); with the real clock (another month) it computes them live."""
    if request.param == "kept":
        monkeypatch.setenv(clock.PIN_VAR, ON.isoformat())
        monkeypatch.delenv(clock.SINCE_VAR, raising=False)
    return request.param


def _plan(engine, name, department, area, start, end):
    return create_plan(engine, PlanInput(name=name, department=department, area=area,
                                         start_month=start, end_month=end,
                                         benefit_owner=f"Ejer {name}"), actor=SYSTEM).id


def _indicator(engine, plan_id, name, unit, direction, baseline, target, start, full):
    return create_indicator(engine, plan_id, IndicatorInput(
        name=name, unit=unit, direction=direction, baseline_value=baseline,
        baseline_month=date(2025, 11, 1), target_value=target, target_start_month=start,
        full_effect_month=full), actor=SYSTEM).id


def _figures(engine, indicator_id, values: dict[date, float]):
    record_actuals(engine, [FigureInput(indicator_id, m, v) for m, v in values.items()],
                   actor=who("test"), on=ON)


@pytest.fixture
def town(engine: Engine) -> dict[str, int]:
    a = _plan(engine, "A", "D1", "X", M[0], M[11])
    cost = _indicator(engine, a, "Omkostning", "kr", "lower", 100, 80, M[0], M[3])
    _figures(engine, cost, {M[0]: 96, M[1]: 92, M[2]: 88, M[3]: 83})
    fte = _indicator(engine, a, "Årsværk", "fte", "higher", 0, 2, M[0], M[3])
    _figures(engine, fte, {M[0]: 0.5, M[1]: 1, M[2]: 1.5, M[3]: 1.5})
    b = _plan(engine, "B", "D1", "Y", date(2025, 12, 1), M[5])
    tkr = _indicator(engine, b, "Besparelse", "tkr", "higher", 0, 10, date(2025, 12, 1),
                     date(2025, 12, 1))
    _figures(engine, tkr, {date(2025, 12, 1): 10, **{m: 10 for m in M[:4]}})
    flat = _indicator(engine, b, "Andel", "pct", "higher", 50, 50, M[0], M[3])
    _figures(engine, flat, {M[3]: 50})
    c = _plan(engine, "C", "D2", "", M[0], M[11])
    d = _plan(engine, "D", "D2", "", M[7], M[11])
    _indicator(engine, d, "Årsværk senere", "fte", "higher", 0, 1, M[7], M[11])
    e = _plan(engine, "E", "D2", "", M[0], M[11])
    count = _indicator(engine, e, "Antal", "count", "higher", 10, 20, M[0], M[3])
    _figures(engine, count, {M[0]: 13, M[1]: 15, M[2]: 18})
    with session_scope(engine) as s:
        bind(s, SYSTEM)  # meetings are audited like every write
        s.add(BusinessCaseRecord(plan_id=a, monthly_salary=30000, pension_rate=0.17,
                                 overhead=120000, paid_hours=1924, effective_share=0.6,
                                 fte=10, phase_in_start=M[0]))
        for status, deadline, archived in [("decided", date(2026, 5, 1), None),
                                           ("started", date(2026, 5, 14), None),
                                           ("finished", date(2026, 4, 1), None),
                                           ("decided", date(2026, 5, 20), None),
                                           ("decided", date(2026, 4, 1), NOW)]:
            s.add(Action(plan_id=a, title="x", responsible="y", deadline=deadline,
                         decided_on=date(2026, 3, 1), status=status, archived_at=archived))
        for held, closed in [(date(2026, 5, 10), NOW),
                             (date(2026, 5, 14), None), (date(2026, 5, 20), None)]:
            s.add(Meeting(plan_id=a, held_on=held, closed_at=closed))
    return {"A": a, "B": b, "C": c, "D": d, "E": e}


def _row(ov, plan_id):
    return ov.plans.set_index("plan_id").loc[plan_id]


def test_attention_first_then_on_track_then_not_started(engine, town):
    ov = plan_overview(engine, ON)
    assert list(ov.plans["plan"]) == ["A", "E", "C", "B", "D"]
    assert list(ov.plans["status"]) == ["off_track", "missing", "no_indicators", "on_track",
                                        "not_started"]
    assert ov.closed_month == M[3] and ov.year_start == M[0]


def test_the_plans_counts_agree_with_the_indicator_rows_read_on_first_use(engine, town):
    """The plans carry their counts per status (a page of plans needs no indicator
    rows); the rows themselves are read once, and a copy of the overview shares them."""
    ov = plan_overview(engine, ON)
    copy = replace(ov, plans=ov.plans.iloc[::-1])
    assert copy.indicators is ov.indicators and copy.economics is ov.economics
    counts = ov.indicators.groupby("plan_id")["status"].value_counts().unstack(fill_value=0)
    for _, plan in ov.plans.iterrows():
        row = counts.loc[plan["plan_id"]] if plan["plan_id"] in counts.index else {}
        for status in ("on_track", "at_risk", "off_track", "missing", "not_started"):
            assert plan[status] == int(row.get(status, 0)), (plan["plan"], status)
        assert plan["indicators"] == sum(int(row.get(s, 0)) for s in counts.columns)


def test_indicator_status_trend_and_counts(engine, town):
    ov = plan_overview(engine, ON)
    ind = ov.indicators.set_index("indicator")
    # 83 against 80 from 100: 17/20 = 85 % of the planned fall -> at risk; 88 -> 83 fell,
    # which is better for a cost.
    assert ind.loc["Omkostning", "status"] == "at_risk"
    assert ind.loc["Omkostning", "attainment"] == pytest.approx(0.85)
    assert (ind.loc["Omkostning", "trend"], ind.loc["Omkostning", "movement"]) == \
        ("better", "down")
    assert ind.loc["Årsværk", "status"] == "off_track"  # 1,5 of 2: 75 %
    assert ind.loc["Årsværk", "trend"] == "flat"
    assert ind.loc["Andel", "status"] == "on_track"  # target = baseline: 50 >= 50
    assert ind["attainment"].isna()["Andel"]  # no planned improvement: no division
    assert ind.loc["Antal", "status"] == "missing"
    assert ind.loc["Årsværk senere", "status"] == "not_started"
    a = _row(ov, town["A"])
    assert (a["indicators"], a["at_risk"], a["off_track"]) == (2, 1, 1)
    assert a["overdue_actions"] == 2  # decided 1 May and started 14 May; not the others
    assert a["last_meeting"] == date(2026, 5, 14)  # the open one counts; not the future one
    assert _row(ov, town["C"])["last_meeting"] is None


def test_economic_benefit_per_plan(engine, town):
    ov = plan_overview(engine, ON)
    a = _row(ov, town["A"])
    per_fte_month = (30000 * 12 * 1.17 + 120000) / 12  # 45.100 kr.
    # Cost: saved 4+8+12+17 = 41 of planned 5+10+15+20 = 50; whole year 50 + 8 x 20.
    # FTE: 0,5+1+1,5+1,5 = 4,5 of 5 FTE-months; whole year 5 + 8 x 2 = 21.
    assert a["realised_ytd"] == pytest.approx(41 + 4.5 * per_fte_month)
    assert a["planned_ytd"] == pytest.approx(50 + 5 * per_fte_month)
    assert a["realised_to_date"] == pytest.approx(a["realised_ytd"])
    assert a["planned_total"] == pytest.approx(210 + 21 * per_fte_month)
    b = _row(ov, town["B"])
    # 1.000 kr.: 10 a month from Dec 2025; the year to date is Jan–Apr only.
    assert (b["realised_ytd"], b["planned_ytd"]) == (40_000, 40_000)
    assert (b["realised_to_date"], b["planned_to_date"], b["planned_total"]) == \
        (50_000, 50_000, 70_000)
    d = _row(ov, town["D"])
    assert (d["money_indicators"], d["unconverted_fte"], d["planned_total"]) == (1, 1, 0)
    per_indicator = economic_rollup(engine, ON)
    assert per_indicator["unconverted"].sum() == 1


def test_a_plan_without_money_indicators_has_no_economic_rows(engine, town):
    # Mål reads this per plan and indexes it by indicator_id (it crashed at scale L,
    # where the first plan has no money indicator).
    for plan in ("C", "E"):
        rows = economic_rollup(engine, ON, plan_id=town[plan])
        assert rows.empty and "indicator_id" in rows.set_index("indicator_id").index.names


def test_sums_per_department_and_total(engine, town):
    ov = plan_overview(engine, ON)
    dep = ov.departments.set_index("department")
    per_fte_month = 45_100
    assert dep.loc["D1", "realised_ytd"] == pytest.approx(41 + 4.5 * per_fte_month + 40_000)
    assert dep.loc["D1", "planned_ytd"] == pytest.approx(50 + 5 * per_fte_month + 40_000)
    assert dep.loc["D2", "realised_ytd"] == 0 and dep.loc["D2", "unconverted_fte"] == 1
    assert ov.total["realised_ytd"] == pytest.approx(dep["realised_ytd"].sum())
    assert ov.total["planned_total"] == pytest.approx(dep["planned_total"].sum())


def test_filters_by_department_and_area(engine, town):
    eng = engine
    assert list(plan_overview(eng, ON, department="D2").plans["plan"]) == ["E", "C", "D"]
    only = plan_overview(eng, ON, department="D1", area="Y")
    assert list(only.plans["plan"]) == ["B"]
    assert list(only.indicators["indicator"]) == ["Besparelse", "Andel"]
    assert only.total["realised_ytd"] == 40_000
    assert plan_overview(eng, ON, department="nowhere").plans.empty


def test_an_empty_database_gives_an_empty_overview(engine):
    ov = plan_overview(engine, ON)
    assert ov.plans.empty and ov.indicators.empty and ov.departments.empty
    assert ov.total["realised_ytd"] == 0


def test_department_is_saved_trimmed_and_bounded(engine):
    plan = create_plan(engine, PlanInput(name="P", department="  Børn og Unge ", area="Skoler",
                                         start_month=M[0], end_month=M[11]), actor=SYSTEM)
    assert (plan.department, plan.area) == ("Børn og Unge", "Skoler")
    with pytest.raises(ValidationError) as err:
        update_plan(engine, plan.id, PlanInput(name="P", department="x" * 201,
                                               start_month=M[0], end_month=M[11]), actor=SYSTEM)
    assert err.value.field == "department"


def _same(kept, live):
    kept, live = kept.reset_index(drop=True), live.reset_index(drop=True)
    pd.testing.assert_frame_equal(kept.astype(object).where(kept.notna(), None),
                                  live.astype(object).where(live.notna(), None),
                                  check_dtype=False)


# Only with the clock in May 2026: with another month both reads would be computed live.
@pytest.mark.parametrize("read_path", ["kept"], indirect=True)
@pytest.mark.parametrize("day", [3, 15])  # before and after the reporting deadline
def test_the_kept_rows_give_the_live_overview(engine, town, day):
    on = date(2026, 5, day)
    kept, live = plan_overview(engine, on), plan_overview(engine, on, live=True)
    assert kept.closed_month == current_closed_month()  # so `kept` was read from the rows
    _same(kept.plans, live.plans)
    _same(kept.indicators, live.indicators)
    _same(kept.economics[list(kept.economics.columns)],
          live.economics[list(kept.economics.columns)])
    _same(kept.departments, live.departments)
    pd.testing.assert_series_equal(kept.total, live.total, check_dtype=False)
