"""How a trajectory's extra data is stored on an indicator row, and read back."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import date

from tracking.models import Indicator, PhaseIn
from tracking.months import iso_month, parse_iso_month
from tracking.rules import Trajectory


def encode_steps(percentages: Sequence[float]) -> str:
    return ";".join(f"{p:g}" for p in percentages)


def decode_steps(text: str) -> tuple[float, ...]:
    """'25;75;100' -> (0.25, 0.75, 1.0)."""
    return tuple(float(p) / 100 for p in text.split(";") if p.strip())


def encode_explicit(targets: Mapping[date, float]) -> str:
    return json.dumps({iso_month(m): v for m, v in sorted(targets.items())})


def decode_explicit(text: str) -> dict[date, float]:
    if not text:
        return {}
    return {parse_iso_month(k): float(v) for k, v in json.loads(text).items()}


def trajectory_of(ind: Indicator) -> Trajectory:
    return Trajectory(
        baseline_value=ind.baseline_value,
        baseline_month=ind.baseline_month,
        target_value=ind.target_value,
        start_month=ind.target_start_month,
        full_effect_month=ind.full_effect_month,
        phase_in=PhaseIn(ind.phase_in),
        steps=decode_steps(ind.step_percentages),
        explicit=decode_explicit(ind.explicit_targets),
    )
