"""Calendar feeds: a secret address per person or per plan that Outlook and Google
Calendar subscribe to (tracking.calendar_feed). Only a hash of the secret is stored."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel

from tracking.clock import now
from tracking.models.goal import id_column

__all__ = ["CalendarFeed"]


class CalendarFeed(SQLModel, table=True):
    __tablename__ = "calendar_feed"
    id: int | None = Field(default=None, sa_column=id_column("calendar_feed_id_seq"))
    token_hash: str = Field(index=True, unique=True)
    user_id: int | None = Field(default=None, foreign_key="user_account.id", index=True)
    plan_id: int | None = Field(default=None, foreign_key="plan.id", index=True)
    created_by: int | None = None  # the account that made it (owner of a plan's feed)
    created_at: datetime = Field(default_factory=now)
    revoked_at: datetime | None = None
