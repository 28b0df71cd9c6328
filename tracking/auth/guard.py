"""The one check every write service makes before it changes anything."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine
from sqlmodel import Session, select

from tracking.auth.actor import Actor
from tracking.auth.roles import Permission, Role, allowed, parse_role
from tracking.errors import GevinstError
from tracking.models import Indicator, Membership, Plan, UserAccount


class PermissionDenied(GevinstError):
    """The actor may not do this; nothing was written."""


def bind(session: Session, actor: Actor, plan_id: int | None = None) -> None:
    """Tell the audit trail who acts in this session, and in which plan."""
    session.info["actor"] = actor
    if plan_id is not None:
        session.info["plan_id"] = plan_id


def role_in_plan(session: Session, user_id: int, plan_id: int) -> Role | None:
    role = session.exec(select(Membership.role).where(
        Membership.user_id == user_id, Membership.plan_id == plan_id,
        Membership.archived_at.is_(None))).first()  # type: ignore[union-attr]
    return parse_role(role)


def _account(session: Session, actor: Actor) -> UserAccount:
    if actor.user_id is None:
        raise PermissionDenied("error.not_signed_in")
    user = session.get(UserAccount, actor.user_id)
    if user is None or user.archived_at is not None:
        raise PermissionDenied("error.account_inactive")
    return user


# Writes into a plan's content; an archived plan refuses them all (`archived_ok`: the
# few writes that an archived plan still takes: restoring it, closing a meeting left
# open, revoking a kiosk link).
_PLAN_CONTENT = frozenset({Permission.EDIT_BOARD, Permission.ENTER_FIGURES,
                           Permission.EDIT_PLAN, Permission.RUN_MEETING})


class PlanArchived(PermissionDenied):
    """The plan is archived: nothing in it changes until it is restored."""


def authorize(session: Session, actor: Actor | None, permission: Permission,
              plan_id: int | None = None, indicator_id: int | None = None, *,
              archived_ok: bool = False) -> None:
    """Refuse with `PermissionDenied` unless `actor` may do `permission` in `plan_id`,
    and with `PlanArchived` for a write into an archived plan (the system too).

    Also binds the actor to the session, so the audit records of the write name them.
    """
    if actor is None:  # nobody signed in
        raise PermissionDenied("error.not_signed_in")
    if not isinstance(actor, Actor):
        raise TypeError(f"actor must be an Actor, not {type(actor).__name__}")
    bind(session, actor, plan_id)
    if plan_id is not None and permission in _PLAN_CONTENT and not archived_ok:
        target = session.get(Plan, plan_id)
        if target is not None and target.archived_at is not None:
            raise PlanArchived("error.plan_archived_named", plan=target.name)
    if actor.is_system:
        return
    user = _account(session, actor)
    if user.is_admin:
        return
    if plan_id is None:  # creating plans, managing users
        raise PermissionDenied("error.admin_only")
    role = role_in_plan(session, user.id, plan_id)  # type: ignore[arg-type]
    owns = False
    if permission is Permission.ENTER_FIGURES and indicator_id is not None:
        ind = session.get(Indicator, indicator_id)
        owns = ind is not None and ind.owner_user_id == user.id
    if allowed(permission, role, owns_indicator=owns):
        return
    plan = session.get(Plan, plan_id)
    plan_name = plan.name if plan else str(plan_id)
    if permission is Permission.ENTER_FIGURES and role is Role.OWNER:
        ind = session.get(Indicator, indicator_id) if indicator_id is not None else None
        raise PermissionDenied("error.not_indicator_owner",
                               indicator=ind.name if ind else "?", plan=plan_name)
    raise PermissionDenied(f"error.needs_{permission.value}", plan=plan_name)


@dataclass(frozen=True)
class Capabilities:
    """What the actor may do in one plan; pages use it to offer only what will work."""

    role: Role | None
    is_admin: bool
    owned_indicator_ids: frozenset[int]

    def can(self, permission: Permission, indicator_id: int | None = None) -> bool:
        return allowed(permission, self.role, self.is_admin,
                       owns_indicator=indicator_id in self.owned_indicator_ids)


def capabilities(engine: Engine, actor: Actor, plan_id: int | None) -> Capabilities:
    if actor.is_system:
        return Capabilities(Role.FACILITATOR, True, frozenset())
    with Session(engine) as session:
        user = session.get(UserAccount, actor.user_id) if actor.user_id is not None else None
        if user is None or user.archived_at is not None:
            return Capabilities(None, False, frozenset())
        role = role_in_plan(session, user.id, plan_id) if plan_id is not None else None  # type: ignore[arg-type]
        owned = frozenset(session.exec(select(Indicator.id).where(
            Indicator.plan_id == plan_id, Indicator.owner_user_id == user.id)).all()) \
            if plan_id is not None else frozenset()
        return Capabilities(role, user.is_admin, owned)  # type: ignore[arg-type]
