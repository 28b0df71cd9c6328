"""What every page needs: the database, the chosen plan, and who is at the keyboard."""

from __future__ import annotations

import streamlit as st
from sqlalchemy import Engine

from dashboard.components.i18n import error_text, t
from tracking.config import database_url
from tracking.db import get_engine, init_schema
from tracking.errors import DatabaseLockedError
from tracking.models import Plan
from tracking.services.plans import list_plans


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


def actor() -> str:
    """The name written on every change (until sign-in arrives, typed in the sidebar)."""
    return (st.session_state.get("actor") or "").strip() or t("ui.unknown_user")


def current_plan() -> Plan | None:
    """The plan chosen in the sidebar (also settable by `?plan=ID` in the URL)."""
    plans = list_plans(engine())
    if not plans:
        return None
    ids = [p.id for p in plans]
    wanted = st.query_params.get("plan")
    if wanted and wanted.isdigit() and int(wanted) in ids:
        st.session_state["plan_id"] = int(wanted)
    if st.session_state.get("plan_id") not in ids:
        st.session_state["plan_id"] = ids[0]
    by_id = {p.id: p for p in plans}
    chosen = st.sidebar.selectbox(
        t("ui.plan"), ids, key="plan_id", format_func=lambda i: by_id[i].name)
    st.query_params["plan"] = str(chosen)
    return by_id[chosen]
