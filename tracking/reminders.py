"""Who gets which reminder on a given day: the engine reads the plans, the rules in
`tracking.reminder_rules` decide.

`due_reminders(engine, on)` only reads. Sending (outbox, SMTP, retries) is
`tracking.reminder_sending.run_reminders`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import Engine
from sqlmodel import Session, select

from tracking.models import (
    Action,
    ActionStatus,
    Indicator,
    Measurement,
    MeetingSchedule,
    Membership,
    Plan,
    PlanParticipant,
    ReminderPreference,
)
from tracking.months import iso_month, month_of
from tracking.people import People, Person, active_people
from tracking.reminder_rules import (
    Kind,
    action_reminder,
    agenda_due,
    deadline_day_of,
    figure_reminder,
    letter_due,
    reporting_deadline,
)

OPEN_STATUSES = (ActionStatus.DECIDED.value, ActionStatus.STARTED.value)
AGENDA_ROLES = ("member", "owner", "facilitator")  # viewers read; they do not attend


@dataclass(frozen=True)
class Reminder:
    """One e-mail to one person about one thing. `page` is the path (with query string)
    of the page where the thing is done."""

    person: Person
    kind: Kind
    subject: str  # what it is about, part of the outbox's unique key
    occasion: date
    plan_id: int | None
    plan_name: str
    title: str  # the indicator, the action, or the plan
    when: date | None  # the figure's month, the action's deadline, the meeting's day
    page: str
    deadline: date | None = None  # the figure's reporting deadline
    lines: tuple[str, ...] = field(default=())  # the agenda's overdue actions
    minutes: int = 15  # the meeting's length

    @property
    def key(self) -> tuple[int, str, str, date]:
        return (self.person.user_id, self.kind.value, self.subject, self.occasion)


def plan_deadline_day(plan: Plan) -> int:
    """The one place that reads a plan's reporting deadline."""
    return deadline_day_of(plan)


def wants(pref: ReminderPreference | None, kind: Kind) -> bool:
    if pref is None:
        return True
    return not pref.all_off and kind.value not in pref.kinds_off.split(";")


def _active_plans(session: Session) -> list[Plan]:
    return list(session.exec(select(Plan).where(
        Plan.archived_at.is_(None)).order_by(Plan.id)))  # type: ignore[union-attr]


def _figure_reminders(session: Session, on: date, plans: list[Plan],
                      people: People) -> list[Reminder]:
    out = []
    for plan in plans:
        rule = figure_reminder(on, plan_deadline_day(plan))
        if rule is None:
            continue
        kind, month, occasion = rule
        if not (month_of(plan.start_month) <= month <= month_of(plan.end_month)):
            continue
        indicators = session.exec(select(Indicator).where(
            Indicator.plan_id == plan.id, Indicator.archived_at.is_(None),  # type: ignore[union-attr]
            Indicator.owner_user_id.is_not(None))).all()  # type: ignore[union-attr]
        entered = set(session.exec(select(Measurement.indicator_id).where(
            Measurement.month == month,
            Measurement.indicator_id.in_([i.id for i in indicators])))  # type: ignore[union-attr]
        ) if indicators else set()
        for ind in indicators:
            person = people.get(ind.owner_user_id)
            if person is None or ind.id in entered or month < month_of(ind.baseline_month):
                continue
            out.append(Reminder(
                person, kind, f"indicator:{ind.id}:{iso_month(month)}", occasion, plan.id,
                plan.name, ind.name, month,
                f"indtast?plan={plan.id}&indikator={ind.id}&maaned={iso_month(month)}",
                deadline=reporting_deadline(month, plan_deadline_day(plan))))
    return out


