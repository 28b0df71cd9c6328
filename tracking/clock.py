"""Today's date, in one place so that tests and demos can pin it.

`GEVINST_TODAY=2026-11-23` pins the date for a whole process (used by browser tests
that start the dashboard as a separate process).
"""

from __future__ import annotations

import os
from datetime import UTC, date, datetime


def today() -> date:
    pinned = os.environ.get("GEVINST_TODAY")
    if pinned:
        return date.fromisoformat(pinned)
    return date.today()


def now() -> datetime:
    return datetime.now(UTC)
