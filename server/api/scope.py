"""What a token may see: the plans it covers."""

from __future__ import annotations

from sqlalchemy import Engine
from sqlmodel import Session

from tracking.auth import PermissionDenied
from tracking.config import database_url
from tracking.db import get_engine
from tracking.errors import NotFoundError
from tracking.models import Plan
from tracking.services.api_tokens import Grant


def engine() -> Engine:
    return get_engine(database_url())


def visible_plan(session: Session, caller: Grant, plan_id: int) -> Plan:
    plan = session.get(Plan, plan_id)
    if plan is None:
        raise NotFoundError("error.plan_not_found", "plan_id", id=plan_id)
    if not caller.covers(plan_id):
        raise PermissionDenied("error.api_plan_not_allowed", plan=plan.name, id=plan_id)
    return plan
