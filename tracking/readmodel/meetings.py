"""A plan's meetings as read: who can attend, the open meeting, past meetings, minutes."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine
from sqlmodel import Session, select

from tracking.errors import NotFoundError
from tracking.lookup import get_or_refuse
from tracking.meeting_rules import (
    Visit,
)
from tracking.minutes import Minutes, from_json
from tracking.models import (
    Action,
    Idea,
    Indicator,
    Meeting,
    MeetingAttendee,
    MeetingMinutes,
    MeetingStep,
    Membership,
    Plan,
    PlanParticipant,
    UserAccount,
)
from tracking.readmodel.meeting import (
    aware,
)


def plan_people(engine: Engine, plan_id: int) -> list[str]:
    """Everyone who can be marked present: the plan's participants added by hand, its
    members (accounts), its benefit owner, indicator owners, action responsibles and
    idea authors."""
    with Session(engine) as session:
        plan = get_or_refuse(session, Plan, plan_id, "error.plan_not_found", "plan_id")
        names = [p.name for p in session.exec(select(PlanParticipant).where(
            PlanParticipant.plan_id == plan_id, PlanParticipant.archived_at.is_(None)))]
        names.append(plan.benefit_owner)
        names += session.exec(select(UserAccount.name).join(
            Membership, Membership.user_id == UserAccount.id).where(
            Membership.plan_id == plan_id, Membership.archived_at.is_(None),
            UserAccount.archived_at.is_(None))).all()  # the plan's members with accounts
        names += session.exec(select(Indicator.owner).where(
            Indicator.plan_id == plan_id, Indicator.archived_at.is_(None))).all()
        names += session.exec(select(Action.responsible).where(
            Action.plan_id == plan_id, Action.archived_at.is_(None))).all()
        names += session.exec(select(Idea.author).where(Idea.plan_id == plan_id)).all()
    unique: dict[str, str] = {}
    for n in names:
        n = " ".join((n or "").split())
        if n:
            unique.setdefault(n.casefold(), n)
    return sorted(unique.values(), key=str.casefold)


def list_participants(engine: Engine, plan_id: int) -> list[PlanParticipant]:
    with Session(engine) as session:
        return list(session.exec(select(PlanParticipant).where(
            PlanParticipant.plan_id == plan_id, PlanParticipant.archived_at.is_(None))
            .order_by(PlanParticipant.name)).all())


def open_meeting(engine: Engine, plan_id: int) -> Meeting | None:
    """The plan's open meeting (also one left open when a browser was closed)."""
    with Session(engine) as session:
        return session.exec(select(Meeting).where(
            Meeting.plan_id == plan_id, Meeting.closed_at.is_(None))
            .order_by(Meeting.id.desc())).first()


def get_meeting(engine: Engine, meeting_id: int) -> Meeting:
    with Session(engine) as session:
        return get_or_refuse(session, Meeting, meeting_id, "error.meeting_not_found", "meeting_id")


def visits(engine: Engine, meeting_id: int) -> list[Visit]:
    with Session(engine) as session:
        rows = session.exec(select(MeetingStep).where(MeetingStep.meeting_id == meeting_id)
                            .order_by(MeetingStep.id)).all()
    return [Visit(r.step, aware(r.started_at), aware(r.ended_at) if r.ended_at else None)
            for r in rows]


def current_step(engine: Engine, meeting_id: int) -> int:
    found = visits(engine, meeting_id)
    open_ = [v for v in found if v.ended_at is None]
    return (open_ or found)[-1].step if found else 0


def attendees(engine: Engine, meeting_id: int) -> list[str]:
    with Session(engine) as session:
        return sorted(session.exec(select(MeetingAttendee.name).where(
            MeetingAttendee.meeting_id == meeting_id)).all(), key=str.casefold)


def comment_notes(session: Session, meeting_id: int) -> list:
    """The comments written during the meeting, for its minutes."""
    from tracking.minutes import CommentNote
    from tracking.readmodel.comments import comment_subject, meeting_comments

    return [CommentNote(c.target, comment_subject(session, c), c.text, c.author)
            for c in meeting_comments(session, meeting_id)]


@dataclass(frozen=True)
class PastMeeting:
    meeting: Meeting
    minutes: Minutes


def closed_meetings(engine: Engine, plan_id: int) -> list[PastMeeting]:
    """The plan's closed meetings with their minutes, newest first."""
    with Session(engine) as session:
        rows = session.exec(select(Meeting, MeetingMinutes)
                            .join(MeetingMinutes, MeetingMinutes.meeting_id == Meeting.id)
                            .where(Meeting.plan_id == plan_id)
                            .order_by(Meeting.closed_at.desc(), Meeting.id.desc())).all()
    return [PastMeeting(m, from_json(mm.content)) for m, mm in rows]


def last_meeting(engine: Engine, plan_id: int) -> PastMeeting | None:
    found = closed_meetings(engine, plan_id)
    return found[0] if found else None


def get_minutes(engine: Engine, meeting_id: int) -> Minutes:
    with Session(engine) as session:
        row = session.get(MeetingMinutes, meeting_id)
        if row is None:
            raise NotFoundError("error.minutes_not_found", "meeting_id", id=meeting_id)
        return from_json(row.content)
