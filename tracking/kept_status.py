"""The kept overview rows (`indicator_status`): computed, written and rebuilt here.

`refresh` recomputes the rows of some indicators inside the caller's transaction (the
session listener in `tracking.kept_listener` calls it for the indicators a transaction
wrote); `rebuild` recomputes every row (`gevinst rebuild`, a restore, the synthetic data,
the first start of an old database, a new month). Both compute with the same SQL and the
same `tracking.benefit` arithmetic as the overview's live read, so that the kept rows
equal a recomputation (tested after random writes).

Only the written indicators are recomputed, with queries filtered by indicator id: a
figure saved at national scale costs a few milliseconds more, not a scan of the country.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

import numpy as np
import pandas as pd
from sqlalchemy import Connection, Engine, bindparam, text

from tracking.benefit import DETAIL_COLUMNS, SUM_COLUMNS, indicator_sums, kr_factor
from tracking.clock import today
from tracking.models.kept import IndicatorStatus
from tracking.months import add_months
from tracking.readmodel.goal import _ATTAINMENT, _STATUS
from tracking.rules import last_closed_month
from tracking.units import MONEY_UNITS

__all__ = ["COLUMNS", "compute", "current_closed_month", "is_fresh", "rebuild",
           "rebuild_if_needed", "refresh", "refresh_plans"]

TABLE = IndicatorStatus.__table__  # type: ignore[attr-defined]
COLUMNS = tuple(c.name for c in TABLE.columns)
_MONEY_UNIT_LIST = ", ".join(f"'{u.value}'" for u in sorted(MONEY_UNITS))
_COST_PER_FTE = "(bc.monthly_salary * 12 * (1 + bc.pension_rate) + bc.overhead)"

TREND_SQL = """
    CASE WHEN m.value IS NULL OR mp.value IS NULL THEN NULL
         WHEN m.value = mp.value THEN 'flat'
         WHEN (m.value > mp.value) = (i.direction = 'higher') THEN 'better'
         ELSE 'worse' END"""
MOVEMENT_SQL = """
    CASE WHEN m.value IS NULL OR mp.value IS NULL THEN NULL
         WHEN m.value > mp.value THEN 'up' WHEN m.value < mp.value THEN 'down'
         ELSE 'flat' END"""
# The judged month for one candidate (:jm, the month just closed or the one before it),
# capped at the plan's last month: `tracking.readmodel.goal.judged_month_sql` without the
# choice between the two, which the reader makes (it depends on the day of the month).
_JUDGED = "CASE WHEN p.end_month < :jm THEN p.end_month ELSE :jm END"


def _status_sql(where: str) -> str:
    return f"""
SELECT i.id AS indicator_id, i.plan_id AS plan_id, {_JUDGED} AS judged,
       CASE WHEN EXISTS (SELECT 1 FROM measurement mc
                          WHERE mc.indicator_id = i.id AND mc.month = :closed)
            THEN 1 ELSE 0 END AS closed_has_figure,
       t.month AS month, t.value AS target, m.value AS actual, mp.value AS previous_actual,
       {_ATTAINMENT} AS attainment,
       CASE WHEN t.month IS NULL THEN 'not_started' ELSE {_STATUS} END AS status,
       CASE WHEN t.month IS NOT NULL AND t.month < :closed AND p.end_month >= :closed
            THEN 1 ELSE 0 END AS awaiting,
       {TREND_SQL} AS trend, {MOVEMENT_SQL} AS movement,
       (SELECT COUNT(*) FROM target_month t2
          LEFT JOIN measurement m2 ON m2.indicator_id = t2.indicator_id
                                  AND m2.month = t2.month
         WHERE t2.indicator_id = i.id AND t2.month <= t.month
           AND m2.id IS NULL) AS missing_months
FROM indicator i
JOIN plan p ON p.id = i.plan_id
LEFT JOIN target_month t ON t.indicator_id = i.id AND t.month = {_JUDGED}
LEFT JOIN measurement m ON m.indicator_id = i.id AND m.month = t.month
LEFT JOIN measurement mp ON mp.indicator_id = i.id
     AND mp.month = (SELECT MAX(t3.month) FROM target_month t3
                      WHERE t3.indicator_id = i.id AND t3.month < t.month)
