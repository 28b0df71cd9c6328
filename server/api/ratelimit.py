"""A limit on calls per API token and minute, so one runaway robot cannot starve the
people at the board. Kept in this process's memory: with several processes behind a
load balancer each one counts its own calls (docs/deployment.md)."""

from __future__ import annotations

import math
import os
import threading
import time
from collections import deque

from tracking.errors import GevinstError

DEFAULT_PER_MINUTE = 120
WINDOW = 60.0


class RateLimited(GevinstError):
    """Too many calls with one token in the last minute (429)."""

    def __init__(self, seconds: int) -> None:
        super().__init__("error.api_rate_limited", None, seconds=seconds)
        self.seconds = seconds


def per_minute() -> int:
    """GEVINST_API_RATE_PER_MINUTE, else 120; 0 switches the limit off."""
    try:
        return max(0, int(os.environ.get("GEVINST_API_RATE_PER_MINUTE", DEFAULT_PER_MINUTE)))
    except ValueError:
        return DEFAULT_PER_MINUTE


class RateLimiter:
    """A sliding window of call times per token."""

    def __init__(self, limit: int | None = None) -> None:
        self.limit = per_minute() if limit is None else limit
        self._calls: dict[int, deque[float]] = {}
        self._lock = threading.Lock()

    def hit(self, token_id: int, at: float | None = None) -> None:
        """Count a call, or raise `RateLimited` with the seconds until the next is allowed."""
        if not self.limit:
            return
        at = time.monotonic() if at is None else at
        with self._lock:
            calls = self._calls.setdefault(token_id, deque())
            while calls and calls[0] <= at - WINDOW:
                calls.popleft()
            if len(calls) >= self.limit:
                raise RateLimited(max(1, math.ceil(calls[0] + WINDOW - at)))
            calls.append(at)