def _action_reminders(session: Session, on: date, plans: list[Plan],
                      people: People) -> list[Reminder]:
    names = {p.id: p.name for p in plans}
    out = []
    for a in session.exec(select(Action).where(
            Action.archived_at.is_(None), Action.status.in_(OPEN_STATUSES),  # type: ignore[union-attr]
            Action.plan_id.in_(list(names))).order_by(Action.id)):  # type: ignore[attr-defined]
        rule = action_reminder(on, a.deadline)
        person = people.get(a.responsible_user_id) or people.account_for(a.responsible)
        if rule is None or person is None:
            continue
        kind, occasion = rule
        out.append(Reminder(person, kind, f"action:{a.id}", occasion, a.plan_id,
                            names[a.plan_id], a.title, a.deadline,
                            f"mine-opgaver?plan={a.plan_id}"))
    return out


def _agenda_lines(session: Session, plan: Plan, on: date) -> tuple[str, ...]:
    """The meeting's three points, with what is waiting under each (plain facts; the
    e-mail's wording is the catalogue's)."""
    overdue = session.exec(select(Action.title).where(
        Action.plan_id == plan.id, Action.archived_at.is_(None),  # type: ignore[union-attr]
        Action.status.in_(OPEN_STATUSES), Action.deadline < on)).all()  # type: ignore[attr-defined]
    return tuple(overdue)


def _attendees(session: Session, plan_id: int, people: People) -> list[Person]:
    """Who gets the agenda: the plan's members, owners and facilitators, and the
    participants added by name to its meetings who have an account."""
    found = {m.user_id: people.get(m.user_id) for m in session.exec(select(Membership).where(
        Membership.plan_id == plan_id, Membership.archived_at.is_(None),  # type: ignore[union-attr]
        Membership.role.in_(AGENDA_ROLES)))}  # type: ignore[attr-defined]
    for name in session.exec(select(PlanParticipant.name).where(
            PlanParticipant.plan_id == plan_id,
            PlanParticipant.archived_at.is_(None))):  # type: ignore[union-attr]
        person = people.account_for(name)
        if person is not None:
            found.setdefault(person.user_id, person)
    return sorted((p for p in found.values() if p is not None), key=lambda p: p.user_id)


def _agenda_reminders(session: Session, on: date, plans: list[Plan],
                      people: People) -> list[Reminder]:
    by_id = {p.id: p for p in plans}
    out = []
    for sched in session.exec(select(MeetingSchedule)):
        plan = by_id.get(sched.plan_id)
        meeting = agenda_due(on, sched.weekday, sched.every_weeks,
                             sched.first_meeting) if plan else None
        if plan is None or meeting is None:
            continue
        lines = _agenda_lines(session, plan, on)
        for person in _attendees(session, plan.id, people):  # type: ignore[arg-type]
            out.append(Reminder(person, Kind.MEETING_AGENDA, f"plan:{plan.id}", meeting,
                                plan.id, plan.name, sched.start_time, meeting,
                                f"tavle?plan={plan.id}", lines=lines,
                                minutes=sched.length_minutes))
    return out


def _letter_reminders(on: date, plans: list[Plan], people: People) -> list[Reminder]:
    month = letter_due(on, [plan_deadline_day(p) for p in plans])
    if month is None or not plans:
        return []
    return [Reminder(p, Kind.DIRECTOR_LETTER, f"letter:{iso_month(month)}", month, None,
                     "", "", month, "oversigt")
            for p in sorted(people.by_id.values(), key=lambda p: p.user_id) if p.is_director]


def due_reminders(engine: Engine, on: date) -> list[Reminder]:
    """Every reminder due on `on`, for people who want it, in a stable order."""
    with Session(engine) as session:
        people = active_people(session)
        plans = _active_plans(session)
        prefs = {p.user_id: p for p in session.exec(select(ReminderPreference))}
        found = [*_figure_reminders(session, on, plans, people),
                 *_action_reminders(session, on, plans, people),
                 *_agenda_reminders(session, on, plans, people),
                 *_letter_reminders(on, plans, people)]
    return [r for r in found if wants(prefs.get(r.person.user_id), r.kind)]