WHERE {where}
"""


def _money_sql(where: str) -> str:
    return f"""
SELECT i.id AS indicator_id, i.unit AS unit, i.measure AS measure,
       CASE WHEN i.direction = 'higher' THEN 1.0 ELSE -1.0 END AS sign,
       i.baseline_value AS baseline, t.month AS month, t.value AS target, m.value AS actual,
       {_COST_PER_FTE} AS cost_per_fte
FROM indicator i
JOIN plan p ON p.id = i.plan_id
JOIN target_month t ON t.indicator_id = i.id
LEFT JOIN measurement m ON m.indicator_id = i.id AND m.month = t.month
LEFT JOIN business_case bc ON bc.plan_id = p.id
WHERE i.unit IN ({_MONEY_UNIT_LIST}) AND i.measure <> 'rate' AND {where}
"""


def _frame(conn: Connection, sql: str, params: dict, ids: list[int] | None) -> pd.DataFrame:
    statement = text(sql)
    if ids is not None:
        statement = statement.bindparams(bindparam("ids", expanding=True))
        params = {**params, "ids": ids}
    result = conn.execute(statement, params)
    return pd.DataFrame(result.all(), columns=list(result.keys()))


def current_closed_month() -> date:
    """The month the kept rows are for: the one just closed, by the program's clock."""
    return last_closed_month(today())


def compute(conn: Connection, closed: date,
            indicator_ids: Iterable[int] | None = None) -> pd.DataFrame:
    """The kept rows (columns `COLUMNS`) of these indicators (all when None), as of the
    month `closed`: two per indicator (judged in `closed` or the month before), one
    where the plan's end caps both to the same month."""
    ids = sorted(set(indicator_ids)) if indicator_ids is not None else None
    if ids is not None and not ids:
        return pd.DataFrame(columns=list(COLUMNS))
    where = "i.id IN :ids" if ids is not None else "1 = 1"
    parts = [_frame(conn, _status_sql(where), {"jm": jm, "closed": closed}, ids)
             for jm in (closed, add_months(closed, -1))]
    rows = pd.concat(parts, ignore_index=True)
    rows = rows.drop_duplicates(["indicator_id", "judged"]).reset_index(drop=True)
    rows["closed_month"] = closed
    rows["closed_has_figure"] = rows["closed_has_figure"].astype(bool)
    rows = rows.merge(_sums(conn, rows, where, ids), on=["indicator_id", "judged"],
                      how="left")
    rows["in_economics"] = rows["in_economics"].fillna(False).astype(bool)
    return rows.rename(columns={"final_target": "last_target"})[list(COLUMNS)]


def _sums(conn: Connection, status: pd.DataFrame, where: str,
          ids: list[int] | None) -> pd.DataFrame:
    """Economic sums per indicator and candidate judged month (`tracking.benefit`)."""
    columns = ["indicator_id", "judged", "in_economics", "sign", "cost_per_fte", "factor",
               *SUM_COLUMNS, *DETAIL_COLUMNS]
    money = _frame(conn, _money_sql(where), {}, ids)
    if money.empty:
        return pd.DataFrame(columns=columns)
    for col in ("sign", "baseline", "target", "actual", "cost_per_fte"):
        money[col] = money[col].astype("float64")  # DuckDB hands literals back as Decimal
    money["month"] = pd.to_datetime(money["month"])
    per = money.drop_duplicates("indicator_id").set_index("indicator_id")
    per["factor"] = [kr_factor(u, m, c) for u, m, c in
                     zip(per["unit"], per["measure"], per["cost_per_fte"], strict=True)]
    # One pass for both candidates: each (indicator, judged) pair gets its own key.
    keys = status.loc[status["indicator_id"].isin(per.index), ["indicator_id", "judged"]]
    keys = keys.reset_index(drop=True)
    keys["key"] = np.arange(len(keys))
    rows = money.merge(keys, on="indicator_id")
    rows["end"] = pd.to_datetime(rows["judged"])
    rows["year_start"] = pd.to_datetime(rows["end"].dt.year.astype(str) + "-01-01")
    rows["factor"] = rows["indicator_id"].map(per["factor"]).astype("float64")
    sums = indicator_sums(rows.drop(columns=["indicator_id"]).rename(
        columns={"key": "indicator_id"}))
    out = keys.join(sums, on="key").drop(columns=["key"])
    for col in ("sign", "cost_per_fte", "factor"):
        out[col] = out["indicator_id"].map(per[col]).astype("float64")
    out["in_economics"] = True
    return out[columns]


