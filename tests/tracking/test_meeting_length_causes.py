"""A board meeting of any length from 15 to 30 minutes, and the causes of a shortfall
discussed at the figures step when an indicator is behind."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import Engine

from tracking.errors import ValidationError
from tracking.meeting_rules import Step, causes_to_discuss, step_budgets, validate_length
from tracking.readmodel.goal import behind_indicators
from tracking.readmodel.plans import list_plans

ON = date(2026, 11, 23)


@pytest.mark.parametrize("minutes", [15, 17, 20, 22, 25, 30])
def test_any_length_from_15_to_30_minutes(minutes: int) -> None:
    assert validate_length(minutes) == minutes
    assert sum(b.total_seconds() for b in step_budgets(minutes)) == pytest.approx(minutes * 60)


@pytest.mark.parametrize("minutes", [14, 31, 0, True, 20.5])
def test_other_lengths_are_refused_with_a_danish_message(minutes: object) -> None:
    with pytest.raises(ValidationError) as refused:
        validate_length(minutes)  # type: ignore[arg-type]
    assert "fra 15 til 30 minutter" in refused.value.message("da")


def test_the_demo_plans_shortfall_is_discussed_at_the_figures_step(
        demo_engine: Engine) -> None:
    ksd = next(p for p in list_plans(demo_engine) if p.name.startswith("KSD"))
    behind = behind_indicators(demo_engine, ksd.id, ON)
    assert behind == ["Andel ansøgninger via selvbetjening"]  # 80,5 % against 85,0 %
    assert causes_to_discuss(behind, Step.FIGURES) == behind
    assert causes_to_discuss(behind, Step.IDEAS) == []
    assert causes_to_discuss([], Step.FIGURES) == []
