"""What the benchmark times: each operation one small function, easy to swap.

`rollup` is the overview of all plans as Oversigt reads it (`plan_overview`, from the
kept `indicator_status` rows); `rollup_live` and its floor are the join of every target
with every figure that it replaced (`ROLLUP_SQL`), kept for comparison.
"""

from __future__ import annotations

import contextlib
import itertools
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd
from sqlalchemy import Engine, text

from tests.support.actors import who
from tracking.errors import GevinstError
from tracking.importing.preview import commit_import, preview_file
from tracking.months import add_months
from tracking.readmodel.actions import get_action
from tracking.readmodel.board import actions_frame, ideas_frame
from tracking.readmodel.forecast import indicator_forecasts, plan_expected_attainments
from tracking.readmodel.frames import query_frame
from tracking.readmodel.goal import _STATUS, latest_status, plan_series
from tracking.readmodel.overview import plan_overview
from tracking.rules import last_closed_month
from tracking.services.actions import move_action
from tracking.services.measurements import record_actual

ROLLUP_SQL = f"""
SELECT p.id AS plan_id, p.name AS name, COUNT(s.id) AS indicators,
       SUM(CASE WHEN s.status = 'on_track' THEN 1 ELSE 0 END) AS on_track,
       SUM(CASE WHEN s.status = 'at_risk' THEN 1 ELSE 0 END) AS at_risk,
       SUM(CASE WHEN s.status = 'off_track' THEN 1 ELSE 0 END) AS off_track,
       SUM(CASE WHEN s.status = 'missing' THEN 1 ELSE 0 END) AS missing,
       SUM(s.missing_months) AS missing_months
FROM plan p
LEFT JOIN (
  SELECT i.plan_id AS plan_id, i.id AS id, {_STATUS} AS status,
         COALESCE(g.missing_months, 0) AS missing_months
  FROM indicator i
  JOIN plan p ON p.id = i.plan_id
  LEFT JOIN target_month t ON t.indicator_id = i.id
       AND t.month = CASE WHEN p.end_month < :closed THEN p.end_month ELSE :closed END
  LEFT JOIN measurement m ON m.indicator_id = i.id AND m.month = t.month
  LEFT JOIN (SELECT t2.indicator_id AS indicator_id, COUNT(*) AS missing_months
               FROM target_month t2
               LEFT JOIN measurement m2 ON m2.indicator_id = t2.indicator_id
                                       AND m2.month = t2.month
              WHERE t2.month <= :closed AND m2.id IS NULL
              GROUP BY t2.indicator_id) g ON g.indicator_id = i.id
  WHERE i.archived_at IS NULL
) s ON s.plan_id = p.id
WHERE p.archived_at IS NULL
GROUP BY p.id, p.name
ORDER BY p.name
"""


def rollup(engine: Engine, on: date) -> pd.DataFrame:
    """The overview of all plans, as Oversigt reads it (`plan_overview`: the kept rows of
    `indicator_status`, the plans' counts, actions, meetings and economic sums)."""
    return plan_overview(engine, on).plans


def rollup_live(engine: Engine, on: date) -> pd.DataFrame:
    """The old way, for comparison: status counts per plan joined from every target and
    figure (`ROLLUP_SQL`)."""
    return query_frame(engine, ROLLUP_SQL, {"closed": last_closed_month(on)})


def rollup_floor(engine: Engine, on: date) -> list:
    """The same SQL on the bare driver cursor: what the engine itself costs."""
    closed = last_closed_month(on)
    raw = engine.raw_connection()
    try:
        cur = raw.cursor()
        if engine.dialect.name == "postgresql":
            sql = ROLLUP_SQL.replace(":closed", "%(closed)s")
            cur.execute(sql, {"closed": closed})
        else:
            cur.execute(ROLLUP_SQL.replace(":closed", "?"), [closed] * ROLLUP_SQL.count(":closed"))
        rows = cur.fetchall()
        cur.close()
        return rows
    finally:
        raw.close()


def rollup_per_plan(engine: Engine, on: date, plan_ids: list[int]) -> int:
    """The pre-overview way: `latest_status` once per plan."""
    return sum(len(latest_status(engine, p, on)) for p in plan_ids)


@dataclass
class BoardData:
    series: pd.DataFrame
    ideas: pd.DataFrame
    actions: pd.DataFrame


def forecast_plan(engine: Engine, plan_id: int, on: date) -> int:
    """One plan's forecasts, 12 months past the last figure: the synthetic plans end at
    the last closed month, where a forecast to the plan's end would forecast nothing.
    Returns how many were forecast (so a run that fits nothing shows)."""
    forecasts, _ = indicator_forecasts(engine, on, (plan_id,), ahead=12)
    assert forecasts, "no indicator of the plan was forecast"
    return len(forecasts)


def expected_all(engine: Engine, on: date) -> int:
    """Every plan's expected attainment at full effect, as Oversigt sorts by it."""
    return len(plan_expected_attainments(engine, on))


def board_data(engine: Engine, plan_id: int, on: date) -> BoardData:
    """Everything one plan's board shows: its indicators' series, ideas and actions."""
    return BoardData(plan_series(engine, plan_id), ideas_frame(engine, plan_id),
                     actions_frame(engine, plan_id, on))


