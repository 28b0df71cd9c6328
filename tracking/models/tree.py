"""The benefit tree (gevinsttræ) of a plan: technology → changes → benefits → goals.

Nodes and links are archived, never deleted. A link always points from a node to a node
of the next kind to the right (see `tracking.services.tree`). A benefit is tied to the
plan's indicators through `BenefitIndicator`.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from tracking.clock import now
from tracking.models.goal import id_column

__all__ = ["BenefitIndicator", "BenefitType", "NodeKind", "TreeLink", "TreeNode"]


class NodeKind(StrEnum):
    """The four columns of the tree, in reading order (left to right)."""

    TECHNOLOGY = "technology"
    CHANGE = "change"  # forandring
    BENEFIT = "benefit"  # gevinst
    GOAL = "goal"  # vision og mål


class BenefitType(StrEnum):
    ECONOMIC = "economic"  # drawn red in the method
    SERVICE = "service"  # service and quality benefits are drawn green
    QUALITY = "quality"


class TreeNode(SQLModel, table=True):
    __tablename__ = "tree_node"
    id: int | None = Field(default=None, sa_column=id_column("tree_node_id_seq"))
    plan_id: int = Field(foreign_key="plan.id", index=True)
    kind: str
    name: str
    description: str = ""
    benefit_type: str = ""  # only for benefits: economic / service / quality
    owner: str = ""  # gevinstansvarlig, for benefits
    owner_user_id: int | None = None  # the account the owner's name means (tracking.people)
    sort_order: int = 0
    archived_at: datetime | None = None
    created_at: datetime = Field(default_factory=now)
    created_by: str = ""
    updated_at: datetime = Field(default_factory=now)
    updated_by: str = ""
    version: int = 1


class TreeLink(SQLModel, table=True):
    """An arrow from `source_id` to `target_id` (the next kind to the right)."""

    __tablename__ = "tree_link"
    __table_args__ = (UniqueConstraint("source_id", "target_id"),)
    id: int | None = Field(default=None, sa_column=id_column("tree_link_id_seq"))
    plan_id: int = Field(foreign_key="plan.id", index=True)
    source_id: int = Field(foreign_key="tree_node.id")
    target_id: int = Field(foreign_key="tree_node.id")
    archived_at: datetime | None = None
    created_at: datetime = Field(default_factory=now)
    created_by: str = ""
    updated_by: str = ""


class BenefitIndicator(SQLModel, table=True):
    """An indicator of the goal field that measures a benefit of the tree."""

    __tablename__ = "benefit_indicator"
    __table_args__ = (UniqueConstraint("node_id", "indicator_id"),)
    id: int | None = Field(default=None, sa_column=id_column("benefit_indicator_id_seq"))
    node_id: int = Field(foreign_key="tree_node.id", index=True)
    indicator_id: int = Field(foreign_key="indicator.id")
    archived_at: datetime | None = None
    created_at: datetime = Field(default_factory=now)
    updated_by: str = ""
