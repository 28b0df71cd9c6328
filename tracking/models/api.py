"""Access for other systems: API tokens and the replies kept for idempotent retries.

A token belongs to one account and acts with its roles; only a hash of it is stored.
It may be narrowed to some plans and to reading. Revoking keeps the row (the audit
trail names it).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from tracking.clock import now
from tracking.models.goal import id_column

__all__ = ["ApiReply", "ApiToken"]


class ApiToken(SQLModel, table=True):
    __tablename__ = "api_token"
    id: int | None = Field(default=None, sa_column=id_column("api_token_id_seq"))
    token_hash: str = Field(index=True, unique=True)  # SHA-256 of the token
    user_id: int = Field(foreign_key="user_account.id", index=True)
    label: str = ""
    plan_ids: str = ""  # "3,7": only these plans; "": every plan the account may see
    read_only: bool = False
    created_at: datetime = Field(default_factory=now)
    last_used_at: datetime | None = None
    revoked_at: datetime | None = None


class ApiReply(SQLModel, table=True):
    """The reply to a write sent with an Idempotency-Key, replayed on a retry."""

    __tablename__ = "api_reply"
    __table_args__ = (UniqueConstraint("token_id", "idempotency_key"),)
    id: int | None = Field(default=None, sa_column=id_column("api_reply_id_seq"))
    token_id: int = Field(foreign_key="api_token.id", index=True)
    idempotency_key: str
    request_hash: str  # the same key with another body is refused (409)
    status_code: int
    body: str  # JSON
    created_at: datetime = Field(default_factory=now)
