"""API tokens: made and revoked by an administrator, checked on every API call.

A token is `gvt_` + 32 random bytes (URL-safe), shown once; the database keeps its
SHA-256 only. It acts as its account, with the account's roles read at each call, and
may be narrowed to some plans (`plan_ids`) and to reading (`read_only`). A deactivated
account's tokens are refused while it is deactivated; a revoked token for good.

Writes through the API are recorded in the audit trail as the account "via API"
(`api_actor`), so the history tells a robot's figures from a person's.
"""

from __future__ import annotations

import hashlib
import json
import secrets
import time
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, delete, update
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session, select

from tracking.auth import Actor, Permission, authorize
from tracking.auth.signin import TOUCH_EVERY, actor_of
from tracking.clock import now
from tracking.db import session_scope
from tracking.errors import GevinstError, NotFoundError, ValidationError
from tracking.lookup import get_or_refuse
from tracking.models import ApiReply, ApiToken, Plan, UserAccount
from tracking.readmodel.api_tokens import TokenRow, token_plans, token_row

PREFIX = "gvt_"
MAX_LABEL = 100
MAX_KEY = 200


class TokenRefused(GevinstError):
    """No valid token: missing, unknown, revoked, or its account is deactivated (401)."""


@dataclass(frozen=True)
class Grant:
    """What a presented token allows: who acts, in which plans, and whether it may write."""

    token_id: int
    actor: Actor
    plan_ids: frozenset[int]  # empty: every plan
    read_only: bool

    def covers(self, plan_id: int) -> bool:
        return not self.plan_ids or plan_id in self.plan_ids


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def api_actor(user: UserAccount) -> Actor:
    base = actor_of(user)
    return Actor(name=f"{user.name} via API", user_id=base.user_id, email=base.email,
                 is_admin=base.is_admin)


def create_token(engine: Engine, user_id: int, *, actor: Actor, label: str = "",
                 plan_ids: list[int] | None = None,
                 read_only: bool = False) -> tuple[TokenRow, str]:
    """A new token for the account; returns it with the token text (shown only now)."""
    label = (label or "").strip()
    if len(label) > MAX_LABEL:
        raise ValidationError("error.token_label_too_long", "label", max=MAX_LABEL)
    plans = sorted(set(plan_ids or []))
    with session_scope(engine) as session:
        authorize(session, actor, Permission.MANAGE_USERS)
        user = get_or_refuse(session, UserAccount, user_id, "error.user_not_found")
        if user.archived_at is not None:
            raise ValidationError("error.account_inactive", None)
        for plan_id in plans:
            if session.get(Plan, plan_id) is None:
                raise NotFoundError("error.plan_not_found", "plan_id", id=plan_id)
        text = PREFIX + secrets.token_urlsafe(32)
        token = ApiToken(token_hash=token_hash(text), user_id=user.id,  # type: ignore[arg-type]
                         label=label, plan_ids=",".join(map(str, plans)),
                         read_only=read_only)
        session.add(token)
        session.flush()
        return token_row(token, user.email), text


def revoke_token(engine: Engine, token_id: int, *, actor: Actor) -> TokenRow:
    """End a token for good (a second revoke does nothing)."""
    with session_scope(engine) as session:
        authorize(session, actor, Permission.MANAGE_USERS)
        token = session.get(ApiToken, token_id)
        if token is None:
            raise NotFoundError("error.token_not_found", None, id=token_id)
        if token.revoked_at is None:
            token.revoked_at = now()
            session.add(token)
            session.flush()
        owner = get_or_refuse(session, UserAccount, token.user_id, "error.user_not_found")
        return token_row(token, owner.email)


