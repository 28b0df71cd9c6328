"""The goal charts as finished Vega-Lite specs, built once and reused.

Building an Altair chart costs about 100 ms per indicator, far more than reading its
figures. A spec is kept by what it is drawn from (the indicator's settings, its rows of
`plan_series`, its forecast and reference case, the language, the day, the size), so it
is built once per change of that indicator's data: a write in one indicator, or in
another plan, leaves the other charts' specs as they were, and a rerun reuses them all.
"""

from __future__ import annotations

import copy
import threading
from collections import OrderedDict
from datetime import date
from typing import Any

import pandas as pd
from sqlalchemy import Engine

from dashboard.charts.goal import goal_chart
from tracking.forecast import Forecast
from tracking.models import Indicator
from tracking.readmodel.forecast import indicator_forecasts
from tracking.readmodel.goal import plan_series
from tracking.readmodel.plans import list_indicators
from tracking.readmodel.reference_cases import plan_references
from tracking.reference_cases import ReferenceCase

MAX_SPECS = 2000  # a few kB each; the least recently drawn go first

_specs: OrderedDict[tuple, dict[str, Any]] = OrderedDict()
_lock = threading.Lock()
built = 0  # how many specs this process has built (tests count it)


def _rows_key(rows: pd.DataFrame) -> tuple:
    hashed = pd.util.hash_pandas_object(rows, index=False) if len(rows) else []
    return tuple(rows.columns), len(rows), int(sum(int(h) for h in hashed) % (1 << 63))


def goal_spec(rows: pd.DataFrame, ind: Indicator, lang: str, on: date, *,
              height: int = 300, wall: bool = False, fc: Forecast | None = None,
              reference: ReferenceCase | None = None) -> dict[str, Any]:
    """`goal_chart(...)` as a spec: from the memo when drawn from the same data before."""
    global built
    key = (ind.id, repr(ind.model_dump()), _rows_key(rows), lang, on, height, wall,
           repr(fc), repr(reference))
    with _lock:
        spec = _specs.get(key)
        if spec is not None:
            _specs.move_to_end(key)
            return copy.deepcopy(spec)  # the page may add to it
    # Not validated against the Vega-Lite schema here: that was half the build (~0.15 s
    # in every rerun after a saved figure, issue 18); the tests validate these charts.
    spec = goal_chart(rows, ind, lang, on, height=height, wall=wall, fc=fc,
                      reference=reference).to_dict(validate=False)
    with _lock:
        built += 1
        _specs[key] = spec
        while len(_specs) > MAX_SPECS:
            _specs.popitem(last=False)
    return copy.deepcopy(spec)


def goal_specs(engine: Engine, plan_id: int, lang: str, on: date) -> dict[int, dict[str, Any]]:
    """Each active indicator's chart spec, by indicator id."""
    series = plan_series(engine, plan_id)
    forecasts, _ = indicator_forecasts(engine, on, (plan_id,))
    references = plan_references(engine, plan_id)
    return {ind.id: goal_spec(series[series["indicator_id"] == ind.id], ind, lang, on,
                              fc=forecasts.get(ind.id), reference=references.get(ind.id))
            for ind in list_indicators(engine, plan_id)}
