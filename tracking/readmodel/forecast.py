"""Forecasts of the active indicators, and their expected attainment at full effect.

Only figures of months that have ended (up to the last closed month of `on`) feed a
forecast; each indicator is forecast to the end of its plan (or its full-effect month,
if later). See `tracking.forecast` for the method.

A plan's expected attainment is that of its weakest indicator (the lowest), as the
plan's status is that of its worst indicator: a director sorting by it sees first the
plans where some indicator is heading for a miss.

Fast at the scale of the whole country: a drift fit needs only, per indicator, its first
and last figure and month, how many figures, and the sum of its squared monthly changes
(each weighted by 1/gap); one grouped query with window functions computes them in the
database, so no figure crosses to Python and nothing is kept between reads (the
dashboard's cache, keyed by the database's change stamp, spares a rerun the query).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date
from typing import Any

import numpy as np
import pandas as pd
from sqlalchemy import Engine

from tracking.forecast import MIN_FIGURES, Drift, Forecast, bounds, forecast_of
from tracking.months import add_months
from tracking.readmodel.frames import query_frame
from tracking.readmodel.overview import Overview
from tracking.rules import last_closed_month

__all__ = ["EXPECTED_COLUMNS", "expected_attainments", "expected_by_plan", "expected_frame",
           "indicator_forecasts", "plan_expected_attainments", "sorted_by_expected"]

EXPECTED_COLUMNS = ("plan_id", "indicator_id", "full_effect_month", "baseline", "target",
                    "method", "source", "expected_value", "expected_attainment")
_IN_LIMIT = 500  # longer id lists: read everything active and keep the ones asked for
_LARGEST = 1e150  # larger figures cannot be squared safely (PostgreSQL refuses overflow)

_INDICATORS = """
SELECT p.id AS plan_id, i.id AS indicator_id, i.unit AS unit,
       i.baseline_value AS baseline, i.target_value AS target,
       i.full_effect_month AS full_effect_month, p.end_month AS end_month,
       m.value AS full_effect_value
FROM indicator i
JOIN plan p ON p.id = i.plan_id
LEFT JOIN measurement m ON m.indicator_id = i.id AND m.month = i.full_effect_month
     AND m.month <= :closed
WHERE i.archived_at IS NULL AND p.archived_at IS NULL {where}
ORDER BY p.id, i.sort_order, i.id
"""
# Per indicator: the sufficient statistics of the drift fit (see tracking.forecast).
_FITS = """
WITH f AS (
  SELECT m.indicator_id AS indicator_id, {month_number} AS mn, m.value AS value,
         LAG({month_number}) OVER w AS prev_mn, LAG(m.value) OVER w AS prev_value,
         FIRST_VALUE(m.value) OVER w AS first_value,
         FIRST_VALUE(m.value) OVER (PARTITION BY m.indicator_id ORDER BY m.month DESC)
           AS last_value
  FROM measurement m
  JOIN indicator i ON i.id = m.indicator_id
  JOIN plan p ON p.id = i.plan_id
  WHERE m.month <= :closed AND i.archived_at IS NULL AND p.archived_at IS NULL {where}
  WINDOW w AS (PARTITION BY m.indicator_id ORDER BY m.month)
)
SELECT indicator_id, COUNT(*) AS n, MIN(mn) AS first_mn, MAX(mn) AS last_mn,
       MAX(first_value) AS first_value, MAX(last_value) AS last_value,
       SUM(CASE WHEN prev_mn IS NULL OR ABS(value) > :largest OR ABS(prev_value) > :largest
                THEN 0
                ELSE (value - prev_value) * (value - prev_value) / (mn - prev_mn) END) AS ssq,
       MAX(ABS(value)) AS largest
