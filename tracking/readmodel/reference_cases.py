"""The reference-case catalogue (shipped and imported) and the cases of a plan."""

from __future__ import annotations

import json

from sqlalchemy import Engine
from sqlmodel import Session, select

from tracking.models import Indicator, IndicatorReference, ReferenceCaseRecord
from tracking.reference_cases import ReferenceCase, shipped_cases


def _from_record(r: ReferenceCaseRecord) -> ReferenceCase:
    return ReferenceCase(key=r.key, municipality=r.municipality, title=r.title, unit=r.unit,
                         direction=r.direction, source=r.source,
                         points=tuple((int(m), float(v)) for m, v in json.loads(r.points)))


def list_reference_cases(engine: Engine) -> dict[str, ReferenceCase]:
    """Every case by key: the shipped catalogue, then the imported ones."""
    cases = {c.key: c for c in shipped_cases()}
    with Session(engine) as session:
        for r in session.exec(select(ReferenceCaseRecord).order_by(ReferenceCaseRecord.key)):
            cases.setdefault(r.key, _from_record(r))
    return cases


def plan_references(engine: Engine, plan_id: int) -> dict[int, ReferenceCase]:
    """The reference case of each linked indicator of a plan, by indicator id."""
    with Session(engine) as session:
        links = session.exec(select(IndicatorReference).join(
            Indicator, Indicator.id == IndicatorReference.indicator_id).where(
            Indicator.plan_id == plan_id, IndicatorReference.case_key != "")).all()
    if not links:
        return {}
    cases = list_reference_cases(engine)
    return {link.indicator_id: cases[link.case_key] for link in links
            if link.case_key in cases}
