"""Fetching a record a service acts on, or refusing with a message that names it."""

from __future__ import annotations

from sqlmodel import Session

from tracking.errors import NotFoundError
from tracking.models import (
    Indicator,
    Plan,
    UserAccount,
)


def plan_or_refuse(session: Session, plan_id: int) -> Plan:
    """The plan (archived ones too: services decide what an archived plan allows)."""
    plan = session.get(Plan, plan_id)
    if plan is None:
        raise NotFoundError("error.plan_not_found", "plan_id", id=plan_id)
    return plan


def user_or_refuse(session: Session, user_id: int) -> UserAccount:
    """The account (deactivated ones too)."""
    user = session.get(UserAccount, user_id)
    if user is None:
        raise NotFoundError("error.user_not_found", None, id=user_id)
    return user


def indicator_or_refuse(session: Session, indicator_id: int) -> Indicator:
    ind = session.get(Indicator, indicator_id)
    if ind is None:
        raise NotFoundError("error.indicator_not_found", "indicator_id", id=indicator_id)
    return ind
