"""Reference cases: the catalogue (shipped file + imported rows), import, and the link of
an indicator to a case. Imports are an administrator's (or the CLI's), or a plan
facilitator's from the plan's goal page; linking an indicator is the plan's
facilitator's. Every write is in the audit trail.
"""

from __future__ import annotations

import json

from sqlalchemy import Engine
from sqlmodel import select

from tracking.auth import Actor, Permission, authorize
from tracking.clock import now
from tracking.db import session_scope
from tracking.errors import NotFoundError, ValidationError
from tracking.models import Indicator, IndicatorReference, ReferenceCaseRecord
from tracking.readmodel.reference_cases import list_reference_cases
from tracking.reference_cases import parse_cases, shipped_cases

__all__ = ["import_reference_cases", "link_reference_case"]


def import_reference_cases(engine: Engine, text: str, actor: Actor | None,
                           plan_id: int | None = None) -> list[str]:
    """Add the cases of a CSV (see `tracking.reference_cases`); an imported case of the
    same key is replaced, a shipped one cannot be. Returns the keys, all or nothing.
    From a plan (`plan_id`): its facilitator may import; otherwise administrators."""
    cases = parse_cases(text)
    shipped = {c.key for c in shipped_cases()}
    for case in cases:
        if case.key in shipped:
            raise ValidationError("error.reference_shipped", "case", value=case.key)
    with session_scope(engine) as session:
        if plan_id is None:
            authorize(session, actor, Permission.CREATE_PLAN)
        else:
            authorize(session, actor, Permission.EDIT_PLAN, plan_id)
        for case in cases:
            row = session.exec(select(ReferenceCaseRecord).where(
                ReferenceCaseRecord.key == case.key)).first()
            if row is None:
                row = ReferenceCaseRecord(key=case.key, municipality="", title="", unit="",
                                          direction="")
            else:
                row.version += 1
            row.municipality, row.title, row.unit = case.municipality, case.title, case.unit
            row.direction, row.source = case.direction, case.source
            row.points = json.dumps([list(p) for p in case.points])
            row.updated_at, row.updated_by = now(), actor.name  # type: ignore[union-attr]
            session.add(row)
    return [c.key for c in cases]


def link_reference_case(engine: Engine, indicator_id: int, key: str | None,
                        actor: Actor | None) -> None:
    """Link an indicator to the case `key` (None or "" removes the link). The case must
    be in the indicator's unit: its curve is drawn on the same axis."""
    key = (key or "").strip()
    cases = list_reference_cases(engine) if key else {}
    with session_scope(engine) as session:
        ind = session.get(Indicator, indicator_id)
        if ind is None or ind.archived_at is not None:
            raise NotFoundError("error.indicator_not_found", "indicator_id", id=indicator_id)
        authorize(session, actor, Permission.EDIT_PLAN, ind.plan_id)
        if key:
            case = cases.get(key)
            if case is None:
                raise ValidationError("error.reference_unknown", "case", value=key)
            if case.unit != ind.unit:
                raise ValidationError("error.reference_unit_mismatch", "case", value=key,
                                      unit=case.unit, indicator=ind.name)
        row = session.get(IndicatorReference, indicator_id)
        if row is None:
            if not key:
                return
            row = IndicatorReference(indicator_id=indicator_id, case_key=key)
        else:
            row.version += 1
        row.case_key, row.updated_at = key, now()
        row.updated_by = actor.name  # type: ignore[union-attr]
        session.add(row)


