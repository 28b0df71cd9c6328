"""The director's overview (Oversigt): every active plan at a glance, and its economy.

Status and counts are aggregated in SQL (portable DuckDB/PostgreSQL, bound parameters
only); the economic sums are computed by `tracking.benefit`, the one place that knows how
a flow, a level and a rate add up, from one query of the money indicators' months.

Conventions, documented here because directors will ask:
- *Status* of an indicator is that of the month it is judged in (`tracking.rules.
  judged_month`): the month just closed once it has a figure or its reporting deadline
  (the plan's day of the following month) has passed; before that the month before it,
  and the indicator counts as *awaiting*. A plan that has ended is judged in its last
  month. A plan whose period has not reached a judged month is "not started"; a plan
  without indicators says so.
- *Trend* compares the judged month's figure with the month before it: "better",
  "worse" or "flat" in the sense of the indicator's direction (a falling case time is
  better). Without both figures there is no trend. Equal figures are flat.
- *Plan status* is the worst of its indicators: off track > missing > at risk > on track.
  The overview sorts what needs attention first: off track, missing figures, at risk,
  then plans that are otherwise fine but have overdue actions, plans without indicators,
  plans on track, and plans not started.
- *Overdue actions*: not archived, still Besluttet or Igangsat, deadline before `on`.
- *Last board meeting*: the latest `held_on` not after `on`, of any meeting of the plan,
  closed or still open (an open meeting is being held that day).
- *Economic benefit* (økonomisk gevinst): money indicators (kr., t.kr., mio. kr., FTE)
  that are not rates, summed by `tracking.benefit` up to the judged month; year to date =
  from January of the judged month's year. Only indicators with a budget effect count in
  the plan, department and total sums; the others (e.g. collected arrears) are summed
  apart as `other_*`. A plan without a business case cannot convert FTE, and says so
  (`unconverted_fte`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd
from sqlalchemy import Engine

from tracking.benefit import SUM_COLUMNS, indicator_sums, kr_factor
from tracking.months import add_months
from tracking.readmodel.frames import query_frame
from tracking.readmodel.goal import _ATTAINMENT, _BELOW_PLAN, _STATUS, judged_month_sql
from tracking.rules import last_closed_month
from tracking.units import MONEY_UNITS

__all__ = ["ATTENTION_ORDER", "MONEY_UNITS", "Overview", "departments_and_areas",
           "economic_rollup", "overview_series", "plan_overview"]

# The order of plan statuses on the overview (what needs attention first).
ATTENTION_ORDER = ("off_track", "missing", "at_risk", "overdue", "no_indicators",
                   "on_track", "not_started")

_COST_PER_FTE = "(bc.monthly_salary * 12 * (1 + bc.pension_rate) + bc.overhead)"
_MONEY_UNIT_LIST = ", ".join(f"'{u.value}'" for u in sorted(MONEY_UNITS))

# Sums over the plans: budget effects under the plain names, the rest as other_*.
OTHER_COLUMNS = tuple(f"other_{c}" for c in SUM_COLUMNS)
_MONEY_COLUMNS = (*SUM_COLUMNS, *OTHER_COLUMNS)
_COUNT_COLUMNS = ("money_indicators", "other_indicators", "unconverted_fte")


def _plan_filter(department: str | None, area: str | None) -> tuple[str, dict]:
    """A WHERE fragment (fixed text, bound values) for the optional filters."""
    sql, params = "p.archived_at IS NULL", {}
    if department is not None:
        sql += " AND p.department = :department"
        params["department"] = department
    if area is not None:
        sql += " AND p.area = :area"
        params["area"] = area
    return sql, params


def _indicator_sql(where: str) -> str:
    trend = """
    CASE WHEN m.value IS NULL OR mp.value IS NULL THEN NULL
         WHEN m.value = mp.value THEN 'flat'
         WHEN (m.value > mp.value) = (i.direction = 'higher') THEN 'better'
         ELSE 'worse' END"""
    return f"""
