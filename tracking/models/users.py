"""People: accounts, their membership of plans, sign-in sessions, and the audit trail.

An account signs in with a local password (hashed) or through OpenID Connect, matched by
e-mail. Roles are per plan (`Membership`); `is_admin` is the only global role. Every
change of stored data writes an `AuditRecord` in the same transaction (see
`tracking.audit`).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from tracking.clock import now
from tracking.models.goal import id_column

__all__ = ["AuditRecord", "LoginSession", "Membership", "SignInTicket", "UserAccount"]


class UserAccount(SQLModel, table=True):
    __tablename__ = "user_account"
    id: int | None = Field(default=None, sa_column=id_column("user_account_id_seq"))
    email: str = Field(index=True, unique=True)  # stored lower-case
    name: str
    password_hash: str | None = None  # None: signs in only through OpenID Connect
    is_admin: bool = False
    archived_at: datetime | None = None  # deactivated; kept so the audit trail resolves
    created_at: datetime = Field(default_factory=now)
    updated_at: datetime = Field(default_factory=now)
    version: int = 1
    # Last, so the columns before it keep their places (backups, exports).
    is_director: bool = False  # lands on Oversigt; gets the monthly letter
    language: str = ""  # of the e-mails: "da", "en"; "" = GEVINST_LANG


class Membership(SQLModel, table=True):
    """A person's role in one plan: viewer, member, owner (benefit owner), facilitator."""

    __table_args__ = (UniqueConstraint("plan_id", "user_id"),)
    id: int | None = Field(default=None, sa_column=id_column("membership_id_seq"))
    plan_id: int = Field(foreign_key="plan.id", index=True)
    user_id: int = Field(foreign_key="user_account.id", index=True)
    role: str
    archived_at: datetime | None = None  # membership ended
    created_at: datetime = Field(default_factory=now)
    updated_at: datetime = Field(default_factory=now)
    version: int = 1


class LoginSession(SQLModel, table=True):
    """A signed-in browser session. Only a hash of its token is stored."""

    __tablename__ = "login_session"
    token_hash: str = Field(primary_key=True)
    user_id: int = Field(foreign_key="user_account.id", index=True)
    created_at: datetime = Field(default_factory=now)
    last_seen_at: datetime = Field(default_factory=now)
    expires_at: datetime
    ended_at: datetime | None = None  # signed out


class AuditRecord(SQLModel, table=True):
    """Who changed what, when, from which value to which; also refused sign-ins."""

    __tablename__ = "audit_record"
    id: int | None = Field(default=None, sa_column=id_column("audit_record_id_seq"))
    happened_at: datetime = Field(default_factory=now, index=True)
    user_id: int | None = None  # None for the system (CLI, demo loader) or unknown users
    actor: str = ""  # the name shown, kept even if the account changes later
    plan_id: int | None = Field(default=None, index=True)
    entity: str  # table name: "measurement", "idea", "action", "plan", ...
    entity_id: str = ""  # primary key as text (some keys are composite)
    action: str  # "create", "update", "login_failed", ...
    old_values: str = ""  # JSON of the changed columns before
    new_values: str = ""  # JSON of the changed columns after


class SignInTicket(SQLModel, table=True):
    """A one-time ticket that turns a sign-in made in the page into a browser cookie.

    The page makes it right after a sign-in and sends the browser to /session/start with
    it; that route spends it (once, within a minute) for a session kept in an HttpOnly
    cookie. Only a hash is stored.
    """

    __tablename__ = "signin_ticket"
    ticket_hash: str = Field(primary_key=True)
    session_hash: str  # the page's session (LoginSession.token_hash), ended when spent
    expires_at: datetime
    used_at: datetime | None = None
