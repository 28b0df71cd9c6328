"""Cached reads, invalidated by writes: `cached(plan_series)(plan_id)`.

Streamlit reruns the whole page on every click; a cached read is only paid again when
the data it reads has changed. The cache key holds a change stamp, read just before each
cached read (one row by its key; the stamps are bumped in the same transaction as the
data, so the data read is never older than the key, see `tracking.changes`):
- a read of one plan (the function takes `plan_id`, or `plan_ids` holding one id) is keyed
  by that plan's stamp and the shared one, so a write in plan 7 leaves plan 12's cache
  warm;
- the plan list (it reads the `plan` table only) by the stamp of that table, so a figure
  saved or a card moved does not make the list of 2,940 plans again (issue 18);
- any other read (the overview) by the stamp every write bumps.
This process's own write counters are in the key too, so:
- a write in this process is seen by the very next read, even in the same rerun;
- a write by another process on the same PostgreSQL is seen on the next rerun.
The wrapped function takes the engine first; the others must be hashable (ids, dates).

The cache is bounded (issue 18: the process stays under 500 MB at 2,940 plans): a read
keeps one entry, the one of its newest stamp (the entry of an older stamp is dropped when
the newer is made); at most MAX_ENTRIES reads and MAX_SIZE pickled bytes are kept, the
least recently used dropped first; and an entry is made again after TTL, so a plan
visited once does not stay.
"""

from __future__ import annotations

import functools
import inspect
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any, TypeVar

import streamlit as st

from dashboard.components.engine import engine
from tracking import changes

T = TypeVar("T")
MAX_ENTRIES = 400  # reads kept: a plan's pages make about 30, so the last ~15 plans
MAX_SIZE = "150MB"  # pickled bytes; the least recently used go first
TTL = "30m"
_registry: dict[str, Callable[..., Any]] = {}
_wrappers: dict[Callable[..., Any], Callable[..., Any]] = {}
# The stamp of each read's one entry (name, url, args, kwargs) -> stamp, oldest use first.
_kept: OrderedDict[tuple[Any, ...], tuple[Any, ...]] = OrderedDict()
_kept_lock = threading.Lock()
# Reads of nothing but the `plan` table: keyed by its own stamp.
PLAN_TABLE_READS = frozenset({"tracking.readmodel.plans.list_plans"})


def plan_list_stamp() -> tuple[Any, ...]:
    """What a read of the `plan` table alone is keyed by: that table's stamps."""
    return "plan_list", changes.plan_list_current(engine()), changes.local_plan_list_writes()


def stamp(plan_id: int | None = None) -> tuple[Any, ...]:
    """What a cached read is keyed by: the stamps of `plan_id` (None: of any write)."""
    if plan_id is None:
        return "all", changes.current(engine()), changes.local_writes()
    return ("plan", plan_id, *changes.plan_current(engine(), plan_id),
            *changes.local_plan_writes(plan_id))


@st.cache_data(show_spinner=False, max_entries=MAX_ENTRIES, max_size=MAX_SIZE, ttl=TTL)
def _call(name: str, stamp_key: tuple[Any, ...], url: str, args: tuple,
          kwargs: tuple) -> Any:
    # `stamp_key` is what invalidates; `name` picks the function, `url` the database.
    return _registry[name](engine(), *args, **dict(kwargs))


def _read(name: str, stamp_key: tuple[Any, ...], url: str, args: tuple,
          kwargs: tuple) -> Any:
    """`_call`, after dropping the entry of this read's older stamp (and of the least
    recently used read when more than MAX_ENTRIES are kept)."""
    read = (name, url, args, kwargs)
    try:
        hash(read)
    except TypeError:  # a list among the arguments: Streamlit can key it, we cannot
        return _call(name, stamp_key, url, args, kwargs)
    dropped: list[tuple[Any, ...]] = []
    with _kept_lock:
        old = _kept.pop(read, None)
        if old is not None and old != stamp_key:
            dropped.append((name, old, url, args, kwargs))
        _kept[read] = stamp_key
        while len(_kept) > MAX_ENTRIES:
            (n, u, a, k), s = _kept.popitem(last=False)
            dropped.append((n, s, u, a, k))
    for entry in dropped:
        _call.clear(*entry)
    return _call(name, stamp_key, url, args, kwargs)


def _plan_of(signature: inspect.Signature) -> Callable[[tuple, dict], int | None]:
    """How to find the one plan a call reads (None: it reads across plans)."""
    params = list(signature.parameters)[1:]  # after the engine

    def find(args: tuple, kwargs: dict) -> int | None:
        values = dict(zip(params, args, strict=False)) | kwargs
        if isinstance(values.get("plan_id"), int):
            return values["plan_id"]
        ids = values.get("plan_ids")
        if isinstance(ids, tuple | list) and len(ids) == 1 and isinstance(ids[0], int):
            return ids[0]
        return None

    return find


def cached(fn: Callable[..., T]) -> Callable[..., T]:
    """`fn(engine, *args, **kwargs)` as a cached `f(*args, **kwargs)`."""
    name = f"{fn.__module__}.{fn.__qualname__}"
    if fn in _wrappers:  # pages wrap on every rerun: read the signature once
        return _wrappers[fn]
    _registry[name] = fn
    plan_of = _plan_of(inspect.signature(fn))
    plan_table_only = name in PLAN_TABLE_READS

    @functools.wraps(fn)
    def call(*args: Any, **kwargs: Any) -> T:
        key = plan_list_stamp() if plan_table_only else stamp(plan_of(args, kwargs))
        return _read(name, key, str(engine().url), args, tuple(sorted(kwargs.items())))

    _wrappers[fn] = call
    return call
