"""Calendar feeds as read: a person's feeds, and the feed behind a secret."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine
from sqlmodel import Session, select

from tracking.models import CalendarFeed, UserAccount


@dataclass(frozen=True)
class FeedRow:
    id: int
    user_id: int | None
    plan_id: int | None
    created_at: datetime


def feed_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def feed_row(f: CalendarFeed) -> FeedRow:
    return FeedRow(f.id, f.user_id, f.plan_id, f.created_at)  # type: ignore[arg-type]


def my_feeds(engine: Engine, user_id: int) -> list[FeedRow]:
    with Session(engine) as session:
        return [feed_row(f) for f in session.exec(select(CalendarFeed).where(
            CalendarFeed.created_by == user_id, CalendarFeed.revoked_at.is_(None))  # type: ignore[union-attr]
            .order_by(CalendarFeed.id))]


def feed_of(engine: Engine, secret: str) -> tuple[FeedRow, str] | None:
    """The live feed of a secret and the name of its person (""), or None: unknown,
    revoked, or its maker deactivated."""
    with Session(engine) as session:
        feed = session.exec(select(CalendarFeed).where(
            CalendarFeed.token_hash == feed_hash(secret))).first()
        if feed is None or feed.revoked_at is not None:
            return None
        maker = session.get(UserAccount, feed.created_by) if feed.created_by else None
        if maker is None or maker.archived_at is not None:
            return None
        return feed_row(feed), maker.name
