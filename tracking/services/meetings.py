"""The board meeting: start, attendance, agenda steps, closing with minutes; the plan's
participants; read-only kiosk links.

One function per user action; each validates, writes in one transaction and records
who did it (`actor`). A meeting left open (the browser closed) stays open: the board
offers to resume or close it, and a plan has at most one open meeting.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import Engine, update
from sqlmodel import Session, select

from tracking import changes
from tracking.auth import Actor, Permission, authorize
from tracking.board_rules import BoardError, FieldRule
from tracking.clock import now, today
from tracking.db import session_scope
from tracking.errors import NotFoundError, ValidationError
from tracking.lookup import get_or_refuse
from tracking.meeting_rules import (
    AGENDA,
    Visit,
    time_per_step,
    validate_length,
    validate_step,
)
from tracking.minutes import Minutes, to_json
from tracking.models import (
    KioskLink,
    Meeting,
    MeetingAttendee,
    MeetingMinutes,
    MeetingStep,
    Plan,
    PlanBoardSettings,
    PlanParticipant,
)
from tracking.parsing import refuse_control_chars
from tracking.readmodel.kiosk import KIOSK_VALID_MONTHS, as_aware, kiosk_expires_at, plus_months
from tracking.readmodel.meeting import (
    action_activity,
    aware,
    figures_entered,
    figures_seen,
    idea_activity,
    overdue_actions,
)
from tracking.readmodel.meetings import comment_notes, current_step

MAX_NAME = 100
MAX_LABEL = 100


# Helpers ----------------------------------------------------------------------------------

def _open(session: Session, meeting_id: int) -> Meeting:
    meeting = get_or_refuse(session, Meeting, meeting_id, "error.meeting_not_found", "meeting_id")
    if meeting.closed_at is not None:
        raise BoardError("error.meeting_closed", "meeting_id",
                              date=meeting.held_on)
    return meeting


def _clean_name(name: str | None, field: str = "name") -> str:
    name = " ".join(refuse_control_chars(name, field).split())
    if not name:
        raise ValidationError("error.person_required", field)
    if len(name) > MAX_NAME:
        raise ValidationError("error.text_too_long", field, max=MAX_NAME)
    return name


def _clean_names(names: list[str]) -> list[str]:
    seen: dict[str, str] = {}
    for n in names:
        clean = _clean_name(n, "attendees")
        seen.setdefault(clean.casefold(), clean)
    return list(seen.values())


def _open_visit(session: Session, meeting_id: int) -> MeetingStep | None:
    return session.exec(select(MeetingStep).where(
        MeetingStep.meeting_id == meeting_id, MeetingStep.ended_at.is_(None))
        .order_by(MeetingStep.id.desc())).first()


def _set_attendees(session: Session, meeting_id: int, names: list[str]) -> None:
    current = session.exec(select(MeetingAttendee).where(
        MeetingAttendee.meeting_id == meeting_id)).all()
    keep = {n.casefold() for n in names}
    for row in current:
        if row.name.casefold() not in keep:
            session.delete(row)  # attendance of an open meeting is being corrected
    have = {row.name.casefold() for row in current}
    for n in names:
        if n.casefold() not in have:
            session.add(MeetingAttendee(meeting_id=meeting_id, name=n))


# People -----------------------------------------------------------------------------------

def add_participant(engine: Engine, plan_id: int, name: str,
                    actor: Actor | None = None) -> PlanParticipant:
    """Add a person to the plan's list of meeting participants."""
    name = _clean_name(name)
    with session_scope(engine) as session:
        get_or_refuse(session, Plan, plan_id, "error.plan_not_found", "plan_id")
        authorize(session, actor, Permission.RUN_MEETING, plan_id)
        existing = session.exec(select(PlanParticipant).where(
            PlanParticipant.plan_id == plan_id, PlanParticipant.archived_at.is_(None))).all()
        if any(p.name.casefold() == name.casefold() for p in existing):
            raise ValidationError("error.participant_exists", "name", name=name)
        row = PlanParticipant(plan_id=plan_id, name=name, added_by=actor.name)
        session.add(row)
        session.flush()
        return row


def remove_participant(engine: Engine, participant_id: int,
                       actor: Actor | None = None) -> PlanParticipant:
    """Take a person off the list (archived: past minutes keep their name)."""
    with session_scope(engine) as session:
        row = session.get(PlanParticipant, participant_id)
        if row is None or row.archived_at is not None:
            raise NotFoundError("error.participant_not_found", "participant_id",
                                id=participant_id)
        get_or_refuse(session, Plan, row.plan_id, "error.plan_not_found", "plan_id")
        authorize(session, actor, Permission.RUN_MEETING, row.plan_id)
        row.archived_at = now()
        session.add(row)
        return row


# The meeting ------------------------------------------------------------------------------

