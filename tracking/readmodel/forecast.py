"""Forecasts of the active indicators, and their expected attainment at full effect.

Only figures of months that have ended (up to the last closed month of `on`) feed a
forecast; each indicator is forecast to the end of its plan (or its full-effect month,
if later). See `tracking.forecast` for the method.

A plan's expected attainment is that of its weakest indicator (the lowest), as the
plan's status is that of its worst indicator: a director sorting by it sees first the
plans where some indicator is heading for a miss.

Fast at the scale of the whole country: each indicator's fit is kept in this process,
keyed by its figures' stamp (how many, the latest entry, the sum of their versions), so
a rerun reads one small grouped query and fits only the indicators whose figures
changed; a fit itself is closed-form (no model to optimise).
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date
from typing import Any

import numpy as np
import pandas as pd
from sqlalchemy import Engine

from tracking.forecast import (
    Drift,
    Forecast,
    bounds,
    expected_attainment,
    fit_drift,
    forecast_of,
)
from tracking.months import add_months, months_between
from tracking.readmodel.frames import query_frame
from tracking.readmodel.overview import Overview
from tracking.rules import last_closed_month

__all__ = ["EXPECTED_COLUMNS", "expected_attainments", "expected_by_plan", "expected_frame",
           "forget_kept_fits", "indicator_forecasts", "plan_expected_attainments",
           "sorted_by_expected"]

EXPECTED_COLUMNS = ("plan_id", "indicator_id", "full_effect_month", "baseline", "target",
                    "method", "source", "expected_value", "expected_attainment")
_IN_LIMIT = 500  # longer id lists: read everything active and keep the ones asked for

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
_STAMPS = """
SELECT m.indicator_id AS indicator_id, COUNT(*) AS n, MAX(m.entered_at) AS entered,
       SUM(m.version) AS versions
FROM measurement m
JOIN indicator i ON i.id = m.indicator_id
JOIN plan p ON p.id = i.plan_id
WHERE m.month <= :closed AND i.archived_at IS NULL AND p.archived_at IS NULL {where}
GROUP BY m.indicator_id
"""
_FIGURES = """
SELECT m.indicator_id AS indicator_id, m.month AS month, m.value AS value
FROM measurement m
JOIN indicator i ON i.id = m.indicator_id
JOIN plan p ON p.id = i.plan_id
WHERE m.month <= :closed AND i.archived_at IS NULL AND p.archived_at IS NULL {where}
ORDER BY m.indicator_id, m.month
"""

# (database url, indicator id) -> (stamp of its figures, its fit or None)
_fits: dict[tuple[str, int], tuple[tuple[Any, ...], Drift | None]] = {}
_fits_lock = threading.Lock()
_MAX_KEPT = 250_000


def forget_kept_fits() -> None:
    """Drop every kept fit (the benchmark measures a cold start with it)."""
    with _fits_lock:
        _fits.clear()


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


def _month_numbers(months: pd.Series) -> np.ndarray:
    stamps = pd.to_datetime(months)
    return (stamps.dt.year * 12 + stamps.dt.month - 1).to_numpy(dtype="int64")


def _fits_of(engine: Engine, closed: date, where: str, params: dict[str, Any]
             ) -> dict[int, Drift]:
    """Each indicator's fit in the scope, refitting only those whose figures changed."""
    params = {**params, "closed": closed}
    stamps = query_frame(engine, _STAMPS.format(where=where), params)
    url = str(engine.url)
    wanted = {int(r.indicator_id): (closed, int(r.n), str(r.entered), int(r.versions))
              for r in stamps.itertuples(index=False)}
    with _fits_lock:
        kept = {i: _fits.get((url, i)) for i in wanted}
    stale = [i for i, stamp in wanted.items() if kept[i] is None or kept[i][0] != stamp]
    fresh: dict[int, Drift | None] = {}
    if stale:
        stale_where, stale_params = where, params
        if len(stale) <= _IN_LIMIT:
            stale_where, scoped = _scope(None, stale)
            stale_params = {**scoped, "closed": closed}
        rows = query_frame(engine, _FIGURES.format(where=stale_where), stale_params)
        ids = rows["indicator_id"].to_numpy(dtype="int64")
        numbers = _month_numbers(rows["month"]) if len(rows) else np.empty(0, "int64")
        values = rows["value"].to_numpy(dtype="float64")
        starts = np.flatnonzero(np.r_[True, ids[1:] != ids[:-1]]) if len(ids) else []
        ends = np.r_[starts[1:], len(ids)] if len(ids) else []
        wanted_stale = set(stale)
        for a, b in zip(starts, ends, strict=True):
            indicator_id = int(ids[a])
            if indicator_id in wanted_stale:
                fresh[indicator_id] = fit_drift(numbers[a:b], values[a:b])
        with _fits_lock:
            if len(_fits) > _MAX_KEPT:
                _fits.clear()
            for i in stale:
                _fits[(url, i)] = (wanted[i], fresh.get(i))
    fits = {i: (fresh[i] if i in fresh else (kept[i][1] if kept[i] else None))
            for i in wanted}
    return {i: f for i, f in fits.items() if f is not None}


def _expected_rows(indicators: pd.DataFrame, fits: dict[int, Drift]) -> pd.DataFrame:
    out = []
    for r in indicators.itertuples(index=False):
        indicator_id = int(r.indicator_id)
        full_effect = pd.Timestamp(r.full_effect_month).date()
        fit = fits.get(indicator_id)
        source, value = None, None
        if not pd.isna(r.full_effect_value):
            source, value = "actual", float(r.full_effect_value)
        elif fit is not None and (h := months_between(fit.last_month, full_effect)) > 0:
            low, high = bounds(r.unit)
            source, value = "forecast", float(np.clip(fit.at(h)[0], low, high))
        baseline, target = float(r.baseline), float(r.target)
        out.append({
            "plan_id": int(r.plan_id), "indicator_id": indicator_id,
            "full_effect_month": full_effect, "baseline": baseline, "target": target,
            "method": "drift" if fit is not None else None, "source": source,
            "expected_value": value,
            "expected_attainment": expected_attainment(baseline, target, value)})
    frame = pd.DataFrame(out, columns=list(EXPECTED_COLUMNS))
    frame["expected_attainment"] = frame["expected_attainment"].astype("float64")
    return frame


def _read(engine: Engine, on: date, plan_ids: Sequence[int] | None,
          indicator_ids: Sequence[int] | None) -> tuple[pd.DataFrame, dict[int, Drift]]:
    closed = last_closed_month(on)
    where, params = _scope(plan_ids, indicator_ids)
    indicators = query_frame(engine, _INDICATORS.format(where=where),
                             {**params, "closed": closed})
    if plan_ids is not None and len(plan_ids) > _IN_LIMIT:
        indicators = indicators[indicators["plan_id"].isin([int(p) for p in plan_ids])]
    elif indicator_ids is not None and len(indicator_ids) > _IN_LIMIT:
        indicators = indicators[indicators["indicator_id"].isin(
            [int(i) for i in indicator_ids])]
    return indicators, _fits_of(engine, closed, where, params)


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
        fit = fits.get(int(r.indicator_id))
        if fit is None:
            continue
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
