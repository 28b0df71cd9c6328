"""A plan's board settings: the matrix's quadrant rule and the board's capacity."""

from __future__ import annotations

from sqlalchemy import Engine
from sqlmodel import Session

from tracking.board_rules import (
    DEFAULT_CAPACITY,
    FieldRule,
)
from tracking.lookup import get_or_refuse
from tracking.models import Plan, PlanBoardSettings


def board_settings(engine: Engine, plan_id: int) -> PlanBoardSettings:
    """The plan's settings; the documented defaults when none were saved."""
    with Session(engine) as session:
        get_or_refuse(session, Plan, plan_id, "error.plan_not_found", "plan_id")
        found = session.get(PlanBoardSettings, plan_id)
        return found or PlanBoardSettings(plan_id=plan_id, capacity=DEFAULT_CAPACITY,
                                          version=0)


def field_rule(engine: Engine, plan_id: int) -> FieldRule:
    s = board_settings(engine, plan_id)
    return FieldRule(s.effect_high_from, s.resources_many_from)
