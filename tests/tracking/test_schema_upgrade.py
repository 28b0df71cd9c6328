"""A database made by an older version gets the columns newer tables have."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Engine, text

from tests.support.actors import SYSTEM
from tracking.db import add_missing_columns
from tracking.services.ideas import board_settings, set_board_settings
from tracking.services.plans import PlanInput, create_plan


def test_missing_columns_are_added_with_their_defaults(engine: Engine) -> None:
    plan = create_plan(engine, PlanInput("KSD", date(2026, 1, 1), date(2026, 12, 1)),
                       actor=SYSTEM)
    set_board_settings(engine, plan.id, 4, 3, 8, actor=SYSTEM)
    with engine.begin() as conn:  # as an older version left it: no `updated_by` yet
        conn.execute(text("ALTER TABLE plan_board_settings DROP COLUMN updated_by"))
    assert add_missing_columns(engine) == ["plan_board_settings.updated_by"]
    kept = board_settings(engine, plan.id)
    assert (kept.effect_high_from, kept.capacity, kept.updated_by) == (4, 8, "")
    assert add_missing_columns(engine) == []  # nothing left to add
