"""The ASGI application: the dashboard (Streamlit's `st.App`) with the API beside it.

One process serves both, so the embedded DuckDB file (which only one process may open)
is shared by the pages and the API. `gevinst serve` runs it; for another ASGI server:
`uvicorn --factory server.asgi:create_app`.
"""

from __future__ import annotations

import os
from pathlib import Path

from starlette.routing import Mount, Route

from server.api import create_api
from server.api.app import API_PREFIX
from server.calendar_routes import calendar_routes
from server.session_routes import session_routes
from tracking.auth.tickets import ROUTES_FLAG

SCRIPT = Path(__file__).resolve().parent.parent / "dashboard" / "app.py"


def routes() -> list[Route | Mount]:
    """Our routes; Streamlit's own come after them."""
    return [Mount(API_PREFIX, app=create_api()), *session_routes(), *calendar_routes()]


def create_app():  # -> streamlit.starlette.App (imported here: Streamlit loads slowly)
    from streamlit.starlette import App

    os.environ[ROUTES_FLAG] = "1"  # the page may hand its sign-in to /session/start
    return App(str(SCRIPT), routes=routes())
