"""Shared fixtures: real DuckDB files, a real throwaway PostgreSQL, real Chromium.

`engine` runs a test twice, on a DuckDB file and on a fresh PostgreSQL database.
`TODAY` pins the date for everything that depends on it (the demo has figures up to
October 2026, so on this date its latest closed month is complete but for one gap).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine

from tests.support.accounts import ensure_admin
from tests.support.app_server import AppServer
from tests.support.browser import launch_args
from tests.support.postgres import PostgresCluster, unique_db_name
from tracking import clock
from tracking.config import duckdb_url
from tracking.db import dispose_engine, get_engine, init_schema
from tracking.demo import load_demo

TODAY = date(2026, 11, 23)

# Pages and services read the one clock; pin it for this process and its children, so
# no test depends on the real date.
clock.pin(TODAY)
os.environ.pop("DATABASE_URL", None)


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[PostgresCluster]:
    with PostgresCluster() as cluster:
        yield cluster


@pytest.fixture
def pg_url(pg_cluster: PostgresCluster) -> Iterator[str]:
    """A fresh, empty PostgreSQL database."""
    name = unique_db_name()
    yield pg_cluster.create_database(name)
    dispose_engine(pg_cluster.url_for(name))
    pg_cluster.drop_database(name)


@pytest.fixture
def duckdb_file_url(tmp_path: Path) -> Iterator[str]:
    """A fresh DuckDB file."""
    url = duckdb_url(tmp_path / "test.duckdb")
    yield url
    dispose_engine(url)


@pytest.fixture(params=["duckdb", "postgresql"])
def db_url(request: pytest.FixtureRequest) -> str:
    """The URL of an empty database, once per engine."""
    fixture = "duckdb_file_url" if request.param == "duckdb" else "pg_url"
    return request.getfixturevalue(fixture)


@pytest.fixture
def engine(db_url: str) -> Engine:
    """An engine with the schema created, once on DuckDB and once on PostgreSQL."""
    eng = get_engine(db_url)
    init_schema(eng)
    return eng


@pytest.fixture
def duck_engine(duckdb_file_url: str) -> Engine:
    """DuckDB only: for tests where the engine does not matter (pages, flows)."""
    eng = get_engine(duckdb_file_url)
    init_schema(eng)
    return eng


@pytest.fixture
def demo_engine(engine: Engine) -> Engine:
    """The demo plans loaded, on both engines."""
    load_demo(engine)
    return engine


@pytest.fixture
def app_env(duck_engine: Engine, duckdb_file_url: str,
            monkeypatch: pytest.MonkeyPatch) -> str:
    """Point the dashboard (run in this process by AppTest) at a fresh DuckDB file."""
    monkeypatch.setenv("DATABASE_URL", duckdb_file_url)
    return duckdb_file_url


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """pytest-playwright: Debian's Chromium (a browser download does not work here)."""
    return {**browser_type_launch_args, **launch_args()}


@pytest.fixture
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_context_args, "viewport": {"width": 1920, "height": 1080},
            "locale": "da-DK"}


@pytest.fixture
def start_app(tmp_path: Path) -> Iterator[Callable[..., AppServer]]:
    """Start the dashboard as a real server on a fresh DuckDB file.

    `start_app(demo=True)` loads the demo first; the test process then lets go of the
    file, since a running dashboard holds it. The test administrator (tests/support/
    accounts.py) is always there: sign in with `tests.support.browser.signed_in_page`.
    `prepare(engine)` adds what a test needs before the server takes the file.
    """
    servers: list[AppServer] = []

    def start(demo: bool = True, env: dict[str, str] | None = None,
              prepare: Callable[[Engine], object] | None = None,
              serve: bool = False) -> AppServer:
        url = duckdb_url(tmp_path / f"app{len(servers)}.duckdb")
        eng = get_engine(url)
        init_schema(eng)
        if demo:
            load_demo(eng)
        ensure_admin(eng)
        if prepare is not None:
            prepare(eng)
        dispose_engine(url)
        server = AppServer(env={"DATABASE_URL": url, "GEVINST_TODAY": TODAY.isoformat(),
                                **(env or {})},
                           log_path=tmp_path / f"app{len(servers)}.log", serve=serve)
        servers.append(server)
        return server.start()

    yield start
    for server in servers:
        server.stop()
