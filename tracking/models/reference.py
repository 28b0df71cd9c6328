"""Reference cases imported beyond the shipped catalogue, and an indicator's link to one.

The shipped catalogue is a file (`data/reference_cases.csv`); imported cases are rows
here (the points as JSON). An indicator has at most one reference case (by key).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Text
from sqlmodel import Field, SQLModel

from tracking.clock import now
from tracking.models.goal import id_column

__all__ = ["IndicatorReference", "ReferenceCaseRecord"]


class ReferenceCaseRecord(SQLModel, table=True):
    __tablename__ = "reference_case"
    id: int | None = Field(default=None, sa_column=id_column("reference_case_id_seq"))
    key: str = Field(index=True, unique=True)
    municipality: str
    title: str
    unit: str
    direction: str
    source: str = ""
    points: str = Field(default="[]", sa_type=Text)  # JSON [[months, value], ...]
    created_at: datetime = Field(default_factory=now)
    updated_at: datetime = Field(default_factory=now)
    updated_by: str = ""
    version: int = 1


class IndicatorReference(SQLModel, table=True):
    __tablename__ = "indicator_reference"
    indicator_id: int = Field(foreign_key="indicator.id", primary_key=True)
    case_key: str
    updated_at: datetime = Field(default_factory=now)
    updated_by: str = ""
    version: int = 1
