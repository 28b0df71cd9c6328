"""The goal field (Mål): each indicator's target against its realised figure by month.

Attainment and status are computed in SQL with the same rules as `tracking.rules`
(checked against each other in the tests), so that they stay cheap at national scale.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd
from sqlalchemy import Date, Engine, text

from tracking.months import add_months
from tracking.readmodel.frames import query_frame
from tracking.rules import Status, figure_due, last_closed_month

# Attainment, NULL where no improvement is planned (target equal to baseline).
_ATTAINMENT = """
CASE WHEN m.value IS NULL OR t.value = i.baseline_value THEN NULL
     ELSE (m.value - i.baseline_value) / (t.value - i.baseline_value) END
"""

_STATUS = f"""
CASE WHEN m.value IS NULL THEN 'missing'
     WHEN t.value = i.baseline_value THEN
        CASE WHEN (i.direction = 'higher' AND m.value >= t.value)
               OR (i.direction = 'lower' AND m.value <= t.value)
             THEN 'on_track' ELSE 'off_track' END
     WHEN {_ATTAINMENT} >= p.on_track_threshold THEN 'on_track'
     WHEN {_ATTAINMENT} >= p.at_risk_threshold THEN 'at_risk'
     ELSE 'off_track' END
"""

_BELOW_PLAN = """
CASE WHEN m.value IS NULL THEN FALSE
     WHEN i.direction = 'higher' THEN m.value < t.value
     ELSE m.value > t.value END
