"""What the upload remembers per plan: the columns of a sheet whose headers it does not
know ("Hvilken kolonne er indikatoren / måneden / værdien?"), for next month's file."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel

from tracking.clock import now

__all__ = ["ImportMapping"]


class ImportMapping(SQLModel, table=True):
    __tablename__ = "import_mapping"
    plan_id: int = Field(foreign_key="plan.id", primary_key=True)
    # JSON object: column role ("indicator", "indicator_id", "month", "value", "comment")
    # -> the header text in the file, e.g. {"indicator": "Nøgletal", "month": "Periode"}.
    columns: str = "{}"
    updated_by: str = ""
    updated_at: datetime = Field(default_factory=now)
