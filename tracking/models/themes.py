"""The six themes of a benefit realisation plan: answers, status and who is responsible.

One row per plan and theme, created on first save; the guiding questions themselves are
fixed text in the message catalogue (see `tracking.themes`).
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from tracking.clock import now
from tracking.models.goal import id_column

__all__ = ["PlanTheme", "ThemeStatus"]


class ThemeStatus(StrEnum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE = "done"


class PlanTheme(SQLModel, table=True):
    __tablename__ = "plan_theme"
    __table_args__ = (UniqueConstraint("plan_id", "theme"),)
    id: int | None = Field(default=None, sa_column=id_column("plan_theme_id_seq"))
    plan_id: int = Field(foreign_key="plan.id", index=True)
    theme: str  # key from tracking.themes.THEMES, e.g. "channel"
    # JSON object: question key -> the team's answer.
    answers: str = Field(default="{}", sa_type=Text)
    status: str = ThemeStatus.NOT_STARTED.value
    responsible: str = ""
    responsible_user_id: int | None = None  # the account the name means (tracking.people)
    updated_at: datetime = Field(default_factory=now)
    updated_by: str = ""
    version: int = 1
