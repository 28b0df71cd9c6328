"""`gevinst remind`, run as a real subprocess against the demo and a loopback SMTP server."""

from __future__ import annotations

import os
import re
from pathlib import Path

from tests.support.smtp import smtp_server
from tests.tracking.test_cli import gevinst
from tracking.config import duckdb_url


def test_remind_without_smtp_says_so_and_sends_nothing(tmp_path: Path) -> None:
    url = duckdb_url(tmp_path / "g.duckdb")
    assert gevinst("--database", url, "setup").returncode == 0
    env = {k: v for k, v in os.environ.items() if not k.startswith("GEVINST_SMTP_")}
    done = gevinst("--database", url, "remind", env=env)
    assert done.returncode == 0, done.stderr
    assert "ikke sat op" in done.stdout


def test_remind_sends_once_per_day(tmp_path: Path) -> None:
    url = duckdb_url(tmp_path / "g.duckdb")
    assert gevinst("--database", url, "setup").returncode == 0
    with smtp_server() as (inbox, settings):
        env = {**os.environ, "GEVINST_SMTP_HOST": settings.host,
               "GEVINST_SMTP_PORT": str(settings.port), "GEVINST_SMTP_TLS": "none",
               "GEVINST_SMTP_FROM": "gevinst@fjordby.example",
               "GEVINST_BASE_URL": "https://gevinst.fjordby.example"}
        first = gevinst("--database", url, "remind", env=env)
        assert first.returncode == 0, first.stderr
        sent = int(re.search(r"(\d+) sendt", first.stdout).group(1))
        assert sent >= 1 and len(inbox.take()) == sent
        again = gevinst("--database", url, "remind", env=env)
        assert " 0 sendt" in again.stdout and inbox.take() == []


def test_user_director_flag(tmp_path: Path) -> None:
    url = duckdb_url(tmp_path / "g.duckdb")
    assert gevinst("--database", url, "setup").returncode == 0
    done = gevinst("--database", url, "user", "director", "jonas.holm@fjordby.example", "on")
    assert done.returncode == 0, done.stderr
    assert "Jonas Holm er nu markeret som direktion." in done.stdout
