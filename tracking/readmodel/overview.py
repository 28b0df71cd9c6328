"""The director's overview (Oversigt): every active plan at a glance, and its economy.

All aggregation happens in SQL (portable DuckDB/PostgreSQL, bound parameters only), so
the overview stays one round of queries however many plans the database holds.

Conventions, documented here because directors will ask:
- *Status* of an indicator is that of the latest closed month (the month before `on`, or
  the plan's last month if it has ended), by the same rules as the goal field
  (`tracking.rules`, SQL shared with `tracking.readmodel.goal`). A plan whose period has
  not reached a closed month is "not started"; a plan without indicators says so.
- *Trend* compares the latest closed month's figure with the month before it: "better",
  "worse" or "flat" in the sense of the indicator's direction (a falling case time is
  better). Without both figures there is no trend. Equal figures are flat.
- *Plan status* is the worst of its indicators: off track > missing > at risk > on track.
  The overview sorts what needs attention first: off track, missing figures, at risk,
  then plans that are otherwise fine but have overdue actions, plans without indicators,
  plans on track, and plans not started.
- *Overdue actions*: not archived, still Besluttet or Igangsat, deadline before `on`.
- *Last board meeting*: the latest `held_on` not after `on`, of any meeting of the plan,
  closed or still open (an open meeting is being held that day).
- *Economic benefit*: only indicators in kr., 1.000 kr. and FTE (årsværk) count. A
  figure is read as the month's amount (kr. spent or saved that month, FTE working that
  month), so the benefit of a month is the improvement over the baseline in the
  indicator's good direction: realised = ±(actual − baseline), planned = ±(target −
  baseline), with + for "higher is better" and − for "lower is better" (a cost that
  falls from 100 to 80 saves 20). 1.000 kr. counts × 1.000. FTE count × the plan's cost
  per FTE / 12 (a month of one FTE), where cost per FTE is the business case's yearly
  salary incl. pension plus overhead; a plan without a business case cannot convert FTE,
  and says so (`unconverted_fte`). Sums run over months: year to date = January of the
  latest closed month's year up to that month; to date = the plan's start up to it; the
  whole period = every month of the plan (planned only). A month without a figure adds
  nothing to the realised sum (and counts in `missing_months`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd
from sqlalchemy import Engine

from tracking.readmodel.frames import query_frame
from tracking.readmodel.goal import _ATTAINMENT, _BELOW_PLAN, _STATUS
from tracking.rules import last_closed_month

__all__ = ["ATTENTION_ORDER", "MONEY_UNITS", "Overview", "departments_and_areas",
           "economic_rollup", "overview_series", "plan_overview"]

MONEY_UNITS = ("kr", "tkr", "fte")

# The order of plan statuses on the overview (what needs attention first).
ATTENTION_ORDER = ("off_track", "missing", "at_risk", "overdue", "no_indicators",
                   "on_track", "not_started")

# The month each indicator is judged in: the latest closed month, or the plan's last.
_EFFECTIVE_MONTH = "CASE WHEN p.end_month < :closed THEN p.end_month ELSE :closed END"

_COST_PER_FTE = "(bc.monthly_salary * 12 * (1 + bc.pension_rate) + bc.overhead)"

_SIGN = "CASE WHEN i.direction = 'higher' THEN 1.0 ELSE -1.0 END"

# kr. per unit of the indicator in one month; NULL where it cannot be converted.
_FACTOR = f"""
CASE WHEN i.unit = 'kr' THEN 1.0
     WHEN i.unit = 'tkr' THEN 1000.0
     WHEN i.unit = 'fte' THEN {_COST_PER_FTE} / 12.0 END
"""


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
       i.baseline_value AS baseline, i.target_value AS final_target,
       t.month AS month, t.value AS target, m.value AS actual, mp.value AS previous_actual,
       {_ATTAINMENT} AS attainment,
       CASE WHEN t.month IS NULL THEN 'not_started' ELSE {_STATUS} END AS status,
       {trend} AS trend,
       CASE WHEN m.value IS NULL OR mp.value IS NULL THEN NULL
            WHEN m.value > mp.value THEN 'up' WHEN m.value < mp.value THEN 'down'
            ELSE 'flat' END AS movement
FROM indicator i
JOIN plan p ON p.id = i.plan_id
LEFT JOIN target_month t ON t.indicator_id = i.id AND t.month = {_EFFECTIVE_MONTH}
LEFT JOIN measurement m ON m.indicator_id = i.id AND m.month = t.month
LEFT JOIN measurement mp ON mp.indicator_id = i.id
     AND mp.month = (SELECT MAX(t3.month) FROM target_month t3
                      WHERE t3.indicator_id = i.id AND t3.month < t.month)
WHERE i.archived_at IS NULL AND {where}
"""