SELECT p.id AS plan_id, i.id AS indicator_id, i.name AS indicator, i.unit AS unit,
       i.direction AS direction, i.kind AS kind, i.owner AS owner, i.phase_in AS phase_in,
       i.measure AS measure, i.budget_effect AS budget_effect,
       i.baseline_value AS baseline, i.target_value AS final_target,
       t.month AS month, t.value AS target, m.value AS actual, mp.value AS previous_actual,
       {_ATTAINMENT} AS attainment,
       CASE WHEN t.month IS NULL THEN 'not_started' ELSE {_STATUS} END AS status,
       CASE WHEN t.month IS NOT NULL AND t.month < :closed AND p.end_month >= :closed
            THEN 1 ELSE 0 END AS awaiting,
       {trend} AS trend,
       CASE WHEN m.value IS NULL OR mp.value IS NULL THEN NULL
            WHEN m.value > mp.value THEN 'up' WHEN m.value < mp.value THEN 'down'
            ELSE 'flat' END AS movement
FROM indicator i
JOIN plan p ON p.id = i.plan_id
LEFT JOIN target_month t ON t.indicator_id = i.id AND t.month = {judged_month_sql()}
LEFT JOIN measurement m ON m.indicator_id = i.id AND m.month = t.month
LEFT JOIN measurement mp ON mp.indicator_id = i.id
     AND mp.month = (SELECT MAX(t3.month) FROM target_month t3
                      WHERE t3.indicator_id = i.id AND t3.month < t.month)
WHERE i.archived_at IS NULL AND {where}
"""


def _money_rows_sql(where: str) -> str:
    """Every month of every money indicator that is not a rate, with what its sums need."""
    return f"""
SELECT p.id AS plan_id, p.department AS department, i.id AS indicator_id,
       i.name AS indicator, i.unit AS unit, i.measure AS measure, i.budget_effect AS budget_effect,
       CASE WHEN i.direction = 'higher' THEN 1.0 ELSE -1.0 END AS sign,
       i.baseline_value AS baseline, t.month AS month, t.value AS target, m.value AS actual,
       {judged_month_sql()} AS "end", {_COST_PER_FTE} AS cost_per_fte
FROM indicator i
JOIN plan p ON p.id = i.plan_id
JOIN target_month t ON t.indicator_id = i.id
LEFT JOIN measurement m ON m.indicator_id = i.id AND m.month = t.month
LEFT JOIN business_case bc ON bc.plan_id = p.id
WHERE i.archived_at IS NULL AND i.unit IN ({_MONEY_UNIT_LIST}) AND i.measure <> 'rate'
  AND {where}
"""


def _plans_sql(where: str) -> str:
    counts = "".join(
        f"       COALESCE(SUM(CASE WHEN s.status = '{s}' THEN 1 ELSE 0 END), 0) AS {s},\n"
        for s in ("on_track", "at_risk", "off_track", "missing", "not_started"))
    return f"""
WITH s AS ({_indicator_sql(where)}),
st AS (
SELECT p.id AS plan_id, COUNT(s.indicator_id) AS indicators,
{counts}       COALESCE(SUM(s.awaiting), 0) AS awaiting,
       COALESCE(SUM(CASE WHEN s.trend = 'worse' THEN 1 ELSE 0 END), 0) AS worsening
FROM plan p LEFT JOIN s ON s.plan_id = p.id
WHERE {where}
GROUP BY p.id
),
ov AS (
SELECT a.plan_id AS plan_id, COUNT(*) AS overdue_actions FROM action a
WHERE a.archived_at IS NULL AND a.status IN ('decided', 'started') AND a.deadline < :on
GROUP BY a.plan_id
),
mt AS (
SELECT mt.plan_id AS plan_id, MAX(mt.held_on) AS last_meeting FROM meeting mt
WHERE mt.held_on <= :on GROUP BY mt.plan_id
),
r AS (
SELECT p.id AS plan_id, p.name AS plan, p.department AS department, p.area AS area,
       p.benefit_owner AS benefit_owner, p.solution AS solution,
       p.start_month AS start_month, p.end_month AS end_month,
       p.report_deadline_day AS report_deadline_day,
       CASE WHEN p.start_month > :closed THEN 1 ELSE 0 END AS not_yet_started,
       st.indicators AS indicators, st.on_track AS on_track, st.at_risk AS at_risk,
       st.off_track AS off_track, st.missing AS missing, st.not_started AS not_started,
       st.awaiting AS awaiting, st.worsening AS worsening,
       COALESCE(ov.overdue_actions, 0) AS overdue_actions, mt.last_meeting AS last_meeting,
       CASE WHEN st.indicators = 0 THEN 'no_indicators'
            WHEN st.off_track > 0 THEN 'off_track'
            WHEN st.missing > 0 THEN 'missing'
            WHEN st.at_risk > 0 THEN 'at_risk'
            WHEN st.on_track > 0 THEN 'on_track'
            ELSE 'not_started' END AS status
FROM plan p
JOIN st ON st.plan_id = p.id
LEFT JOIN ov ON ov.plan_id = p.id
LEFT JOIN mt ON mt.plan_id = p.id
WHERE {where}
)
SELECT r.*,
       CASE WHEN r.status = 'off_track' THEN 0
            WHEN r.status = 'missing' THEN 1
            WHEN r.status = 'at_risk' THEN 2
            WHEN r.overdue_actions > 0 THEN 3
            WHEN r.status = 'no_indicators' THEN 4
            WHEN r.status = 'on_track' THEN 5
            ELSE 6 END AS attention
