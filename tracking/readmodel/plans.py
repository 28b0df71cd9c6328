"""The plans and their indicators."""

from __future__ import annotations

from sqlalchemy import Engine
from sqlmodel import Session, select

from tracking.lookup import get_or_refuse
from tracking.models import (
    Indicator,
    Plan,
)


def list_plans(engine: Engine, include_archived: bool = False) -> list[Plan]:
    with Session(engine) as session:
        query = select(Plan).order_by(Plan.name)
        if not include_archived:
            query = query.where(Plan.archived_at.is_(None))
        return list(session.exec(query).all())


def get_plan(engine: Engine, plan_id: int) -> Plan:
    with Session(engine) as session:
        return get_or_refuse(session, Plan, plan_id, "error.plan_not_found", "plan_id")


def list_indicators(engine: Engine, plan_id: int,
                    include_archived: bool = False) -> list[Indicator]:
    with Session(engine) as session:
        query = (select(Indicator).where(Indicator.plan_id == plan_id)
                 .order_by(Indicator.sort_order, Indicator.id))
        if not include_archived:
            query = query.where(Indicator.archived_at.is_(None))
        return list(session.exec(query).all())


def get_indicator(engine: Engine, indicator_id: int) -> Indicator:
    with Session(engine) as session:
        return get_or_refuse(session, Indicator, indicator_id, "error.indicator_not_found",
                             "indicator_id")
