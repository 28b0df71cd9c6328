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

import math
from collections.abc import Iterable
from datetime import date
from typing import Any

import numpy as np
import pandas as pd
from sqlalchemy import Connection, Engine, bindparam, text

from tracking.benefit import DETAIL_COLUMNS, SUM_COLUMNS, indicator_sums, kr_factor
from tracking.clock import today
from tracking.models.kept import IndicatorStatus
from tracking.rules import last_closed_month
from tracking.units import MONEY_UNITS

__all__ = ["COLUMNS", "compute", "current_closed_month", "is_fresh", "rebuild",
           "rebuild_if_needed", "refresh", "refresh_plans"]

TABLE = IndicatorStatus.__table__  # type: ignore[attr-defined]
COLUMNS = tuple(c.name for c in TABLE.columns)
_MONEY_UNIT_LIST = ", ".join(f"'{u.value}'" for u in sorted(MONEY_UNITS))
_COST_PER_FTE = "(bc.monthly_salary * 12 * (1 + bc.pension_rate) + bc.overhead)"

def _raw_sql(closed: date, ids: list[int] | None, dialect: str) -> str:
    """Every target month of the indicators with its figure, and what the rules need.
    Only dates and integers are written into the text, never input."""
    only = "indicator_id IN ({})".format(", ".join(str(int(i)) for i in ids)) if ids \
        else "1 = 1"
    # SQLite has no DATE literal; it keeps dates as ISO text, which compares the same.
    month = f"'{closed.isoformat()}'" if dialect == "sqlite" else f"DATE '{closed.isoformat()}'"
    return f"""
WITH t_ AS (SELECT indicator_id, month, value FROM target_month WHERE {only}),
m_ AS (SELECT indicator_id, month, value FROM measurement WHERE {only})
SELECT i.id AS indicator_id, i.plan_id AS plan_id, i.direction AS direction,
       i.baseline_value AS baseline, i.unit AS unit, i.measure AS measure,
       p.end_month AS end_month, p.on_track_threshold AS on_track,
       p.at_risk_threshold AS at_risk, {_COST_PER_FTE} AS cost_per_fte,
       CASE WHEN mc.value IS NULL THEN 0 ELSE 1 END AS closed_has_figure,
       t.month AS month, t.value AS target, m.value AS actual
FROM indicator i
JOIN plan p ON p.id = i.plan_id
LEFT JOIN business_case bc ON bc.plan_id = p.id
LEFT JOIN m_ mc ON mc.indicator_id = i.id AND mc.month = {month}
LEFT JOIN t_ t ON t.indicator_id = i.id
LEFT JOIN m_ m ON m.indicator_id = t.indicator_id AND m.month = t.month
WHERE {only.replace("indicator_id", "i.id")}
"""


def _fetch(conn: Connection, sql: str) -> pd.DataFrame:
    """A query's rows as a DataFrame; on DuckDB through its own columnar fetch (a
    million rows in a second, where row tuples take ten), in the caller's transaction."""
    if conn.dialect.name == "duckdb":
        raw: Any = conn.connection.driver_connection
        raw.complete()  # DuckDB 2 refuses new work while an earlier result is unfinished
        return raw.execute(sql).df()
    result = conn.execute(text(sql))
    return pd.DataFrame(result.all(), columns=list(result.keys()))


def current_closed_month() -> date:
    """The month the kept rows are for: the one just closed, by the program's clock."""
    return last_closed_month(today())


def compute(conn: Connection, closed: date,
            indicator_ids: Iterable[int] | None = None) -> pd.DataFrame:
    """The kept rows (columns `COLUMNS`) of these indicators (all when None), as of the
    month `closed`: two per indicator (judged in `closed` or the month before), one
    where the plan's end caps both to the same month.

    The rules are those of the overview's live SQL (`tracking.readmodel.overview`), in
    vectorised pandas so that one indicator costs one small query; the tests check the
    two against each other."""
    ids = sorted(set(indicator_ids)) if indicator_ids is not None else None
    if ids is not None and not ids:
        return pd.DataFrame(columns=list(COLUMNS))
    raw = _fetch(conn, _raw_sql(closed, ids, conn.dialect.name))
    if raw.empty:
        return pd.DataFrame(columns=list(COLUMNS))
    for col in ("baseline", "on_track", "at_risk", "cost_per_fte", "target", "actual"):
        raw[col] = raw[col].astype("float64")  # Decimal or object from some drivers
    for col in ("direction", "unit", "measure"):  # plain objects: Arrow strings are slow
        raw[col] = raw[col].astype(object)       # to take from in small frames
    raw["month"] = pd.to_datetime(raw["month"])
    raw["end_month"] = pd.to_datetime(raw["end_month"])
    if len(ids or ()) <= _FEW:  # a write: plain Python beats pandas on sixty rows
        rows = _status_few(raw, pd.Timestamp(closed))
    else:
        rows = _status(_prepared(raw), pd.Timestamp(closed))
    rows = rows.merge(_sums(raw, rows), on=["indicator_id", "judged"], how="left")
    rows["in_economics"] = rows["in_economics"].astype("boolean").fillna(False).astype(bool)
    rows["closed_month"] = closed
    for col in ("judged", "month"):
        rows[col] = rows[col].dt.date.astype(object).where(rows[col].notna(), None)
    return rows.rename(columns={"final_target": "last_target"})[list(COLUMNS)] \
        .reset_index(drop=True)


