"""The goal charts of a plan as finished Vega-Lite specs, for caching.

Building an Altair chart costs about 100 ms per indicator, far more than reading its
figures; as a cached spec it is paid once per change of the data, not on every rerun.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Engine

from dashboard.charts.goal import goal_chart
from tracking.readmodel.forecast import indicator_forecasts
from tracking.readmodel.goal import plan_series
from tracking.readmodel.plans import list_indicators
from tracking.readmodel.reference_cases import plan_references


def goal_specs(engine: Engine, plan_id: int, lang: str, on: date) -> dict[int, dict[str, Any]]:
    """Each active indicator's chart spec, by indicator id."""
    series = plan_series(engine, plan_id)
    forecasts, _ = indicator_forecasts(engine, on, (plan_id,))
    references = plan_references(engine, plan_id)
    return {ind.id: goal_chart(series[series["indicator_id"] == ind.id], ind, lang,
                               on, fc=forecasts.get(ind.id),
                               reference=references.get(ind.id)).to_dict()
            for ind in list_indicators(engine, plan_id)}
