"""A plan's kiosk links as read: those that still work, and when a link expires."""

from __future__ import annotations

import calendar
from datetime import UTC, datetime

from sqlalchemy import Engine
from sqlmodel import Session, select

from tracking.models import (
    KioskLink,
)

KIOSK_VALID_MONTHS = 12  # the default, and the life of a link made before expiry existed


def as_aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def plus_months(at: datetime, months: int) -> datetime:
    month0 = at.month - 1 + months
    year, month = at.year + month0 // 12, month0 % 12 + 1
    return at.replace(year=year, month=month,
                      day=min(at.day, calendar.monthrange(year, month)[1]))


def kiosk_expires_at(link: KioskLink) -> datetime:
    """When the link stops working (a link made before expiry existed: 12 months on)."""
    return as_aware(link.expires_at) if link.expires_at is not None \
        else plus_months(as_aware(link.created_at), KIOSK_VALID_MONTHS)


def list_kiosk_links(engine: Engine, plan_id: int) -> list[KioskLink]:
    """The plan's links that still work, oldest first."""
    with Session(engine) as session:
        return list(session.exec(select(KioskLink).where(
            KioskLink.plan_id == plan_id, KioskLink.revoked_at.is_(None))
            .order_by(KioskLink.id)).all())