_FEW = 20  # up to this many indicators are computed row by row


def _prepared(raw: pd.DataFrame) -> pd.DataFrame:
    """Each target month with the figure of the target month before (`mp` in the live
    SQL) and the count of months without a figure up to it."""
    raw = raw.sort_values(["indicator_id", "month"], na_position="last", kind="stable")
    raw["previous_actual"] = raw.groupby("indicator_id", sort=False)["actual"].shift(1)
    gap = (raw["month"].notna() & raw["actual"].isna()).astype("int64")
    raw["missing_cum"] = gap.groupby(raw["indicator_id"]).cumsum()
    return raw


def _judge(a: float | None, t: float, b: float, higher: bool, on_track: float,
           at_risk: float) -> tuple[float | None, str]:
    """(attainment, status) of one month: `_ATTAINMENT` and `_STATUS` of the live SQL."""
    if a is None:
        return None, "missing"
    if t == b:
        return None, "on_track" if (a >= t if higher else a <= t) else "off_track"
    attainment = (a - b) / (t - b)
    if attainment >= on_track:
        return attainment, "on_track"
    return attainment, "at_risk" if attainment >= at_risk else "off_track"


def _trend(a: float | None, prev: float | None, higher: bool) -> tuple[str | None,
                                                                      str | None]:
    if a is None or prev is None:
        return None, None
    if a == prev:
        return "flat", "flat"
    return ("better" if (a > prev) == higher else "worse"), ("up" if a > prev else "down")


def _status_few(raw: pd.DataFrame, closed: pd.Timestamp) -> pd.DataFrame:
    """`_status` for a few indicators, row by row (the same rules)."""
    def value(x: object) -> float | None:
        return None if pd.isna(x) else float(x)  # type: ignore[arg-type]

    out = []
    candidates = (closed, closed - pd.DateOffset(months=1))
    for _, rows in raw.groupby("indicator_id", sort=True):
        rows = rows.sort_values("month", na_position="last")
        first = rows.iloc[0]
        higher, baseline = first["direction"] == "higher", float(first["baseline"])
        end = first["end_month"]
        by_month, previous, missing = {}, None, 0
        for month, target, actual in zip(rows["month"], rows["target"], rows["actual"],
                                         strict=True):
            if pd.isna(month):
                continue
            a = value(actual)
            missing += a is None
            by_month[month] = (value(target), a, previous, missing)
            previous = a
        done = set()
        for candidate in candidates:
            judged = end if end < candidate else candidate
            if judged in done:
                continue
            done.add(judged)
            row = {"indicator_id": int(first["indicator_id"]), "plan_id": int(first["plan_id"]),
                   "judged": judged, "closed_has_figure": bool(first["closed_has_figure"])}
            if judged not in by_month:
                out.append({**row, "month": pd.NaT, "target": None, "actual": None,
                            "previous_actual": None, "attainment": None,
                            "status": "not_started", "awaiting": 0, "trend": None,
                            "movement": None, "missing_months": 0})
                continue
            target, a, prev, missing_months = by_month[judged]
            attainment, status = _judge(a, target, baseline, higher,
                                        float(first["on_track"]), float(first["at_risk"]))
            trend, movement = _trend(a, prev, higher)
            out.append({**row, "month": judged, "target": target, "actual": a,
                        "previous_actual": prev, "attainment": attainment, "status": status,
                        "awaiting": int(judged < closed <= end), "trend": trend,
                        "movement": movement, "missing_months": missing_months})
    frame = pd.DataFrame(out)
    for col in ("judged", "month"):
        frame[col] = pd.to_datetime(frame[col])
    for col in ("target", "actual", "previous_actual", "attainment"):
        frame[col] = frame[col].astype("float64")
    return frame


