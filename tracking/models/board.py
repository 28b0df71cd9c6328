"""The board's tables: ideas, actions, the history of every action, per-plan settings.

Nothing is deleted: an idea that is parked or rejected is archived with its reason, and
an action is archived; both can be brought back. Every change of an action's status is
an `ActionEvent` (who, when, from, to), so the time spent in each status can be derived.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlmodel import Field, SQLModel

from tracking.clock import now
from tracking.models.goal import id_column

__all__ = [
    "Action", "ActionEvent", "ActionStatus", "EventKind", "Idea", "IdeaState",
    "PlanBoardSettings",
]


class IdeaState(StrEnum):
    OPEN = "open"  # on the wall, scored or not
    PROMOTED = "promoted"  # became an action (Action.idea_id links back)
    PARKED = "parked"  # archived for later, with a reason
    REJECTED = "rejected"  # archived as dropped, with a reason


class ActionStatus(StrEnum):
    DECIDED = "decided"  # Besluttet
    STARTED = "started"  # Igangsat
    FINISHED = "finished"  # Afsluttet
    EVALUATED = "evaluated"  # Evalueret


class EventKind(StrEnum):
    CREATED = "created"
    MOVED = "moved"
    EDITED = "edited"
    ARCHIVED = "archived"
    RESTORED = "restored"


class PlanBoardSettings(SQLModel, table=True):
    """The board's settings of one plan (kept beside `Plan` so that table stays the goal's).

    A missing row means the documented defaults (see `tracking.board_rules`).
    """

    __tablename__ = "plan_board_settings"
    plan_id: int = Field(foreign_key="plan.id", primary_key=True)
    effect_high_from: int = 3
    resources_many_from: int = 3
    capacity: int = 10
    updated_by: str = ""
    updated_at: datetime = Field(default_factory=now)
    version: int = 1


class Idea(SQLModel, table=True):
    id: int | None = Field(default=None, sa_column=id_column("idea_id_seq"))
    plan_id: int = Field(foreign_key="plan.id", index=True)
    text: str
    author: str = ""
    author_user_id: int | None = None  # the account the author's name means (tracking.people)
    # No foreign key on indicator_id (checked by the services instead): DuckDB turns an
    # update of a foreign-key column into delete+insert, which fails once the row is
    # itself referenced (an idea by its action, an action by its history).
    indicator_id: int | None = None
    effect: int | None = None  # 1..5, None until assessed
    resources: int | None = None  # 1..5, None until assessed
    scored_by: str = ""
    scored_at: datetime | None = None
    state: str = IdeaState.OPEN.value
    state_reason: str = ""
    archived_at: datetime | None = None
    created_by: str = ""
    created_at: datetime = Field(default_factory=now)
    updated_at: datetime = Field(default_factory=now)
    version: int = 1


class Action(SQLModel, table=True):
    id: int | None = Field(default=None, sa_column=id_column("action_id_seq"))
    plan_id: int = Field(foreign_key="plan.id", index=True)
    idea_id: int | None = Field(default=None, foreign_key="idea.id")  # never updated
    indicator_id: int | None = None  # checked by the services; see Idea.indicator_id
    title: str
    description: str = ""
    responsible: str
    deadline: date
    decided_on: date
    resources: int = 1  # 1..5, the same scale as an idea's resources
    status: str = ActionStatus.DECIDED.value
    evaluation_note: str = ""
    archived_at: datetime | None = None
    created_by: str = ""
    created_at: datetime = Field(default_factory=now)
    updated_by: str = ""
    updated_at: datetime = Field(default_factory=now)
    version: int = 1
    # Last, so the columns before it keep their places (backups, exports). The account
    # the responsible name means (tracking.people), None for a name without an account.
    responsible_user_id: int | None = None


class ActionEvent(SQLModel, table=True):
    """One change of an action: who, when, and for a move the statuses either side."""

    __tablename__ = "action_event"
    id: int | None = Field(default=None, sa_column=id_column("action_event_id_seq"))
    action_id: int = Field(foreign_key="action.id", index=True)
    kind: str
    from_status: str | None = None
    to_status: str | None = None
    detail: str = ""  # what changed, or the evaluation note given with the move
    actor: str = ""
    happened_at: datetime = Field(default_factory=now)
