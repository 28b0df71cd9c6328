"""The benchmark at scale S on every engine, few repetitions: it must keep running.

Checks the shape of its output, never its times (speed goals are not tests)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from bench import bad_files
from bench.run import OPERATIONS
from tracking.config import REPO_ROOT

pytestmark = pytest.mark.browser


def _bench(*args: str) -> None:
    # Its own process, as `make bench` runs it: Playwright's sync API refuses to start in
    # a test process where another test already runs one.
    done = subprocess.run([sys.executable, "-m", "bench.run", *args], cwd=REPO_ROOT,
                          timeout=900, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-4000:]


def _row(table: str, label: str) -> list[str]:
    """The cells after label, unit and target of `label`'s row in the table of every
    operation (the second table; the first holds the targets)."""
    every = table.split("Alle operationer", 1)[1]
    line = next(x for x in every.splitlines() if x.startswith(f"| {label.strip()} |"))
    return [c.strip() for c in line.split("|")[4:-1]]


def test_bench_runs_at_scale_s_and_writes_both_files(tmp_path) -> None:
    _bench("--plan", "duckdb:S postgresql:S sqlite:S", "--reps", "2", "--page-reps", "1",
           "--import-reps", "1", "--browser-reps", "1", "--concurrent-seconds", "2",
           "--out", str(tmp_path))
    data = json.loads((tmp_path / "results.json").read_text())
    ops = {op.key for op in OPERATIONS}
    for engine in ("DuckDB", "PostgreSQL", "SQLite"):
        found = {r["op"] for r in data["results"] if r["engine"] == engine and r["values"]}
        assert found == ops, (engine, ops - found)
    # Every browser row: one visit after the warm-up, each page clicked once.
    clicks = [r for r in data["results"] if r["op"].startswith("click_")]
    assert len(clicks) == 3 * 6 and all(len(r["values"]) == 1 for r in clicks)
    table = (tmp_path / "results.md").read_text()
    assert "| Operation |" in table and "DuckDB S | PostgreSQL S | SQLite S" in table
    for op in OPERATIONS:
        assert "–" not in _row(table, op.label), op.key  # a figure in every engine's cell
    # The targets table, DuckDB and PostgreSQL side by side, with the target column.
    assert "| Mål | Enhed | Mål-værdi | DuckDB S | PostgreSQL S |" in table
    assert "| Browser: klik til Mål tegnet | ms | ≤ 1.5× S |" in table
    assert len(data["load"]["start"]) == 3 and len(data["load"]["end"]) == 3
    assert "Belastning (load average" in table
    assert data["machine"]["cores"] >= 1
    # The hostile uploads are measured too (issue 15): each refused or read, never a crash.
    assert {r["key"] for r in data["bad_files"]} == {key for key, *_ in bad_files.FILES}
    assert "zip-bombe" in table


def test_one_part_of_the_bench_runs_alone(tmp_path) -> None:
    _bench("--only", "data", "--engines", "duckdb", "--scales", "S", "--reps", "1",
           "--out", str(tmp_path))
    data = json.loads((tmp_path / "results.json").read_text())
    assert data["full_run"] is False and data["parts"] == ["data"]
    assert data["configs"] == [{"engine": "DuckDB", "scale": "S"}]
    measured = {r["op"] for r in data["results"]}
    assert measured == {op.key for op in OPERATIONS if op.part == "data"}
    table = (tmp_path / "results.md").read_text()
    assert "Delvis kørsel" in table and "Browser" not in table and "zip-bombe" not in table