def _economics_sql(where: str) -> str:
    """One row per money indicator with its sums (to date, year to date, whole period)."""
    realised = f"{_SIGN} * (m.value - i.baseline_value) * {_FACTOR}"
    planned = f"{_SIGN} * (t.value - i.baseline_value) * {_FACTOR}"
    ytd = "t.month >= :year_start AND t.month <= :closed"
    return f"""
SELECT p.id AS plan_id, p.department AS department, i.id AS indicator_id,
       CASE WHEN {_FACTOR} IS NULL THEN 1 ELSE 0 END AS unconverted,
       SUM(CASE WHEN {ytd} THEN {realised} END) AS realised_ytd,
       SUM(CASE WHEN {ytd} THEN {planned} END) AS planned_ytd,
       SUM(CASE WHEN t.month <= :closed THEN {realised} END) AS realised_to_date,
       SUM(CASE WHEN t.month <= :closed THEN {planned} END) AS planned_to_date,
       SUM({planned}) AS planned_total,
       SUM(CASE WHEN t.month <= :closed AND m.value IS NULL THEN 1 ELSE 0 END)
           AS missing_months
FROM indicator i
JOIN plan p ON p.id = i.plan_id
JOIN target_month t ON t.indicator_id = i.id
LEFT JOIN measurement m ON m.indicator_id = i.id AND m.month = t.month
LEFT JOIN business_case bc ON bc.plan_id = p.id
WHERE i.archived_at IS NULL AND i.unit IN ('kr', 'tkr', 'fte') AND {where}
GROUP BY p.id, p.department, i.id, i.unit, bc.monthly_salary, bc.pension_rate, bc.overhead
"""


_SUMS = """
       COALESCE(SUM(CASE WHEN e.unconverted = 0 THEN e.realised_ytd END), 0) AS realised_ytd,
       COALESCE(SUM(CASE WHEN e.unconverted = 0 THEN e.planned_ytd END), 0) AS planned_ytd,
       COALESCE(SUM(CASE WHEN e.unconverted = 0 THEN e.realised_to_date END), 0)
           AS realised_to_date,
       COALESCE(SUM(CASE WHEN e.unconverted = 0 THEN e.planned_to_date END), 0)
           AS planned_to_date,
       COALESCE(SUM(CASE WHEN e.unconverted = 0 THEN e.planned_total END), 0) AS planned_total,
       COUNT(e.indicator_id) AS money_indicators,
       COALESCE(SUM(e.unconverted), 0) AS unconverted_fte
"""


def _plans_sql(where: str) -> str:
    counts = "".join(
        f"       COALESCE(SUM(CASE WHEN s.status = '{s}' THEN 1 ELSE 0 END), 0) AS {s},\n"
        for s in ("on_track", "at_risk", "off_track", "missing", "not_started"))
    return f"""
WITH s AS ({_indicator_sql(where)}),
st AS (
SELECT p.id AS plan_id, COUNT(s.indicator_id) AS indicators,
{counts}       COALESCE(SUM(CASE WHEN s.trend = 'worse' THEN 1 ELSE 0 END), 0) AS worsening
FROM plan p LEFT JOIN s ON s.plan_id = p.id
WHERE {where}
GROUP BY p.id
),
e AS ({_economics_sql(where)}),
ec AS (SELECT e.plan_id AS plan_id, {_SUMS} FROM e GROUP BY e.plan_id),
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
       CASE WHEN p.start_month > :closed THEN 1 ELSE 0 END AS not_yet_started,
       st.indicators AS indicators, st.on_track AS on_track, st.at_risk AS at_risk,
       st.off_track AS off_track, st.missing AS missing, st.not_started AS not_started,
       st.worsening AS worsening,
       COALESCE(ov.overdue_actions, 0) AS overdue_actions, mt.last_meeting AS last_meeting,
       COALESCE(ec.realised_ytd, 0) AS realised_ytd, COALESCE(ec.planned_ytd, 0) AS planned_ytd,
       COALESCE(ec.realised_to_date, 0) AS realised_to_date,
       COALESCE(ec.planned_to_date, 0) AS planned_to_date,
       COALESCE(ec.planned_total, 0) AS planned_total,
       COALESCE(ec.money_indicators, 0) AS money_indicators,
       COALESCE(ec.unconverted_fte, 0) AS unconverted_fte,
       CASE WHEN st.indicators = 0 THEN 'no_indicators'
            WHEN st.off_track > 0 THEN 'off_track'
            WHEN st.missing > 0 THEN 'missing'
            WHEN st.at_risk > 0 THEN 'at_risk'
            WHEN st.on_track > 0 THEN 'on_track'
            ELSE 'not_started' END AS status
FROM plan p
JOIN st ON st.plan_id = p.id
LEFT JOIN ec ON ec.plan_id = p.id
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


def _rollup_sql(where: str, by_department: bool) -> str:
    group = "e.department" if by_department else ""
    select = "e.department AS department," if by_department else ""
    return f"""
