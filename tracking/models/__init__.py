"""The stored domain. One module per area; each is imported here so that its tables
are registered, and its public names (its `__all__`) are re-exported, so that
`from tracking.models import Plan` works for every area.

A new area adds a module in this package; it is found without editing this file.
"""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

from tracking.models.goal import (
    Direction,
    Indicator,
    IndicatorKind,
    Measure,
    Measurement,
    MeasurementRevision,
    PhaseIn,
    Plan,
    SchemaInfo,
    TargetMonth,
    id_column,
)

__all__ = [
    "Direction", "Indicator", "IndicatorKind", "Measure", "Measurement", "MeasurementRevision",
    "PhaseIn", "Plan", "SchemaInfo", "TargetMonth", "id_column",
]

for _info in sorted(pkgutil.iter_modules([str(Path(__file__).parent)]), key=lambda m: m.name):
    if _info.name == "goal":
        continue
    _module = importlib.import_module(f"{__name__}.{_info.name}")
    for _name in getattr(_module, "__all__", []):
        globals()[_name] = getattr(_module, _name)
        __all__.append(_name)