"""

def judged_month_sql(measurements: str = "measurement") -> str:
    """The month an indicator is judged in (`tracking.rules.judged_month`), capped at the
    plan's last month. Needs the bound `:day` (today's day of the month), `:closed` (the
    month just closed) and `:previous` (the month before it). `measurements`: the table
    (or a query's narrower CTE of it) the figures are looked up in."""
    closed_or_previous = f"""
CASE WHEN :day > p.report_deadline_day
       OR EXISTS (SELECT 1 FROM {measurements} mc
                   WHERE mc.indicator_id = i.id AND mc.month = :closed)
     THEN :closed ELSE :previous END"""
    return f"""
CASE WHEN p.end_month < ({closed_or_previous}) THEN p.end_month
     ELSE ({closed_or_previous}) END
"""


_SERIES_SQL = f"""
SELECT i.id AS indicator_id, t.month AS month, t.value AS target, m.value AS actual,
       m.comment AS comment, m.entered_by AS entered_by,
       {_ATTAINMENT} AS attainment, {_STATUS} AS status, {_BELOW_PLAN} AS below_plan,
       p.report_deadline_day AS deadline_day
FROM indicator i
JOIN plan p ON p.id = i.plan_id
JOIN target_month t ON t.indicator_id = i.id
LEFT JOIN measurement m ON m.indicator_id = i.id AND m.month = t.month
WHERE i.plan_id = :plan_id AND i.archived_at IS NULL
ORDER BY i.sort_order, i.id, t.month
"""

# The plan's own rows first (`ind`, `tm`, `ms`): the correlated look-ups below then search
# a few hundred rows, not every plan's (on DuckDB they were decorrelated into joins over all
# 880,000 targets and figures at L: 85 ms a rerun after a write, now 10; issue 18). Not
# materialised: PostgreSQL then still finds the rows by index (2.5 ms at L, 7 materialised).
_LATEST_SQL = f"""
WITH ind AS NOT MATERIALIZED (SELECT * FROM indicator
                              WHERE plan_id = :plan_id AND archived_at IS NULL),
tm AS NOT MATERIALIZED (SELECT t.indicator_id, t.month, t.value FROM target_month t
       JOIN ind ON ind.id = t.indicator_id),
ms AS NOT MATERIALIZED (SELECT m.id, m.indicator_id, m.month, m.value FROM measurement m
       JOIN ind ON ind.id = m.indicator_id)
SELECT i.id AS indicator_id, t.month AS month, t.value AS target, m.value AS actual,
       {_ATTAINMENT} AS attainment, {_STATUS} AS status,
       (SELECT COUNT(*) FROM tm t2
          LEFT JOIN ms m2 ON m2.indicator_id = t2.indicator_id AND m2.month = t2.month
         WHERE t2.indicator_id = i.id AND t2.month <= t.month
           AND m2.id IS NULL) AS missing_months,
       CASE WHEN t.month IS NOT NULL AND t.month < :closed AND p.end_month >= :closed
            THEN 1 ELSE 0 END AS awaiting,
       p.report_deadline_day AS deadline_day
FROM ind i
JOIN plan p ON p.id = i.plan_id
LEFT JOIN tm t ON t.indicator_id = i.id AND t.month = {judged_month_sql("ms")}
LEFT JOIN ms m ON m.indicator_id = i.id AND m.month = t.month
ORDER BY i.sort_order, i.id
"""


def plan_series(engine: Engine, plan_id: int) -> pd.DataFrame:
    """One row per indicator and month of the plan: target, actual, attainment, status."""
    df = query_frame(engine, _SERIES_SQL, {"plan_id": plan_id})
    df["month"] = pd.to_datetime(df["month"])
    df["below_plan"] = df["below_plan"].astype(bool)
    return df


def figure_versions(engine: Engine, indicator_id: int) -> dict[date, int]:
    """The stored version of each month's figure of an indicator (a month without a
    figure is absent: its version is 0). A page keeps what it showed, so that a save
    names the version the person saw and a change made since is refused."""
    df = query_frame(engine, "SELECT month, version FROM measurement "
                     "WHERE indicator_id = :indicator_id", {"indicator_id": indicator_id})
    return {pd.Timestamp(m).date(): int(v) for m, v in zip(df["month"], df["version"],
                                                            strict=True)}


@dataclass(frozen=True)
class LatestStatus:
    indicator_id: int
    month: date | None  # the month it is judged in (`rules.judged_month`), None before
    target: float | None
    actual: float | None
    attainment: float | None
    status: Status
    missing_months: int
    # The month just closed has no figure yet, and its reporting deadline has not passed.
    awaiting_month: date | None = None
    awaiting_due: date | None = None


def latest_status(engine: Engine, plan_id: int, today: date) -> dict[int, LatestStatus]:
    """Status of each indicator in the month it is judged in, by indicator id."""
    closed = last_closed_month(today)
    with engine.connect() as conn:
        # Typed month column: SQLite hands dates to text() queries as strings.
        rows = conn.execute(text(_LATEST_SQL).columns(month=Date),
                            {"plan_id": plan_id, "closed": closed, "day": today.day,
                             "previous": add_months(closed, -1)}).all()
    result = {}
    for r in rows:
        started = r.month is not None
        awaiting = bool(r.awaiting)
        result[r.indicator_id] = LatestStatus(
            indicator_id=r.indicator_id,
            month=r.month if started else None,
            target=r.target,
            actual=r.actual,
            attainment=r.attainment,
            status=Status(r.status) if started else Status.NOT_STARTED,
            missing_months=int(r.missing_months or 0),
            awaiting_month=closed if awaiting else None,
            awaiting_due=figure_due(closed, int(r.deadline_day)) if awaiting else None,
        )
    return result


def behind_indicators(engine: Engine, plan_id: int, today: date) -> list[str]:
    """The names of the plan's indicators that are behind (at risk or off track) in the
    month they are judged in: the shortfalls a board meeting discusses the causes of."""
    from tracking.readmodel.plans import list_indicators

    statuses = latest_status(engine, plan_id, today)
    return [ind.name for ind in list_indicators(engine, plan_id)
            if (s := statuses.get(ind.id)) is not None
            and s.status in (Status.AT_RISK, Status.OFF_TRACK)]
