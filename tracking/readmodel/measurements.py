"""Earlier values of a figure (its revisions)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Engine
from sqlmodel import Session, select

from tracking.models import MeasurementRevision
from tracking.months import month_of


def measurement_history(engine: Engine, indicator_id: int,
                        month: date) -> list[MeasurementRevision]:
    """Earlier values of a month's figure, oldest first."""
    with Session(engine) as session:
        return list(session.exec(
            select(MeasurementRevision)
            .where(MeasurementRevision.indicator_id == indicator_id,
                   MeasurementRevision.month == month_of(month))
            .order_by(MeasurementRevision.replaced_at, MeasurementRevision.id)).all())
