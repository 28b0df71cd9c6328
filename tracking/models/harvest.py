"""Harvest (hjemtagning): the economic benefit of a plan taken out of the budget.

One row per decision line: a budget year, an amount in kr., the budget account or area
it is taken from, the decision text ("indarbejdet i budget 2027"), who approved it and
when, and a status: planned → decided → harvested. Lines are archived, never deleted.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import Double, Text
from sqlmodel import Field, SQLModel

from tracking.clock import now
from tracking.models.goal import id_column

__all__ = ["BenefitHarvest", "HarvestStatus"]


class HarvestStatus(StrEnum):
    PLANNED = "planned"  # planlagt: proposed, not yet decided
    DECIDED = "decided"  # besluttet: decided (e.g. in the budget agreement)
    HARVESTED = "harvested"  # hjemtaget: taken out of the budget


class BenefitHarvest(SQLModel, table=True):
    __tablename__ = "benefit_harvest"
    id: int | None = Field(default=None, sa_column=id_column("benefit_harvest_id_seq"))
    plan_id: int = Field(foreign_key="plan.id", index=True)
    budget_year: int
    amount: float = Field(sa_type=Double)  # kr.
    account: str = ""  # budget account or area (konto/område)
    decision: str = Field(default="", sa_type=Text)
    status: str = HarvestStatus.PLANNED.value
    approved_by: str = ""  # who approved it (a person or a body, e.g. "Byrådet")
    approved_on: date | None = None
    archived_at: datetime | None = None
    created_at: datetime = Field(default_factory=now)
    updated_at: datetime = Field(default_factory=now)
    updated_by: str = ""
    version: int = 1
