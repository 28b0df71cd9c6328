"""A plan's harvest lines and the sums per plan (planned, decided, harvested; in kr.)."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
from sqlalchemy import Engine
from sqlmodel import Session, select

from tracking.auth import Actor
from tracking.models import BenefitHarvest
from tracking.models.users import UserAccount
from tracking.readmodel.frames import query_frame

HARVEST_SUM_COLUMNS = ("harvest_planned", "harvest_decided", "harvested")
FEW_PLANS = 50


def list_harvests(engine: Engine, plan_id: int) -> list[BenefitHarvest]:
    """The plan's active harvest lines, by budget year."""
    with Session(engine) as session:
        return list(session.exec(select(BenefitHarvest).where(
            BenefitHarvest.plan_id == plan_id,
            BenefitHarvest.archived_at.is_(None))  # type: ignore[union-attr]
            .order_by(BenefitHarvest.budget_year, BenefitHarvest.id)).all())


def harvest_sums_sql(where: str = "") -> str:
    """Per plan_id, the active lines' kr. by status (`HARVEST_SUM_COLUMNS`); `where` is
    appended to the filter (e.g. " AND h.plan_id IN (...)")."""
    return f"""
SELECT h.plan_id AS plan_id,
       SUM(CASE WHEN h.status = 'planned' THEN h.amount ELSE 0 END) AS harvest_planned,
       SUM(CASE WHEN h.status = 'decided' THEN h.amount ELSE 0 END) AS harvest_decided,
       SUM(CASE WHEN h.status = 'harvested' THEN h.amount ELSE 0 END) AS harvested
FROM benefit_harvest h WHERE h.archived_at IS NULL{where} GROUP BY h.plan_id"""


def harvest_sums(engine: Engine, plan_ids: Sequence[int] | None = None) -> pd.DataFrame:
    """Per plan (index plan_id): the kr. planned, decided and harvested (active lines).
    A few plans (one plan's page) are filtered in the query, so only their rows are read."""
    where, params = "", {}
    few = plan_ids is not None and 0 < len(plan_ids) <= FEW_PLANS
    if few:
        names = [f"p{k}" for k in range(len(plan_ids))]  # type: ignore[arg-type]
        where = f" AND h.plan_id IN ({', '.join(':' + n for n in names)})"
        params = dict(zip(names, (int(p) for p in plan_ids), strict=True))  # type: ignore[union-attr]
    df = query_frame(engine, harvest_sums_sql(where), params)
    df = df.set_index("plan_id").astype("float64") if not df.empty else pd.DataFrame(
        columns=list(HARVEST_SUM_COLUMNS), dtype="float64")
    if plan_ids is not None and not few:
        df = df[df.index.isin(list(plan_ids))]
    return df


def can_decide_harvest(engine: Engine, actor: Actor | None, plan_id: int) -> bool:
    """Would `may_decide_harvest` let `actor` write (for pages: offer only what works)."""
    if actor is None:
        return False
    if actor.is_system:
        return True
    with Session(engine) as session:
        user = session.get(UserAccount, actor.user_id) if actor.user_id is not None else None
        if user is None or user.archived_at is not None:
            return False
        if user.is_admin or user.is_director:
            return True
        from tracking.auth import Role, role_in_plan

        role = role_in_plan(session, user.id, plan_id)  # type: ignore[arg-type]
        return role is Role.FACILITATOR