def _records(frame: pd.DataFrame) -> list[dict]:
    clean = frame.astype(object).where(frame.notna(), None)
    return clean.to_dict("records")


def _insert(conn: Connection, frame: pd.DataFrame) -> None:
    if frame.empty:
        return
    if len(frame) > 200 and conn.dialect.name in ("duckdb", "postgresql"):
        from tracking.synth.bulk import insert_rows  # pyarrow, only for many rows

        records = _records(frame)
        insert_rows(conn, TABLE, {c: [r[c] for r in records] for c in COLUMNS})
        return
    conn.execute(TABLE.insert(), _records(frame))


def _lock(conn: Connection, ids: list[int]) -> None:
    """On PostgreSQL, two transactions that write the same indicator take turns here, so
    the second recomputes with the first's figures (no lost update of the kept row)."""
    if conn.dialect.name == "postgresql" and ids:
        conn.execute(text("SELECT id FROM indicator WHERE id IN :ids ORDER BY id FOR UPDATE")
                     .bindparams(bindparam("ids", expanding=True)), {"ids": ids})


def refresh(conn: Connection, indicator_ids: Iterable[int], closed: date | None = None) -> None:
    """Recompute the kept rows of these indicators in the caller's transaction."""
    ids = sorted({int(i) for i in indicator_ids})
    if not ids:
        return
    _lock(conn, ids)
    frame = compute(conn, closed or current_closed_month(), ids)
    conn.execute(text("DELETE FROM indicator_status WHERE indicator_id IN :ids")
                 .bindparams(bindparam("ids", expanding=True)), {"ids": ids})
    _insert(conn, frame)


def refresh_plans(conn: Connection, plan_ids: Iterable[int], closed: date | None = None) -> None:
    """Recompute the kept rows of every indicator of these plans."""
    plans = sorted({int(p) for p in plan_ids})
    if not plans:
        return
    ids = conn.execute(text("SELECT id FROM indicator WHERE plan_id IN :plans")
                       .bindparams(bindparam("plans", expanding=True)),
                       {"plans": plans}).scalars().all()
    refresh(conn, ids, closed)


def rebuild(conn: Connection, closed: date | None = None) -> int:
    """Recompute every kept row; returns the number of indicators."""
    frame = compute(conn, closed or current_closed_month())
    conn.execute(text("DELETE FROM indicator_status"))
    _insert(conn, frame)
    return int(frame["indicator_id"].nunique()) if not frame.empty else 0


def is_fresh(conn: Connection, closed: date) -> bool:
    """Every indicator has its kept rows, all of the month `closed`."""
    kept, stale, indicators = conn.execute(text("""
SELECT (SELECT COUNT(DISTINCT indicator_id) FROM indicator_status WHERE closed_month = :c),
       (SELECT COUNT(*) FROM indicator_status WHERE closed_month <> :c),
       (SELECT COUNT(*) FROM indicator)"""), {"c": closed}).one()
    return stale == 0 and kept == indicators


def rebuild_if_needed(engine: Engine, closed: date | None = None) -> bool:
    """Rebuild when the kept rows are missing or of another month (an old database, a
    new month); returns True if it rebuilt."""
    closed = closed or current_closed_month()
    with engine.connect() as conn:
        if is_fresh(conn, closed):
            return False
    from tracking.db import write_lock  # the writers' turn on DuckDB

    with write_lock(engine), engine.begin() as conn:
        if conn.dialect.name == "postgresql":  # one rebuild at a time, writers wait
            conn.execute(text("LOCK TABLE indicator_status IN SHARE ROW EXCLUSIVE MODE"))
        if not is_fresh(conn, closed):
            rebuild(conn, closed)
            return True
    return False
