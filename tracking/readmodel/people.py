"""Names typed on cards that mean no account (or several): their people cannot get
reminders. Listed for an administrator on Brugere, to create the account or fix the name.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from sqlalchemy import Engine
from sqlmodel import Session, select

from tracking.models import (
    Action,
    ActionStatus,
    Idea,
    Indicator,
    Membership,
    Plan,
    PlanTheme,
    TreeNode,
    UserAccount,
)
from tracking.people import People, active_people

OPEN = (ActionStatus.DECIDED.value, ActionStatus.STARTED.value)


@dataclass(frozen=True)
class UnmatchedName:
    plan: str
    name: str
    where: str  # "action", "idea", "indicator", "theme", "benefit"
    count: int
    ambiguous: bool  # several accounts have this name (else none has)


def _unmatched(people: People, name: str) -> tuple[bool, bool]:
    """(unmatched, ambiguous)."""
    if not name.strip() or people.account_for(name) is not None:
        return False, False
    ids = people.by_name.get(" ".join(name.split()).casefold(), [])
    return True, len(ids) > 1


def unmatched_names(engine: Engine) -> list[UnmatchedName]:
    with Session(engine) as s:
        people = active_people(s)
        plans = {p.id: p.name for p in s.exec(select(Plan).where(
            Plan.archived_at.is_(None)))}  # type: ignore[union-attr]
        found: Counter[tuple[str, str, str]] = Counter()
        for plan_id, name in s.exec(select(Action.plan_id, Action.responsible).where(
                Action.archived_at.is_(None), Action.status.in_(OPEN),  # type: ignore[union-attr,attr-defined]
                Action.responsible_user_id.is_(None))):  # type: ignore[union-attr]
            found[(plans.get(plan_id, ""), name, "action")] += 1
        for plan_id, name in s.exec(select(Idea.plan_id, Idea.author).where(
                Idea.archived_at.is_(None),  # type: ignore[union-attr]
                Idea.author_user_id.is_(None))):  # type: ignore[union-attr]
            found[(plans.get(plan_id, ""), name, "idea")] += 1
        for plan_id, name in s.exec(select(Indicator.plan_id, Indicator.owner).where(
                Indicator.archived_at.is_(None),  # type: ignore[union-attr]
                Indicator.owner_user_id.is_(None))):  # type: ignore[union-attr]
            found[(plans.get(plan_id, ""), name, "indicator")] += 1
        for plan_id, name in s.exec(select(PlanTheme.plan_id, PlanTheme.responsible).where(
                PlanTheme.responsible_user_id.is_(None))):  # type: ignore[union-attr]
            found[(plans.get(plan_id, ""), name, "theme")] += 1
        for plan_id, name in s.exec(select(TreeNode.plan_id, TreeNode.owner).where(
                TreeNode.archived_at.is_(None),  # type: ignore[union-attr]
                TreeNode.owner_user_id.is_(None))):  # type: ignore[union-attr]
            found[(plans.get(plan_id, ""), name, "benefit")] += 1
    out = []
    for (plan, name, where), count in found.items():
        unmatched, ambiguous = _unmatched(people, name)
        if plan and unmatched:
            out.append(UnmatchedName(plan, name.strip(), where, count, ambiguous))
    return sorted(out, key=lambda u: (u.plan, u.name.casefold(), u.where))


def reachable_names(engine: Engine) -> frozenset[str]:
    """Names (case-folded, spaces collapsed) that mean exactly one active account: their
    people can get reminders. A card shows "kan ikke få påmindelser" for any other name."""
    with Session(engine) as s:
        people = active_people(s)
    return frozenset(k for k, ids in people.by_name.items() if len(ids) == 1)


def plan_people(engine: Engine, plan_id: int) -> list[str]:
    """The names of the plan's people (accounts with a role in it), to choose from."""
    with Session(engine) as s:
        return sorted(s.exec(select(UserAccount.name).join(
            Membership, Membership.user_id == UserAccount.id).where(
            Membership.plan_id == plan_id, Membership.archived_at.is_(None),  # type: ignore[union-attr]
            UserAccount.archived_at.is_(None))).all(), key=str.casefold)  # type: ignore[union-attr]


def name_key(name: str) -> str:
    return " ".join((name or "").split()).casefold()
