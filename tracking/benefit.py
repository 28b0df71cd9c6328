"""Economic benefit of indicators: the one place where months become sums.

What an indicator measures decides how its months add up (`tracking.models.Measure`):
- **flow** (an amount per month): the benefit of a month is the improvement over the
  baseline in the good direction, ±(actual − baseline); a period's benefit is the sum of
  its months. A month without a figure adds nothing.
- **level** (a state at month end, e.g. arrears): the benefit is the change of the level,
  never a sum of months. To date: ±(latest figure − baseline). Year to date: ±(latest
  figure of the year − the last figure before the year), or the baseline when the plan has
  no figure before the year. Planned: the same with the targets.
- **rate** (a share or an average): never summed. It has no economic sum.

Planned sums read the targets the same way; whole period = every month of the plan for a
flow, the last target for a level. Money is converted to kr.: kr. × 1, t.kr. × 1.000,
mio. kr. × 1.000.000; FTE (årsværk) at the plan's cost per FTE (yearly salary incl.
pension plus overhead) — per month of a flow (one FTE working a month is a twelfth of a
year), and per year for a level (a lasting change of staffing is a yearly budget effect).

The functions work on one indicator or on thousands at once (rows of many indicators,
one row per indicator and month), so the overview, the reports and the plan pages use the
same arithmetic.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from tracking.models import Measure
from tracking.units import KR_PER_UNIT, MONEY_UNITS, Unit

__all__ = ["ROW_COLUMNS", "SUM_COLUMNS", "flow_sums", "indicator_sums", "kr_factor",
           "level_sums", "rate_sums"]

# One row per indicator and month: what the sums are computed from. `end` is the last
# month counted (the month the indicator is judged in), `year_start` the January of its
# year; `sign` is +1 where higher is better, −1 where lower is; `factor` is kr. per unit.
ROW_COLUMNS = ("indicator_id", "measure", "month", "target", "actual", "baseline", "sign",
               "factor", "end", "year_start")
SUM_COLUMNS = ("realised_ytd", "planned_ytd", "realised_to_date", "planned_to_date",
               "planned_total")
# What a person needs to redo the sums by hand (shown behind the (?) help).
DETAIL_COLUMNS = ("months_ytd", "months_to_date", "end_value", "reference_value",
                  "end_target", "reference_target", "final_target")


def kr_factor(unit: str, measure: str, cost_per_fte: float | None) -> float | None:
    """kr. per unit of the indicator (per month for a flow); None where it cannot be
    converted (not money, a rate, or FTE without a business case)."""
    if measure == Measure.RATE or unit not in MONEY_UNITS:
        return None
    if unit == Unit.FTE:
        if cost_per_fte is None or pd.isna(cost_per_fte):
            return None
        return cost_per_fte / 12.0 if measure == Measure.FLOW else cost_per_fte
    return KR_PER_UNIT[Unit(unit)]


def _empty() -> pd.DataFrame:
    out = pd.DataFrame(columns=[*SUM_COLUMNS, *DETAIL_COLUMNS], dtype="float64")
    out.index.name = "indicator_id"
    return out


def flow_sums(rows: pd.DataFrame) -> pd.DataFrame:
    """Sums of a flow: the months' improvements over the baseline, added up."""
    if rows.empty:
        return _empty()
    r = rows
    scale = r["sign"] * r["factor"]
    realised = (scale * (r["actual"] - r["baseline"])).fillna(0.0)
    planned = scale * (r["target"] - r["baseline"])
    to_date = r["month"] <= r["end"]
    ytd = to_date & (r["month"] >= r["year_start"])
    has = r["actual"].notna()
    frame = pd.DataFrame({
        "indicator_id": r["indicator_id"],
        "realised_ytd": realised.where(ytd, 0.0), "planned_ytd": planned.where(ytd, 0.0),
        "realised_to_date": realised.where(to_date, 0.0),
        "planned_to_date": planned.where(to_date, 0.0), "planned_total": planned,
        "months_ytd": (ytd & has).astype("float64"),
        "months_to_date": (to_date & has).astype("float64")})
    out = frame.groupby("indicator_id").sum()
    for col in ("end_value", "reference_value", "end_target", "reference_target",
                "final_target"):
        out[col] = np.nan
    return out[[*SUM_COLUMNS, *DETAIL_COLUMNS]]


def _last(rows: pd.DataFrame, mask: pd.Series, column: str) -> pd.Series:
    """Per indicator, `column` of the latest month where `mask` holds (NaN if none)."""
    picked = rows[mask & rows[column].notna()]
    return picked.sort_values("month").groupby("indicator_id")[column].last()


def level_sums(rows: pd.DataFrame) -> pd.DataFrame:
    """Sums of a level: how far the level has moved, never a sum of months."""
    if rows.empty:
        return _empty()
    r = rows
    first = r.sort_values("month").groupby("indicator_id").first()
    baseline, scale = first["baseline"], first["sign"] * first["factor"]
    to_date = r["month"] <= r["end"]
    before_year = r["month"] < r["year_start"]
    end_value = _last(r, to_date, "actual").reindex(first.index)
    year_value = _last(r, to_date & ~before_year, "actual").reindex(first.index)
    reference_value = _last(r, before_year, "actual").reindex(first.index)
    end_target = _last(r, to_date, "target").reindex(first.index)
    reference_target = _last(r, before_year, "target").reindex(first.index)
    final_target = _last(r, r["month"].notna(), "target").reindex(first.index)
    reference_value = reference_value.fillna(baseline)
    reference_target = reference_target.fillna(baseline)
    out = pd.DataFrame({
        "realised_ytd": (scale * (year_value - reference_value)).fillna(0.0),
        "planned_ytd": (scale * (end_target - reference_target)).fillna(0.0),
        "realised_to_date": (scale * (end_value - baseline)).fillna(0.0),
        "planned_to_date": (scale * (end_target - baseline)).fillna(0.0),
        "planned_total": (scale * (final_target - baseline)).fillna(0.0),
        "months_ytd": np.nan, "months_to_date": np.nan,
        "end_value": end_value, "reference_value": reference_value,
        "end_target": end_target, "reference_target": reference_target,
        "final_target": final_target}, index=first.index)
    return out[[*SUM_COLUMNS, *DETAIL_COLUMNS]].astype("float64")


def rate_sums(rows: pd.DataFrame) -> pd.DataFrame:
    """A rate has no sums: a share or an average added over months means nothing."""
    return _empty()


SUMS_BY_MEASURE = {Measure.FLOW: flow_sums, Measure.LEVEL: level_sums, Measure.RATE: rate_sums}


def indicator_sums(rows: pd.DataFrame) -> pd.DataFrame:
    """The sums of every indicator in `rows` (see ROW_COLUMNS), by its measure.

    Rows whose `factor` is missing (not money, or FTE that cannot be converted) are left
    out; the caller says so where it shows the sums.
    """
    rows = rows[rows["factor"].notna()]
    parts = [SUMS_BY_MEASURE[Measure(m)](group) for m, group in rows.groupby("measure")]
    parts = [p for p in parts if not p.empty]
    return pd.concat(parts).sort_index() if parts else _empty()
