"""Secret calendar addresses: made by a person for themselves or for a plan they read,
revoked by them or an administrator. The address is /calendar/SECRET.ics; only a hash of
the secret is stored, so it is shown once."""

from __future__ import annotations

import secrets

from sqlalchemy import Engine
from sqlmodel import Session

from tracking.auth import Actor, PermissionDenied, bind
from tracking.clock import now
from tracking.db import session_scope
from tracking.errors import NotFoundError
from tracking.lookup import get_or_refuse
from tracking.models import CalendarFeed, Plan, UserAccount
from tracking.readmodel.calendar_feeds import FeedRow, feed_hash, feed_row


def _signed_in(session: Session, actor: Actor | None) -> UserAccount:
    if actor is None or actor.user_id is None:
        raise PermissionDenied("error.not_signed_in")
    user = session.get(UserAccount, actor.user_id)
    if user is None or user.archived_at is not None:
        raise PermissionDenied("error.account_inactive")
    bind(session, actor)
    return user


def create_feed(engine: Engine, actor: Actor, plan_id: int | None = None) -> tuple[FeedRow, str]:
    """A new secret address: the actor's own calendar, or (with `plan_id`) a plan's, which
    everyone signed in may read. Returns the row and the secret (shown only now)."""
    secret = secrets.token_urlsafe(24)
    with session_scope(engine) as session:
        user = _signed_in(session, actor)
        if plan_id is not None:
            get_or_refuse(session, Plan, plan_id, "error.plan_not_found", "plan_id")
        feed = CalendarFeed(token_hash=feed_hash(secret), created_by=user.id,
                            user_id=None if plan_id is not None else user.id, plan_id=plan_id)
        session.add(feed)
        session.flush()
        return feed_row(feed), secret


def revoke_feed(engine: Engine, feed_id: int, actor: Actor) -> None:
    with session_scope(engine) as session:
        user = _signed_in(session, actor)
        feed = session.get(CalendarFeed, feed_id)
        if feed is None:
            raise NotFoundError("error.calendar_feed_not_found", None, id=feed_id)
        if feed.created_by != user.id and not user.is_admin:
            raise PermissionDenied("error.admin_only")
        if feed.revoked_at is None:
            feed.revoked_at = now()
            session.add(feed)


