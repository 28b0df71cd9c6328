"""Board meetings of a plan (the standing meeting in front of the screen).

Only the columns other areas read are fixed here (the overview shows the date of a plan's
last meeting); the meeting service owns the rest.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlmodel import Field, SQLModel

from tracking.clock import now
from tracking.models.goal import id_column

__all__ = ["Meeting"]


class Meeting(SQLModel, table=True):
    id: int | None = Field(default=None, sa_column=id_column("meeting_id_seq"))
    plan_id: int = Field(foreign_key="plan.id", index=True)
    held_on: date
    length_minutes: int = 15
    started_by: str = ""
    started_at: datetime = Field(default_factory=now)
    closed_at: datetime | None = None  # None while the meeting is open
    version: int = 1
