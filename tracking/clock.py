"""One clock for the whole program: every date and timestamp comes from here.

`GEVINST_TODAY=2026-11-23` (or an instant, `2026-11-23T09:30`) pins the clock for a
process and its children (browser tests start the dashboard as a child process). A pinned
clock starts at that instant (noon in Copenhagen for a bare date) and runs on at the real
pace from the moment it was pinned, so audit rows keep their order, sessions age and a
meeting timer ticks. `today()` is always `now()`'s date in Copenhagen, so the date and the
timestamps can never disagree.

`GEVINST_CLOCK_SINCE` (epoch seconds) is the real moment the clock was pinned. The first
process that reads a pinned clock sets it; children inherit it, so all processes of a test
run share one timeline.
"""

from __future__ import annotations

import os
import time
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock_time
from zoneinfo import ZoneInfo

ZONE = ZoneInfo("Europe/Copenhagen")
PIN_VAR = "GEVINST_TODAY"
SINCE_VAR = "GEVINST_CLOCK_SINCE"
# A bare pinned date starts at noon: a test run of a few hours never reaches another day.
PINNED_TIME_OF_DAY = clock_time(12, 0)


def pinned_start(raw: str) -> datetime:
    """The instant a `GEVINST_TODAY` value names, in UTC."""
    text = raw.strip()
    if "T" in text or " " in text:
        start = datetime.fromisoformat(text)
    else:
        start = datetime.combine(date.fromisoformat(text), PINNED_TIME_OF_DAY)
    if start.tzinfo is None:
        start = start.replace(tzinfo=ZONE)
    return start.astimezone(UTC)


def _pinned_since() -> float:
    since = os.environ.get(SINCE_VAR)
    if since:
        return float(since)
    real = time.time()
    os.environ[SINCE_VAR] = repr(real)
    return real


def now() -> datetime:
    """The current instant, timezone-aware (UTC)."""
    raw = os.environ.get(PIN_VAR)
    if not raw:
        return datetime.now(UTC)
    return pinned_start(raw) + timedelta(seconds=time.time() - _pinned_since())


def today() -> date:
    """Today's date in Denmark."""
    return now().astimezone(ZONE).date()


def pin(moment: date | datetime | str) -> None:
    """Pin the clock for this process and the processes it starts from now on."""
    value = moment if isinstance(moment, str) else moment.isoformat()
    pinned_start(value)  # refuse a value the clock could not read
    os.environ[PIN_VAR] = value
    os.environ[SINCE_VAR] = repr(time.time())