class Writer:
    """Repeatable writes on one plan's rows, each one a real change."""

    def __init__(self, engine: Engine, plan_id: int, on: date) -> None:
        self.engine, self.on = engine, on
        with engine.connect() as conn:
            self.indicators = [r[0] for r in conn.execute(text(
                "SELECT id FROM indicator WHERE plan_id = :p ORDER BY id"), {"p": plan_id})]
            self.action_id = conn.execute(text(
                "SELECT id FROM action WHERE plan_id = :p AND status = 'started' "
                "ORDER BY id"), {"p": plan_id}).scalars().first() or conn.execute(text(
                    "SELECT id FROM action WHERE plan_id = :p AND status IN "
                    "('decided', 'finished') ORDER BY id"), {"p": plan_id}).scalars().first()
        self._n = itertools.count(1)

    def record_figure(self) -> None:
        n = next(self._n)
        ind = self.indicators[n % len(self.indicators)]
        record_actual(self.engine, ind, last_closed_month(self.on), 10 + n % 7 + n / 1000,
                      actor=who("bench"), on=self.on)

    def move_card(self) -> None:
        action = get_action(self.engine, self.action_id)
        target = "finished" if action.status == "started" else "started"
        if action.status == "decided":
            target = "started"
        move_action(self.engine, self.action_id, target, action.version, actor=who("bench"))


@dataclass
class Concurrent:
    commits: int
    refused: int  # the program's own refusals (a stale version, named)
    errors: int  # anything else: an engine error reaching a page (should be 0)
    seconds: float

    @property
    def per_second(self) -> float:
        return self.commits / self.seconds


def concurrent_writes(engine: Engine, plan_id: int, on: date, threads: int = 8,
                      seconds: float = 10.0) -> Concurrent:
    """`threads` people saving figures and moving the same card at once for `seconds`
    (issue 21: on DuckDB, every write commits or is refused with our own message)."""
    writers = [Writer(engine, plan_id, on) for _ in range(threads)]
    for n, w in enumerate(writers):
        w._n = itertools.count(1 + n * 1_000_000)  # each person writes their own values
    counts = {"ok": 0, "refused": 0, "other": 0}
    lock = threading.Lock()
    deadline: list[float] = []
    start = threading.Barrier(threads, action=lambda: deadline.append(
        time.perf_counter() + seconds))

    def person(w: Writer) -> None:
        start.wait()
        k = 0
        while time.perf_counter() < deadline[0]:
            try:
                (w.move_card if k % 3 == 2 else w.record_figure)()
                outcome = "ok"
            except GevinstError:
                outcome = "refused"
            except Exception:  # counted: the figure this measures
                outcome = "other"
            with lock:
                counts[outcome] += 1
            k += 1

    pool = [threading.Thread(target=person, args=(w,)) for w in writers]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    return Concurrent(counts["ok"], counts["refused"], counts["other"], seconds)


def import_file(engine: Engine, on: date, rows: int = 1000, salt: int = 0) -> bytes:
    """A CSV of `rows` figures (the latest months of the first indicators), values
    changed by `salt` so that every import writes."""
    closed = last_closed_month(on)
    with engine.connect() as conn:
        ids = [r[0] for r in conn.execute(text(
            "SELECT id FROM indicator WHERE archived_at IS NULL ORDER BY id LIMIT :n"),
            {"n": rows})]
    # Within the synthetic plans' 60 months: at scale S, 5 indicators give 300 figures.
    months = [add_months(closed, -k) for k in range(min(60, -(-rows // max(len(ids), 1))))]
    lines = ["Indikator-id;Måned;Værdi"]
    for month in months:
        for ind in ids:
            if len(lines) > rows:
                break
            lines.append(f"{ind};{month:%Y-%m};{(ind % 50) + salt / 10:.1f}".replace(".", ","))
    return "\n".join(lines).encode("utf-8")


def import_figures(engine: Engine, data: bytes, on: date) -> int:
    """Preview and save a spreadsheet of figures, as `gevinst import` does."""
    preview = preview_file(engine, data, "bench.csv", on=on)
    result = commit_import(engine, preview, who("bench"), on, allow_corrections=True)
    return result.created + result.corrected


def template_workbook(engine: Engine, plan_id: int, on: date) -> int:
    """One plan's import template as Excel (what Indtast tal's download builds)."""
    from tracking.importing.template import template_xlsx

    return len(template_xlsx(engine, plan_id, on))


def export_workbook(engine: Engine, path: Path) -> int:
    """The whole database as an Excel workbook written into a file, as `gevinst export
    x.xlsx` does; returns the file's size."""
    from tracking.backup import write_workbook

    write_workbook(engine, path)
    return path.stat().st_size


def _memory_mb(field: str) -> float:
    status = Path("/proc/self/status").read_text()
    return int(re.search(rf"{field}:\s+(\d+)", status)[1]) / 1024


def time_and_peak(fn: Callable[[], object]) -> tuple[float, float]:
    """Seconds `fn` takes, and the most memory it used above the process's memory before
    it (MB): the high-water mark is reset first (Linux's clear_refs), so what the bench
    did before does not count. Freed memory the process had kept may be reused, so the
    figure is a lower bound."""
    before = _memory_mb("VmRSS")
    with contextlib.suppress(OSError):  # else the mark includes what came before
        Path("/proc/self/clear_refs").write_text("5")
    start = time.perf_counter()
    fn()
    seconds = time.perf_counter() - start
    return seconds, max(0.0, _memory_mb("VmHWM") - before)
