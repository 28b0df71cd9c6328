"""Record the harvest (hjemtagning) of a plan's economic benefit, per budget year.

Who decides: a director (an account marked as director) or the plan's facilitator (and
administrators). Every write is in the audit trail (the session's audit listener, bound
by `authorize`); a line is edited with the version it was read at, so a second person's
save is refused rather than silently overwriting; lines are archived, never deleted.

Sums per plan (`tracking.readmodel.harvest_lines.harvest_sums`), in kr.:
`harvest_planned` (lines still planned), `harvest_decided` (decided, not yet taken out),
`harvested` (taken out of the budget: "Hjemtaget"). The overview's råderum is the
realised benefit to date less what is decided or harvested: what is still free to be
decided on.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Engine
from sqlmodel import Session

from tracking.auth import Actor, Permission, PermissionDenied, authorize
from tracking.auth.guard import bind
from tracking.clock import now, today
from tracking.db import session_scope
from tracking.errors import NotFoundError, ValidationError
from tracking.models import BenefitHarvest, HarvestStatus, Plan
from tracking.models.users import UserAccount
from tracking.parsing import refuse_control_chars
from tracking.rules import FIRST_PLAN_YEAR, LAST_PLAN_YEAR

__all__ = ["HarvestInput", "archive_harvest", "may_decide_harvest", "save_harvest"]

MAX_TEXT = 500
MAX_AMOUNT = 1e12


@dataclass
class HarvestInput:
    budget_year: int
    amount: float  # kr.
    account: str = ""
    decision: str = ""
    status: str = HarvestStatus.PLANNED.value
    approved_by: str = ""  # empty: the person saving, once decided or harvested
    approved_on: date | None = None  # empty: today, once decided or harvested


def _text(value: str | None, field: str) -> str:
    text = refuse_control_chars(value, field).strip()
    if len(text) > MAX_TEXT:
        raise ValidationError("error.harvest_text_too_long", field, max=MAX_TEXT)
    return text


def _validate(data: HarvestInput, actor: Actor) -> HarvestInput:
    try:
        year = int(data.budget_year)
    except (TypeError, ValueError):
        raise ValidationError("error.harvest_year", "budget_year", first=FIRST_PLAN_YEAR,
                              last=LAST_PLAN_YEAR) from None
    if not FIRST_PLAN_YEAR <= year <= LAST_PLAN_YEAR:
        raise ValidationError("error.harvest_year", "budget_year", first=FIRST_PLAN_YEAR,
                              last=LAST_PLAN_YEAR)
    try:
        amount = float(data.amount)
    except (TypeError, ValueError):
        raise ValidationError("error.harvest_amount", "amount") from None
    if not math.isfinite(amount) or amount <= 0 or amount > MAX_AMOUNT:
        raise ValidationError("error.harvest_amount", "amount")
    try:
        status = HarvestStatus(data.status)
    except ValueError:
        raise ValidationError("error.harvest_status", "status", value=data.status) from None
    account = _text(data.account, "account")
    decision = _text(data.decision, "decision")
    approved_by = _text(data.approved_by, "approved_by")
    approved_on = data.approved_on
    if status is not HarvestStatus.PLANNED:
        if not decision:
            raise ValidationError("error.harvest_decision_required", "decision")
        approved_by = approved_by or actor.name
        approved_on = approved_on or today()
    return HarvestInput(year, amount, account, decision, status.value, approved_by,
                        approved_on)


def may_decide_harvest(session: Session, actor: Actor | None, plan_id: int) -> None:
    """Refuse unless `actor` is the plan's facilitator, an administrator or a director
    (PermissionDenied naming the plan); binds the actor for the audit trail."""
    try:
        authorize(session, actor, Permission.EDIT_PLAN, plan_id)
        return
    except PermissionDenied as refused:
        if actor is None or actor.user_id is None or refused.code == "error.plan_archived_named":
            raise
        user = session.get(UserAccount, actor.user_id)
        if user is None or user.archived_at is not None or not user.is_director:
            plan = session.get(Plan, plan_id)
            raise PermissionDenied("error.harvest_needs_decider",
                                   plan=plan.name if plan else str(plan_id)) from None
        bind(session, actor, plan_id)


def save_harvest(engine: Engine, plan_id: int, data: HarvestInput, actor: Actor | None,
                 harvest_id: int | None = None,
                 expected_version: int | None = None) -> BenefitHarvest:
    """Create a harvest line (no `harvest_id`) or change one; `expected_version` is the
    version the form showed (a change made since is refused)."""
    with session_scope(engine) as session:
        if session.get(Plan, plan_id) is None:
            raise NotFoundError("error.plan_not_found", "plan_id", id=plan_id)
        may_decide_harvest(session, actor, plan_id)
        clean = _validate(data, actor)  # type: ignore[arg-type]
        if harvest_id is None:
            row = BenefitHarvest(plan_id=plan_id, budget_year=clean.budget_year,
                                 amount=clean.amount)
        else:
            row = session.get(BenefitHarvest, harvest_id)
            if row is None or row.plan_id != plan_id or row.archived_at is not None:
                raise NotFoundError("error.harvest_not_found", "harvest_id", id=harvest_id)
            if expected_version is not None and expected_version != row.version:
                raise ValidationError("error.harvest_stale", "version", by=row.updated_by)
            row.version += 1
        row.budget_year, row.amount = clean.budget_year, clean.amount
        row.account, row.decision, row.status = clean.account, clean.decision, clean.status
        row.approved_by, row.approved_on = clean.approved_by, clean.approved_on
        row.updated_at, row.updated_by = now(), actor.name  # type: ignore[union-attr]
        session.add(row)
        session.flush()
        return row


def archive_harvest(engine: Engine, harvest_id: int, actor: Actor | None) -> None:
    """Take a line out of the sums (kept, with its history, in the audit trail)."""
    with session_scope(engine) as session:
        row = session.get(BenefitHarvest, harvest_id)
        if row is None or row.archived_at is not None:
            raise NotFoundError("error.harvest_not_found", "harvest_id", id=harvest_id)
        may_decide_harvest(session, actor, row.plan_id)
        row.archived_at, row.updated_by = now(), actor.name  # type: ignore[union-attr]
        row.version += 1
        session.add(row)


