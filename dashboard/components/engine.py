"""The database engine of the dashboard process, opened (schema brought up to date) once."""

from __future__ import annotations

import streamlit as st
from sqlalchemy import Engine

from dashboard.components.i18n import error_text
from tracking.config import database_url
from tracking.db import get_engine, init_schema
from tracking.errors import DatabaseLockedError


@st.cache_resource(show_spinner=False)
def _prepared_engine(url: str) -> Engine:
    engine = get_engine(url)
    init_schema(engine)
    return engine


def engine() -> Engine:
    """The database engine; stops the page with a clear message if it cannot be opened."""
    try:
        return _prepared_engine(database_url())
    except DatabaseLockedError as exc:
        st.error(error_text(exc))
        st.stop()
        raise
