"""Self-check of the test-support modules: real PostgreSQL, real Streamlit, real Chromium."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from playwright.sync_api import Page, expect

from tests.support.app_server import AppServer
from tests.support.browser import open_app


def test_postgres_roundtrip(pg_url: str) -> None:
    assert pg_url.startswith("postgresql+psycopg://postgres@127.0.0.1:")
    engine = sa.create_engine(pg_url)
    try:
        with engine.begin() as conn:
            conn.execute(sa.text("CREATE TABLE gevinst (id serial PRIMARY KEY, navn text)"))
            conn.execute(sa.text("INSERT INTO gevinst (navn) VALUES ('Ærø'), ('Tønder')"))
        with engine.connect() as conn:
            rows = conn.execute(sa.text("SELECT navn FROM gevinst ORDER BY id")).scalars().all()
    finally:
        engine.dispose()
    assert rows == ["Ærø", "Tønder"]


def test_streamlit_in_chromium(tmp_path: Path, page: Page) -> None:
    script = tmp_path / "hej.py"
    script.write_text('import streamlit as st\nst.title("Hej")\n', encoding="utf-8")
    with AppServer(str(script), cwd=str(tmp_path), log_path=tmp_path / "app.log") as app:
        # Wait for stApp to finish its run and for the text, before asserting.
        open_app(page, app.url, "Hej")
        expect(page.get_by_role("heading", name="Hej")).to_be_visible()
        page.screenshot(path=tmp_path / "hej.png", full_page=True)
    assert (tmp_path / "hej.png").stat().st_size > 0