FROM r
ORDER BY attention, r.off_track DESC, r.missing DESC, r.at_risk DESC,
         r.overdue_actions DESC, r.plan, r.plan_id
"""


@dataclass(frozen=True)
class Overview:
    """What the overview shows, as of `on`.

    plans: one row per active plan, attention first (see the module docstring);
    indicators: one row per indicator of those plans (status, trend, latest figures);
    economics: one row per money indicator with its sums and what they were made from;
    departments: economic sums per department; total: the same summed over all plans.
    """

    on: date
    closed_month: date
    year_start: date
    plans: pd.DataFrame
    indicators: pd.DataFrame
    economics: pd.DataFrame
    departments: pd.DataFrame
    total: pd.Series


def _params(on: date) -> dict:
    closed = last_closed_month(on)
    return {"on": on, "day": on.day, "closed": closed, "previous": add_months(closed, -1),
            "year_start": date(closed.year, 1, 1)}


_INT_COLUMNS = ("indicators", "on_track", "at_risk", "off_track", "missing", "not_started",
                "awaiting", "worsening", "overdue_actions", *_COUNT_COLUMNS,
                "not_yet_started", "attention", "report_deadline_day")


def _typed(df: pd.DataFrame) -> pd.DataFrame:
    for col in _INT_COLUMNS:
        if col in df:
            df[col] = df[col].astype("int64")
    for col in _MONEY_COLUMNS:
        if col in df:
            df[col] = df[col].astype("float64")
    return df


def _economics(engine: Engine, where: str, params: dict) -> pd.DataFrame:
    """One row per money indicator: its sums (`tracking.benefit`) and how it counts."""
    rows = query_frame(engine, _money_rows_sql(where), params)
    for col in ("sign", "baseline", "target", "actual", "cost_per_fte"):
        rows[col] = rows[col].astype("float64")  # DuckDB hands literals back as Decimal
    per = rows.drop_duplicates("indicator_id").set_index("indicator_id")
    columns = ["indicator_id", "plan_id", "department", "indicator", "unit", "measure",
               "budget_effect", "baseline", "sign", "cost_per_fte", "end", "factor",
               *SUM_COLUMNS]
    if rows.empty:
        return pd.DataFrame(columns=columns)
    per["factor"] = [kr_factor(u, m, c) for u, m, c in
                     zip(per["unit"], per["measure"], per["cost_per_fte"], strict=True)]
    for col in ("month", "end"):
        rows[col] = pd.to_datetime(rows[col])
    rows["factor"] = rows["indicator_id"].map(per["factor"]).astype("float64")
    rows["year_start"] = pd.to_datetime(rows["end"].dt.year.astype(str) + "-01-01")
    sums = indicator_sums(rows)
    out = per.join(sums, how="left")
    out["end"] = pd.to_datetime(out["end"]).dt.date
    out["budget_effect"] = out["budget_effect"].astype(bool)
    return out.reset_index()


def _plan_sums(economics: pd.DataFrame, key: str) -> pd.DataFrame:
    """Sums per `key` (plan_id or department): budget effects, the rest, and counts."""
    e = economics
    converted = e["factor"].notna()
    budget = e[converted & e["budget_effect"]]
    other = e[converted & ~e["budget_effect"]]
    out = budget.groupby(key)[list(SUM_COLUMNS)].sum()
    out = out.join(other.groupby(key)[list(SUM_COLUMNS)].sum().add_prefix("other_"),
                   how="outer")
    counts = e.assign(money=e["budget_effect"].astype(int),
                      other=(~e["budget_effect"]).astype(int),
                      unconverted=(~converted).astype(int))
    out = out.join(counts.groupby(key)[["money", "other", "unconverted"]].sum().rename(
        columns={"money": "money_indicators", "other": "other_indicators",
                 "unconverted": "unconverted_fte"}), how="outer")
    return out.fillna(0.0)


def _with_sums(plans: pd.DataFrame, economics: pd.DataFrame) -> pd.DataFrame:
    if economics.empty:
        sums = pd.DataFrame(columns=[*_MONEY_COLUMNS, *_COUNT_COLUMNS])
    else:
        sums = _plan_sums(economics, "plan_id")
    out = plans.join(sums, on="plan_id")
    for col in (*_MONEY_COLUMNS, *_COUNT_COLUMNS):
        out[col] = out[col].fillna(0.0) if col in out else 0.0
    return _typed(out)


def _rollup_frame(plans: pd.DataFrame, by_department: bool) -> pd.DataFrame:
    """Economic sums over plans: per department, or in total (one row)."""
    sums = [*_MONEY_COLUMNS, *_COUNT_COLUMNS]
    money = plans[(plans["money_indicators"] > 0) | (plans["other_indicators"] > 0)]
    if not by_department:
        row = {"plans": len(money), **{c: money[c].sum() for c in sums}}
        return _typed(pd.DataFrame([row]))
    grouped = money.groupby("department", sort=True)
    out = grouped[sums].sum().reset_index()
    out.insert(1, "plans", grouped.size().to_numpy())
    return _typed(out)


def plan_overview(engine: Engine, on: date, department: str | None = None,
                  area: str | None = None) -> Overview:
    """The overview of all active plans (optionally of one department and/or area)."""
    params = _params(on)
    where, filters = _plan_filter(department, area)
    params.update(filters)
    economics = _economics(engine, where, params)
    plans = _with_sums(query_frame(engine, _plans_sql(where), params), economics)
    indicators = query_frame(
        engine, _indicator_sql(where) + " ORDER BY p.id, i.sort_order, i.id", params)
    departments = _rollup_frame(plans, by_department=True)
    total = _rollup_frame(plans, by_department=False).iloc[0]
    from tracking.readmodel.harvest import with_harvest  # it builds on this module

    return with_harvest(engine, Overview(
        on=on, closed_month=params["closed"], year_start=params["year_start"], plans=plans,
        indicators=indicators, economics=economics, departments=departments, total=total))


def economic_rollup(engine: Engine, on: date, plan_id: int | None = None) -> pd.DataFrame:
    """Economic sums per money indicator (the rows behind the plan and department sums),
    with `unconverted` set where FTE cannot be converted (no business case)."""
    where, filters = _plan_filter(None, None)
    if plan_id is not None:
        where += " AND p.id = :plan_id"
        filters["plan_id"] = plan_id
    out = _economics(engine, where, {**_params(on), **filters})
    out["unconverted"] = out["factor"].isna().astype("int64") if not out.empty else []
    for col in SUM_COLUMNS:
        if col in out:
            out[col] = out[col].astype("float64").fillna(0.0)
    return out.sort_values(["plan_id", "indicator_id"]).reset_index(drop=True)


def overview_series(engine: Engine, department: str | None = None,
                    area: str | None = None) -> pd.DataFrame:
    """Every month of every indicator of the active plans (filtered as the overview), in
    the shape of `tracking.readmodel.goal.plan_series`, plus `plan_id`: for the charts."""
    where, params = _plan_filter(department, area)
    df = query_frame(engine, f"""
SELECT p.id AS plan_id, i.id AS indicator_id, t.month AS month, t.value AS target,
       m.value AS actual, m.comment AS comment, m.entered_by AS entered_by,
       {_ATTAINMENT} AS attainment, {_STATUS} AS status, {_BELOW_PLAN} AS below_plan,
       p.report_deadline_day AS deadline_day
FROM indicator i
JOIN plan p ON p.id = i.plan_id
JOIN target_month t ON t.indicator_id = i.id
LEFT JOIN measurement m ON m.indicator_id = i.id AND m.month = t.month
WHERE i.archived_at IS NULL AND {where}
ORDER BY p.id, i.sort_order, i.id, t.month""", params)
    df["month"] = pd.to_datetime(df["month"])
    df["below_plan"] = df["below_plan"].astype(bool)
    return df


def departments_and_areas(engine: Engine) -> pd.DataFrame:
    """The departments and areas of active plans (for the filters), sorted."""
    return query_frame(engine, """
SELECT DISTINCT p.department AS department, p.area AS area FROM plan p
WHERE p.archived_at IS NULL ORDER BY 1, 2""")
