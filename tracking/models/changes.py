"""Change stamps: the database-wide one, and one per plan.

`change_stamp` has one row: `counter` is bumped by every transaction that writes (for
reads across plans: the overview, the plan list); `shared` only by writes that belong to
no single plan (accounts, reference cases, a restore), which every plan's reads depend on;
`plan_list` only by writes of the `plan` table, which is all the plan list reads.
`plan_stamp` has a row per plan that has been written, bumped by the writes in that plan.
Dashboards key their caches by them, so a cached value is never older than the last write,
whichever process made it, and a write in one plan leaves every other plan's cache warm
(see `tracking.changes`). Not part of backups.
"""

from __future__ import annotations

from sqlmodel import Field, SQLModel

__all__ = ["ChangeStamp", "PlanStamp"]


class ChangeStamp(SQLModel, table=True):
    __tablename__ = "change_stamp"
    id: int = Field(default=1, primary_key=True)
    counter: int = 0
    shared: int = 0
    plan_list: int = 0


class PlanStamp(SQLModel, table=True):
    __tablename__ = "plan_stamp"
    # No foreign key: the stamp of a deleted plan (a restore) is harmless, and the bump
    # must never fail a write.
    plan_id: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    counter: int = 0
