"""The database-wide change stamp: one row, bumped by every transaction that writes.

Dashboards key their caches by it, so a cached value is never older than the last write,
whichever process made it (see `tracking.changes`). Not part of backups.
"""

from __future__ import annotations

from sqlmodel import Field, SQLModel

__all__ = ["ChangeStamp"]


class ChangeStamp(SQLModel, table=True):
    __tablename__ = "change_stamp"
    id: int = Field(default=1, primary_key=True)
    counter: int = 0
