"""Reminders by e-mail: the outbox, each person's choices, and a plan's meeting schedule.

`ReminderOutbox` is written *before* an e-mail is sent. Its unique key (recipient, kind,
subject, occasion) is what makes sending idempotent: a second run, or a second process
running at the same time, cannot insert the same reminder again. The row never holds the
e-mail's body, only what it was about.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from tracking.clock import now
from tracking.models.goal import id_column

__all__ = ["MeetingSchedule", "OutboxStatus", "ReminderOutbox", "ReminderPreference"]


class OutboxStatus:
    PENDING = "pending"  # recorded, not sent yet (or a transient failure, to be retried)
    SENDING = "sending"  # claimed by one process
    SENT = "sent"
    FAILED = "failed"  # permanent failure, listed for administrators on Brugere


class ReminderOutbox(SQLModel, table=True):
    __tablename__ = "reminder_outbox"
    __table_args__ = (UniqueConstraint("user_id", "kind", "subject", "occasion"),)
    id: int | None = Field(default=None, sa_column=id_column("reminder_outbox_id_seq"))
    user_id: int = Field(index=True)
    email: str
    kind: str  # tracking.reminder_rules.Kind
    subject: str  # what it is about: "indicator:3:2026-10", "action:7", "plan:1", ...
    occasion: date  # the day (or week, or month) it is for; see reminder_rules
    plan_id: int | None = None
    status: str = OutboxStatus.PENDING
    attempts: int = 0
    last_error: str = ""
    created_at: datetime = Field(default_factory=now)
    sent_at: datetime | None = None


class ReminderPreference(SQLModel, table=True):
    """What one person wants. No row: every reminder."""

    __tablename__ = "reminder_preference"
    user_id: int = Field(foreign_key="user_account.id", primary_key=True)
    all_off: bool = False
    kinds_off: str = ""  # kinds separated by ";"
    updated_at: datetime = Field(default_factory=now)
    version: int = 1


class MeetingSchedule(SQLModel, table=True):
    """When a plan's standing board meeting is held; the agenda goes out the day before."""

    __tablename__ = "meeting_schedule"
    plan_id: int = Field(foreign_key="plan.id", primary_key=True)
    weekday: int  # 0 = Monday
    start_time: str = "09:00"  # HH:MM, Europe/Copenhagen
    length_minutes: int = 15  # 15..30
    every_weeks: int = 1  # 1 = weekly, 2 = every other week
    first_meeting: date | None = None  # counts the weeks when not weekly
    updated_at: datetime = Field(default_factory=now)
    version: int = 1
