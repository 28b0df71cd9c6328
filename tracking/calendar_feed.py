"""Calendar feeds (RFC 5545, written with the `icalendar` package).

- a person's feed: deadlines of the open actions they are responsible for, the
  reporting deadline of each month of their indicators still without a figure, and the
  standing board meeting of each plan they have a role in;
- a plan's feed: its open actions' deadlines, each month's reporting deadline (with the
  indicators still missing), and its board meeting.

Deadlines are all-day events; the board meeting is one recurring event (RRULE) at its
time in Europe/Copenhagen. UIDs are stable, so a calendar updates an event in place when
a deadline moves. Months from a year back to two months ahead are listed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event
from sqlalchemy import Engine
from sqlmodel import Session, select

from tracking.clock import now
from tracking.formatting import format_month
from tracking.i18n import translate
from tracking.models import Action, Indicator, Measurement, MeetingSchedule, Membership, Plan
from tracking.months import add_months, month_of, month_range
from tracking.people import active_people
from tracking.reminder_rules import next_meeting
from tracking.reminders import OPEN_STATUSES, plan_deadline_day
from tracking.rules import figure_due, last_closed_month

TZ = ZoneInfo("Europe/Copenhagen")
DOMAIN = "gevinsttavlen"
MONTHS_BACK, MONTHS_AHEAD = 12, 2


@dataclass(frozen=True)
class Deadline:
    uid: str
    day: date
    summary: str
    description: str = ""


@dataclass(frozen=True)
class Meeting:
    uid: str
    first: datetime
    minutes: int
    every_weeks: int
    summary: str


def _actions(session: Session, plans: dict[int, Plan], lang: str,
             user_id: int | None = None) -> list[Deadline]:
    people = active_people(session) if user_id is not None else None
    out = []
    for a in session.exec(select(Action).where(
            Action.archived_at.is_(None), Action.status.in_(OPEN_STATUSES),  # type: ignore[union-attr]
            Action.plan_id.in_(list(plans))).order_by(Action.deadline, Action.id)):  # type: ignore[attr-defined]
        if people is not None:
            person = people.get(a.responsible_user_id) or people.account_for(a.responsible)
            if person is None or person.user_id != user_id:
                continue
        out.append(Deadline(f"action-{a.id}@{DOMAIN}", a.deadline,
                            translate("calendar.action", lang, title=a.title),
                            translate("calendar.action_detail", lang, plan=plans[a.plan_id].name,
                                      responsible=a.responsible)))
    return out


def _figures(session: Session, plans: dict[int, Plan], on: date, lang: str,
             owner: int | None = None, plan_id: int | None = None) -> list[Deadline]:
    query = select(Indicator).where(Indicator.archived_at.is_(None),  # type: ignore[union-attr]
                                    Indicator.plan_id.in_(list(plans)))  # type: ignore[attr-defined]
    if owner is not None:
        query = query.where(Indicator.owner_user_id == owner)
    inds = list(session.exec(query.order_by(Indicator.plan_id, Indicator.sort_order,
                                            Indicator.id)))
    if not inds:
        return []
    have = set(session.exec(select(Measurement.indicator_id, Measurement.month).where(
        Measurement.indicator_id.in_([i.id for i in inds]))).all())  # type: ignore[union-attr]
    closed = last_closed_month(on)
    missing: dict[tuple[int, date], list[str]] = {}
    for ind in inds:
        plan = plans[ind.plan_id]
        first = max(month_of(ind.baseline_month), month_of(plan.start_month),
                    add_months(closed, -MONTHS_BACK + 1))
        last = min(month_of(plan.end_month), add_months(closed, MONTHS_AHEAD))
        for month in month_range(first, last) if first <= last else []:
            if (ind.id, month) not in have:
                missing.setdefault((plan.id, month), []).append(ind.name)  # type: ignore[arg-type]
    out = []
    for (pid, month), names in sorted(missing.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        plan = plans[pid]
        who = f"-user-{owner}" if owner is not None else ""
        out.append(Deadline(
            f"figures-{pid}-{month:%Y-%m}{who}@{DOMAIN}",
            figure_due(month, plan_deadline_day(plan)),
            translate("calendar.figures", lang, month=format_month(month, lang),
                      plan=plan.name),
            translate("calendar.figures_detail", lang, indicators=", ".join(names))))
    return out


def _meetings(session: Session, plans: dict[int, Plan], on: date, lang: str,
              plan_ids: set[int]) -> list[Meeting]:
    out = []
    for s in session.exec(select(MeetingSchedule)):
        if s.plan_id not in plan_ids or s.plan_id not in plans:
            continue
        day = next_meeting(on, s.weekday, s.every_weeks, s.first_meeting)
        hour, minute = (int(p) for p in s.start_time.split(":")[:2])
        out.append(Meeting(f"meeting-{s.plan_id}@{DOMAIN}",
                           datetime.combine(day, time(hour, minute), TZ), s.length_minutes,
                           s.every_weeks,
                           translate("calendar.meeting", lang, plan=plans[s.plan_id].name)))
    return out


def _active_plans(session: Session) -> dict[int, Plan]:
    return {p.id: p for p in session.exec(select(Plan).where(  # type: ignore[misc]
        Plan.archived_at.is_(None)))}  # type: ignore[union-attr]


def person_feed(engine: Engine, user_id: int, name: str, on: date, lang: str = "da") -> bytes:
    with Session(engine) as session:
        plans = _active_plans(session)
        mine = set(session.exec(select(Membership.plan_id).where(
            Membership.user_id == user_id, Membership.archived_at.is_(None))).all())  # type: ignore[union-attr]
        deadlines = _actions(session, plans, lang, user_id=user_id) + \
            _figures(session, plans, on, lang, owner=user_id)
        meetings = _meetings(session, plans, on, lang, mine)
    return to_ical(translate("calendar.person_title", lang, name=name), deadlines, meetings)


def plan_feed(engine: Engine, plan_id: int, on: date, lang: str = "da") -> bytes:
    with Session(engine) as session:
        plans = {k: v for k, v in _active_plans(session).items() if k == plan_id}
        deadlines = _actions(session, plans, lang) + _figures(session, plans, on, lang)
        meetings = _meetings(session, plans, on, lang, {plan_id})
        name = plans[plan_id].name if plans else str(plan_id)
    return to_ical(translate("calendar.plan_title", lang, plan=name), deadlines, meetings)


def to_ical(title: str, deadlines: list[Deadline], meetings: list[Meeting]) -> bytes:
    cal = Calendar()
    cal.add("prodid", "-//Gevinsttavlen//gevinsttavlen//DA")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", title)
    cal.add("x-wr-timezone", "Europe/Copenhagen")
    stamp = now()
    for d in deadlines:
        event = Event()
        event.add("uid", d.uid)
        event.add("dtstamp", stamp)
        event.add("dtstart", d.day)
        event.add("dtend", d.day + timedelta(days=1))
        event.add("summary", d.summary)
        if d.description:
            event.add("description", d.description)
        event.add("transp", "TRANSPARENT")  # a deadline does not make anyone busy
        cal.add_component(event)
    for m in meetings:
        event = Event()
        event.add("uid", m.uid)
        event.add("dtstamp", stamp)
        event.add("dtstart", m.first)
        event.add("dtend", m.first + timedelta(minutes=m.minutes))
        event.add("rrule", {"freq": "weekly", "interval": m.every_weeks})
        event.add("summary", m.summary)
        cal.add_component(event)
    cal.add_missing_timezones()
    return cal.to_ical()
