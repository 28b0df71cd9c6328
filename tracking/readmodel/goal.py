"""The goal field (Mål): each indicator's target against its realised figure by month.

Attainment and status are computed in SQL with the same rules as `tracking.rules`
(checked against each other in the tests), so that they stay cheap at national scale.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd
from sqlalchemy import Date, Engine, text

from tracking.readmodel.frames import query_frame
from tracking.rules import Status, last_closed_month

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

_SERIES_SQL = f"""
SELECT i.id AS indicator_id, t.month AS month, t.value AS target, m.value AS actual,
       m.comment AS comment, m.entered_by AS entered_by,
       {_ATTAINMENT} AS attainment, {_STATUS} AS status, {_BELOW_PLAN} AS below_plan
FROM indicator i
JOIN plan p ON p.id = i.plan_id
JOIN target_month t ON t.indicator_id = i.id
LEFT JOIN measurement m ON m.indicator_id = i.id AND m.month = t.month
WHERE i.plan_id = :plan_id AND i.archived_at IS NULL
ORDER BY i.sort_order, i.id, t.month
"""

_LATEST_SQL = f"""
SELECT i.id AS indicator_id, t.month AS month, t.value AS target, m.value AS actual,
       {_ATTAINMENT} AS attainment, {_STATUS} AS status,
       (SELECT COUNT(*) FROM target_month t2
          LEFT JOIN measurement m2 ON m2.indicator_id = t2.indicator_id
                                  AND m2.month = t2.month
         WHERE t2.indicator_id = i.id AND t2.month <= :closed
           AND m2.id IS NULL) AS missing_months
FROM indicator i
JOIN plan p ON p.id = i.plan_id
LEFT JOIN target_month t ON t.indicator_id = i.id
     AND t.month = CASE WHEN p.end_month < :closed THEN p.end_month ELSE :closed END
LEFT JOIN measurement m ON m.indicator_id = i.id AND m.month = t.month
WHERE i.plan_id = :plan_id AND i.archived_at IS NULL
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
    month: date | None  # the latest closed month of the plan, None before it starts
    target: float | None
    actual: float | None
    attainment: float | None
    status: Status
    missing_months: int


def latest_status(engine: Engine, plan_id: int, today: date) -> dict[int, LatestStatus]:
    """Status of each indicator in the latest closed month, by indicator id."""
    closed = last_closed_month(today)
    with engine.connect() as conn:
        # Typed month column: SQLite hands dates to text() queries as strings.
        rows = conn.execute(text(_LATEST_SQL).columns(month=Date),
                            {"plan_id": plan_id, "closed": closed}).all()
    result = {}
    for r in rows:
        started = r.month is not None
        result[r.indicator_id] = LatestStatus(
            indicator_id=r.indicator_id,
            month=r.month if started else None,
            target=r.target,
            actual=r.actual,
            attainment=r.attainment,
            status=Status(r.status) if started else Status.NOT_STARTED,
            missing_months=int(r.missing_months or 0),
        )
    return result
