"""Signing in and out: local passwords or OpenID Connect, and sessions that expire.

Sessions: the browser keeps a random token (`secrets.token_urlsafe(32)`); the database
keeps only its SHA-256, so a copy of the database signs nobody in. A session ends after
8 hours without use (idle: a working day, so a board left on over night asks again) and
at the latest 24 hours after sign-in (absolute), or when the person signs out, is
deactivated or gets a new password from an administrator.

Refusals: a wrong password, an unknown e-mail and a deactivated account get the same
message, and take the same time, so the form does not tell which accounts exist or
whether a password was right. Each refused sign-in writes one audit record
("login_failed", actor = the e-mail typed); `MAX_FAILURES` of them for one e-mail within
`FAILURE_WINDOW` refuse further attempts, even with the right password, until the window
has passed. Counting the audit records (not a counter in memory) makes the limit hold
across processes and restarts; attempts for one e-mail run one at a time (a lock per
e-mail held from the count to the record), so parallel tries cannot pass it either.
"""

from __future__ import annotations

import hashlib
import math
import secrets
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine, func, text, update
from sqlmodel import Session, select

from tracking import audit
from tracking.auth.actor import Actor
from tracking.auth.guard import bind
from tracking.auth.passwords import needs_rehash, rehash, verify_password
from tracking.clock import now
from tracking.db import session_scope
from tracking.errors import GevinstError
from tracking.identity_text import normalize_email as normalize_identity_email
from tracking.models import AuditRecord, LoginSession, UserAccount

IDLE_TIMEOUT = timedelta(hours=8)
ABSOLUTE_TIMEOUT = timedelta(hours=24)
# last_seen_at is written at most this often: a page rerun on every click must not
# write to the database each time.
TOUCH_EVERY = timedelta(minutes=1)
MAX_FAILURES = 5
FAILURE_WINDOW = timedelta(minutes=15)
MAX_EMAIL = 254  # RFC 5321; longer input is cut before it is stored in the audit trail

SIGN_IN = Actor.system("sign-in")


class SignInRefused(GevinstError):
    """The sign-in was refused; the message says why as far as it is safe to say."""


class SessionExpired(GevinstError):
    """The session token is unknown, ended or expired: sign in again."""


def normalize_email(email: str) -> str:
    return normalize_identity_email(email)[:MAX_EMAIL]


def _aware(value: datetime) -> datetime:
    # DuckDB and PostgreSQL give back naive timestamps for a timezone-less column.
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def actor_of(user: UserAccount) -> Actor:
    return Actor(name=user.name, user_id=user.id, email=user.email, is_admin=user.is_admin)


def _account(session: Session, email: str) -> UserAccount | None:
    return session.exec(select(UserAccount).where(UserAccount.email == email)).first()


def _record_refusal(session: Session, email: str, user_id: int | None, reason: str,
                    action: str = "login_failed", at: datetime | None = None) -> None:
    """One audit record of a refused sign-in, in the attempt's own transaction (which
    commits: the refusal stands)."""
    bind(session, SIGN_IN)
    audit.record(session, SIGN_IN, "user_account", user_id, action,
                 new={"reason": reason}, actor_name=email)
    if at is not None:  # the time of the attempt, which tests choose
        _set_time_of_last(session, email, action, at)


def _set_time_of_last(session: Session, email: str, action: str, at: datetime) -> None:
    last = session.exec(select(func.max(AuditRecord.id)).where(
        AuditRecord.actor == email, AuditRecord.action == action)).one()
    session.exec(update(AuditRecord).where(AuditRecord.id == last)  # type: ignore[call-overload]
                 .values(happened_at=at))


# Attempts for one e-mail run one at a time, from the count of failures to the record of
# this one, so that parallel tries cannot all pass the check before any is counted.
# PostgreSQL: a transaction-level advisory lock per e-mail (every process). DuckDB (one
# process holds the file) and SQLite: one of a fixed set of process locks, by e-mail.
_LOCK_SPACE = 22  # the first key of our advisory locks
_STRIPES = [threading.Lock() for _ in range(64)]


@contextmanager
def _one_attempt_at_a_time(engine: Engine, email: str) -> Iterator[Session]:
    """A session whose transaction holds the e-mail's lock until it commits."""
    if engine.dialect.name == "postgresql":
        with session_scope(engine) as session:
            session.exec(text("SELECT pg_advisory_xact_lock(:space, hashtext(:email))")
                         .bindparams(space=_LOCK_SPACE, email=email))  # type: ignore[call-overload]
            yield session
        return
    stripe = _STRIPES[int(hashlib.sha256(email.encode("utf-8")).hexdigest(), 16)
                      % len(_STRIPES)]
    with stripe, session_scope(engine) as session:
        yield session


def _minutes_locked(session: Session, email: str, at: datetime) -> int:
    times = session.exec(select(AuditRecord.happened_at).where(
        AuditRecord.entity == "user_account", AuditRecord.action == "login_failed",
        AuditRecord.actor == email, AuditRecord.happened_at > at - FAILURE_WINDOW)
        .order_by(AuditRecord.happened_at.desc())).all()  # type: ignore[union-attr]
    if len(times) < MAX_FAILURES:
        return 0
    # Free again when the MAX_FAILURES-th latest failure leaves the window.
    free_at = _aware(times[MAX_FAILURES - 1]) + FAILURE_WINDOW
    return max(1, math.ceil((free_at - at).total_seconds() / 60))


def minutes_locked(engine: Engine, email: str, at: datetime | None = None) -> int:
    """Minutes until `email` may try again; 0 when it may try now."""
    with Session(engine) as session:
        return _minutes_locked(session, normalize_email(email), at or now())


