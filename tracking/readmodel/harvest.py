"""The harvest beside the overview's economy: planned, realised, harvested, råderum.

Per plan and in total, in kr. (budget effects only, as the overview's plain sums):
- planned: the plan's economic benefit over its whole period (`planned_total`: the
  targets of its money indicators, which the business case's phase-in writes);
- realised: the benefit realised to date (`realised_to_date`);
- decided / harvested ("Hjemtaget"): the harvest lines by status
  (`tracking.readmodel.harvest_lines`);
- råderum (`leeway`): realised − decided − harvested, what is realised but not yet
  decided on. It is negative where more is decided than realised so far (the budget
  already counts on benefits still to come).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pandas as pd
from sqlalchemy import Engine

from tracking.readmodel.harvest_lines import HARVEST_SUM_COLUMNS, harvest_sums
from tracking.readmodel.overview import Overview

__all__ = ["HARVEST_COLUMNS", "harvest_rollup", "plan_harvest_summary", "with_harvest"]

HARVEST_COLUMNS = (*HARVEST_SUM_COLUMNS, "leeway")


def _leeway(frame: pd.DataFrame) -> pd.Series:
    return frame["realised_to_date"] - frame["harvest_decided"] - frame["harvested"]


def with_harvest(engine: Engine, ov: Overview) -> Overview:
    """The overview with the harvest columns on its plans, departments and total."""
    sums = harvest_sums(engine, list(ov.plans["plan_id"]))
    plans = ov.plans.join(sums, on="plan_id")
    for col in HARVEST_SUM_COLUMNS:
        plans[col] = plans[col].astype("float64").fillna(0.0) if col in plans else 0.0
    plans["leeway"] = _leeway(plans)
    return harvest_rollup(ov, plans)


def harvest_rollup(ov: Overview, plans: pd.DataFrame) -> Overview:
    """The overview with `plans`, which carry the harvest columns (`HARVEST_COLUMNS`),
    and their harvest summed on its departments and total."""
    by_department = plans[["department", *HARVEST_SUM_COLUMNS]].groupby("department").sum()
    departments = ov.departments.join(by_department, on="department")
    # A department with harvest lines but no money indicator is not in the rollup.
    for col in HARVEST_SUM_COLUMNS:
        departments[col] = departments[col].fillna(0.0)
    departments["leeway"] = _leeway(departments)
    total = ov.total.copy()
    for col in HARVEST_SUM_COLUMNS:
        total[col] = float(plans[col].sum())
    total["leeway"] = total["realised_to_date"] - total["harvest_decided"] - total["harvested"]
    return replace(ov, plans=plans, departments=departments, total=total)


def plan_harvest_summary(engine: Engine, plan_id: int, on: date) -> dict[str, float]:
    """One plan's planned (whole period), realised (to date), planned/decided/harvested
    lines and råderum, in kr., with the overview's rules."""
    from tracking.readmodel.overview import economic_rollup

    e = economic_rollup(engine, on, plan_id)
    if not e.empty:
        e = e[e["factor"].notna() & e["budget_effect"].astype(bool)]
    out = {"planned_total": float(e["planned_total"].sum()) if not e.empty else 0.0,
           "realised_to_date": float(e["realised_to_date"].sum()) if not e.empty else 0.0}
    sums = harvest_sums(engine, [plan_id])
    for col in HARVEST_SUM_COLUMNS:
        out[col] = float(sums[col].iloc[0]) if not sums.empty else 0.0
    out["leeway"] = out["realised_to_date"] - out["harvest_decided"] - out["harvested"]
    return out
