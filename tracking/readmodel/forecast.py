"""Forecasts of the active indicators, and their expected attainment at full effect.

Only figures of months that have ended (up to the last closed month of `on`) feed a
forecast; each indicator is forecast to the end of its plan (or its full-effect month,
if later). See `tracking.forecast` for the method.

A plan's expected attainment is that of its weakest indicator (the lowest), as the
plan's status is that of its worst indicator: a director sorting by it sees first the
plans where some indicator is heading for a miss.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date

import pandas as pd
from sqlalchemy import Engine

from tracking.forecast import Forecast, expected_attainment, forecast
from tracking.readmodel.frames import query_frame
from tracking.readmodel.overview import Overview
from tracking.rules import last_closed_month

__all__ = ["EXPECTED_COLUMNS", "expected_by_plan", "indicator_forecasts", "sorted_by_expected"]

EXPECTED_COLUMNS = ("plan_id", "indicator_id", "full_effect_month", "baseline", "target",
                    "method", "source", "expected_value", "expected_attainment")

_SQL = """
SELECT p.id AS plan_id, i.id AS indicator_id, i.unit AS unit,
       i.baseline_value AS baseline, i.target_value AS target,
       i.full_effect_month AS full_effect_month, p.end_month AS end_month,
       m.month AS month, m.value AS value
FROM indicator i
JOIN plan p ON p.id = i.plan_id
LEFT JOIN measurement m ON m.indicator_id = i.id AND m.month <= :closed
WHERE i.archived_at IS NULL AND p.archived_at IS NULL {where}
ORDER BY p.id, i.sort_order, i.id, m.month
"""


def _rows(engine: Engine, on: date, plan_ids: Sequence[int] | None) -> pd.DataFrame:
    where, params = "", {"closed": last_closed_month(on)}
    if plan_ids is not None:
        if not plan_ids:
            return pd.DataFrame(columns=["plan_id", "indicator_id"])
        names = [f"p{k}" for k in range(len(plan_ids))]
        where = f"AND p.id IN ({', '.join(':' + n for n in names)})"
        params.update(zip(names, (int(p) for p in plan_ids), strict=True))
    return query_frame(engine, _SQL.format(where=where), params)


def indicator_forecasts(engine: Engine, on: date, plan_ids: Sequence[int] | None = None
                        ) -> tuple[dict[int, Forecast], pd.DataFrame]:
    """Each active indicator's forecast (absent where there are too few figures), and one
    row per indicator with its expected attainment at full effect (EXPECTED_COLUMNS)."""
    rows = _rows(engine, on, plan_ids)
    forecasts: dict[int, Forecast] = {}
    expected = []
    for indicator_id, group in rows.groupby("indicator_id", sort=False):
        first = group.iloc[0]
        full_effect = pd.Timestamp(first["full_effect_month"]).date()
        until = max(pd.Timestamp(first["end_month"]).date(), full_effect)
        figures = pd.Series(group["value"].astype("float64").to_numpy(),
                            index=group["month"]).dropna()
        fc = forecast(figures, until, first["unit"]) if len(figures) else None
        if fc is not None:
            forecasts[int(indicator_id)] = fc
        actual_at = {pd.Timestamp(m).date(): float(v) for m, v in figures.items()}
        if full_effect in actual_at:
            source, value = "actual", actual_at[full_effect]
        elif fc is not None and fc.value_at(full_effect) is not None:
            source, value = "forecast", fc.value_at(full_effect)
        else:
            source, value = None, None
        baseline, target = float(first["baseline"]), float(first["target"])
        expected.append({
            "plan_id": int(first["plan_id"]), "indicator_id": int(indicator_id),
            "full_effect_month": full_effect, "baseline": baseline, "target": target,
            "method": fc.method.value if fc is not None else None, "source": source,
            "expected_value": value,
            "expected_attainment": expected_attainment(baseline, target, value)})
    frame = pd.DataFrame(expected, columns=list(EXPECTED_COLUMNS))
    frame["expected_attainment"] = frame["expected_attainment"].astype("float64")
    return forecasts, frame


def expected_by_plan(expected: pd.DataFrame) -> pd.Series:
    """Each plan's expected attainment at full effect: its weakest indicator's (NaN where
    no indicator has one), by plan id."""
    if expected.empty:
        return pd.Series(dtype="float64", name="expected_attainment")
    return expected.groupby("plan_id")["expected_attainment"].min().rename(
        "expected_attainment")


def sorted_by_expected(ov: Overview, expected: pd.DataFrame) -> Overview:
    """The overview with each plan's expected attainment at full effect, plans sorted by
    it, lowest (the likeliest miss) first; plans without one last, in attention order."""
    plans = ov.plans.join(expected_by_plan(expected), on="plan_id")
    plans = plans.sort_values("expected_attainment", kind="stable", na_position="last")
    return replace(ov, plans=plans.reset_index(drop=True))
