"""Board meetings of a plan (the standing meeting in front of the screen).

`Meeting` holds the columns other areas read (the overview shows the date of a plan's
last meeting). The rest belongs to the meeting service: who was present, how long each
agenda step took, the minutes frozen at closing, the plan's list of participants and
the read-only kiosk links for a TV in the office.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlmodel import Field, SQLModel

from tracking.clock import now
from tracking.models.goal import id_column

__all__ = [
    "KioskLink", "Meeting", "MeetingAttendee", "MeetingMinutes", "MeetingStep",
    "PlanParticipant",
]


class Meeting(SQLModel, table=True):
    id: int | None = Field(default=None, sa_column=id_column("meeting_id_seq"))
    plan_id: int = Field(foreign_key="plan.id", index=True)
    held_on: date
    length_minutes: int = 15
    started_by: str = ""
    started_at: datetime = Field(default_factory=now)
    closed_at: datetime | None = None  # None while the meeting is open
    version: int = 1
    # The columns above are all the table has (databases made before this module grew
    # keep working): the current step is the open MeetingStep, who closed it is in the
    # minutes.


class MeetingAttendee(SQLModel, table=True):
    """One person present at a meeting (picked from the plan's people, not typed)."""

    __tablename__ = "meeting_attendee"
    id: int | None = Field(default=None, sa_column=id_column("meeting_attendee_id_seq"))
    meeting_id: int = Field(foreign_key="meeting.id", index=True)
    name: str


class MeetingStep(SQLModel, table=True):
    """One visit to an agenda step: the meeting may go back to a step, so a step can
    have several rows; its time is their sum."""

    __tablename__ = "meeting_step"
    id: int | None = Field(default=None, sa_column=id_column("meeting_step_id_seq"))
    meeting_id: int = Field(foreign_key="meeting.id", index=True)
    step: int
    started_at: datetime = Field(default_factory=now)
    ended_at: datetime | None = None


class MeetingMinutes(SQLModel, table=True):
    """The minutes written at closing, frozen as JSON (names, figures and statuses as
    they were), so later changes of the plan never rewrite them."""

    __tablename__ = "meeting_minutes"
    meeting_id: int = Field(foreign_key="meeting.id", primary_key=True)
    content: str  # JSON of tracking.minutes.Minutes
    written_by: str = ""
    written_at: datetime = Field(default_factory=now)


class PlanParticipant(SQLModel, table=True):
    """A person who takes part in the plan's meetings, added by hand (the people the
    plan names itself, owners and responsibles, are offered without being added)."""

    __tablename__ = "plan_participant"
    id: int | None = Field(default=None, sa_column=id_column("plan_participant_id_seq"))
    plan_id: int = Field(foreign_key="plan.id", index=True)
    name: str
    added_by: str = ""
    added_at: datetime = Field(default_factory=now)
    archived_at: datetime | None = None


class KioskLink(SQLModel, table=True):
    """A read-only link for a wall screen. Only the SHA-256 of the secret is stored."""

    __tablename__ = "kiosk_link"
    id: int | None = Field(default=None, sa_column=id_column("kiosk_link_id_seq"))
    plan_id: int = Field(foreign_key="plan.id", index=True)
    token_hash: str = Field(index=True)
    label: str = ""
    created_by: str = ""
    created_at: datetime = Field(default_factory=now)
    revoked_by: str = ""
    revoked_at: datetime | None = None
    # Added later, so last (older links: no expiry stored, 12 months after created_at).
    expires_at: datetime | None = None
    last_used_at: datetime | None = None  # bookkeeping, written at most every 10 minutes
    anonymous: bool = False  # the wall shows initials instead of names (public areas)
