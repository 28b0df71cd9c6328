"""Optimistic concurrency: an edit names the version it was based on; a stale one is
refused with who changed the record since, taken from the audit trail."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import inspect
from sqlmodel import Session, select

from tracking.board_rules import StaleError
from tracking.models import AuditRecord


def last_change(session: Session, entity: str, entity_id: Any) -> AuditRecord | None:
    return session.exec(
        select(AuditRecord)
        .where(AuditRecord.entity == entity, AuditRecord.entity_id == str(entity_id))
        .order_by(AuditRecord.id.desc()).limit(1)).first()  # type: ignore[union-attr]


def _when(at: datetime) -> str:
    """'23.11.2026 kl. 13:05' in Danish time: a time of day, not the month a date would
    show."""
    from tracking.formatting import format_datetime

    return format_datetime(at)


def stale(session: Session, obj: Any, what: str) -> StaleError:
    """The refusal of an edit of `obj`, naming the last change recorded for it."""
    table = obj.__tablename__
    key = ",".join(str(v) for v in inspect(obj).mapper.primary_key_from_instance(obj))
    last = last_change(session, table, key)
    current = type(obj)(**obj.model_dump())  # a copy outlives the rollback that follows
    return StaleError("error.stale_record", "version", current=current, what=what,
                      by=last.actor if last else "?", at=_when(last.happened_at) if last else "",
                      change=last.new_values if last else "")


def check_version(session: Session, obj: Any, expected: int | None, what: str) -> None:
    """Refuse when the caller saw another version than the stored one (None: no check)."""
    if expected is not None and obj.version != expected:
        raise stale(session, obj, what)
