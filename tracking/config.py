"""Where the database is, and which language the interface speaks.

- `DATABASE_URL`: any SQLAlchemy URL (e.g. postgresql+psycopg://user@host/db). Wins.
- `GEVINST_DB_PATH`: path of the embedded DuckDB file (default data/gevinsttavle.duckdb).
- `GEVINST_LANG`: `da` (default) or `en`.
"""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB_PATH = REPO_ROOT / "data" / "gevinsttavle.duckdb"
LANGUAGES = ("da", "en")


def duckdb_url(path: str | Path) -> str:
    return f"duckdb:///{Path(path).resolve()}"


def database_url(explicit: str | None = None) -> str:
    """The database to use: an explicit URL, else DATABASE_URL, else the DuckDB file."""
    if explicit:
        return explicit
    if os.environ.get("DATABASE_URL"):
        return os.environ["DATABASE_URL"]
    return duckdb_url(os.environ.get("GEVINST_DB_PATH") or DEFAULT_DB_PATH)


def default_language() -> str:
    lang = os.environ.get("GEVINST_LANG", "da").lower()
    return lang if lang in LANGUAGES else "da"