def authenticate(engine: Engine, token: str | None) -> Grant:
    """The grant of a presented token, or `TokenRefused` (the same for every reason)."""
    if not token or not token.startswith(PREFIX):
        raise TokenRefused("error.api_token_missing" if not token else "error.api_token_refused")
    with Session(engine) as session:
        row = session.exec(select(ApiToken).where(
            ApiToken.token_hash == token_hash(token))).first()
        user = session.get(UserAccount, row.user_id) if row is not None else None
        if row is None or row.revoked_at is not None or user is None \
                or user.archived_at is not None:
            raise TokenRefused("error.api_token_refused")
        grant = Grant(row.id, api_actor(user), frozenset(token_plans(row.plan_ids)),  # type: ignore[arg-type]
                      row.read_only)
        last = row.last_used_at
    at = now()
    if last is None or at - (last if last.tzinfo else last.replace(tzinfo=at.tzinfo)) \
            >= TOUCH_EVERY:
        with session_scope(engine) as session:  # not audited: bookkeeping, like sessions
            session.exec(update(ApiToken).where(ApiToken.id == grant.token_id)  # type: ignore[call-overload]
                         .values(last_used_at=at))
    return grant


# -- idempotent writes -------------------------------------------------------------------

class IdempotencyConflict(GevinstError):
    """The key was used before with a different request (409)."""


def request_hash(payload: Any) -> str:
    return hashlib.sha256(json.dumps(payload, sort_keys=True, default=str)
                          .encode("utf-8")).hexdigest()


def check_key(key: str) -> str:
    key = key.strip()
    if not key or len(key) > MAX_KEY or any(ord(c) < 32 for c in key):
        raise ValidationError("error.idempotency_key_invalid", "Idempotency-Key", max=MAX_KEY)
    return key


PENDING = 0  # status of a claimed key whose request is still being served
CLAIM_WAIT = 30.0  # seconds a parallel retry waits for the first request's reply


def stored_reply(engine: Engine, token_id: int, key: str,
                 digest: str) -> tuple[int, Any] | None:
    """The reply given before to this key (status PENDING while the first request is
    still being served), or None; `IdempotencyConflict` if the key came with another
    request."""
    with Session(engine) as session:
        row = session.exec(select(ApiReply).where(
            ApiReply.token_id == token_id, ApiReply.idempotency_key == key)).first()
    if row is None:
        return None
    if row.request_hash != digest:
        raise IdempotencyConflict("error.idempotency_conflict", "Idempotency-Key")
    if row.status_code == PENDING:
        return PENDING, None
    return row.status_code, json.loads(row.body)


def claim_key(engine: Engine, token_id: int, key: str, digest: str,
              wait: float = CLAIM_WAIT) -> tuple[int, Any] | None:
    """Claim the key before doing the work, so parallel retries never both write.

    None: this request holds the key and must `keep_reply` or `release_key`. Otherwise
    the reply of the request that holds it, waited for (up to `wait` seconds)."""
    deadline = time.monotonic() + wait
    while True:
        kept = stored_reply(engine, token_id, key, digest)
        if kept is None:
            try:
                with session_scope(engine) as session:
                    session.add(ApiReply(token_id=token_id, idempotency_key=key,
                                         request_hash=digest, status_code=PENDING,
                                         body="null"))
                return None
            except DBAPIError:  # a parallel request claimed it first (unique key)
                continue
        if kept[0] != PENDING:
            return kept
        if time.monotonic() > deadline:
            raise IdempotencyConflict("error.idempotency_in_progress", "Idempotency-Key")
        time.sleep(0.05)


def keep_reply(engine: Engine, token_id: int, key: str, status_code: int,
               body: Any) -> None:
    """Keep the reply of a claimed key for retries."""
    with session_scope(engine) as session:
        session.exec(update(ApiReply).where(  # type: ignore[call-overload]
            ApiReply.token_id == token_id, ApiReply.idempotency_key == key)
            .values(status_code=status_code, body=json.dumps(body, default=str)))


def release_key(engine: Engine, token_id: int, key: str) -> None:
    """Give a claimed key back (the request was refused), so a retry is served anew."""
    with session_scope(engine) as session:
        session.exec(delete(ApiReply).where(  # type: ignore[call-overload]
            ApiReply.token_id == token_id, ApiReply.idempotency_key == key))