def _status(raw: pd.DataFrame, closed: pd.Timestamp) -> pd.DataFrame:
    """One row per indicator and candidate judged month: `_STATUS`, `_ATTAINMENT`, the
    trend and the rest, as the live SQL computes them."""
    per = raw.drop_duplicates("indicator_id")[
        ["indicator_id", "plan_id", "direction", "baseline", "end_month", "on_track",
         "at_risk", "closed_has_figure"]]
    values = raw.loc[raw["month"].notna(), ["indicator_id", "month", "target", "actual",
                                            "previous_actual", "missing_cum"]]
    parts = []
    for candidate in (closed, closed - pd.DateOffset(months=1)):
        judged = per["end_month"].where(per["end_month"] < candidate, candidate)
        parts.append(per.assign(judged=judged).merge(
            values, left_on=["indicator_id", "judged"], right_on=["indicator_id", "month"],
            how="left"))
    r = pd.concat(parts, ignore_index=True).drop_duplicates(["indicator_id", "judged"])
    a, t, b, prev = r["actual"], r["target"], r["baseline"], r["previous_actual"]
    higher = r["direction"] == "higher"
    flat = t == b
    with np.errstate(divide="ignore", invalid="ignore"):
        attainment = ((a - b) / (t - b)).where(a.notna() & ~flat)
    reached = (higher & (a >= t)) | (~higher & (a <= t))
    started = r["month"].notna()
    r["attainment"] = attainment
    r["status"] = np.select(
        [~started, a.isna(), flat & reached, flat, attainment >= r["on_track"],
         attainment >= r["at_risk"]],
        ["not_started", "missing", "on_track", "off_track", "on_track", "at_risk"],
        "off_track")
    r["awaiting"] = (started & (r["month"] < closed) & (r["end_month"] >= closed)) \
        .astype("int64")
    both = a.notna() & prev.notna()
    r["trend"] = pd.Series(np.select([~both, a == prev, (a > prev) == higher],
                                     [None, "flat", "better"], "worse"), index=r.index)
    r["movement"] = pd.Series(np.select([~both, a > prev, a < prev],
                                        [None, "up", "down"], "flat"), index=r.index)
    r["missing_months"] = r["missing_cum"].where(started, 0).fillna(0).astype("int64")
    r["closed_has_figure"] = r["closed_has_figure"].astype(bool)
    return r


def _sums(raw: pd.DataFrame, status: pd.DataFrame) -> pd.DataFrame:
    """Economic sums per indicator and candidate judged month (`tracking.benefit`), for
    money indicators that are not rates."""
    columns = ["indicator_id", "judged", "in_economics", "sign", "cost_per_fte", "factor",
               *SUM_COLUMNS, *DETAIL_COLUMNS]
    money = raw[raw["unit"].isin([u.value for u in MONEY_UNITS])
                & (raw["measure"] != "rate") & raw["month"].notna()].copy()
    if money.empty:
        return pd.DataFrame(columns=columns)
    money["sign"] = np.where(money["direction"] == "higher", 1.0, -1.0)
    per = money.drop_duplicates("indicator_id").set_index("indicator_id")
    per["factor"] = [kr_factor(u, m, c) for u, m, c in
                     zip(per["unit"], per["measure"], per["cost_per_fte"], strict=True)]
    # One pass for both candidates: each (indicator, judged) pair gets its own key.
    keys = status.loc[status["indicator_id"].isin(per.index), ["indicator_id", "judged"]]
    keys = keys.reset_index(drop=True)
    keys["key"] = np.arange(len(keys))
    rows = money.drop(columns=["previous_actual", "missing_cum"], errors="ignore") \
        .merge(keys, on="indicator_id")
    rows["end"] = rows["judged"]
    rows["year_start"] = pd.to_datetime(rows["end"].dt.year.astype(str) + "-01-01")
    rows["factor"] = rows["indicator_id"].map(per["factor"]).astype("float64")
    sums = indicator_sums(rows.drop(columns=["indicator_id"]).rename(
        columns={"key": "indicator_id"}))
    out = keys.join(sums, on="key").drop(columns=["key"])
    for col in ("sign", "cost_per_fte", "factor"):
        out[col] = out["indicator_id"].map(per[col]).astype("float64")
    out["in_economics"] = True
    return out[columns]


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) \
        or value is pd.NaT


def _records(frame: pd.DataFrame) -> list[dict]:
    """Rows as dicts of plain values, NULL for every kind of missing value."""
    return [{k: None if _missing(v) else v for k, v in rec.items()}
            for rec in frame.to_dict("records")]


def _insert(conn: Connection, frame: pd.DataFrame) -> None:
    if frame.empty:
        return
    if len(frame) > 200 and conn.dialect.name in ("duckdb", "postgresql"):
        from tracking.synth.bulk import insert_rows  # pyarrow, only for many rows

        records = _records(frame)
        insert_rows(conn, TABLE, {c: [r[c] for r in records] for c in COLUMNS})
        return
    conn.execute(TABLE.insert().values(_records(frame)))  # one statement, not one per row


def _lock(conn: Connection, ids: list[int]) -> None:
    """On PostgreSQL, two transactions that write the same indicator take turns here, so
    the second recomputes with the first's figures (no lost update of the kept row).
    NO KEY UPDATE: a new figure's foreign key holds KEY SHARE on its indicator, which
    this must not wait for (two new figures of one indicator would deadlock)."""
    if conn.dialect.name == "postgresql" and ids:
        conn.execute(text("SELECT id FROM indicator WHERE id IN :ids ORDER BY id "
                          "FOR NO KEY UPDATE")
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
