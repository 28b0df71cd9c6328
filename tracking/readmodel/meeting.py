"""What happened on a plan's board between two moments: the material of the minutes.

Derived from the timestamps the board already keeps (ideas' created_at and scored_at,
every action's history, measurements' entered_at and their revisions), so work done
during the meeting on any page, or by anyone, is in the minutes.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import Engine
from sqlmodel import Session, select

from tracking.board_rules import OPEN_STATUSES, FieldRule, field_of
from tracking.minutes import ActionNote, FigureEntered, FigureSeen, IdeaNote
from tracking.models import (
    Action,
    ActionEvent,
    EventKind,
    Idea,
    IdeaState,
    Indicator,
    Measurement,
    MeasurementRevision,
)
from tracking.readmodel.goal import latest_status


def aware(value: datetime) -> datetime:
    """Timestamps are written in UTC; a database that drops the zone gives them back bare."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value


def _within(value: datetime | None, start: datetime, end: datetime) -> bool:
    return value is not None and start <= aware(value) <= end


def figures_seen(engine: Engine, plan_id: int, on: date) -> list[FigureSeen]:
    indicators = _indicators(engine, plan_id)
    statuses = latest_status(engine, plan_id, on)
    return [FigureSeen(indicator=ind.name, unit=ind.unit,
                       month=s.month.isoformat() if s.month else None, target=s.target,
                       actual=s.actual, status=s.status.value)
            for ind in indicators.values() if (s := statuses.get(ind.id)) is not None]


def _indicators(engine_or_session: Engine | Session, plan_id: int) -> dict[int, Indicator]:
    query = select(Indicator).where(Indicator.plan_id == plan_id).order_by(
        Indicator.sort_order, Indicator.id)
    if isinstance(engine_or_session, Session):
        return {i.id: i for i in engine_or_session.exec(query).all()}
    with Session(engine_or_session) as session:
        return {i.id: i for i in session.exec(query).all()}


def figures_entered(session: Session, plan_id: int, start: datetime,
                    end: datetime) -> list[FigureEntered]:
    indicators = _indicators(session, plan_id)
    if not indicators:
        return []
    rows = session.exec(select(Measurement).where(
        Measurement.indicator_id.in_(list(indicators)))).all()
    revisions = session.exec(select(MeasurementRevision).where(
        MeasurementRevision.indicator_id.in_(list(indicators)))).all()
    out = []
    for m in sorted(rows, key=lambda r: (aware(r.entered_at), r.id)):
        if not _within(m.entered_at, start, end):
            continue
        earlier = sorted((r for r in revisions if r.measurement_id == m.id
                          and _within(r.replaced_at, start, end)),
                         key=lambda r: (aware(r.replaced_at), r.id))
        # The value before the meeting; None if the figure itself was new in the meeting
        # (no revision in the window, or the first one replaced a value of the meeting).
        previous = None
        if earlier and not _within(earlier[0].entered_at, start, end):
            previous = earlier[0].value
        ind = indicators[m.indicator_id]
        out.append(FigureEntered(indicator=ind.name, unit=ind.unit, month=m.month.isoformat(),
                                 value=m.value, previous=previous, by=m.entered_by))
    return out


def _idea_note(idea: Idea, rule: FieldRule) -> IdeaNote:
    field = field_of(idea.effect, idea.resources, rule)
    return IdeaNote(id=idea.id, text=idea.text, author=idea.author, effect=idea.effect,
                    resources=idea.resources, field=field.value if field else None,
                    state=idea.state, reason=idea.state_reason)


def idea_activity(session: Session, plan_id: int, start: datetime, end: datetime,
                  rule: FieldRule) -> tuple[list[IdeaNote], list[IdeaNote], list[IdeaNote]]:
    """Ideas added, scored and set aside (parked or rejected) in the window."""
    ideas = session.exec(select(Idea).where(Idea.plan_id == plan_id).order_by(Idea.id)).all()
    added = [_idea_note(i, rule) for i in ideas if _within(i.created_at, start, end)]
    scored = [_idea_note(i, rule) for i in ideas if _within(i.scored_at, start, end)]
    aside = [_idea_note(i, rule) for i in ideas
             if i.state in (IdeaState.PARKED, IdeaState.REJECTED)
             and _within(i.archived_at, start, end)]
    return added, scored, aside


def _action_note(a: Action, **extra: object) -> ActionNote:
    return ActionNote(id=a.id, title=a.title, responsible=a.responsible,
                      deadline=a.deadline.isoformat(),
                      status=str(extra.pop("status", a.status)), idea_id=a.idea_id,
                      **extra)  # type: ignore[arg-type]


def action_activity(session: Session, plan_id: int, start: datetime,
                    end: datetime) -> tuple[list[ActionNote], list[ActionNote]]:
    """Actions created and moved in the window (every move, in order)."""
    actions = {a.id: a for a in session.exec(select(Action).where(Action.plan_id == plan_id))}
    if not actions:
        return [], []
    events = session.exec(select(ActionEvent).where(
        ActionEvent.action_id.in_(list(actions)))).all()
    events = sorted((e for e in events if _within(e.happened_at, start, end)),
                    key=lambda e: (aware(e.happened_at), e.id))
    created = [_action_note(actions[e.action_id], by=e.actor)
               for e in events if e.kind == EventKind.CREATED]
    moved = [_action_note(actions[e.action_id], status=e.to_status,
                          from_status=e.from_status, by=e.actor)
             for e in events if e.kind == EventKind.MOVED]
    return created, moved


def overdue_actions(session: Session, plan_id: int, on: date) -> list[ActionNote]:
    rows = session.exec(select(Action).where(
        Action.plan_id == plan_id, Action.archived_at.is_(None),
        Action.status.in_([s.value for s in OPEN_STATUSES]), Action.deadline < on,
    ).order_by(Action.deadline, Action.id)).all()
    return [_action_note(a) for a in rows]
