"""The goal field's tables: plans, their indicators, targets and realised figures.

Integer keys use explicit sequences (DuckDB has no SERIAL). Nothing a user entered is
deleted: plans and indicators are archived, and a corrected figure keeps its earlier
value as a `MeasurementRevision`.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import Column, Double, Integer, Sequence, UniqueConstraint
from sqlmodel import Field, SQLModel

from tracking.clock import now

__all__ = [
    "Direction", "Indicator", "IndicatorKind", "Measure", "Measurement", "MeasurementRevision",
    "PhaseIn", "Plan", "SchemaInfo", "TargetMonth", "id_column",
]

# Every figure is a DOUBLE: DuckDB reads a plain Float as a 4-byte REAL (83.2 -> 83.199997).


def id_column(sequence: str) -> Column:
    """An integer primary key drawn from its own sequence."""
    return Column(Integer, Sequence(sequence), primary_key=True)


class Direction(StrEnum):
    HIGHER = "higher"  # higher is better
    LOWER = "lower"  # lower is better


class IndicatorKind(StrEnum):
    SUCCESS = "success"  # succesindikator: short term, users' uptake and satisfaction
    BENEFIT = "benefit"  # gevinstindikator: the KPI the business case promises


class Measure(StrEnum):
    """What a figure measures, which decides how months add up (`tracking.benefit`)."""

    FLOW = "flow"  # an amount per month (hours saved, kr. spent): months add up
    LEVEL = "level"  # a state at month end (arrears, open cases): the change counts
    RATE = "rate"  # a share or an average (%, days per case): never added up


class PhaseIn(StrEnum):
    LINEAR = "linear"
    STEPS = "steps"  # yearly steps, as percentages of the planned improvement
    EXPLICIT = "explicit"  # monthly targets typed in


class Plan(SQLModel, table=True):
    id: int | None = Field(default=None, sa_column=id_column("plan_id_seq"))
    name: str
    solution: str = ""
    team: str = ""
    benefit_owner: str = ""
    start_month: date
    end_month: date
    on_track_threshold: float = Field(default=0.95, sa_type=Double)
    at_risk_threshold: float = Field(default=0.80, sa_type=Double)
    archived_at: datetime | None = None
    created_at: datetime = Field(default_factory=now)
    updated_at: datetime = Field(default_factory=now)
    version: int = 1
    # Last, so the columns before them keep their places (backups, exports).
    department: str = ""  # forvaltning, for the director's overview
    area: str = ""  # område within the department
    # A month's figures are due by this day of the following month (indberetningsfrist).
    report_deadline_day: int = 10
    municipality: str = ""  # kommune, for the national portfolio on Oversigt


class Indicator(SQLModel, table=True):
    id: int | None = Field(default=None, sa_column=id_column("indicator_id_seq"))
    plan_id: int = Field(foreign_key="plan.id", index=True)
    name: str
    unit: str
    direction: str
    kind: str = IndicatorKind.BENEFIT.value
    owner: str = ""  # the name shown
    owner_user_id: int | None = None  # the account that may enter its figures
    baseline_value: float = Field(sa_type=Double)
    baseline_month: date
    target_value: float = Field(sa_type=Double)
    target_start_month: date
    full_effect_month: date
    phase_in: str = PhaseIn.LINEAR.value
    # "25;75;100" for yearly steps; JSON {"2026-03": 12.5, ...} for explicit targets.
    step_percentages: str = ""
    explicit_targets: str = ""
    sort_order: int = 0
    archived_at: datetime | None = None
    created_at: datetime = Field(default_factory=now)
    updated_at: datetime = Field(default_factory=now)
    version: int = 1
    # Last, so the columns before them keep their places (backups, exports).
    measure: str = Measure.FLOW.value
    # Money that frees budget (budgetvirkning); collected arrears, say, do not.
    budget_effect: bool = True


class TargetMonth(SQLModel, table=True):
    """The target of each month, materialised from the trajectory when it is saved,
    so that series and attainment are plain SQL joins."""

    __tablename__ = "target_month"
    indicator_id: int = Field(foreign_key="indicator.id", primary_key=True)
    month: date = Field(primary_key=True)
    value: float = Field(sa_type=Double)


class Measurement(SQLModel, table=True):
    """The current realised value of one indicator in one month."""

    __table_args__ = (UniqueConstraint("indicator_id", "month"),)
    id: int | None = Field(default=None, sa_column=id_column("measurement_id_seq"))
    indicator_id: int = Field(foreign_key="indicator.id", index=True)
    month: date
    value: float = Field(sa_type=Double)
    comment: str = ""
    entered_by: str = ""
    entered_at: datetime = Field(default_factory=now)
    version: int = 1


class MeasurementRevision(SQLModel, table=True):
    """An earlier value of a measurement, kept when it was corrected."""

    __tablename__ = "measurement_revision"
    id: int | None = Field(default=None, sa_column=id_column("measurement_revision_id_seq"))
    measurement_id: int = Field(foreign_key="measurement.id", index=True)
    indicator_id: int = Field(foreign_key="indicator.id", index=True)  # a figure's history
    month: date
    value: float = Field(sa_type=Double)
    comment: str = ""
    entered_by: str = ""
    entered_at: datetime
    replaced_by: str = ""
    replaced_at: datetime = Field(default_factory=now)


class SchemaInfo(SQLModel, table=True):
    __tablename__ = "schema_info"
    id: int = Field(default=1, primary_key=True)
    version: int
