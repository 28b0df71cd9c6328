"""The forecast on series whose right forecast is known, and a back-test on the demo.

Straight line 10, 12, 14, …: the next months are 34, 36, … exactly. Flat line: the same
value, with no spread. A seasonal dip (100 with a two-month summer dip to 80 and back):
the forecast stays near 100 and the band holds 100. Few figures: a straight line, whose
interval is the textbook one (checked by hand below).
"""

from __future__ import annotations

import json
from datetime import date

import pandas as pd
import pytest
from sqlalchemy import Engine

from tests.conftest import TODAY
from tracking.demo import DEMO_FILE, relative_to
from tracking.forecast import (
    HOLT_MIN_FIGURES,
    Method,
    backtest,
    expected_attainment,
    forecast,
)
from tracking.months import add_months, parse_iso_month
from tracking.readmodel.forecast import expected_by_plan, indicator_forecasts
from tracking.readmodel.plans import list_plans

START = date(2025, 1, 1)


def months(n: int, start: date = START) -> list[date]:
    return [add_months(start, k) for k in range(n)]


def series(values: list[float | None], start: date = START) -> pd.Series:
    return pd.Series(values, index=months(len(values), start), dtype="float64")


def test_a_straight_line_is_continued_exactly() -> None:
    fc = forecast(series([10 + 2 * k for k in range(12)]), date(2026, 6, 1), "count")
    assert fc is not None and fc.method is Method.HOLT
    assert fc.months == tuple(months(6, date(2026, 1, 1)))
    assert fc.mean == pytest.approx([34, 36, 38, 40, 42, 44], abs=1e-3)
    for lo, mean, hi in zip(fc.lower, fc.mean, fc.upper, strict=True):
        assert lo <= mean <= hi


def test_a_flat_line_stays_flat_without_spread() -> None:
    fc = forecast(series([50.0] * 12), date(2026, 12, 1), "pct")
    assert fc is not None
    assert fc.mean == pytest.approx([50.0] * 12)
    assert fc.lower == pytest.approx([50.0] * 12)
    assert fc.upper == pytest.approx([50.0] * 12)


def test_a_seasonal_dip_is_not_taken_for_a_trend() -> None:
    values = [100, 101, 99, 100, 100, 101, 80, 82, 100, 99, 101, 100]
    fc = forecast(series(values), date(2026, 6, 1), "count")
    assert fc is not None and fc.method is Method.HOLT
    for lo, mean, hi in zip(fc.lower, fc.mean, fc.upper, strict=True):
        assert abs(mean - 100) < 8  # it did not extrapolate the dip (80) or the recovery
        assert lo <= 100 <= hi


def test_few_figures_give_the_least_squares_line_and_its_interval() -> None:
    # 1, 3, 2 at x = 0, 1, 2: slope 0.5, intercept 1.5; residuals -0.5, 1, -0.5;
    # s = sqrt(1.5 / 1), Sxx = 2; at x = 3: 3.0 ± t(0.9, 1) · s · sqrt(1 + 1/3 + 4/2).
    fc = forecast(series([1, 3, 2]), date(2025, 4, 1))
    assert fc is not None and fc.method is Method.LINE
    assert fc.mean == pytest.approx([3.0])
    half = 3.0776835 * 1.5 ** 0.5 * (1 + 1 / 3 + 4 / 2) ** 0.5
    assert fc.upper[0] - fc.mean[0] == pytest.approx(half, rel=1e-6)
    assert fc.mean[0] - fc.lower[0] == pytest.approx(half, rel=1e-6)


def test_a_gap_is_filled_and_too_few_figures_give_none() -> None:
    assert forecast(series([1, 2]), date(2025, 6, 1)) is None
    assert forecast(series([1, 2, 3]), date(2025, 3, 1)) is None  # nothing after the last
    gap = series([10, 12, None, 16, 18, 20, None, 24])
    fc = forecast(gap, date(2025, 10, 1), "count")
    assert fc is not None and fc.last_figure_month == date(2025, 8, 1)
    assert fc.mean == pytest.approx([26, 28], abs=1e-3)


def test_a_share_is_held_within_0_and_100() -> None:
    fc = forecast(series([60 + 5 * k for k in range(HOLT_MIN_FIGURES)]), date(2026, 12, 1),
                  "pct")
    assert fc is not None
    assert max(fc.upper) <= 100 and max(fc.mean) == 100


def test_expected_attainment() -> None:
    assert expected_attainment(30, 20, 24) == pytest.approx(0.6)
    assert expected_attainment(50, 50, 60) is None
    assert expected_attainment(0, 10, None) is None


def _demo_figures() -> list[tuple[str, str, pd.Series]]:
    doc = json.loads(DEMO_FILE.read_text(encoding="utf-8"))
    return [(i["name"], i["unit"], pd.Series(
        {parse_iso_month(m["month"]): m["value"] for m in i["measurements"]}))
        for p in doc["plans"] for i in p["indicators"]]