WITH e AS ({_economics_sql(where)})
SELECT {select} COUNT(DISTINCT e.plan_id) AS plans, {_SUMS}
FROM e {"GROUP BY " + group + " ORDER BY " + group if group else ""}
"""


@dataclass(frozen=True)
class Overview:
    """What the overview shows, as of `on`.

    plans: one row per active plan, attention first (see the module docstring);
    indicators: one row per indicator of those plans (status, trend, latest figures);
    departments: economic sums per department; total: the same summed over all plans.
    """

    on: date
    closed_month: date
    year_start: date
    plans: pd.DataFrame
    indicators: pd.DataFrame
    departments: pd.DataFrame
    total: pd.Series


def _params(on: date) -> dict:
    closed = last_closed_month(on)
    return {"on": on, "closed": closed, "year_start": date(closed.year, 1, 1)}


_INT_COLUMNS = ("indicators", "on_track", "at_risk", "off_track", "missing", "not_started",
                "worsening", "overdue_actions", "money_indicators", "unconverted_fte",
                "not_yet_started", "attention")
_MONEY_COLUMNS = ("realised_ytd", "planned_ytd", "realised_to_date", "planned_to_date",
                  "planned_total")


def _typed(df: pd.DataFrame) -> pd.DataFrame:
    for col in _INT_COLUMNS:
        if col in df:
            df[col] = df[col].astype("int64")
    for col in _MONEY_COLUMNS:
        if col in df:
            df[col] = df[col].astype("float64")
    return df


def plan_overview(engine: Engine, on: date, department: str | None = None,
                  area: str | None = None) -> Overview:
    """The overview of all active plans (optionally of one department and/or area)."""
    params = _params(on)
    where, filters = _plan_filter(department, area)
    params.update(filters)
    plans = _typed(query_frame(engine, _plans_sql(where), params))
    indicators = query_frame(
        engine, _indicator_sql(where) + " ORDER BY p.id, i.sort_order, i.id", params)
    departments = _typed(query_frame(engine, _rollup_sql(where, True), params))
    total = _typed(query_frame(engine, _rollup_sql(where, False), params)).iloc[0]
    return Overview(on=on, closed_month=params["closed"], year_start=params["year_start"],
                    plans=plans, indicators=indicators, departments=departments, total=total)


def economic_rollup(engine: Engine, on: date) -> pd.DataFrame:
    """Economic sums per money indicator (the rows behind the plan and department sums)."""
    where, filters = _plan_filter(None, None)
    return _typed(query_frame(engine, _economics_sql(where) + " ORDER BY 1, 3",
                              {**_params(on), **filters}))


def overview_series(engine: Engine, department: str | None = None,
                    area: str | None = None) -> pd.DataFrame:
    """Every month of every indicator of the active plans (filtered as the overview), in
    the shape of `tracking.readmodel.goal.plan_series`, plus `plan_id`: for the charts."""
    where, params = _plan_filter(department, area)
    df = query_frame(engine, f"""
SELECT p.id AS plan_id, i.id AS indicator_id, t.month AS month, t.value AS target,
       m.value AS actual, m.comment AS comment, m.entered_by AS entered_by,
       {_ATTAINMENT} AS attainment, {_STATUS} AS status, {_BELOW_PLAN} AS below_plan
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
