"""`gevinst serve`: the dashboard and the API in one uvicorn process."""

from __future__ import annotations

import os
import sys

from server.asgi import SCRIPT, create_app


def serve(port: int = 8501, address: str | None = None, database: str | None = None) -> None:
    """Run until SIGINT/SIGTERM. `database`: a URL for the pages and the API alike."""
    if database:
        os.environ["DATABASE_URL"] = database
    # As `streamlit run dashboard/app.py` would: the script is the launcher, so config
    # (.streamlit/config.toml) and relative paths resolve the same way, and the script
    # gets no arguments of ours.
    sys.argv = [str(SCRIPT)]
    config: dict[str, object] = {
        "server.port": port,
        "server.headless": True,
        "browser.gatherUsageStats": False,
        "server.fileWatcherType": "none",
    }
    if address:
        config["server.address"] = address
    create_app().run(config=config)
