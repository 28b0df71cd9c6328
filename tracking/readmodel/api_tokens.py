"""API tokens as listed (never their secrets)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine
from sqlmodel import Session, select

from tracking.models import ApiToken, UserAccount


@dataclass(frozen=True)
class TokenRow:
    id: int
    user_id: int
    email: str
    label: str
    plan_ids: tuple[int, ...]  # empty: every plan
    read_only: bool
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None


def token_plans(text: str) -> tuple[int, ...]:
    return tuple(int(p) for p in text.split(",") if p)


def token_row(token: ApiToken, email: str) -> TokenRow:
    return TokenRow(token.id, token.user_id, email, token.label,  # type: ignore[arg-type]
                    token_plans(token.plan_ids), token.read_only, token.created_at,
                    token.last_used_at, token.revoked_at)


def list_tokens(engine: Engine, user_id: int | None = None,
                include_revoked: bool = False) -> list[TokenRow]:
    with Session(engine) as session:
        query = select(ApiToken, UserAccount.email).join(
            UserAccount, UserAccount.id == ApiToken.user_id)  # type: ignore[arg-type]
        if user_id is not None:
            query = query.where(ApiToken.user_id == user_id)
        if not include_revoked:
            query = query.where(ApiToken.revoked_at.is_(None))  # type: ignore[union-attr]
        return [token_row(t, email) for t, email in session.exec(query.order_by(ApiToken.id))]
