"""The director's overview (Oversigt): every active plan at a glance, and its economy.

What it needs per indicator (status, trend, figures, months missing, economic sums) is
kept in `indicator_status`, updated in the transaction that writes a figure or a target
(`tracking.kept_status`), so a read of the current month is one query over that small
table that returns the plans with their counts, economic sums and harvest, summed by the
database (the indicator and economics rows are read only when asked for); a read
as of another month (or `live=True`) computes the same from every target and figure in
SQL (portable DuckDB/PostgreSQL, bound parameters only), with the economic sums by
`tracking.benefit`, the one place that knows how a flow, a level and a rate add up.
The tests check the two roads against each other.

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

import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pandas as pd
from sqlalchemy import Engine

from tracking.benefit import DETAIL_COLUMNS, SUM_COLUMNS, indicator_sums, kr_factor
from tracking.months import add_months
from tracking.readmodel.frames import query_frame
from tracking.readmodel.goal import _ATTAINMENT, _BELOW_PLAN, _STATUS, judged_month_sql
from tracking.readmodel.harvest_lines import HARVEST_SUM_COLUMNS, harvest_sums_sql
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


_KEPT_JUDGED = """
CASE WHEN p.end_month < (CASE WHEN :day > p.report_deadline_day OR k.closed_has_figure
                              THEN :closed ELSE :previous END) THEN p.end_month
     ELSE (CASE WHEN :day > p.report_deadline_day OR k.closed_has_figure
                THEN :closed ELSE :previous END) END"""
_KEPT_ECONOMICS = ", ".join(
    [f"k.{c} AS {c}" for c in ("in_economics", "sign", "cost_per_fte", "factor",
                                 *SUM_COLUMNS, *DETAIL_COLUMNS[:-1])]
    + ["k.last_target AS last_target", 'k.judged AS "end"', "p.department AS department",
       "i.sort_order AS sort_order"])


def _kept_indicator_sql(where: str, economics: bool = False) -> str:
    """The indicator rows of `_indicator_sql`, read from the kept table: the row of the
    month each indicator is judged in (chosen by the day and the plan's deadline)."""
    extra = f", {_KEPT_ECONOMICS}" if economics else ""
    return f"""
SELECT p.id AS plan_id, i.id AS indicator_id, i.name AS indicator, i.unit AS unit,
       i.direction AS direction, i.kind AS kind, i.owner AS owner, i.phase_in AS phase_in,
       i.measure AS measure, i.budget_effect AS budget_effect,
       i.baseline_value AS baseline, i.target_value AS final_target,
       k.month AS month, k.target AS target, k.actual AS actual,
       k.previous_actual AS previous_actual, k.attainment AS attainment,
       k.status AS status, k.awaiting AS awaiting, k.trend AS trend,
       k.movement AS movement{extra}
FROM indicator_status k
JOIN indicator i ON i.id = k.indicator_id
JOIN plan p ON p.id = i.plan_id
WHERE k.judged = {_KEPT_JUDGED} AND i.archived_at IS NULL AND {where}
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


def _kept_plan_rows_sql(where: str) -> str:
    """The kept rows of `_kept_indicator_sql` with only what the plans' counts and sums
    read (a short query binds faster); `money`/`other` mark the rows whose sums count
    as budget effects or apart (`_plan_sums`)."""
    return f"""
SELECT i.plan_id AS plan_id, k.indicator_id AS indicator_id, k.status AS status,
       k.awaiting AS awaiting, k.trend AS trend, k.in_economics AS in_economics,
       i.budget_effect AS budget_effect, k.factor AS factor,
       {", ".join(f"k.{c} AS {c}" for c in SUM_COLUMNS)}
FROM indicator_status k
JOIN indicator i ON i.id = k.indicator_id
JOIN plan p ON p.id = i.plan_id
WHERE k.judged = {_KEPT_JUDGED} AND i.archived_at IS NULL AND {where}
"""


def _kept_sums_sql(dialect: str) -> tuple[str, str, str]:
    """What the plans' query adds to read the economic sums and the harvest with the
    kept rows (`_kept_plan_rows_sql` as `s`): the sums per plan (in `st`), the harvest
    CTE and the columns after `attention`, in the order of `_with_sums` and
    `with_harvest`.

    The sums are those of `_plan_sums`: money indicators that can be converted to kr.,
    budget effects under the plain names, the rest as other_*; unconverted FTE counted.
    DuckDB adds with `fsum` (exactly rounded, whatever order its threads see the rows
    in), where pandas added with a compensated sum."""
    add = "fsum" if dialect == "duckdb" else "SUM"
    money = "s.in_economics AND s.factor IS NOT NULL"
    sums = [f"       COALESCE({add}(s.{c}) FILTER (WHERE {money} AND {flag}s.budget_effect),"
            f" 0.0) AS {prefix}{c},\n"
            for prefix, flag in (("", ""), ("other_", "NOT ")) for c in SUM_COLUMNS]
    counts = [
        "       COUNT(*) FILTER (WHERE s.in_economics AND s.budget_effect)"
        " AS money_indicators,\n",
        "       COUNT(*) FILTER (WHERE s.in_economics AND NOT s.budget_effect)"
        " AS other_indicators,\n",
        "       COUNT(*) FILTER (WHERE s.in_economics AND s.factor IS NULL)"
        " AS unconverted_fte,\n"]
    harvest = f"\nhv AS ({harvest_sums_sql()}\n),"
    columns = [f"st.{c} AS {c}" for c in (*_MONEY_COLUMNS, *_COUNT_COLUMNS)] + [
        f"COALESCE(hv.{c}, 0.0) AS {c}" for c in HARVEST_SUM_COLUMNS] + [
        "st.realised_to_date - COALESCE(hv.harvest_decided, 0.0)"
        " - COALESCE(hv.harvested, 0.0) AS leeway"]
    return "".join(sums + counts), harvest, ",\n       ".join(columns)


# The columns of `_plans_sql`'s plan rows, before `attention`; the sums after it.
_PLAN_ROW_COLUMNS = (
    "plan_id", "plan", "department", "area", "municipality", "benefit_owner", "solution",
    "start_month", "end_month", "report_deadline_day", "not_yet_started", "indicators",
    "on_track", "at_risk", "off_track", "missing", "not_started", "awaiting", "worsening",
    "overdue_actions", "last_meeting", "status")
_SUM_ROW_COLUMNS = (*_MONEY_COLUMNS, *_COUNT_COLUMNS, *HARVEST_SUM_COLUMNS, "leeway")


def _plans_sql(where: str, indicators: str | None = None,
               sums: tuple[str, str, str] | None = None) -> str:
    """Plans with their status counts; `indicators` is the SQL of the indicator rows
    (the kept rows, or by default the live computation); `sums` (`_kept_sums_sql`)
    adds the economic sums and the harvest per plan."""
    counts = "".join(
        f"       COUNT(s.indicator_id) FILTER (WHERE s.status = '{s}') AS {s},\n"
        for s in ("on_track", "at_risk", "off_track", "missing", "not_started"))
    money, harvest, columns = sums or ("", "", "")
    after = "".join(f", r.{c}" for c in _SUM_ROW_COLUMNS) if columns else ""
    return f"""
WITH s AS ({indicators or _indicator_sql(where)}),
st AS (
SELECT p.id AS plan_id, COUNT(s.indicator_id) AS indicators,
{counts}{money}       CAST(COALESCE(SUM(s.awaiting), 0) AS BIGINT) AS awaiting,
       COUNT(s.indicator_id) FILTER (WHERE s.trend = 'worse') AS worsening
FROM plan p LEFT JOIN s ON s.plan_id = p.id
WHERE {where}
GROUP BY p.id
),{harvest}
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
       p.municipality AS municipality,
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
            ELSE 'not_started' END AS status{"," if columns else ""}
       {columns}
FROM plan p
JOIN st ON st.plan_id = p.id
LEFT JOIN ov ON ov.plan_id = p.id
LEFT JOIN mt ON mt.plan_id = p.id{" LEFT JOIN hv ON hv.plan_id = p.id" if columns else ""}
WHERE {where}
)
SELECT {", ".join(f"r.{c}" for c in _PLAN_ROW_COLUMNS)},
       CASE WHEN r.status = 'off_track' THEN 0
            WHEN r.status = 'missing' THEN 1
            WHEN r.status = 'at_risk' THEN 2
            WHEN r.overdue_actions > 0 THEN 3
            WHEN r.status = 'no_indicators' THEN 4
            WHEN r.status = 'on_track' THEN 5
            ELSE 6 END AS attention{after}
