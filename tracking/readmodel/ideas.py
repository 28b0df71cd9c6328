"""The ideas on a plan's wall."""

from __future__ import annotations

from sqlalchemy import Engine
from sqlmodel import Session, select

from tracking.lookup import get_or_refuse
from tracking.models import Idea


def list_ideas(engine: Engine, plan_id: int, include_archived: bool = False) -> list[Idea]:
    with Session(engine) as session:
        query = select(Idea).where(Idea.plan_id == plan_id).order_by(Idea.id)
        if not include_archived:
            query = query.where(Idea.archived_at.is_(None))
        return list(session.exec(query).all())


def get_idea(engine: Engine, idea_id: int) -> Idea:
    with Session(engine) as session:
        return get_or_refuse(session, Idea, idea_id, "error.idea_not_found", "idea_id")
