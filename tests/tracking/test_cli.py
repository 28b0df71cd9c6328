"""The `gevinst` command, run as a real subprocess."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.support.browser import signed_in_page
from tracking.config import duckdb_url


def gevinst(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tracking.cli", *args], capture_output=True,
                          text=True, timeout=120, env=env)


def test_setup_loads_the_demo_once(tmp_path: Path):
    url = duckdb_url(tmp_path / "g.duckdb")
    first = gevinst("--database", url, "setup")
    assert first.returncode == 0, first.stderr
    assert "2 planer" in first.stdout
    again = gevinst("--database", url, "setup")
    assert again.returncode == 0 and "allerede planer" in again.stdout
    demo = gevinst("--database", url, "demo")
    assert demo.returncode == 2
    assert "findes allerede" in demo.stderr and "Traceback" not in demo.stderr


def test_init_on_postgresql(pg_url: str):
    result = gevinst("--database", pg_url, "init")
    assert result.returncode == 0, result.stderr
    assert gevinst("--database", pg_url, "demo").returncode == 0


def test_a_running_dashboard_gives_a_clear_message(start_app, page):
    server = start_app(demo=True)
    signed_in_page(page, server.url, "Andel fakturaer")  # a session ran the script: file held
    url = server.env["DATABASE_URL"]
    result = gevinst("--database", url, "demo")
    assert result.returncode == 2
    assert "bruges af en anden proces" in result.stderr
    assert "Traceback" not in result.stderr


def test_rebuild_recomputes_the_overview_rows(tmp_path: Path):
    """`gevinst rebuild` after the kept rows were lost (as in an old database)."""
    import duckdb

    url = duckdb_url(tmp_path / "g.duckdb")
    assert gevinst("--database", url, "setup").returncode == 0
    con = duckdb.connect(str(tmp_path / "g.duckdb"))
    kept = con.execute("SELECT COUNT(*) FROM indicator_status").fetchone()[0]
    con.execute("DELETE FROM indicator_status")
    con.close()
    result = gevinst("--database", url, "rebuild")
    assert result.returncode == 0, result.stderr
    assert "genberegnet" in result.stdout
    con = duckdb.connect(str(tmp_path / "g.duckdb"))
    assert con.execute("SELECT COUNT(*) FROM indicator_status").fetchone()[0] == kept > 0
    con.close()