def start_meeting(engine: Engine, plan_id: int, attendees: list[str],
                  length_minutes: int = 15, held_on: date | None = None,
                  actor: Actor | None = None) -> Meeting:
    """Open a meeting at the first agenda step, with the people present."""
    validate_length(length_minutes)
    names = _clean_names(attendees)
    if not names:
        raise ValidationError("error.attendees_required", "attendees")
    with session_scope(engine) as session:
        plan = get_or_refuse(session, Plan, plan_id, "error.plan_not_found", "plan_id")
        authorize(session, actor, Permission.RUN_MEETING, plan_id)
        if plan.archived_at is not None:
            raise ValidationError("error.plan_archived", "plan_id")
        running = session.exec(select(Meeting).where(
            Meeting.plan_id == plan_id, Meeting.closed_at.is_(None))).first()
        if running is not None:
            raise BoardError("error.meeting_already_open", "plan_id",
                                  date=running.held_on, by=running.started_by or "–")
        meeting = Meeting(plan_id=plan_id, held_on=held_on or today(),
                          length_minutes=length_minutes, started_by=actor.name)
        session.add(meeting)
        session.flush()
        _set_attendees(session, meeting.id, names)
        session.add(MeetingStep(meeting_id=meeting.id, step=0, started_at=meeting.started_at))
        session.flush()
        return meeting


def set_attendance(engine: Engine, meeting_id: int, attendees: list[str],
                   actor: Actor | None = None) -> list[str]:
    """Correct who is present at an open meeting."""
    names = _clean_names(attendees)
    if not names:
        raise ValidationError("error.attendees_required", "attendees")
    with session_scope(engine) as session:
        meeting = _open(session, meeting_id)
        get_or_refuse(session, Plan, meeting.plan_id, "error.plan_not_found", "plan_id")
        authorize(session, actor, Permission.RUN_MEETING, meeting.plan_id)
        _set_attendees(session, meeting_id, names)
        meeting.version += 1
        session.add(meeting)
        return names


def go_to_step(engine: Engine, meeting_id: int, step: int, actor: Actor | None = None) -> Meeting:
    """Move the meeting to an agenda step (the next one, or back to an earlier one)."""
    validate_step(step)
    with session_scope(engine) as session:
        meeting = _open(session, meeting_id)
        get_or_refuse(session, Plan, meeting.plan_id, "error.plan_not_found", "plan_id")
        authorize(session, actor, Permission.RUN_MEETING, meeting.plan_id)
        visit = _open_visit(session, meeting_id)
        if visit is not None and visit.step == step:
            return meeting
        at = now()
        if visit is not None:
            visit.ended_at = at
            session.add(visit)
        session.add(MeetingStep(meeting_id=meeting_id, step=step, started_at=at))
        meeting.version += 1
        session.add(meeting)
        session.flush()
        return meeting


def advance_step(engine: Engine, meeting_id: int, actor: Actor | None = None) -> Meeting:
    """Go on to the next agenda step (the last step stays the last)."""
    current = current_step(engine, meeting_id)
    return go_to_step(engine, meeting_id, min(current + 1, len(AGENDA) - 1), actor=actor)


def close_meeting(engine: Engine, meeting_id: int, actor: Actor | None = None,
                  on: date | None = None) -> Minutes:
    """Close an open meeting and write its minutes from what happened during it.

    A meeting in which nothing happened still gets minutes (with who was present).
    Closing twice is refused: the minutes are written once and never change. A meeting
    left open in an archived plan may still be closed.
    """
    on = on or today()
    with session_scope(engine) as session:
        meeting = _open(session, meeting_id)
        plan = get_or_refuse(session, Plan, meeting.plan_id, "error.plan_not_found", "plan_id")
        authorize(session, actor, Permission.RUN_MEETING, plan.id, archived_ok=True)
        return write_minutes(session, engine, meeting, plan, actor, on)


def write_minutes(session: Session, engine: Engine, meeting: Meeting, plan: Plan,
                  actor: Actor, on: date) -> Minutes:
    """Close `meeting` in this session (the caller has authorised it) and keep its
    minutes: for `close_meeting`, and for archiving a plan during its meeting."""
    meeting_id = meeting.id
    assert meeting_id is not None
    closed = now()
    start = aware(meeting.started_at)
    visit = _open_visit(session, meeting_id)
    if visit is not None:
        visit.ended_at = closed
        session.add(visit)
    steps = session.exec(select(MeetingStep).where(MeetingStep.meeting_id == meeting_id)
                         .order_by(MeetingStep.id)).all()
    spent = time_per_step([Visit(s.step, aware(s.started_at),
                                 aware(s.ended_at) if s.ended_at else closed)
                           for s in steps], closed)
    settings = session.get(PlanBoardSettings, plan.id)
    rule = FieldRule(settings.effect_high_from, settings.resources_many_from) \
        if settings else FieldRule(3, 3)
    added, scored, aside = idea_activity(session, plan.id, start, closed, rule)
    created, moved = action_activity(session, plan.id, start, closed)
    names = sorted(session.exec(select(MeetingAttendee.name).where(
        MeetingAttendee.meeting_id == meeting_id)).all(), key=str.casefold)
    minutes = Minutes(
        meeting_id=meeting_id, plan=plan.name, held_on=meeting.held_on.isoformat(),
        started_at=start.isoformat(), closed_at=closed.isoformat(),
        length_minutes=meeting.length_minutes, started_by=meeting.started_by,
        closed_by=actor.name, attendees=names,
        step_seconds=[int(s.total_seconds()) for s in spent],
        figures_seen=figures_seen(engine, plan.id, on),
        figures_entered=figures_entered(session, plan.id, start, closed),
        ideas_added=added, ideas_scored=scored, ideas_set_aside=aside,
        actions_created=created, actions_moved=moved,
        actions_overdue=overdue_actions(session, plan.id, on),
        comments=comment_notes(session, meeting_id))
    meeting.closed_at = closed
    meeting.version += 1
    session.add(meeting)
    session.add(MeetingMinutes(meeting_id=meeting_id, content=to_json(minutes),
                               written_by=actor.name, written_at=closed))
    return minutes


