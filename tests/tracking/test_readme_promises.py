"""README promises that had no test of their own (checked line by line for issue 22):
configuration by environment, demo people without passwords, secrets kept out of the
repository."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from tracking.config import database_url, default_language
from tracking.models import UserAccount

REPO = Path(__file__).resolve().parents[2]


def test_gevinst_db_path_chooses_the_duckdb_file(monkeypatch: pytest.MonkeyPatch,
                                                 tmp_path: Path) -> None:
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("GEVINST_DB_PATH", str(tmp_path / "anden.duckdb"))
    assert database_url().startswith("duckdb:///") and database_url().endswith("anden.duckdb")
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://u@h/g")  # the URL wins
    assert database_url() == "postgresql+psycopg://u@h/g"


@pytest.mark.parametrize(("value", "expected"), [(None, "da"), ("en", "en"), ("EN", "en"),
                                                 ("da", "da"), ("fr", "da")])
def test_gevinst_lang_sets_the_interface_language(monkeypatch: pytest.MonkeyPatch,
                                                  value: str | None, expected: str) -> None:
    if value is None:
        monkeypatch.delenv("GEVINST_LANG", raising=False)
    else:
        monkeypatch.setenv("GEVINST_LANG", value)
    assert default_language() == expected


def test_demo_people_have_no_password(demo_engine: Engine) -> None:
    with Session(demo_engine) as s:
        people = s.exec(select(UserAccount)).all()
    assert people and all(p.password_hash is None for p in people)


def test_secrets_stay_out_of_the_repository() -> None:
    assert ".streamlit/secrets.toml" in (REPO / ".gitignore").read_text().splitlines()
    tracked = subprocess.run(["git", "ls-files"], cwd=REPO, capture_output=True, text=True,
                             check=True).stdout.splitlines()
    assert not [f for f in tracked if f.endswith("secrets.toml")]
