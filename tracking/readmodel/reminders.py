"""Reads about reminders: a person's choices, and the reminders that could not be sent
(for administrators on Brugere)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Engine, select
from sqlmodel import Session

from tracking.models import (
    MeetingSchedule,
    OutboxStatus,
    ReminderOutbox,
    ReminderPreference,
    UserAccount,
)
from tracking.people import Person
from tracking.reminder_rules import Kind, ReminderChoice

OUTBOX = ReminderOutbox.__table__  # type: ignore[attr-defined]


def reminder_choice(engine: Engine, user_id: int) -> ReminderChoice:
    with Session(engine) as session:
        pref = session.get(ReminderPreference, user_id)
    if pref is None:
        return ReminderChoice(False, frozenset())
    return ReminderChoice(pref.all_off, frozenset(
        Kind(k) for k in pref.kinds_off.split(";") if k in Kind._value2member_map_))


@dataclass(frozen=True)
class FailedReminder:
    id: int
    email: str
    kind: str
    subject: str
    occasion: date
    attempts: int
    error: str
    status: str


def failed_reminders(engine: Engine, limit: int = 200) -> list[FailedReminder]:
    """Reminders that failed, or still wait for a retry: for administrators (Brugere)."""
    with Session(engine) as session:
        rows = session.connection().execute(select(OUTBOX).where(
            (OUTBOX.c.status == OutboxStatus.FAILED)
            | ((OUTBOX.c.status == OutboxStatus.PENDING) & (OUTBOX.c.last_error != ""))
        ).order_by(OUTBOX.c.created_at.desc(), OUTBOX.c.id.desc()).limit(limit)).all()
    return [FailedReminder(r.id, r.email, r.kind, r.subject, r.occasion, r.attempts,
                           r.last_error, r.status) for r in rows]


def meeting_schedule(engine: Engine, plan_id: int) -> MeetingSchedule | None:
    """The plan's fixed board meeting, if it has one."""
    with Session(engine) as session:
        return session.get(MeetingSchedule, plan_id)


def get_account(engine: Engine, user_id: int) -> Person:
    """The reminder-relevant facts of one account (director, language)."""
    with Session(engine) as session:
        u = session.get(UserAccount, user_id)
    if u is None:
        return Person(user_id, "", "", False, "")
    return Person(user_id, u.name, u.email, bool(u.is_director), u.language or "")