def _open_session(session: Session, user: UserAccount, method: str, at: datetime) -> str:
    token = secrets.token_urlsafe(32)
    session.add(LoginSession(token_hash=_token_hash(token), user_id=user.id,  # type: ignore[arg-type]
                             created_at=at, last_seen_at=at, expires_at=at + ABSOLUTE_TIMEOUT))
    actor = actor_of(user)
    bind(session, actor)
    audit.record(session, actor, "user_account", user.id, "login", new={"method": method})
    return token


def sign_in(engine: Engine, email: str, password: str,
            at: datetime | None = None) -> tuple[Actor, str]:
    """Check e-mail and password; return the person and a new session token.

    Raises `SignInRefused`: "error.sign_in_locked" after too many failures, otherwise
    "error.sign_in_failed" for every refusal alike (wrong password, unknown e-mail, an
    account without a password, a deactivated account even with the right password), so
    the answer tells nothing about the account. The audit record says which it was.
    """
    at = at or now()
    email = normalize_email(email)
    with _one_attempt_at_a_time(engine, email) as session:
        wait = _minutes_locked(session, email, at)
        if wait:
            _record_refusal(session, email, None, "locked", action="login_blocked", at=at)
            refused: tuple[int | None, str] | None = None
        else:
            user = _account(session, email) if email else None
            stored = user.password_hash if user else None
            if not verify_password(stored, password or ""):
                reason = "unknown" if user is None else "no_password" if not stored \
                    else "password"
                refused = (user.id if user else None, reason)
            elif user is not None and user.archived_at is not None:
                refused = (user.id, "inactive")
            else:
                assert user is not None and stored is not None
                if needs_rehash(stored):
                    bind(session, actor_of(user))
                    user.password_hash = rehash(password)
                    session.add(user)
                return actor_of(user), _open_session(session, user, "password", at)
            _record_refusal(session, email, refused[0], refused[1], at=at)
    if wait:
        code = "error.sign_in_locked" if wait > 1 else "error.sign_in_locked_one"
        raise SignInRefused(code, "password", minutes=wait)
    raise SignInRefused("error.sign_in_failed", "email")


def sign_in_oidc(engine: Engine, email: str, name: str = "",
                 at: datetime | None = None) -> tuple[Actor, str]:
    """Sign in someone the identity provider has vouched for, matched by e-mail.

    The provider has checked who they are, so here an unknown e-mail may be named: the
    person sees which address has no account and whom to ask.
    """
    at = at or now()
    email = normalize_email(email)
    with session_scope(engine) as session:
        user = _account(session, email) if email else None
        if user is not None and user.archived_at is None:
            return actor_of(user), _open_session(session, user, "oidc", at)
    reason = "unknown" if user is None else "inactive"
    with session_scope(engine) as session:
        _record_refusal(session, email, user.id if user else None, f"oidc_{reason}", at=at)
    if user is None:
        raise SignInRefused("error.oidc_no_account", None, email=email or "?",
                            name=name or email or "?")
    raise SignInRefused("error.account_inactive")


def resume(engine: Engine, token: str | None, at: datetime | None = None) -> Actor:
    """The person of a live session, as the database has them now; refreshes its use.

    Raises `SessionExpired` for an unknown, ended or expired token and
    "error.account_inactive" (as SessionExpired) if the account was deactivated.
    """
    at = at or now()
    if not token:
        raise SessionExpired("error.session_expired")
    with session_scope(engine) as session:
        row = session.get(LoginSession, _token_hash(token))
        if row is None:
            raise SessionExpired("error.session_expired")
        user = session.get(UserAccount, row.user_id)
        if user is None or user.archived_at is not None:  # says why, even if ended
            raise SessionExpired("error.account_inactive")
        if row.ended_at is not None or at >= _aware(row.expires_at) \
                or at >= _aware(row.last_seen_at) + IDLE_TIMEOUT:
            raise SessionExpired("error.session_expired")
        if at - _aware(row.last_seen_at) >= TOUCH_EVERY:
            row.last_seen_at = at
            session.add(row)
        return actor_of(user)


def sign_out(engine: Engine, token: str | None, at: datetime | None = None) -> None:
    """End the session (a second sign-out, or an unknown token, does nothing)."""
    if not token:
        return
    at = at or now()
    with session_scope(engine) as session:
        row = session.get(LoginSession, _token_hash(token))
        if row is None or row.ended_at is not None:
            return
        row.ended_at = at
        session.add(row)
        user = session.get(UserAccount, row.user_id)
        actor = actor_of(user) if user else SIGN_IN
        bind(session, actor)
        audit.record(session, actor, "user_account", row.user_id, "logout")


def anyone_signed_in(engine: Engine) -> bool:
    """Has anybody ever signed in here? (Not yet: a fresh install; the form says how.)"""
    with Session(engine) as session:
        return session.exec(select(LoginSession.token_hash).limit(1)).first() is not None


def end_sessions(session: Session, user_id: int, at: datetime | None = None,
                 keep_token: str | None = None) -> int:
    """End every open session of an account (new password, deactivation)."""
    at = at or now()
    query = update(LoginSession).where(
        LoginSession.user_id == user_id, LoginSession.ended_at.is_(None))  # type: ignore[union-attr]
    if keep_token:
        query = query.where(LoginSession.token_hash != _token_hash(keep_token))
    result = session.exec(query.values(ended_at=at))  # type: ignore[call-overload]
    return result.rowcount or 0
