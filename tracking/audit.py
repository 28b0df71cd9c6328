"""The audit trail: every change of stored data names who, when, what, old and new.

A listener on every ORM session writes one `AuditRecord` per inserted, updated or deleted
row in the same flush, so the record commits or rolls back with the change itself. A write
service names the actor with `tracking.auth.authorize` (or `bind`); a session that changes
audited rows without an actor is refused, so no write can slip through unrecorded.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session as OrmSession
from sqlmodel import Session

from tracking import changes
from tracking.auth.actor import Actor
from tracking.clock import now
from tracking.models import AuditRecord

# Derived or bookkeeping tables: their changes are recorded through the rows they follow
# (a target month from its indicator, a revision by the measurement's old value).
NOT_AUDITED = {
    "audit_record", "target_month", "login_session", "schema_info",
    "measurement_revision", "action_event", "api_reply", "signin_ticket", "indicator_status",
}
# Never copied into the trail.
SECRET_COLUMNS = {"password_hash", "token_hash"}


class UnauditedWriteError(RuntimeError):
    """A programming error: a service wrote without naming its actor."""


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def _dump(values: dict[str, Any]) -> str:
    return json.dumps({k: _plain(v) for k, v in values.items()}, ensure_ascii=False,
                      sort_keys=True) if values else ""


def record(session: Session, actor: Actor | None, entity: str, entity_id: Any, action: str,
           plan_id: int | None = None, old: dict[str, Any] | None = None,
           new: dict[str, Any] | None = None, actor_name: str | None = None) -> None:
    """Write one audit record through the session's connection (same transaction); the
    plan's change stamp is bumped at its commit (`tracking.changes`)."""
    changes.note_plan(session.connection(), plan_id)
    session.connection().execute(AuditRecord.__table__.insert(), [{  # type: ignore[attr-defined]
        "happened_at": now(),
        "user_id": actor.user_id if actor else None,
        "actor": actor_name if actor_name is not None else (actor.name if actor else ""),
        "plan_id": plan_id,
        "entity": entity,
        "entity_id": "" if entity_id is None else str(entity_id),
        "action": action,
        "old_values": _dump(old or {}),
        "new_values": _dump(new or {}),
    }])


def _key(obj: Any) -> str:
    # Not `identity`: a new row is registered under its key only after this event.
    ident = inspect(obj).mapper.primary_key_from_instance(obj)
    return ",".join("" if v is None else str(_plain(v)) for v in ident)


def _plan_of(session: Session, obj: Any, table: str) -> int | None:
    if table == "plan":
        return getattr(obj, "id", None)
    plan_id = getattr(obj, "plan_id", None)
    return plan_id if plan_id is not None else session.info.get("plan_id")


def _columns(obj: Any) -> list[str]:
    return [c.key for c in inspect(obj).mapper.column_attrs if c.key not in SECRET_COLUMNS]


def _changes(obj: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    state = inspect(obj)
    old, new = {}, {}
    for key in _columns(obj):
        hist = state.attrs[key].history
        if not hist.has_changes():
            continue
        before = hist.deleted[0] if hist.deleted else None
        after = hist.added[0] if hist.added else None
        if before != after:
            old[key], new[key] = before, after
    return old, new


@event.listens_for(OrmSession, "after_flush")
def _audit_flush(session: Session, _context: Any) -> None:
    rows = []
    for kind, objs in (("create", session.new), ("update", session.dirty),
                       ("delete", session.deleted)):
        for obj in objs:
            table = getattr(obj, "__tablename__", None)
            if table is None:
                continue
            if table in NOT_AUDITED:  # no record, but its plan's stamp is bumped
                changes.note_plan(session.connection(), _plan_of(session, obj, table))
                continue
            if kind == "create":
                old, new = {}, {k: getattr(obj, k) for k in _columns(obj)}
            elif kind == "update":
                old, new = _changes(obj)
                if not new:
                    continue
            else:
                old, new = {k: getattr(obj, k) for k in _columns(obj)}, {}
            rows.append((obj, table, kind, old, new))
    if not rows:
        return
    actor = session.info.get("actor")
    if actor is None:
        raise UnauditedWriteError(
            f"{rows[0][1]} changed without an actor: call tracking.auth.authorize first")
    for obj, table, kind, old, new in rows:
        record(session, actor, table, _key(obj), kind, _plan_of(session, obj, table), old, new)
