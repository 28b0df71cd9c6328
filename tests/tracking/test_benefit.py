"""The economic sums of each measure, worked out by hand (tracking.benefit)."""

from __future__ import annotations

import math
from datetime import date

import pandas as pd
import pytest

from tracking.benefit import indicator_sums, kr_factor, level_sums
from tracking.models import Measure

# The demo's arrears (Restancer): kr., lower is better, baseline 1.411.741 in Dec 2024.
ARREARS = 1_411_741.0


def _rows(measure: str, baseline: float, sign: float, factor: float, end: date,
          months: list[tuple[date, float, float | None]], indicator_id: int = 1
          ) -> pd.DataFrame:
    return pd.DataFrame([{
        "indicator_id": indicator_id, "measure": measure, "month": pd.Timestamp(m),
        "target": t, "actual": math.nan if a is None else a, "baseline": baseline,
        "sign": sign, "factor": factor, "end": pd.Timestamp(end),
        "year_start": pd.Timestamp(end.year, 1, 1)} for m, t, a in months])


def test_a_flow_adds_up_the_months_improvements() -> None:
    # kr. spent per month, lower is better, baseline 100; judged in March 2026.
    rows = _rows("flow", 100, -1.0, 1.0, date(2026, 3, 1), [
        (date(2025, 12, 1), 95, 97),    # before the year: to date only (+3, planned +5)
        (date(2026, 1, 1), 90, 95),     # +5, planned +10
        (date(2026, 2, 1), 80, None),   # no figure: adds nothing; planned +20
        (date(2026, 3, 1), 70, 75),     # +25, planned +30
        (date(2026, 4, 1), 60, 50),     # after the judged month: only the whole period
    ])
    s = indicator_sums(rows).loc[1]
    assert (s.realised_ytd, s.planned_ytd) == (30, 60)
    assert (s.realised_to_date, s.planned_to_date) == (33, 65)
    assert s.planned_total == 5 + 10 + 20 + 30 + 40
    assert (s.months_ytd, s.months_to_date) == (2, 3)


def test_a_level_counts_its_change_never_a_sum_of_months() -> None:
    # The demo's arrears: a balance at month end, judged in October 2026.
    rows = _rows("level", ARREARS, -1.0, 1.0, date(2026, 10, 1), [
        (date(2025, 12, 1), 1_006_000.0, 1_135_150.0),
        (date(2026, 1, 1), 990_000.0, 1_116_506.0),
        (date(2026, 9, 1), 963_964.0, 963_524.0),
        (date(2026, 10, 1), 942_645.08, 957_074.0),
        (date(2026, 11, 1), 921_322.0, None),
        (date(2026, 12, 1), 900_000.0, None),
    ])
    s = indicator_sums(rows).loc[1]
    assert s.realised_to_date == pytest.approx(1_411_741 - 957_074)  # 454.667 kr.
    assert s.realised_ytd == pytest.approx(1_135_150 - 957_074)       # 178.076 kr. in 2026
    assert s.planned_to_date == pytest.approx(1_411_741 - 942_645.08)
    assert s.planned_ytd == pytest.approx(1_006_000 - 942_645.08)
    assert s.planned_total == pytest.approx(1_411_741 - 900_000)
    summed = sum(ARREARS - a for a in (1_116_506.0, 963_524.0, 957_074.0))
    assert s.realised_ytd < summed / 4  # what summing months used to report


def test_a_level_reads_its_latest_figure_and_the_baseline_before_any() -> None:
    # FTE employed, lower is better, 20 at baseline; no figure before the year; the judged
    # month has none either, so the latest figure (March) counts.
    rows = _rows("level", 20, -1.0, 541_200.0, date(2026, 4, 1), [
        (date(2026, 1, 1), 19, 19.5),
        (date(2026, 3, 1), 18, 18.0),
        (date(2026, 4, 1), 17, None),
    ])
    s = level_sums(rows).loc[1]
    assert s.realised_to_date == pytest.approx(2 * 541_200)
    assert s.realised_ytd == pytest.approx(2 * 541_200)  # from the baseline
    assert s.planned_to_date == pytest.approx(3 * 541_200)
    assert s.end_value == 18.0 and s.reference_value == 20


def test_a_rate_is_never_summed() -> None:
    rows = _rows("rate", 35, 1.0, 1.0, date(2026, 3, 1), [
        (date(2026, 1, 1), 40, 45), (date(2026, 2, 1), 45, 50)])
    assert indicator_sums(rows).empty


def test_indicators_of_each_measure_at_once() -> None:
    flow = _rows("flow", 0, 1.0, 1_000.0, date(2026, 2, 1),
                 [(date(2026, 1, 1), 1, 2), (date(2026, 2, 1), 1, 3)], indicator_id=7)
    level = _rows("level", 10, 1.0, 1.0, date(2026, 2, 1),
                  [(date(2026, 1, 1), 11, 12), (date(2026, 2, 1), 12, 15)], indicator_id=8)
    sums = indicator_sums(pd.concat([flow, level]))
    assert sums.loc[7, "realised_ytd"] == 5_000  # t.kr.: (2 + 3) × 1.000
    assert sums.loc[8, "realised_ytd"] == 5      # 15 − 10, not 2 + 5


@pytest.mark.parametrize(("unit", "measure", "cost", "factor"), [
    ("kr", "flow", None, 1.0), ("tkr", "level", None, 1_000.0), ("mio", "flow", None, 1e6),
    ("fte", "flow", 541_200.0, 45_100.0),  # a month of one FTE
    ("fte", "level", 541_200.0, 541_200.0),  # a lasting FTE: a year's cost
    ("fte", "flow", None, None), ("pct", "flow", None, None), ("kr", "rate", None, None),
    ("hours", "flow", None, None),
])
def test_kr_per_unit(unit: str, measure: str, cost: float | None,
                     factor: float | None) -> None:
    assert kr_factor(unit, Measure(measure), cost) == factor
