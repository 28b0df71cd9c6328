"""Accounts and memberships: what an administrator does on the Brugere page (and the CLI).

Every change checks `Permission.MANAGE_USERS` first (admins and the local system only),
which also names the actor for the audit trail. Accounts are never deleted, only
deactivated, so the audit trail always resolves who did what. Password hashes never
leave this module: pages get `UserRow`, which has no hash.
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import Engine
from sqlmodel import Session, select

from tracking import audit
from tracking.auth.actor import Actor
from tracking.auth.guard import PermissionDenied, authorize, bind
from tracking.auth.passwords import hash_password, validate_password, verify_password
from tracking.auth.roles import Permission, Role
from tracking.auth.signin import end_sessions, normalize_email
from tracking.board_rules import StaleError
from tracking.clock import now
from tracking.db import session_scope
from tracking.errors import NotFoundError, Phrase, ValidationError
from tracking.identity_text import check_email, check_name, normalize_text
from tracking.lookup import get_or_refuse
from tracking.models import AuditRecord, Membership, Plan, UserAccount
from tracking.readmodel.users import MemberRow, UserRow, active_admins, member_row, user_row

MAX_NAME = 200
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+$")  # admin@localhost is a valid first account


class AccountStale(StaleError):
    """Someone changed the account after the form was opened; names it in the reader's
    language."""

    def __init__(self, code: str, field: str | None = None, current: Any = None,
                 **params: Any) -> None:
        super().__init__(code, field, current=current,
                         what=Phrase.of("users.the_account", name=params.pop("name", "")),
                         **params)


def _clean_email(email: str) -> str:
    value = normalize_email(email)
    check_email(email or "", value)
    if not value:
        raise ValidationError("error.email_required", "email")
    if not _EMAIL.match(value):
        raise ValidationError("error.email_invalid", "email", email=value)
    return value


def _clean_name(name: str) -> str:
    value = normalize_text(name)
    if not value:  # also a name of only invisible characters
        raise ValidationError("error.user_name_required", "name")
    check_name(value)
    if len(value) > MAX_NAME:
        raise ValidationError("error.user_name_too_long", "name", max=MAX_NAME)
    return value


def _email_taken(session: Session, email: str, other_than: int | None = None) -> None:
    query = select(UserAccount.id).where(UserAccount.email == email)
    if other_than is not None:
        query = query.where(UserAccount.id != other_than)
    if session.exec(query).first() is not None:
        raise ValidationError("error.email_taken", "email", email=email)


def _refuse_losing_last_admin(session: Session, user: UserAccount) -> None:
    if user.is_admin and user.archived_at is None and active_admins(session) <= 1:
        raise ValidationError("error.last_admin", "is_admin", name=user.name)


def _last_changed_by(session: Session, user_id: int) -> str:
    who = session.exec(select(AuditRecord.actor).where(
        AuditRecord.entity == "user_account", AuditRecord.entity_id == str(user_id),
        AuditRecord.action.in_(("create", "update")))  # type: ignore[attr-defined]
        .order_by(AuditRecord.id.desc())).first()  # type: ignore[union-attr]
    return who or "?"


def create_user(engine: Engine, email: str, name: str, *, actor: Actor,
                password: str | None = None, is_admin: bool = False) -> UserRow:
    """A new account. Without a password it signs in only through OIDC."""
    email, name = _clean_email(email), _clean_name(name)
    hashed = hash_password(password) if password is not None else None
    with session_scope(engine) as session:
        authorize(session, actor, Permission.MANAGE_USERS)
        _email_taken(session, email)
        user = UserAccount(email=email, name=name, password_hash=hashed, is_admin=is_admin)
        session.add(user)
        session.flush()
        if hashed:
            audit.record(session, actor, "user_account", user.id, "password_set",
                         new={"by_admin": True})
        return user_row(user)


def update_user(engine: Engine, user_id: int, *, actor: Actor, expected_version: int,
                name: str, email: str, is_admin: bool) -> UserRow:
    """Change name, e-mail and the admin flag; refused if someone changed the account since
    `expected_version` (the version the form showed)."""
    email, name = _clean_email(email), _clean_name(name)
    with session_scope(engine) as session:
        authorize(session, actor, Permission.MANAGE_USERS)
        user = get_or_refuse(session, UserAccount, user_id, "error.user_not_found")
        if user.version != expected_version:
            raise AccountStale("error.stale_record", "version", current=user_row(user),
                               name=user.name, by=_last_changed_by(session, user.id),
                               at=user.updated_at)
        _email_taken(session, email, other_than=user.id)
        if user.is_admin and not is_admin:
            _refuse_losing_last_admin(session, user)
        if (user.name, user.email, user.is_admin) == (name, email, is_admin):
            return user_row(user)
        user.name, user.email, user.is_admin = name, email, is_admin
        user.version += 1
        user.updated_at = now()
        session.add(user)
        session.flush()
        return user_row(user)


def set_password(engine: Engine, user_id: int, new_password: str, *, actor: Actor | None,
                 old_password: str | None = None, keep_token: str | None = None) -> None:
    """A new password: an administrator for anyone, or a person for themselves with their
    current password. Ends the account's other sessions (`keep_token`: the one in use)."""
    if actor is None:  # nobody signed in: the same refusal as every other write
        raise PermissionDenied("error.not_signed_in")
    validate_password(new_password, "new_password")
    own = actor.user_id is not None and actor.user_id == user_id and not actor.is_system
    with session_scope(engine) as session:
        if own:
            bind(session, actor)
            user = get_or_refuse(session, UserAccount, user_id, "error.user_not_found")
            if user.archived_at is not None:
                raise PermissionDenied("error.account_inactive")
            if not verify_password(user.password_hash, old_password or ""):
                raise ValidationError("error.old_password_wrong", "old_password")
        else:
            authorize(session, actor, Permission.MANAGE_USERS)
            user = get_or_refuse(session, UserAccount, user_id, "error.user_not_found")
        user.password_hash = hash_password(new_password)
        session.add(user)
        # The hash is never copied into the trail; this record says that it changed.
        audit.record(session, actor, "user_account", user.id, "password_set",
                     new={"by_admin": not own})
        end_sessions(session, user.id, keep_token=keep_token)  # type: ignore[arg-type]


