"""Reading the action plan: its actions, a card's history and time per status, capacity."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from sqlalchemy import Engine, func
from sqlmodel import Session, select

from tracking.board_rules import (
    DEFAULT_CAPACITY,
    OPEN_STATUSES,
    CapacityCheck,
    check_capacity,
)
from tracking.lookup import get_or_refuse
from tracking.models import (
    Action,
    ActionEvent,
    ActionStatus,
    EventKind,
    Plan,
    PlanBoardSettings,
)


def committed_resources(session: Session, plan_id: int, excluding: int | None = None) -> int:
    query = select(func.coalesce(func.sum(Action.resources), 0)).where(
        Action.plan_id == plan_id, Action.archived_at.is_(None),
        Action.status.in_([s.value for s in OPEN_STATUSES]))
    if excluding is not None:
        query = query.where(Action.id != excluding)
    return int(session.exec(query).one())


def plan_capacity(session: Session, plan_id: int) -> int:
    s = session.get(PlanBoardSettings, plan_id)
    return s.capacity if s else DEFAULT_CAPACITY


def capacity_check(engine: Engine, plan_id: int, adding: int = 0) -> CapacityCheck:
    """Resources committed in open actions against the plan's capacity."""
    with Session(engine) as session:
        get_or_refuse(session, Plan, plan_id, "error.plan_not_found", "plan_id")
        return check_capacity(committed_resources(session, plan_id), adding,
                              plan_capacity(session, plan_id))


def get_action(engine: Engine, action_id: int) -> Action:
    with Session(engine) as session:
        return get_or_refuse(session, Action, action_id, "error.action_not_found", "action_id")


def list_actions(engine: Engine, plan_id: int, include_archived: bool = False) -> list[Action]:
    with Session(engine) as session:
        query = select(Action).where(Action.plan_id == plan_id).order_by(Action.deadline,
                                                                         Action.id)
        if not include_archived:
            query = query.where(Action.archived_at.is_(None))
        return list(session.exec(query).all())


def action_history(engine: Engine, action_id: int) -> list[ActionEvent]:
    """Every change of the action, oldest first."""
    with Session(engine) as session:
        get_or_refuse(session, Action, action_id, "error.action_not_found", "action_id")
        return list(session.exec(select(ActionEvent).where(ActionEvent.action_id == action_id)
                                 .order_by(ActionEvent.happened_at, ActionEvent.id)).all())


@dataclass(frozen=True)
class StatusTime:
    status: ActionStatus
    entered_at: Any
    left_at: Any | None  # None: still in this status
    duration: timedelta = field(default=timedelta(0))


def status_times(events: list[ActionEvent], until: Any) -> list[StatusTime]:
    """The periods an action spent in each status, from its history (pure)."""
    periods: list[StatusTime] = []
    current: tuple[ActionStatus, Any] | None = None
    for e in events:
        if e.kind not in (EventKind.CREATED, EventKind.MOVED) or e.to_status is None:
            continue
        if current is not None:
            periods.append(StatusTime(current[0], current[1], e.happened_at,
                                      e.happened_at - current[1]))
        current = (ActionStatus(e.to_status), e.happened_at)
    if current is not None:
        periods.append(StatusTime(current[0], current[1], None, until - current[1]))
    return periods
