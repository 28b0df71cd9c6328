"""The embedded default's reminder scheduler: one background thread per dashboard
process, started on the first page run when e-mail is switched on (GEVINST_SMTP_HOST)
and not switched off with GEVINST_REMIND_IN_SERVER=0 (e.g. when cron runs
`gevinst remind`)."""

from __future__ import annotations

import os
import threading

import streamlit as st
from sqlalchemy import Engine

from tracking.mail import smtp_settings
from tracking.reminder_sending import run_periodically


@st.cache_resource(show_spinner=False)
def _started(url: str, _engine: Engine) -> threading.Event | None:
    if smtp_settings() is None or os.environ.get("GEVINST_REMIND_IN_SERVER", "1") == "0":
        return None
    stop = threading.Event()
    threading.Thread(target=run_periodically, args=(_engine, stop), daemon=True,
                     name="gevinst-reminders").start()
    return stop


def start_reminder_job(engine: Engine) -> None:
    _started(str(engine.url), engine)
