"""A database made by an older version gets the columns newer tables have."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Engine, text

from tests.support.actors import SYSTEM
from tracking.db import add_missing_columns
from tracking.readmodel.board_settings import board_settings
from tracking.services.ideas import set_board_settings
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


def test_indicators_from_before_the_measure_get_their_units_default(pg_url: str) -> None:
    """Shares and case times become rates; everything else stays summed as before.
    (PostgreSQL: DuckDB cannot drop a column of a table that others refer to.)"""
    from tracking.db import get_engine, init_schema

    engine = get_engine(pg_url)
    init_schema(engine)
    from tracking.readmodel.plans import list_indicators
    from tracking.services.plans import IndicatorInput, create_indicator

    plan = create_plan(engine, PlanInput("KSD", date(2026, 1, 1), date(2026, 12, 1)),
                       actor=SYSTEM)
    for name, unit in (("Andel", "pct"), ("Dage", "days"), ("Kroner", "kr"), ("FTE", "fte")):
        create_indicator(engine, plan.id, IndicatorInput(
            name, unit, "higher", 1, date(2025, 12, 1), 2, date(2026, 1, 1),
            date(2026, 6, 1)), actor=SYSTEM)
    with engine.begin() as conn:  # as the version before the measure left it
        conn.execute(text("ALTER TABLE indicator DROP COLUMN measure"))
        conn.execute(text("ALTER TABLE indicator DROP COLUMN budget_effect"))
        conn.execute(text("ALTER TABLE plan DROP COLUMN report_deadline_day"))
    init_schema(engine)
    got = {i.name: (i.measure, i.budget_effect) for i in list_indicators(engine, plan.id)}
    assert got == {"Andel": ("rate", True), "Dage": ("rate", True), "Kroner": ("flow", True),
                   "FTE": ("flow", True)}
    from tracking.readmodel.plans import get_plan
    assert get_plan(engine, plan.id).report_deadline_day == 10
