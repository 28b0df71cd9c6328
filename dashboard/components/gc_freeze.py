"""Keep the objects of loaded modules out of the garbage collector's full passes.

Streamlit runs a full collection (`gc.collect(2)`, the option runner.postScriptGC) after
every script run, also a run stopped for st.rerun or st.switch_page, before the next one
starts. With pandas, Altair, DuckDB and SQLAlchemy loaded that pass walks some 200,000
objects: 100–200 ms on a 2-core machine, twice on the way from "Log ind" to the first
chart. Almost all of them are modules, classes and functions that live as long as the
process. `gc.freeze()` moves them to a generation the collector does not walk; objects
made afterwards (session state, cached frames) are collected as before, and anything
frozen is still freed by reference counting when its last reference goes.
"""

from __future__ import annotations

import gc
import sys

_frozen_at = 0  # len(sys.modules) at the last freeze


def freeze_loaded_modules() -> None:
    """Freeze what is alive now, when modules were loaded since the last time (the first
    runs of a process and each page's first run); otherwise free."""
    global _frozen_at
    if len(sys.modules) <= _frozen_at:
        return
    gc.collect()  # garbage first, so none of it is frozen
    gc.freeze()
    _frozen_at = len(sys.modules)
