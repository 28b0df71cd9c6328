"""Comments: a thread on an idea, an action, an indicator or a benefit (a tree node).

Plain text, shown as text. An edit keeps the comment's place and raises its version; the
earlier text is in the audit trail. A comment written while the plan's meeting is open
names that meeting, so the meeting's minutes list it. Archived, never deleted.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import Text
from sqlmodel import Field, SQLModel

from tracking.clock import now
from tracking.models.goal import id_column

__all__ = ["Comment", "CommentTarget"]


class CommentTarget(StrEnum):
    IDEA = "idea"
    ACTION = "action"
    INDICATOR = "indicator"
    BENEFIT = "benefit"  # a benefit node of the plan's tree


class Comment(SQLModel, table=True):
    id: int | None = Field(default=None, sa_column=id_column("comment_id_seq"))
    plan_id: int = Field(foreign_key="plan.id", index=True)
    target: str  # CommentTarget
    target_id: int = Field(index=True)
    text: str = Field(sa_type=Text)
    author: str = ""
    author_user_id: int | None = None
    # The plan's meeting open when it was written (its minutes list them).
    meeting_id: int | None = Field(default=None, index=True)
    created_at: datetime = Field(default_factory=now)
    edited_at: datetime | None = None
    archived_at: datetime | None = None
    version: int = 1