FROM r
ORDER BY attention, r.off_track DESC, r.missing DESC, r.at_risk DESC,
         r.overdue_actions DESC, r.plan, r.plan_id
"""


Details = tuple[pd.DataFrame, pd.DataFrame]  # (indicators, economics)


class _Once:
    """A loader that runs once, on first use, and hands every caller the same frames
    (an overview copied by `dataclasses.replace` shares it)."""

    def __init__(self, load: Callable[[], Details]) -> None:
        self._load: Callable[[], Details] | None = load
        self._value: Details | None = None
        self._lock = threading.Lock()

    def __call__(self) -> Details:
        with self._lock:
            if self._load is not None:
                self._value, self._load = self._load(), None
        assert self._value is not None
        return self._value


@dataclass(frozen=True)
class Overview:
    """What the overview shows, as of `on`.

    plans: one row per active plan, attention first (see the module docstring);
    departments: economic sums per department; total: the same summed over all plans;
    indicators: one row per indicator of those plans (status, trend, latest figures);
    economics: one row per money indicator with its sums and what they were made from.

    The plans carry everything a page of plans or groups shows (the counts per status,
    the sums); `indicators` and `economics`, thousands of rows at national scale, are
    read on first use (`details`), by the tiles, the reports and the calculation.
    """

    on: date
    closed_month: date
    year_start: date
    plans: pd.DataFrame
    departments: pd.DataFrame
    total: pd.Series
    details: Callable[[], Details] = field(repr=False, compare=False)

    @property
    def indicators(self) -> pd.DataFrame:
        return self.details()[0]

    @property
    def economics(self) -> pd.DataFrame:
        return self.details()[1]


def _params(on: date) -> dict:
    closed = last_closed_month(on)
    return {"on": on, "day": on.day, "closed": closed, "previous": add_months(closed, -1),
            "year_start": date(closed.year, 1, 1)}


_INT_COLUMNS = ("indicators", "on_track", "at_risk", "off_track", "missing", "not_started",
                "awaiting", "worsening", "overdue_actions", *_COUNT_COLUMNS,
                "not_yet_started", "attention", "report_deadline_day")


def _typed(df: pd.DataFrame) -> pd.DataFrame:
    for columns, dtype in ((_INT_COLUMNS, "int64"),
                           ((*_MONEY_COLUMNS, *HARVEST_SUM_COLUMNS, "leeway"), "float64")):
        for col in columns:
            if col in df and df[col].dtype != dtype:  # a cast of thirty columns costs
                df[col] = df[col].astype(dtype)
    return df


def _economics(engine: Engine, where: str, params: dict) -> pd.DataFrame:
    """One row per money indicator: its sums (`tracking.benefit`) and how it counts."""
    rows = query_frame(engine, _money_rows_sql(where), params)
    for col in ("sign", "baseline", "target", "actual", "cost_per_fte"):
        rows[col] = rows[col].astype("float64")  # DuckDB hands literals back as Decimal
    per = rows.drop_duplicates("indicator_id").set_index("indicator_id")
    if rows.empty:
        return pd.DataFrame(columns=_ECONOMICS_COLUMNS)
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
    money = plans.loc[(plans["money_indicators"] > 0) | (plans["other_indicators"] > 0),
                      ["department", *sums]]  # not the plans' forty other columns
    if not by_department:
        row = {"plans": len(money), **{c: money[c].sum() for c in sums}}
        return _typed(pd.DataFrame([row]))
    grouped = money.groupby("department", sort=True)
    out = grouped[sums].sum().reset_index()
    out.insert(1, "plans", grouped.size().to_numpy())
    return _typed(out)


_PARAM = re.compile(r"(?<![:\w]):(\w+)")


def _columnar_frame(engine: Engine, sql: str, params: dict) -> pd.DataFrame:
    """`query_frame`, but on DuckDB fetched by columns through Arrow: thousands of rows
    without a Python object per value (strings cost half of DuckDB's own `.df()`).
    Dates come back as `datetime.date` (None where NULL), as in `query_frame`."""
    if engine.dialect.name != "duckdb":
        return query_frame(engine, sql, params)
    names = set(_PARAM.findall(sql))
    with engine.connect() as conn:
        raw: Any = conn.connection.driver_connection
        rows = raw.sql(_PARAM.sub(r"$\1", sql),
                       params={k: v for k, v in params.items() if k in names})
        table = rows.to_arrow_table()
        if table.num_rows:
            return table.to_pandas()
        df = rows.df()  # no rows: Arrow's empty string columns do not join in pandas
    for col in df.columns:
        if pd.api.types.is_datetime64_any_dtype(df[col]):
            df[col] = df[col].dt.date.astype(object).where(df[col].notna(), None)
    return df


def _use_kept(engine: Engine, closed: date) -> bool:
    """The kept rows serve a read of the current month (rebuilt first if they are of
    another month); a read as of another month is computed live."""
    from tracking.kept_status import current_closed_month, rebuild_if_needed

    if closed != current_closed_month():
        return False
    rebuild_if_needed(engine, closed)
    return True


_ECONOMICS_COLUMNS = ["indicator_id", "plan_id", "department", "indicator", "unit", "measure",
                      "budget_effect", "sign", "baseline", "end", "cost_per_fte", "factor",
                      *SUM_COLUMNS, *DETAIL_COLUMNS]
_INDICATOR_COLUMNS = ["plan_id", "indicator_id", "indicator", "unit", "direction", "kind",
                      "owner", "phase_in", "measure", "budget_effect", "baseline",
                      "final_target", "month", "target", "actual", "previous_actual",
                      "attainment", "status", "awaiting", "trend", "movement"]


def _kept_frames(engine: Engine, where: str,
                 params: dict) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The indicators and economics frames from one scan of the kept rows."""
    rows = _columnar_frame(engine, _kept_indicator_sql(where, economics=True)
                           + " ORDER BY p.id, i.sort_order, i.id", params)
    indicators = rows[_INDICATOR_COLUMNS].reset_index(drop=True)
    money = rows[rows["in_economics"].astype(bool)].rename(
        columns={"final_target": "indicator_target"})
    economics = money.rename(columns={"last_target": "final_target"})
    economics = economics.reindex(columns=_ECONOMICS_COLUMNS)
    if economics.empty:
        return indicators, pd.DataFrame(columns=_ECONOMICS_COLUMNS)
    for col in ("sign", "baseline", "cost_per_fte", "factor", *SUM_COLUMNS,
                *DETAIL_COLUMNS):
        economics[col] = economics[col].astype("float64")
    economics["end"] = pd.to_datetime(economics["end"]).dt.date
    economics["budget_effect"] = economics["budget_effect"].astype(bool)
    economics = economics.sort_values(["plan_id", "indicator_id"]).reset_index(drop=True)
    return indicators, economics


def plan_overview(engine: Engine, on: date, department: str | None = None,
                  area: str | None = None, *, live: bool = False) -> Overview:
    """The overview of all active plans (optionally of one department and/or area).

    Read from the kept rows (`indicator_status`) when `on` is in the current month;
    `live=True` (or another month) computes it from every figure and target instead.
    """
    params = _params(on)
    where, filters = _plan_filter(department, area)
    params.update(filters)
    from tracking.readmodel.harvest import harvest_rollup, with_harvest  # they build on this

    if not live and _use_kept(engine, params["closed"]):
        # One query: the plans with their counts, sums and harvest, summed by the database.
        plans = _typed(_columnar_frame(engine, _plans_sql(
            where, _kept_plan_rows_sql(where), _kept_sums_sql(engine.dialect.name)), params))
        ov = _overview(on, params, plans, _Once(lambda: _kept_frames(engine, where, params)))
        return harvest_rollup(ov, plans)
    economics = _economics(engine, where, params)
    plan_rows = query_frame(engine, _plans_sql(where), params)
    indicators = query_frame(
        engine, _indicator_sql(where) + " ORDER BY p.id, i.sort_order, i.id", params)
    plans = _with_sums(plan_rows, economics)
    return with_harvest(engine, _overview(on, params, plans,
                                          _Once(lambda: (indicators, economics))))


def _overview(on: date, params: dict, plans: pd.DataFrame,
              details: Callable[[], Details]) -> Overview:
    """The overview of these plans (with their sums), rolled up by department and in total."""
    return Overview(on=on, closed_month=params["closed"], year_start=params["year_start"],
                    plans=plans, departments=_rollup_frame(plans, by_department=True),
                    total=_rollup_frame(plans, by_department=False).iloc[0], details=details)


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
