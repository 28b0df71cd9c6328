"""Ideas on the wall: add, score, park, reject, restore; and the plan's board settings.

One function per user action; each validates, writes in one transaction and records
who did it (`actor`).
"""

from __future__ import annotations

from sqlalchemy import Engine
from sqlmodel import Session

from tracking.auth import Actor, Permission, authorize
from tracking.board_rules import (
    MAX_IDEA,
    FieldRule,
    check_score,
    validate_capacity,
    validate_rule,
)
from tracking.clock import now
from tracking.db import session_scope
from tracking.errors import ValidationError
from tracking.lookup import get_or_refuse
from tracking.models import Idea, IdeaState, Indicator, Plan, PlanBoardSettings
from tracking.parsing import refuse_control_chars
from tracking.people import account_id_for
from tracking.versioning import check_version

MAX_AUTHOR = 100
MAX_REASON = 500


def check_indicator(session: Session, plan_id: int, indicator_id: int | None) -> int | None:
    """An indicator link must point at a live indicator of the same plan."""
    if indicator_id is None:
        return None
    ind = session.get(Indicator, indicator_id)
    if ind is None or ind.plan_id != plan_id or ind.archived_at is not None:
        raise ValidationError("error.indicator_not_in_plan", "indicator_id", id=indicator_id)
    return indicator_id


def clean_idea_text(text: str | None) -> str:
    text = refuse_control_chars(text, "text").strip()
    if not text:
        raise ValidationError("error.idea_required", "text")
    if len(text) > MAX_IDEA:
        raise ValidationError("error.idea_too_long", "text", max=MAX_IDEA, length=len(text))
    return text


def _short(value: str | None, field: str, limit: int) -> str:
    value = refuse_control_chars(value, field).strip()
    if len(value) > limit:
        raise ValidationError("error.text_too_long", field, max=limit)
    return value


# Settings ---------------------------------------------------------------------------

def set_board_settings(engine: Engine, plan_id: int, effect_high_from: int,
                       resources_many_from: int, capacity: int,
                       actor: Actor | None = None) -> PlanBoardSettings:
    """Set the field rule and the resource capacity of a plan."""
    validate_rule(FieldRule(effect_high_from, resources_many_from))
    validate_capacity(capacity)
    with session_scope(engine) as session:
        get_or_refuse(session, Plan, plan_id, "error.plan_not_found", "plan_id")
        authorize(session, actor, Permission.EDIT_PLAN, plan_id)
        s = session.get(PlanBoardSettings, plan_id)
        if s is None:
            s = PlanBoardSettings(plan_id=plan_id, version=0)
        s.effect_high_from, s.resources_many_from = effect_high_from, resources_many_from
        s.capacity = capacity
        s.updated_by, s.updated_at = actor.name, now()
        s.version += 1
        session.add(s)
        session.flush()
        return s


# Ideas ------------------------------------------------------------------------------

def add_idea(engine: Engine, plan_id: int, text: str, author: str = "",
             indicator_id: int | None = None, actor: Actor | None = None) -> Idea:
    """Put an idea on the wall. No scores are needed yet."""
    text = clean_idea_text(text)
    author = _short(author, "author", MAX_AUTHOR)
    with session_scope(engine) as session:
        plan = get_or_refuse(session, Plan, plan_id, "error.plan_not_found", "plan_id")
        authorize(session, actor, Permission.EDIT_BOARD, plan_id)
        if plan.archived_at is not None:
            raise ValidationError("error.plan_archived", "plan_id")
        idea = Idea(plan_id=plan_id, text=text, author=author,
                    author_user_id=account_id_for(session, author),
                    indicator_id=check_indicator(session, plan_id, indicator_id),
                    created_by=actor.name)
        session.add(idea)
        session.flush()
        return idea


def edit_idea(engine: Engine, idea_id: int, text: str, author: str = "",
              indicator_id: int | None = None, actor: Actor | None = None,
              expected_version: int | None = None) -> Idea:
    text = clean_idea_text(text)
    author = _short(author, "author", MAX_AUTHOR)
    with session_scope(engine) as session:
        idea = get_or_refuse(session, Idea, idea_id, "error.idea_not_found", "idea_id")
        authorize(session, actor, Permission.EDIT_BOARD, idea.plan_id)
        check_version(session, idea, expected_version, idea.text)
        idea.text, idea.author = text, author
        idea.author_user_id = account_id_for(session, author)
        idea.indicator_id = check_indicator(session, idea.plan_id, indicator_id)
        idea.updated_at = now()
        idea.version += 1
        session.add(idea)
        return idea


def score_idea(engine: Engine, idea_id: int, effect: int | None = None,
               resources: int | None = None, actor: Actor | None = None,
               expected_version: int | None = None) -> Idea:
    """Set the effect and/or the resources score (1..5); a score left out is kept."""
    if effect is None and resources is None:
        raise ValidationError("error.score_missing", "effect")
    if effect is not None:
        check_score(effect, "effect")
    if resources is not None:
        check_score(resources, "resources")
    with session_scope(engine) as session:
        idea = get_or_refuse(session, Idea, idea_id, "error.idea_not_found", "idea_id")
        authorize(session, actor, Permission.EDIT_BOARD, idea.plan_id)
        check_version(session, idea, expected_version, idea.text)
        if idea.state != IdeaState.OPEN:
            raise ValidationError("error.idea_not_open", "idea_id",
                                  state=idea.state)
        if effect is not None:
            idea.effect = effect
        if resources is not None:
            idea.resources = resources
        idea.scored_by, idea.scored_at = actor.name, now()
        idea.updated_at = now()
        idea.version += 1
        session.add(idea)
        return idea


def _set_aside(engine: Engine, idea_id: int, state: IdeaState, reason: str,
               actor: Actor | None) -> Idea:
    reason = _short(reason, "reason", MAX_REASON)
    if not reason:
        raise ValidationError("error.reason_required", "reason")
    with session_scope(engine) as session:
        idea = get_or_refuse(session, Idea, idea_id, "error.idea_not_found", "idea_id")
        authorize(session, actor, Permission.EDIT_BOARD, idea.plan_id)
        if idea.state != IdeaState.OPEN:
            raise ValidationError("error.idea_not_open", "idea_id", state=idea.state)
        idea.state, idea.state_reason = state.value, reason
        idea.archived_at = idea.updated_at = now()
        idea.version += 1
        session.add(idea)
        return idea


def park_idea(engine: Engine, idea_id: int, reason: str, actor: Actor | None = None) -> Idea:
    """Set an idea aside for later, with a reason; it is archived, not deleted."""
    return _set_aside(engine, idea_id, IdeaState.PARKED, reason, actor)


def reject_idea(engine: Engine, idea_id: int, reason: str, actor: Actor | None = None) -> Idea:
    """Drop an idea, with a reason; it is archived, not deleted, and can be restored."""
    return _set_aside(engine, idea_id, IdeaState.REJECTED, reason, actor)


def restore_idea(engine: Engine, idea_id: int, actor: Actor | None = None) -> Idea:
    """Bring a parked or rejected idea back to the wall (its scores are kept)."""
    with session_scope(engine) as session:
        idea = get_or_refuse(session, Idea, idea_id, "error.idea_not_found", "idea_id")
        authorize(session, actor, Permission.EDIT_BOARD, idea.plan_id)
        if idea.state not in (IdeaState.PARKED, IdeaState.REJECTED):
            raise ValidationError("error.idea_not_archived", "idea_id")
        idea.state, idea.archived_at = IdeaState.OPEN.value, None
        idea.updated_at = now()
        idea.version += 1
        session.add(idea)
        return idea


