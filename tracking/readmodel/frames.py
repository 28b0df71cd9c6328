"""Query results as DataFrames."""

from __future__ import annotations

from typing import Any

import pandas as pd
from sqlalchemy import Engine, text


def query_frame(engine: Engine, sql: str, params: dict[str, Any] | None = None) -> pd.DataFrame:
    """Run a read query (bound parameters only) and return its rows as a DataFrame."""
    with engine.connect() as conn:
        result = conn.execute(text(sql), params or {})
        return pd.DataFrame(result.all(), columns=list(result.keys()))