def test_backtest_on_the_demo_first_12_months_against_the_next_6() -> None:
    """The errors are reported in README's forecast section; the bounds here keep them
    from silently getting worse. The FTE freed move in a step (a reorganisation in the
    13th month), which no trend can see coming: it is the one large miss."""
    results = {name: backtest(s, 12, 6, unit) for name, unit, s in _demo_figures()}
    assert all(r is not None and len(r.actual) == 6 for r in results.values())
    mape = {name: r.mean_absolute_percentage_error for name, r in results.items()}
    assert mape["Andel ansøgninger via selvbetjening"] < 0.05
    assert mape["Sagsbehandlingstid (dage)"] < 0.06
    assert mape["Restancer"] < 0.05
    assert mape["Andel fakturaer håndteret automatisk"] < 0.20
    assert mape["Frigjorte årsværk"] > 0.4  # the step: a trend cannot know it


def test_readmodel_expected_attainment_on_the_demo(demo_engine: Engine) -> None:
    forecasts, expected = indicator_forecasts(demo_engine, TODAY)
    plans = {p.name: p.id for p in list_plans(demo_engine)}
    ksd = expected[expected["plan_id"] == plans["KSD – sygedagpenge"]].set_index(
        "indicator_id")
    assert len(ksd) == 3 and set(ksd.index) <= set(forecasts)
    doc = relative_to(json.loads(DEMO_FILE.read_text(encoding="utf-8")), TODAY)
    # Self-service reached full effect (Jun 2026) with a figure: that figure counts.
    share = ksd.iloc[0]
    assert share["source"] == "actual" and share["expected_value"] == pytest.approx(87.7)
    assert share["expected_attainment"] == pytest.approx((87.7 - 35) / (85 - 35))
    # Case time (full effect Dec 2026) is forecast from the figures so far.
    days = ksd.iloc[1]
    full_effect = parse_iso_month(doc["plans"][0]["indicators"][1]["full_effect_month"])
    assert days["source"] == "forecast" and days["full_effect_month"] == full_effect
    fc = forecasts[int(ksd.index[1])]
    assert days["expected_value"] == pytest.approx(fc.value_at(full_effect))
    assert days["expected_attainment"] == pytest.approx(
        (fc.value_at(full_effect) - 30) / (20 - 30))
    # Figures of closed months feed it: October 2026 for the share; the case time has
    # no October figure (the demo's one missing month), so its forecast starts there.
    assert forecasts[int(ksd.index[0])].last_figure_month == date(2026, 10, 1)
    assert fc.last_figure_month == date(2026, 9, 1) and fc.months[0] == date(2026, 10, 1)
    by_plan = expected_by_plan(expected)
    assert by_plan[plans["KSD – sygedagpenge"]] == pytest.approx(ksd["expected_attainment"].min())


def test_overview_sorted_by_expected_attainment_shows_the_coming_miss_first(
        demo_engine: Engine) -> None:
    """A plan on track today whose target steps up in January 2027 (0 % of the
    improvement in 2026, 100 % from 2027) while its figures stay flat at the baseline:
    on track now, so last by attention; expected attainment 0 %, so first by forecast."""
    from tests.support.actors import SYSTEM
    from tracking.readmodel.forecast import sorted_by_expected
    from tracking.readmodel.overview import plan_overview
    from tracking.services.measurements import FigureInput, record_actuals
    from tracking.services.plans import IndicatorInput, PlanInput, create_indicator, create_plan

    quiet = create_plan(demo_engine, PlanInput(
        name="Stille plan", start_month=date(2026, 1, 1), end_month=date(2027, 12, 1)),
        actor=SYSTEM)
    ind = create_indicator(demo_engine, quiet.id, IndicatorInput(
        name="Sager pr. uge", unit="count", direction="higher", baseline_value=40,
        baseline_month=date(2025, 12, 1), target_value=60,
        target_start_month=date(2026, 1, 1), full_effect_month=date(2027, 1, 1),
        phase_in="steps", step_percentages=[0, 100]), actor=SYSTEM)
    figures = [FigureInput(ind.id, m, 40.0) for m in months(10, date(2026, 1, 1))]
    record_actuals(demo_engine, figures, actor=SYSTEM)
    ov = plan_overview(demo_engine, TODAY)
    assert list(ov.plans["plan"]) == ["KSD – sygedagpenge", "Fakturaautomatisering (RPA)",
                                      "Stille plan"]
    _, expected = indicator_forecasts(demo_engine, TODAY)
    ranked = sorted_by_expected(ov, expected).plans
    assert list(ranked["plan"]) == ["Stille plan", "KSD – sygedagpenge",
                                    "Fakturaautomatisering (RPA)"]
    assert ranked["expected_attainment"].iloc[0] == pytest.approx(0.0, abs=1e-9)
    assert list(ranked["expected_attainment"]) == sorted(ranked["expected_attainment"])