def deactivate_user(engine: Engine, user_id: int, *, actor: Actor) -> UserRow:
    """Archive the account: it can no longer sign in, and its sessions end at once."""
    with session_scope(engine) as session:
        authorize(session, actor, Permission.MANAGE_USERS)
        user = get_or_refuse(session, UserAccount, user_id, "error.user_not_found")
        if user.archived_at is not None:
            return user_row(user)
        if actor.user_id == user.id:
            raise ValidationError("error.cannot_deactivate_self", None)
        _refuse_losing_last_admin(session, user)
        user.archived_at = now()
        user.version += 1
        user.updated_at = now()
        session.add(user)
        end_sessions(session, user.id)  # type: ignore[arg-type]
        session.flush()
        return user_row(user)


def reactivate_user(engine: Engine, user_id: int, *, actor: Actor) -> UserRow:
    with session_scope(engine) as session:
        authorize(session, actor, Permission.MANAGE_USERS)
        user = get_or_refuse(session, UserAccount, user_id, "error.user_not_found")
        if user.archived_at is None:
            return user_row(user)
        user.archived_at = None
        user.version += 1
        user.updated_at = now()
        session.add(user)
        session.flush()
        return user_row(user)


def set_membership(engine: Engine, plan_id: int, user_id: int, role: str | Role | None, *,
                   actor: Actor) -> MemberRow | None:
    """Give `user_id` a role in the plan, change it, or end it (`role=None`)."""
    try:
        wanted = Role(role) if role not in (None, "") else None
    except ValueError:
        raise ValidationError("error.role_unknown", "role", role=role) from None
    with session_scope(engine) as session:
        authorize(session, actor, Permission.MANAGE_USERS, plan_id=plan_id)
        plan = session.get(Plan, plan_id)
        if plan is None:
            raise NotFoundError("error.plan_not_found", None, id=plan_id)
        user = get_or_refuse(session, UserAccount, user_id, "error.user_not_found")
        member = session.exec(select(Membership).where(
            Membership.plan_id == plan_id, Membership.user_id == user_id)).first()
        if wanted is None:
            if member is not None and member.archived_at is None:
                member.archived_at = now()
                member.version += 1
                member.updated_at = now()
                session.add(member)
            return None
        if user.archived_at is not None:
            raise ValidationError("error.user_inactive", "user_id", name=user.name)
        if member is None:
            member = Membership(plan_id=plan_id, user_id=user_id, role=wanted.value)
        elif member.archived_at is None and member.role == wanted.value:
            return member_row(member, user)
        else:
            member.role, member.archived_at = wanted.value, None
            member.version += 1
            member.updated_at = now()
        session.add(member)
        session.flush()
        return member_row(member, user)


