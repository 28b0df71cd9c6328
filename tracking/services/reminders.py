"""The commands around reminders: a person's choices, a plan's meeting schedule, and
the director flag on an account. Each checks who acts and is audited by the flush
listener."""

from __future__ import annotations

import re

from sqlalchemy import Engine

from tracking.auth import Actor, Permission, PermissionDenied, authorize, bind
from tracking.clock import now, today
from tracking.config import LANGUAGES
from tracking.db import session_scope
from tracking.errors import ValidationError
from tracking.lookup import get_or_refuse
from tracking.models import MeetingSchedule, ReminderPreference, UserAccount
from tracking.reminder_rules import ReminderChoice, next_meeting

_TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


def _may_change_person(session, actor: Actor | None, user_id: int) -> None:
    if actor is None:
        raise PermissionDenied("error.not_signed_in")
    if actor.is_system or actor.user_id == user_id:
        bind(session, actor)
        return
    authorize(session, actor, Permission.MANAGE_USERS)


def set_reminder_choice(engine: Engine, user_id: int, choice: ReminderChoice, *,
                        actor: Actor) -> None:
    """Which reminders a person gets: their own choice (or an administrator's)."""
    with session_scope(engine) as session:
        _may_change_person(session, actor, user_id)
        pref = session.get(ReminderPreference, user_id)
        kinds = ";".join(sorted(k.value for k in choice.kinds_off))
        if pref is None:
            session.add(ReminderPreference(user_id=user_id, all_off=choice.all_off,
                                           kinds_off=kinds))
        elif (pref.all_off, pref.kinds_off) != (choice.all_off, kinds):
            pref.all_off, pref.kinds_off = choice.all_off, kinds
            pref.updated_at, pref.version = now(), pref.version + 1
            session.add(pref)


def set_language(engine: Engine, user_id: int, language: str, *, actor: Actor) -> None:
    """The language of a person's e-mails ("" for the server's default)."""
    if language not in ("", *LANGUAGES):
        raise ValidationError("error.language", "language", value=language)
    with session_scope(engine) as session:
        _may_change_person(session, actor, user_id)
        user = get_or_refuse(session, UserAccount, user_id, "error.user_not_found")
        if user.language != language:
            user.language = language
            user.updated_at, user.version = now(), user.version + 1
            session.add(user)


def set_director(engine: Engine, user_id: int, is_director: bool, *, actor: Actor) -> None:
    """Mark an account as a director's: lands on Oversigt, gets the monthly letter."""
    with session_scope(engine) as session:
        authorize(session, actor, Permission.MANAGE_USERS)
        user = get_or_refuse(session, UserAccount, user_id, "error.user_not_found")
        if user.is_director != is_director:
            user.is_director = is_director
            user.updated_at, user.version = now(), user.version + 1
            session.add(user)


def set_meeting_schedule(engine: Engine, plan_id: int, weekday: int | None,
                         start_time: str = "09:00", length_minutes: int = 15,
                         every_weeks: int = 1, *, actor: Actor) -> None:
    """When the plan's board meets (None: no fixed schedule, no agenda e-mail)."""
    if weekday is not None:
        if not 0 <= weekday <= 6:
            raise ValidationError("error.schedule_weekday", "weekday")
        if not _TIME.match(start_time):
            raise ValidationError("error.schedule_time", "start_time", value=start_time)
        if not 15 <= length_minutes <= 30:
            raise ValidationError("error.schedule_length", "length_minutes")
        if every_weeks not in (1, 2):
            raise ValidationError("error.schedule_every", "every_weeks")
    with session_scope(engine) as session:
        authorize(session, actor, Permission.RUN_MEETING, plan_id=plan_id)
        sched = session.get(MeetingSchedule, plan_id)
        if weekday is None:
            if sched is not None:
                session.delete(sched)
            return
        if sched is None:
            sched = MeetingSchedule(plan_id=plan_id, weekday=weekday)
        else:
            sched.version += 1
        if every_weeks > 1 and (sched.first_meeting is None or sched.weekday != weekday
                                or sched.every_weeks != every_weeks):
            # Every other week counts from the next such weekday.
            sched.first_meeting = next_meeting(today(), weekday)
        sched.weekday, sched.start_time = weekday, start_time
        sched.length_minutes, sched.every_weeks = length_minutes, every_weeks
        sched.updated_at = now()
        session.add(sched)
