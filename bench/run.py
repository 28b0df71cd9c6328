"""`make bench`: synthetic data at each scale on each engine, then every operation timed.

    python -m bench.run --out bench --readme README.md     # the full run (make bench)
    python -m bench.run --only browser --scales S,L --engines duckdb   # one part of it
    python -m bench.run --plan duckdb:S --reps 3 --out /tmp/b

Writes results.json (every figure) and results.md (the tables) to --out, and prints
them; a full run with --readme also rewrites README's benchmark section (bench/report.py
renders both from results.json). A partial run (--only, --engines, --scales or --plan)
writes to a temporary directory unless --out is given, and never to README. Median and
p95 (linear interpolation) over the repetitions, after one untimed warm-up of each
operation.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

os.environ.setdefault("GEVINST_TODAY", "2026-11-23")  # the synthetic data's reference day

from bench import bad_files, browser, pages, report
from bench import operations as ops
from bench.report import ENGINE_NAMES, OPERATIONS, PARTS
from tests.support.accounts import ensure_admin
from tests.support.postgres import PostgresCluster, unique_db_name
from tracking.config import duckdb_url
from tracking.db import dispose_engine, get_engine
from tracking.readmodel.overview import plan_overview
from tracking.readmodel.plans import list_plans
from tracking.synth import REFERENCE_DAY, generate, scale_of

__all__ = ["DEFAULT_PLAN", "OPERATIONS", "PARTS", "main"]

DEFAULT_PLAN = "duckdb:S,M,L postgresql:S,M,L sqlite:S,M"


@dataclass
class Measure:
    engine: str
    scale: str
    op: str
    unit: str
    values: list[float] = field(default_factory=list)
    timed_out: bool = False  # values hold the time limit: it took longer

    @property
    def median(self) -> float:
        return report.median(self.values)

    @property
    def p95(self) -> float:
        return report.p95(self.values)


def _times(fn: Callable[[], Any], reps: int, warmup: bool = True) -> list[float]:
    if warmup:
        fn()
    out = []
    for _ in range(reps):
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1000)
    return out


@dataclass
class Settings:
    reps: int = 20
    page_reps: int = 8
    import_reps: int = 1
    browser_reps: int = 3
    seed: int = 1
    concurrent_seconds: float = 20.0
    parts: tuple[str, ...] = PARTS


def _database(engine_name: str, scale: str, tmp: Path, cluster: PostgresCluster | None) -> str:
    if engine_name == "duckdb":
        return duckdb_url(tmp / f"bench_{scale}.duckdb")
    if engine_name == "sqlite":
        return f"sqlite:///{tmp / f'bench_{scale}.sqlite'}"
    assert cluster is not None
    return cluster.create_database(unique_db_name(f"bench_{scale.lower()}"))


def run_config(engine_name: str, scale: str, settings: Settings, tmp: Path,
               cluster: PostgresCluster | None, say: Callable[[str], None]) -> list[Measure]:
    url = _database(engine_name, scale, tmp, cluster)
    eng = get_engine(url)
    out: list[Measure] = []
    parts = settings.parts

    def add(op: str, values: list[float], unit: str = "ms") -> None:
        out.append(Measure(ENGINE_NAMES[engine_name], scale, op, unit, values))
        m = out[-1]
        say(f"  {engine_name} {scale} {op}: median {m.median:.1f} {unit}, p95 {m.p95:.1f}")

    start = time.perf_counter()
    summary = generate(eng, scale_of(scale), seed=settings.seed)
    add("synth", [time.perf_counter() - start], "s")
    ensure_admin(eng)  # the pages are behind sign-in
    say(f"  {summary.text()}")
    on: date = REFERENCE_DAY
    plan_id = list_plans(eng)[0].id  # the plan the pages open first
    if "data" in parts:
        add("rollup", _times(lambda: ops.rollup_live(eng, on), settings.reps))
        add("rollup_floor", _times(lambda: ops.rollup_floor(eng, on), settings.reps))
        add("overview_read", _times(lambda: plan_overview(eng, on), settings.reps))
        add("board_data", _times(lambda: ops.board_data(eng, plan_id, on), settings.reps))
        add("forecast_plan", _times(lambda: ops.forecast_plan(eng, plan_id, on), settings.reps))
        add("expected_all", _times(lambda: ops.expected_all(eng, on),
                                   max(1, settings.reps // 4)))
    writer = ops.Writer(eng, plan_id, on)
    if "writes" in parts:
        add("record_figure", _times(writer.record_figure, settings.reps))
        add("move_card", _times(writer.move_card, settings.reps))
        together = ops.concurrent_writes(eng, plan_id, on, seconds=settings.concurrent_seconds)
        add("concurrent_writes", [together.per_second], "/s")
        add("concurrent_errors", [float(together.errors)], "stk.")
        say(f"  {engine_name} {scale} 8 writers {together.seconds:.0f} s: {together.commits} "
            f"saved, {together.refused} refused (stale), {together.errors} database errors")
    if "import" in parts:
        salt = iter(range(1, 1000))
        files = [ops.import_file(eng, on, 1000, next(salt))
                 for _ in range(settings.import_reps + 1)]
        it = iter(files)
        # No warm-up: a single import already runs 3,000 queries (one per row and check).
        add("import_1000", _times(lambda: ops.import_figures(eng, next(it), on),
                                  settings.import_reps, warmup=False))
        add("template_xlsx", _times(lambda: ops.template_workbook(eng, plan_id, on),
                                    settings.import_reps))
        # Once, without warm-up: at L it writes every row of every table, streamed.
        seconds, peak = ops.time_and_peak(
            lambda: ops.export_workbook(eng, tmp / f"export_{engine_name}_{scale}.xlsx"))
        add("export_xlsx", [seconds], "s")
        add("export_xlsx_memory", [peak], "MB")
    if "reruns" in parts:
        _reruns(url, writer, settings, add)
    if "browser" in parts and settings.browser_reps:
        dispose_engine(url)  # the dashboard process takes the DuckDB file
        seen = browser.measure(url, settings.browser_reps,
                               tmp / f"server_{engine_name}_{scale}.log")
        add("first_chart", seen.first_chart)
        for key, times in seen.clicks.items():
            add(key, times)
            out[-1].timed_out = key in seen.timed_out
        add("memory", [seen.memory_mb], "MB")
    dispose_engine(url)
    return out


def _reruns(url: str, writer: ops.Writer, settings: Settings,
            add: Callable[[str, list[float]], None]) -> None:
    """Server-side reruns (AppTest): cached, and after a write in the same plan."""
    os.environ["DATABASE_URL"] = url
    try:
        at = pages.app_test(None)
        add("goal_rerun", pages.rerun_times(at, settings.page_reps))
        add("goal_rerun_after_write", pages.rerun_times(at, settings.page_reps,
                                                        writer.record_figure))
        at = pages.app_test("pages/action_plan.py")
        add("board_rerun", pages.rerun_times(at, settings.page_reps))
        add("board_rerun_after_move", pages.rerun_times(at, settings.page_reps,
                                                        writer.move_card))
        add("empty_rerun", pages.empty_rerun_times(settings.page_reps))
    finally:
        os.environ.pop("DATABASE_URL", None)
        import streamlit as st

        st.cache_data.clear()
        st.cache_resource.clear()


def machine() -> dict[str, Any]:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem = next(int(x.split()[1]) for x in Path("/proc/meminfo").read_text().splitlines()
                   if x.startswith("MemTotal"))
    except (OSError, StopIteration):
        mem = 0
    import duckdb
    import sqlalchemy
    import streamlit

    return {"cpu": cpu, "cores": os.cpu_count(), "memory_gb": round(mem / 1024 / 1024, 1),
            "python": platform.python_version(), "platform": platform.platform(),
            "duckdb": duckdb.__version__, "sqlalchemy": sqlalchemy.__version__,
            "streamlit": streamlit.__version__}


def parse_plan(text: str) -> list[tuple[str, str]]:
    """'duckdb:S,M postgresql:S' -> [('duckdb','S'), ('duckdb','M'), ('postgresql','S')]."""
    configs = []
    for part in text.split():
        name, _, scales = part.partition(":")
        if name not in ENGINE_NAMES:
            raise SystemExit(f"unknown engine {name!r} (duckdb, postgresql, sqlite)")
        configs += [(name, s.strip().upper()) for s in scales.split(",") if s.strip()]
    return configs


def _names(text: str | None, known: tuple[str, ...], what: str) -> set[str] | None:
    """'a,b' -> {'a', 'b'}, each one of `known`; None for no filter."""
    if text is None:
        return None
    names = {n.strip() for n in text.split(",") if n.strip()}
    if unknown := names - set(known):
        raise SystemExit(f"unknown {what}: {', '.join(sorted(unknown))} "
                         f"(one or more of {', '.join(known)})")
    return names


def select(plan: str, engines: str | None, scales: str | None, only: str | None
           ) -> tuple[list[tuple[str, str]], tuple[str, ...]]:
    """The (engine, scale) configs of `plan` filtered by --engines and --scales, and the
    parts of the run (--only; all by default)."""
    wanted_engines = _names(engines, tuple(ENGINE_NAMES), "engine")
    wanted_scales = _names(scales.upper() if scales else None, ("S", "M", "L"), "scale")
    configs = [(e, s) for e, s in parse_plan(plan)
               if (wanted_engines is None or e in wanted_engines)
               and (wanted_scales is None or s in wanted_scales)]
    parts = _names(only, PARTS, "part")
    chosen = PARTS if parts is None else tuple(p for p in PARTS if p in parts)
    if not configs and set(chosen) - {"files"}:
        raise SystemExit(f"no engine and scale left of {plan!r} after --engines/--scales")
    return configs, chosen


def main(argv: list[str] | None = None, cluster: PostgresCluster | None = None) -> Path:
    p = argparse.ArgumentParser(prog="bench", description=__doc__.splitlines()[0])
    p.add_argument("--plan", default=DEFAULT_PLAN, help=f"engines and scales ({DEFAULT_PLAN})")
    p.add_argument("--engines", help="only these engines of the plan, e.g. duckdb,postgresql")
    p.add_argument("--scales", help="only these scales of the plan, e.g. S,L")
    p.add_argument("--only", help=f"only these parts, e.g. browser,reruns ({', '.join(PARTS)})")
    p.add_argument("--reps", type=int, default=Settings.reps)
    p.add_argument("--page-reps", type=int, default=Settings.page_reps)
    p.add_argument("--import-reps", type=int, default=Settings.import_reps)
    p.add_argument("--browser-reps", type=int, default=Settings.browser_reps,
                   help="browser visits (each a new visitor) after one warm-up visit")
    p.add_argument("--concurrent-seconds", type=float, default=Settings.concurrent_seconds,
                   help="how long 8 writers write at once")
    p.add_argument("--out", help="directory for results.md/.json (default: bench for a full "
                   "run, a temporary directory for a partial one)")
    p.add_argument("--readme", type=Path, help="a full run also rewrites this README's "
                   "benchmark section")
    args = p.parse_args(argv)
    configs, parts = select(args.plan, args.engines, args.scales, args.only)
    full_run = (args.plan == DEFAULT_PLAN and parts == PARTS
                and args.engines is None and args.scales is None)
    if args.readme and not full_run:
        raise SystemExit("--readme only with a full run: README shows the whole table")
    settings = Settings(args.reps, args.page_reps, args.import_reps, args.browser_reps,
                        concurrent_seconds=args.concurrent_seconds, parts=parts)
    out = Path(args.out or ("bench" if full_run else
                            Path(tempfile.gettempdir()) / "gevinst-bench"))
    out.mkdir(parents=True, exist_ok=True)

    def say(text: str) -> None:
        print(text, file=sys.stderr, flush=True)

    load_start = list(os.getloadavg())
    started = time.perf_counter()
    measures: list[Measure] = []
    own_cluster = None
    if set(parts) - {"files"} and cluster is None and any(e == "postgresql" for e, _ in configs):
        # Durable settings, unlike the test cluster: writes pay for their fsync here.
        own_cluster = cluster = PostgresCluster(settings={
            "fsync": "on", "synchronous_commit": "on", "full_page_writes": "on"}).start()
    try:
        with tempfile.TemporaryDirectory(prefix="gevinst-bench-") as tmp:
            for engine_name, scale in configs if set(parts) - {"files"} else []:
                say(f"{ENGINE_NAMES[engine_name]}, scale {scale}")
                measures += run_config(engine_name, scale, settings, Path(tmp), cluster, say)
    finally:
        if own_cluster is not None:
            own_cluster.stop()
    hostile: list[dict[str, Any]] = []
    if "files" in parts:
        say("Hostile and very large uploads")
        hostile = bad_files.measure()
    data = {
        "machine": machine(), "settings": asdict(settings), "full_run": full_run,
        "parts": list(parts), "total_seconds": round(time.perf_counter() - started, 1),
        "load": {"start": load_start, "end": list(os.getloadavg())},
        "configs": [{"engine": ENGINE_NAMES[e], "scale": s} for e, s in configs],
        "results": [{**asdict(m), "median": m.median, "p95": m.p95} for m in measures],
        "bad_files": hostile,
    }
    text = report.results_markdown(data)
    (out / "results.md").write_text(text)
    (out / "results.json").write_text(json.dumps(data, indent=1, ensure_ascii=False))
    if args.readme:
        report.update_readme(args.readme, data)
    print(text)
    say(f"Written: {out / 'results.md'}, {out / 'results.json'}"
        + (f", {args.readme}" if args.readme else ""))
    return out


if __name__ == "__main__":
    main()
