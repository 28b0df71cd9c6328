"""Mine opgaver: what one person has to do, across all their plans.

- figures: each month of an indicator they own that has no figure, from the indicator's
  baseline to the latest closed month: *missing* once the plan's reporting deadline has
  passed, *awaiting* before it;
- actions they are responsible for (by account, or by a name that means only them) that
  are overdue or due within 7 days;
- the next board meetings of the plans they have a role in (from the plan's schedule).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Engine
from sqlmodel import Session, select

from tracking.models import (
    Action,
    Indicator,
    Measurement,
    MeetingSchedule,
    Membership,
    Plan,
    UserAccount,
)
from tracking.months import month_of, month_range
from tracking.people import active_people
from tracking.reminder_rules import ACTION_NOTICE_DAYS, next_meeting, reporting_deadline
from tracking.reminders import OPEN_STATUSES, plan_deadline_day
from tracking.rules import last_closed_month


@dataclass(frozen=True)
class FigureTask:
    plan_id: int
    plan: str
    indicator_id: int
    indicator: str
    unit: str
    month: date
    deadline: date
    missing: bool  # past the deadline; False: awaiting, not due yet


@dataclass(frozen=True)
class ActionTask:
    action_id: int
    plan_id: int
    plan: str
    title: str
    status: str
    deadline: date
    version: int

    def overdue(self, on: date) -> bool:
        return self.deadline < on


@dataclass(frozen=True)
class MeetingTask:
    plan_id: int
    plan: str
    day: date
    start_time: str
    length_minutes: int


@dataclass(frozen=True)
class MyTasks:
    figures: list[FigureTask]
    actions: list[ActionTask]
    meetings: list[MeetingTask]

    @property
    def empty(self) -> bool:
        return not (self.figures or self.actions or self.meetings)


def _figures(session: Session, user_id: int, on: date, plans: dict[int, Plan]) -> list[FigureTask]:
    closed = last_closed_month(on)
    inds = session.exec(select(Indicator).where(
        Indicator.owner_user_id == user_id, Indicator.archived_at.is_(None),  # type: ignore[union-attr]
        Indicator.plan_id.in_(list(plans))).order_by(  # type: ignore[attr-defined]
        Indicator.plan_id, Indicator.sort_order, Indicator.id)).all()
    if not inds:
        return []
    have = set(session.exec(select(Measurement.indicator_id, Measurement.month).where(
        Measurement.indicator_id.in_([i.id for i in inds]))).all())  # type: ignore[union-attr]
    out = []
    for ind in inds:
        plan = plans[ind.plan_id]
        first = max(month_of(ind.baseline_month), month_of(plan.start_month))
        last = min(closed, month_of(plan.end_month))
        for month in month_range(first, last) if first <= last else []:
            if (ind.id, month) in have:
                continue
            deadline = reporting_deadline(month, plan_deadline_day(plan))
            out.append(FigureTask(plan.id, plan.name, ind.id, ind.name, ind.unit,  # type: ignore[arg-type]
                                  month, deadline, on > deadline))
    # Most urgent first: missing before awaiting, oldest month first.
    return sorted(out, key=lambda f: (not f.missing, f.month, f.plan, f.indicator))


def _actions(session: Session, user_id: int, on: date, plans: dict[int, Plan]) -> list[ActionTask]:
    people = active_people(session)
    out = []
    for a in session.exec(select(Action).where(
            Action.archived_at.is_(None), Action.status.in_(OPEN_STATUSES),  # type: ignore[union-attr]
            Action.plan_id.in_(list(plans))).order_by(Action.deadline, Action.id)):  # type: ignore[attr-defined]
        person = people.get(a.responsible_user_id) or people.account_for(a.responsible)
        if person is None or person.user_id != user_id:
            continue
        if (a.deadline - on).days > ACTION_NOTICE_DAYS:
            continue
        out.append(ActionTask(a.id, a.plan_id, plans[a.plan_id].name, a.title,  # type: ignore[arg-type]
                              a.status, a.deadline, a.version))
    return out


def _meetings(session: Session, user_id: int, on: date,
              plans: dict[int, Plan]) -> list[MeetingTask]:
    mine = set(session.exec(select(Membership.plan_id).where(
        Membership.user_id == user_id, Membership.archived_at.is_(None))).all())  # type: ignore[union-attr]
    out = []
    for s in session.exec(select(MeetingSchedule)):
        if s.plan_id in mine and s.plan_id in plans:
            day = next_meeting(on, s.weekday, s.every_weeks, s.first_meeting)
            out.append(MeetingTask(s.plan_id, plans[s.plan_id].name, day, s.start_time,
                                   s.length_minutes))
    return sorted(out, key=lambda m: (m.day, m.start_time, m.plan))


def my_tasks(engine: Engine, user_id: int, on: date) -> MyTasks:
    with Session(engine) as session:
        plans = {p.id: p for p in session.exec(select(Plan).where(
            Plan.archived_at.is_(None)))}  # type: ignore[union-attr]
        return MyTasks(_figures(session, user_id, on, plans),  # type: ignore[arg-type]
                       _actions(session, user_id, on, plans),  # type: ignore[arg-type]
                       _meetings(session, user_id, on, plans))  # type: ignore[arg-type]


def landing_page(engine: Engine, user_id: int | None) -> str:
    """Where a person lands after sign-in: "overview" for a director, "my_tasks" for
    someone with a role in a plan or an indicator of their own, else "goal"."""
    if user_id is None:
        return "goal"
    with Session(engine) as session:
        user = session.get(UserAccount, user_id)
        if user is None:
            return "goal"
        if user.is_director:
            return "overview"
        member = session.exec(select(Membership.id).where(
            Membership.user_id == user_id, Membership.archived_at.is_(None))).first()  # type: ignore[union-attr]
        owner = session.exec(select(Indicator.id).where(
            Indicator.owner_user_id == user_id)).first()
    return "my_tasks" if member is not None or owner is not None else "goal"
