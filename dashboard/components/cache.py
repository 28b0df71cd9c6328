"""Cached reads, invalidated by writes: `cached(plan_series)(plan_id)`.

Streamlit reruns the whole page on every click; a cached read is only paid again when
the database has changed. The cache key holds the database's change stamp, read just
before each cached read (one tiny query; the stamp is bumped in the same transaction as
the data, so the data read is never older than the key), and this process's own write
counter (bumped by every commit that writes), so:
- a write in this process is seen by the very next read, even in the same rerun;
- a write by another process on the same PostgreSQL is seen on the next rerun.
The wrapped function takes the engine first; the others must be hashable (ids, dates).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

import streamlit as st

from dashboard.components.engine import engine
from tracking import changes

T = TypeVar("T")
_registry: dict[str, Callable[..., Any]] = {}


def stamp() -> tuple[int, int]:
    """What the cache is keyed by: (the database's change stamp, this process's writes)."""
    return changes.current(engine()), changes.local_writes()


@st.cache_data(show_spinner=False, max_entries=500)
def _call(name: str, stamp_key: tuple[int, int], url: str, args: tuple,
          kwargs: tuple) -> Any:
    # `stamp_key` is what invalidates; `name` picks the function, `url` the database.
    return _registry[name](engine(), *args, **dict(kwargs))


def cached(fn: Callable[..., T]) -> Callable[..., T]:
    """`fn(engine, *args, **kwargs)` as a cached `f(*args, **kwargs)`."""
    name = f"{fn.__module__}.{fn.__qualname__}"
    _registry[name] = fn

    @functools.wraps(fn)
    def call(*args: Any, **kwargs: Any) -> T:
        return _call(name, stamp(), str(engine().url), args, tuple(sorted(kwargs.items())))

    return call