# Kiosk links ------------------------------------------------------------------------------

def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


KIOSK_MONTH_CHOICES = (1, 3, 6, 12, 24)
KIOSK_TOUCH_EVERY = timedelta(minutes=10)


def create_kiosk_link(engine: Engine, plan_id: int, label: str = "",
                      actor: Actor | None = None, valid_months: int = KIOSK_VALID_MONTHS,
                      anonymous: bool = False) -> tuple[KioskLink, str]:
    """A new read-only link that works for `valid_months` (1-24); `anonymous`: the wall
    shows people's initials, not their names. Returns the link and its secret (shown
    once, stored hashed)."""
    label = refuse_control_chars(label, "label").strip()
    if len(label) > MAX_LABEL:
        raise ValidationError("error.text_too_long", "label", max=MAX_LABEL)
    if not 1 <= valid_months <= max(KIOSK_MONTH_CHOICES):
        raise ValidationError("error.kiosk_validity", "valid_months",
                              most=max(KIOSK_MONTH_CHOICES))
    token = secrets.token_urlsafe(24)
    with session_scope(engine) as session:
        get_or_refuse(session, Plan, plan_id, "error.plan_not_found", "plan_id")
        authorize(session, actor, Permission.RUN_MEETING, plan_id)
        made = now()
        link = KioskLink(plan_id=plan_id, token_hash=_hash(token), label=label,
                         created_by=actor.name, created_at=made,
                         expires_at=plus_months(as_aware(made), valid_months),
                         anonymous=bool(anonymous))
        session.add(link)
        session.flush()
        return link, token


def revoke_kiosk_link(engine: Engine, link_id: int, actor: Actor | None = None) -> KioskLink:
    """Stop a link from working at once (the screen shows a refusal at its next refresh)."""
    with session_scope(engine) as session:
        link = session.get(KioskLink, link_id)
        if link is None:
            raise NotFoundError("error.kiosk_not_found", "link_id", id=link_id)
        get_or_refuse(session, Plan, link.plan_id, "error.plan_not_found", "plan_id")
        authorize(session, actor, Permission.RUN_MEETING, link.plan_id, archived_ok=True)
        if link.revoked_at is not None:
            raise ValidationError("error.kiosk_revoked_already", "link_id")
        link.revoked_at, link.revoked_by = now(), actor.name
        session.add(link)
        return link


@dataclass(frozen=True)
class KioskView:
    plan_id: int
    anonymous: bool


def kiosk_view(engine: Engine, token: str | None, at: datetime | None = None) -> KioskView | None:
    """What a kiosk token shows, or None for a wrong, revoked, expired or archived one.

    Notes when the link was last used (at most every 10 minutes: the screen refreshes
    twice a minute, and each write makes the plan's cached reads read again). That note
    is bookkeeping, written past the audit trail like a session's last use.
    """
    token = (token or "").strip()
    if not token or len(token) > 200:
        return None
    at = at or now()
    with Session(engine) as session:
        link = session.exec(select(KioskLink).where(
            KioskLink.token_hash == _hash(token))).first()
        if link is None or link.revoked_at is not None or at >= kiosk_expires_at(link):
            return None
        plan = session.get(Plan, link.plan_id)
        if plan is None or plan.archived_at is not None:
            return None
        view = KioskView(plan.id, bool(link.anonymous))  # type: ignore[arg-type]
        last = link.last_used_at
    if last is None or at - as_aware(last) >= KIOSK_TOUCH_EVERY:
        with engine.begin() as conn:
            changes.note_plan(conn, view.plan_id)  # only this plan's caches read again
            conn.execute(update(KioskLink).where(KioskLink.id == link.id)  # type: ignore[arg-type]
                         .values(last_used_at=at))
    return view


def kiosk_plan_id(engine: Engine, token: str | None, at: datetime | None = None) -> int | None:
    """The plan a kiosk token shows, or None for a wrong, revoked, expired or archived one."""
    view = kiosk_view(engine, token, at)
    return view.plan_id if view else None
