"""Accounts and plan members as read (for the admin pages, the CLI and the API)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine, func
from sqlmodel import Session, select

from tracking.auth.roles import Role
from tracking.auth.signin import normalize_email
from tracking.lookup import get_or_refuse
from tracking.models import Membership, UserAccount


@dataclass(frozen=True)
class UserRow:
    id: int
    email: str
    name: str
    is_admin: bool
    active: bool
    has_password: bool  # False: signs in only through the organisation's login (OIDC)
    version: int
    created_at: datetime
    is_director: bool = False


@dataclass(frozen=True)
class MemberRow:
    user_id: int
    name: str
    email: str
    role: Role
    active: bool  # the account (a deactivated account keeps its membership on record)
    version: int


def user_row(user: UserAccount) -> UserRow:
    return UserRow(id=user.id, email=user.email, name=user.name,  # type: ignore[arg-type]
                   is_admin=user.is_admin, active=user.archived_at is None,
                   has_password=bool(user.password_hash), version=user.version,
                   created_at=user.created_at, is_director=bool(user.is_director))


def active_admins(session: Session) -> int:
    return session.exec(select(func.count()).select_from(UserAccount).where(
        UserAccount.is_admin, UserAccount.archived_at.is_(None))).one()  # type: ignore[union-attr]


def member_row(member: Membership, user: UserAccount) -> MemberRow:
    return MemberRow(user_id=user.id, name=user.name, email=user.email,  # type: ignore[arg-type]
                     role=Role(member.role), active=user.archived_at is None,
                     version=member.version)


def list_users(engine: Engine, include_inactive: bool = True) -> list[UserRow]:
    """Accounts by name (active first)."""
    with Session(engine) as session:
        query = select(UserAccount)
        if not include_inactive:
            query = query.where(UserAccount.archived_at.is_(None))  # type: ignore[union-attr]
        users = session.exec(query).all()
    return sorted((user_row(u) for u in users), key=lambda r: (not r.active, r.name.lower()))


def get_user(engine: Engine, user_id: int) -> UserRow:
    with Session(engine) as session:
        return user_row(get_or_refuse(session, UserAccount, user_id, "error.user_not_found"))


def find_user(engine: Engine, email: str) -> UserRow | None:
    with Session(engine) as session:
        user = session.exec(select(UserAccount).where(
            UserAccount.email == normalize_email(email))).first()
        return user_row(user) if user else None


def list_members(engine: Engine, plan_id: int) -> list[MemberRow]:
    """The plan's current members, highest role first, then by name."""
    with Session(engine) as session:
        rows = session.exec(select(Membership, UserAccount)
                            .join(UserAccount, UserAccount.id == Membership.user_id)
                            .where(Membership.plan_id == plan_id,
                                   Membership.archived_at.is_(None))).all()  # type: ignore[union-attr]
    members = [member_row(m, u) for m, u in rows]
    return sorted(members, key=lambda m: (-m.role.rank, m.name.lower()))


def has_active_admin(engine: Engine) -> bool:
    with Session(engine) as session:
        return active_admins(session) > 0


def count_users(engine: Engine) -> int:
    with Session(engine) as session:
        return session.exec(select(func.count()).select_from(UserAccount)).one()
