"""Keeps `indicator_status` right in the transaction that changes what it is made of.

A listener on every ORM session notes, at each flush, the indicators whose figures,
targets or settings changed, and the plans whose period, thresholds or business case
changed; just before the commit it recomputes the kept rows of exactly those indicators
(`tracking.kept_status.refresh`), through the same connection, so the kept rows commit or
roll back with the change itself. Like the audit trail, no service can forget it.

Writes that bypass the ORM (a restore, the synthetic data) rebuild the table themselves.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session as OrmSession

_INDICATORS = "kept_indicators"
_PLANS = "kept_plans"
# What a plan's kept rows depend on: its period (the judged month) and its thresholds.
_PLAN_COLUMNS = ("start_month", "end_month", "on_track_threshold", "at_risk_threshold")


def _changed(obj: Any, columns: tuple[str, ...]) -> bool:
    state = inspect(obj)
    return any(state.attrs[c].history.has_changes() for c in columns)


@event.listens_for(OrmSession, "after_flush")
def _note(session: OrmSession, _context: Any) -> None:
    indicators: set[int] = session.info.setdefault(_INDICATORS, set())
    plans: set[int] = session.info.setdefault(_PLANS, set())
    for obj in (*session.new, *session.dirty, *session.deleted):
        table = getattr(obj, "__tablename__", None)
        if table in ("measurement", "target_month"):
            indicators.add(obj.indicator_id)
        elif table == "indicator":
            indicators.add(obj.id)
        elif table == "plan" and (obj in session.new or _changed(obj, _PLAN_COLUMNS)):
            plans.add(obj.id)
        elif table == "business_case":
            plans.add(obj.plan_id)


@event.listens_for(OrmSession, "before_commit")
def _keep(session: OrmSession) -> None:
    session.flush()  # the last changes pass `_note` first
    indicators = session.info.pop(_INDICATORS, set())
    plans = session.info.pop(_PLANS, set())
    if not indicators and not plans:
        return
    from tracking.kept_status import refresh, refresh_plans

    conn = session.connection()
    if plans:
        refresh_plans(conn, plans)
    refresh(conn, indicators)


@event.listens_for(OrmSession, "after_rollback")
def _forget(session: OrmSession) -> None:
    session.info.pop(_INDICATORS, None)
    session.info.pop(_PLANS, None)
