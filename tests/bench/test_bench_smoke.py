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


def test_bench_runs_at_scale_s_and_writes_both_files(tmp_path) -> None:
    # Its own process, as `make bench` runs it: Playwright's sync API refuses to start in
    # a test process where another test already runs one.
    subprocess.run([sys.executable, "-m", "bench.run", "--plan",
                    "duckdb:S postgresql:S sqlite:S", "--reps", "2", "--page-reps", "1",
                    "--import-reps", "1", "--browser-reps", "1", "--out", str(tmp_path)],
                   cwd=REPO_ROOT, check=True, timeout=900, capture_output=True)
    out = tmp_path
    data = json.loads((out / "results.json").read_text())
    ops = {key for key, *_ in OPERATIONS}
    for engine in ("DuckDB", "PostgreSQL", "SQLite"):
        found = {r["op"] for r in data["results"] if r["engine"] == engine and r["values"]}
        assert found == ops, (engine, ops - found)
    table = (out / "results.md").read_text()
    assert "| Operation |" in table and "DuckDB S | PostgreSQL S | SQLite S" in table
    for _key, label, *_ in OPERATIONS:
        row = next(line for line in table.splitlines() if line.startswith(f"| {label.strip()} |"))
        assert "–" not in row.split("|")[4:]  # a figure in every engine's cell
    assert data["machine"]["cores"] >= 1
    # The hostile uploads are measured too (issue 15): each refused or read, never a crash.
    assert {r["key"] for r in data["bad_files"]} == {key for key, *_ in bad_files.FILES}
    assert "zip-bombe" in table
