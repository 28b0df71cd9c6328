"""Secret calendar addresses: made by a person for themselves or for a plan they read,
revoked by them or an administrator. The address is /calendar/SECRET.ics; only a hash of
the secret is stored, so it is shown once."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine
from sqlmodel import Session, select

from tracking.auth import Actor, PermissionDenied, bind
from tracking.clock import now
from tracking.db import session_scope
from tracking.errors import NotFoundError
from tracking.lookup import plan_or_refuse
from tracking.models import CalendarFeed, UserAccount


@dataclass(frozen=True)
class FeedRow:
    id: int
    user_id: int | None
    plan_id: int | None
    created_at: datetime


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def _row(f: CalendarFeed) -> FeedRow:
    return FeedRow(f.id, f.user_id, f.plan_id, f.created_at)  # type: ignore[arg-type]


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
            plan_or_refuse(session, plan_id)
        feed = CalendarFeed(token_hash=_hash(secret), created_by=user.id,
                            user_id=None if plan_id is not None else user.id, plan_id=plan_id)
        session.add(feed)
        session.flush()
        return _row(feed), secret


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


def my_feeds(engine: Engine, user_id: int) -> list[FeedRow]:
    with Session(engine) as session:
        return [_row(f) for f in session.exec(select(CalendarFeed).where(
            CalendarFeed.created_by == user_id, CalendarFeed.revoked_at.is_(None))  # type: ignore[union-attr]
            .order_by(CalendarFeed.id))]


def feed_of(engine: Engine, secret: str) -> tuple[FeedRow, str] | None:
    """The live feed of a secret and the name of its person (""), or None: unknown,
    revoked, or its maker deactivated."""
    with Session(engine) as session:
        feed = session.exec(select(CalendarFeed).where(
            CalendarFeed.token_hash == _hash(secret))).first()
        if feed is None or feed.revoked_at is not None:
            return None
        maker = session.get(UserAccount, feed.created_by) if feed.created_by else None
        if maker is None or maker.archived_at is not None:
            return None
        return _row(feed), maker.name