FROM f
GROUP BY indicator_id
"""
_MONTH_NUMBER = {
    "sqlite": "(CAST(strftime('%Y', m.month) AS INTEGER) * 12 "
              "+ CAST(strftime('%m', m.month) AS INTEGER) - 1)",
}
_MONTH_NUMBER_SQL = "(CAST(EXTRACT(YEAR FROM m.month) AS INTEGER) * 12 " \
                    "+ CAST(EXTRACT(MONTH FROM m.month) AS INTEGER) - 1)"


def _scope(plan_ids: Sequence[int] | None, indicator_ids: Sequence[int] | None
           ) -> tuple[str, dict[str, Any]]:
    """A WHERE clause limiting the rows to the plans or indicators asked for."""
    if plan_ids is not None:
        column, ids = "p.id", [int(p) for p in plan_ids]
    elif indicator_ids is not None:
        column, ids = "i.id", [int(i) for i in indicator_ids]
    else:
        return "", {}
    if len(ids) > _IN_LIMIT:
        return "", {}  # the caller keeps the ones asked for
    if not ids:
        return "AND 1 = 0", {}
    names = [f"s{k}" for k in range(len(ids))]
    return (f"AND {column} IN ({', '.join(':' + n for n in names)})",
            dict(zip(names, ids, strict=True)))


def _fits(engine: Engine, closed: date, where: str, params: dict[str, Any]) -> pd.DataFrame:
    """Each indicator's drift fit, by indicator id: last_mn (month number of the last
    figure), last_value, drift, sigma, span, dof; rows without a fit left out."""
    sql = _FITS.format(where=where, month_number=_MONTH_NUMBER.get(
        engine.dialect.name, _MONTH_NUMBER_SQL))
    rows = query_frame(engine, sql, {**params, "closed": closed, "largest": _LARGEST})
    if rows.empty:
        return pd.DataFrame(columns=["last_mn", "last_value", "drift", "sigma", "span", "dof"])
    num = {c: pd.to_numeric(rows[c], errors="coerce").to_numpy(dtype="float64")
           for c in ("n", "first_mn", "last_mn", "first_value", "last_value", "ssq",
                     "largest")}
    span = num["last_mn"] - num["first_mn"]
    ok = (num["n"] >= MIN_FIGURES) & np.isfinite(num["largest"]) \
        & (num["largest"] <= _LARGEST) & (span > 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        drift = (num["last_value"] - num["first_value"]) / span
        variance = (num["ssq"] - drift * drift * span) / (num["n"] - 2)
    ok &= np.isfinite(drift) & np.isfinite(variance)
    frame = pd.DataFrame({
        "last_mn": num["last_mn"], "last_value": num["last_value"], "drift": drift,
        "sigma": np.sqrt(np.clip(variance, 0, None)), "span": span, "dof": num["n"] - 2},
        index=rows["indicator_id"].astype("int64").to_numpy())
    return frame[ok]


def _drift(row: pd.Series) -> Drift:
    last = int(row["last_mn"])
    return Drift(last_month=date(last // 12, last % 12 + 1, 1),
                 last_value=float(row["last_value"]), drift=float(row["drift"]),
                 sigma=float(row["sigma"]), span=int(row["span"]), dof=int(row["dof"]))


def _expected_rows(indicators: pd.DataFrame, fits: pd.DataFrame) -> pd.DataFrame:
    """EXPECTED_COLUMNS for `indicators`, computed for all of them at once."""
    if indicators.empty:
        return pd.DataFrame(columns=list(EXPECTED_COLUMNS)).astype(
            {"expected_attainment": "float64"})
    ids = indicators["indicator_id"].astype("int64").to_numpy()
    fit = fits.reindex(ids)
    full_effect = pd.to_datetime(indicators["full_effect_month"])
    full_mn = (full_effect.dt.year * 12 + full_effect.dt.month - 1).to_numpy(dtype="float64")
    h = full_mn - fit["last_mn"].to_numpy()
    mean = fit["last_value"].to_numpy() + fit["drift"].to_numpy() * h
    limits = [bounds(u) for u in indicators["unit"]]
    mean = np.clip(mean, [lo for lo, _ in limits], [hi for _, hi in limits])
    actual = pd.to_numeric(indicators["full_effect_value"], errors="coerce").to_numpy(
        dtype="float64")
    has_actual = ~np.isnan(actual)
    has_forecast = ~has_actual & (h > 0)  # NaN h (no fit) compares False
    value = np.where(has_actual, actual, np.where(has_forecast, mean, np.nan))
    baseline = indicators["baseline"].astype("float64").to_numpy()
    target = indicators["target"].astype("float64").to_numpy()
    with np.errstate(divide="ignore", invalid="ignore"):
        attainment = np.where(target != baseline, (value - baseline) / (target - baseline),
                              np.nan)
    frame = pd.DataFrame({
        "plan_id": indicators["plan_id"].astype("int64").to_numpy(), "indicator_id": ids,
        "full_effect_month": [d.date() for d in full_effect],
        "baseline": baseline, "target": target,
        "method": np.where(fit["drift"].notna().to_numpy(), "drift", None),
        "source": np.where(has_actual, "actual", np.where(has_forecast, "forecast", None)),
        "expected_value": [None if np.isnan(v) else float(v) for v in value],
        "expected_attainment": attainment.astype("float64")})
    return frame[list(EXPECTED_COLUMNS)]


def _read(engine: Engine, on: date, plan_ids: Sequence[int] | None,
          indicator_ids: Sequence[int] | None) -> tuple[pd.DataFrame, pd.DataFrame]:
    closed = last_closed_month(on)
    where, params = _scope(plan_ids, indicator_ids)
    indicators = query_frame(engine, _INDICATORS.format(where=where),
                             {**params, "closed": closed})
    if plan_ids is not None and len(plan_ids) > _IN_LIMIT:
        indicators = indicators[indicators["plan_id"].isin([int(p) for p in plan_ids])]
    elif indicator_ids is not None and len(indicator_ids) > _IN_LIMIT:
        indicators = indicators[indicators["indicator_id"].isin(
            [int(i) for i in indicator_ids])]
    return indicators.reset_index(drop=True), _fits(engine, closed, where, params)


def expected_frame(engine: Engine, on: date, plan_ids: Sequence[int] | None = None,
                   indicator_ids: Sequence[int] | None = None) -> pd.DataFrame:
    """One row per active indicator (of the plans or indicators asked for, else all)
    with its expected attainment at full effect (EXPECTED_COLUMNS)."""
    indicators, fits = _read(engine, on, plan_ids, indicator_ids)
    return _expected_rows(indicators, fits)


def expected_attainments(engine: Engine, on: date,
                         indicator_ids: Iterable[int] | None = None
                         ) -> dict[int, float | None]:
    """Each active indicator's expected attainment at full effect (None where there is
    none: too few figures, or no planned improvement), by indicator id."""
    ids = None if indicator_ids is None else [int(i) for i in indicator_ids]
    frame = expected_frame(engine, on, indicator_ids=ids)
    return {int(i): (None if pd.isna(v) else float(v))
            for i, v in zip(frame["indicator_id"], frame["expected_attainment"], strict=True)}


def plan_expected_attainments(engine: Engine, on: date,
                              plan_ids: Iterable[int] | None = None
                              ) -> dict[int, float | None]:
    """Each active plan's expected attainment at full effect (its weakest indicator's;
    None where no indicator has one), by plan id."""
    ids = None if plan_ids is None else [int(p) for p in plan_ids]
    by_plan = expected_by_plan(expected_frame(engine, on, plan_ids=ids))
    return {int(p): (None if pd.isna(v) else float(v)) for p, v in by_plan.items()}


def indicator_forecasts(engine: Engine, on: date, plan_ids: Sequence[int] | None = None,
                        ahead: int = 0) -> tuple[dict[int, Forecast], pd.DataFrame]:
    """Each active indicator's forecast (absent where there are too few figures), and one
    row per indicator with its expected attainment at full effect (EXPECTED_COLUMNS).
    Forecasts reach the plan's end or full effect, and at least `ahead` months past the
    last figure."""
    indicators, fits = _read(engine, on, plan_ids, None)
    forecasts: dict[int, Forecast] = {}
    for r in indicators.itertuples(index=False):
        if int(r.indicator_id) not in fits.index:
            continue
        fit = _drift(fits.loc[int(r.indicator_id)])
        until = max(pd.Timestamp(r.end_month).date(), pd.Timestamp(r.full_effect_month).date(),
                    add_months(fit.last_month, ahead))
        fc = forecast_of(fit, until, r.unit)
        if fc is not None:
            forecasts[int(r.indicator_id)] = fc
    return forecasts, _expected_rows(indicators, fits)


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
