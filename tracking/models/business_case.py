"""A plan's business case: assumptions, tasks and investments/running costs by year.

The arithmetic lives in `tracking.business_case` (pure functions); these tables only
store what the user typed. Fractions are stored as fractions (0.17 = 17 %), money in kr.
Replaced tasks and cost rows are archived, never deleted.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Double, UniqueConstraint
from sqlmodel import Field, SQLModel

from tracking.clock import now
from tracking.models.goal import id_column

__all__ = ["BusinessCaseCost", "BusinessCaseRecord", "BusinessCaseTask"]


class BusinessCaseRecord(SQLModel, table=True):
    """The assumptions of one plan's business case (at most one per plan)."""

    __tablename__ = "business_case"
    __table_args__ = (UniqueConstraint("plan_id"),)
    id: int | None = Field(default=None, sa_column=id_column("business_case_id_seq"))
    plan_id: int = Field(foreign_key="plan.id", index=True)
    monthly_salary: float = Field(sa_type=Double)
    pension_rate: float = Field(sa_type=Double)
    overhead: float = Field(sa_type=Double)
    paid_hours: float = Field(sa_type=Double)
    effective_share: float = Field(sa_type=Double)
    fte: float = Field(sa_type=Double)
    # "tasks": potential from the task table; "fixed": `fixed_potential` (e.g. 40 %).
    potential_source: str = "tasks"
    fixed_potential: float = Field(default=0.40, sa_type=Double)
    it_costs_per_year: float = Field(default=0.0, sa_type=Double)
    it_saving_share: float = Field(default=0.0, sa_type=Double)
    phase_in_kind: str = "linear"
    phase_in_start: date  # first month with effect (month 1 of year 1)
    ramp_months: int = 12
    step_percentages: str = "25;75;100"
    horizon_years: int = 4
    updated_at: datetime = Field(default_factory=now)
    updated_by: str = ""
    version: int = 1


class BusinessCaseTask(SQLModel, table=True):
    """One task of the efficiency potential: share of the work × efficiency."""

    __tablename__ = "business_case_task"
    id: int | None = Field(default=None, sa_column=id_column("business_case_task_id_seq"))
    plan_id: int = Field(foreign_key="plan.id", index=True)
    name: str
    share: float = Field(sa_type=Double)
    efficiency: float = Field(sa_type=Double)
    sort_order: int = 0
    archived_at: datetime | None = None
    created_at: datetime = Field(default_factory=now)
    created_by: str = ""


class BusinessCaseCost(SQLModel, table=True):
    """Investment and running costs of one year (year 0 = before go-live)."""

    __tablename__ = "business_case_cost"
    id: int | None = Field(default=None, sa_column=id_column("business_case_cost_id_seq"))
    plan_id: int = Field(foreign_key="plan.id", index=True)
    year: int
    investment: float = Field(default=0.0, sa_type=Double)
    running_costs: float = Field(default=0.0, sa_type=Double)
    archived_at: datetime | None = None
    created_at: datetime = Field(default_factory=now)
    created_by: str = ""
