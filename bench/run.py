"""`make bench`: synthetic data at each scale on each engine, then every operation timed.

    python -m bench.run                         # the full run (about 15 minutes, 2 cores)
    python -m bench.run --plan duckdb:S --reps 3 --out /tmp/b

Writes results.json (every figure) and results.md (the table) to --out, and prints the
table. Median and p95 (linear interpolation) over the repetitions, after one untimed
warm-up of each operation.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np

os.environ.setdefault("GEVINST_TODAY", "2026-11-23")  # the synthetic data's reference day

from bench import bad_files, pages
from bench import operations as ops
from tests.support.accounts import ensure_admin
from tests.support.postgres import PostgresCluster, unique_db_name
from tracking.config import duckdb_url
from tracking.db import dispose_engine, get_engine
from tracking.readmodel.plans import list_plans
from tracking.synth import REFERENCE_DAY, generate, scale_of

DEFAULT_PLAN = "duckdb:S,M,L postgresql:S,M,L sqlite:S,M"
ENGINE_NAMES = {"duckdb": "DuckDB", "postgresql": "PostgreSQL", "sqlite": "SQLite"}

# (key, label, unit, target at L on DuckDB or None)
OPERATIONS = [
    ("rollup", "Overblik, alle planer (plan_overview, bevarede rækker)", "ms", 50),
    ("rollup_floor", "  gulv: den gamle join af alle mål og tal, i driveren", "ms", None),
    ("board_data", "Én plans tavledata (serier, ideer, handlinger)", "ms", 30),
    ("forecast_plan", "Én plans prognoser, 12 mdr. frem", "ms", None),
    ("expected_all", "Forventet målopfyldelse, alle planer (Oversigts sortering)", "ms",
     None),
    ("record_figure", "Skriv: ét tal (record_actual)", "ms", 50),
    ("move_card", "Skriv: flyt et kort (move_action)", "ms", 50),
    ("concurrent_writes", "Skriv: 8 på én gang, gemte pr. sekund", "/s", None),
    ("concurrent_errors", "  heraf databasefejl (ikke vores besked)", "stk.", None),
    ("import_1000", "Import af 1.000 tal (preview + gem)", "ms", None),
    ("template_xlsx", "Skabelon (Excel) til én plan", "ms", None),
    ("export_xlsx", "Eksport af hele databasen til Excel (fil)", "s", None),
    ("export_xlsx_memory", "  heraf maks. hukommelse ud over processens", "MB", None),
    ("goal_rerun", "Mål-siden, rerun (server, cache ramt)", "ms", 300),
    ("goal_rerun_after_write", "Mål-siden, rerun efter en skrivning", "ms", 300),
    ("board_rerun", "Handleplan-siden, rerun (server)", "ms", 300),
    ("empty_rerun", "  gulv: tom Streamlit-side, rerun", "ms", None),
    ("first_chart", "Browser: første graf synlig", "ms", None),
    ("memory", "Dashboard-proces, maks. hukommelse", "MB", 500),
    ("synth", "Syntetiske data skrevet (én gang)", "s", None),
]


@dataclass
class Measure:
    engine: str
    scale: str
    op: str
    unit: str
    values: list[float] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.values) if self.values else float("nan")

    @property
    def p95(self) -> float:
        return float(np.percentile(self.values, 95)) if self.values else float("nan")


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
    add("rollup", _times(lambda: ops.rollup(eng, on), settings.reps))
    add("rollup_floor", _times(lambda: ops.rollup_floor(eng, on), settings.reps))
    add("board_data", _times(lambda: ops.board_data(eng, plan_id, on), settings.reps))
    add("forecast_plan", _times(lambda: ops.forecast_plan(eng, plan_id, on), settings.reps))
    add("expected_all", _times(lambda: ops.expected_all(eng, on), max(1, settings.reps // 4)))
    writer = ops.Writer(eng, plan_id, on)
    add("record_figure", _times(writer.record_figure, settings.reps))
    add("move_card", _times(writer.move_card, settings.reps))
    together = ops.concurrent_writes(eng, plan_id, on, seconds=settings.concurrent_seconds)
    add("concurrent_writes", [together.per_second], "/s")
    add("concurrent_errors", [float(together.errors)], "stk.")
    say(f"  {engine_name} {scale} 8 writers {together.seconds:.0f} s: {together.commits} "
        f"saved, {together.refused} refused (stale), {together.errors} database errors")
    salt = iter(range(1, 1000))
    files = [ops.import_file(eng, on, 1000, next(salt)) for _ in range(settings.import_reps + 1)]
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

    os.environ["DATABASE_URL"] = url
    try:
        at = pages.app_test(None)
        add("goal_rerun", pages.rerun_times(at, settings.page_reps))
        add("goal_rerun_after_write", pages.rerun_times(at, settings.page_reps,
                                                        writer.record_figure))
        at = pages.app_test("pages/action_plan.py")
        add("board_rerun", pages.rerun_times(at, settings.page_reps))
        add("empty_rerun", pages.empty_rerun_times(settings.page_reps))
    finally:
        os.environ.pop("DATABASE_URL", None)
        import streamlit as st

        st.cache_data.clear()
        st.cache_resource.clear()
    if settings.browser_reps:
        dispose_engine(url)  # the dashboard process takes the DuckDB file
        times, memory = pages.browser_times(url, settings.browser_reps,
                                            tmp / f"server_{engine_name}_{scale}.log")
        add("first_chart", times)
        add("memory", [memory], "MB")
    dispose_engine(url)
    return out


def _cell(m: Measure | None) -> str:
    if m is None or not m.values:
        return "–"
    digits = 0 if m.unit == "MB" or m.median >= 100 else 1
    if len(m.values) == 1:
        return f"{m.median:.{digits}f}"
    return f"{m.median:.{digits}f} / {m.p95:.{digits}f}"


def markdown(measures: list[Measure], configs: list[tuple[str, str]]) -> str:
    heads = [f"{ENGINE_NAMES[e]} {s}" for e, s in configs]
    lines = ["| Operation | Enhed | Mål (L, DuckDB) | " + " | ".join(heads) + " |",
             "|---|---|---|" + "---|" * len(heads)]
    index = {(m.engine, m.scale, m.op): m for m in measures}
    for key, label, unit, target in OPERATIONS:
        cells = [_cell(index.get((ENGINE_NAMES[e], s, key))) for e, s in configs]
        goal = f"< {target}" if target else ""
        lines.append(f"| {label.strip()} | {unit} | {goal} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


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


def main(argv: list[str] | None = None, cluster: PostgresCluster | None = None) -> Path:
    p = argparse.ArgumentParser(prog="bench", description=__doc__.splitlines()[0])
    p.add_argument("--plan", default=DEFAULT_PLAN, help=f"engines and scales ({DEFAULT_PLAN})")
    p.add_argument("--reps", type=int, default=Settings.reps)
    p.add_argument("--page-reps", type=int, default=Settings.page_reps)
    p.add_argument("--import-reps", type=int, default=Settings.import_reps)
    p.add_argument("--browser-reps", type=int, default=Settings.browser_reps)
    p.add_argument("--concurrent-seconds", type=float, default=Settings.concurrent_seconds,
                   help="how long 8 writers write at once")
    p.add_argument("--out", default="bench", help="directory for results.md/.json")
    args = p.parse_args(argv)
    settings = Settings(args.reps, args.page_reps, args.import_reps, args.browser_reps,
                        concurrent_seconds=args.concurrent_seconds)
    configs = parse_plan(args.plan)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    def say(text: str) -> None:
        print(text, file=sys.stderr, flush=True)

    started = time.perf_counter()
    measures: list[Measure] = []
    own_cluster = None
    if cluster is None and any(e == "postgresql" for e, _ in configs):
        # Durable settings, unlike the test cluster: writes pay for their fsync here.
        own_cluster = cluster = PostgresCluster(settings={
            "fsync": "on", "synchronous_commit": "on", "full_page_writes": "on"}).start()
    try:
        with tempfile.TemporaryDirectory(prefix="gevinst-bench-") as tmp:
            for engine_name, scale in configs:
                say(f"{ENGINE_NAMES[engine_name]}, scale {scale}")
                measures += run_config(engine_name, scale, settings, Path(tmp), cluster, say)
    finally:
        if own_cluster is not None:
            own_cluster.stop()
    say("Hostile and very large uploads")
    hostile = bad_files.measure()
    total = time.perf_counter() - started
    table = markdown(measures, configs)
    info = machine()
    text = (f"{table}\n\nMedian / p95 over {settings.reps} runs (sider: {settings.page_reps}, "
            f"import: {settings.import_reps}, browser: {settings.browser_reps}). "
            f"Maskine: {info['cpu']}, {info['cores']} kerner, {info['memory_gb']} GB; "
            f"Python {info['python']}, DuckDB {info['duckdb']}, Streamlit "
            f"{info['streamlit']}. Hele kørslen: {total / 60:.1f} min.\n\n"
            f"Upload af fjendtlige og meget store filer (læsning i en ny proces):\n\n"
            f"{bad_files.markdown(hostile)}\n")
    (out / "results.md").write_text(text)
    (out / "results.json").write_text(json.dumps({
        "machine": info, "settings": asdict(settings), "total_seconds": round(total, 1),
        "configs": [{"engine": ENGINE_NAMES[e], "scale": s} for e, s in configs],
        "results": [{**asdict(m), "median": m.median, "p95": m.p95} for m in measures],
        "bad_files": hostile,
    }, indent=1, ensure_ascii=False))
    print(text)
    return out


if __name__ == "__main__":
    main()
