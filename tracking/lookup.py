"""Fetching a record a service acts on, or refusing with a message that names it."""

from __future__ import annotations

from typing import TypeVar

from sqlmodel import Session

from tracking.errors import NotFoundError

T = TypeVar("T")


def get_or_refuse(session: Session, model: type[T], record_id: int, code: str,
                  field: str | None = None) -> T:
    """The record of `model` with this primary key, archived or not (the caller decides
    what an archived record allows); else `NotFoundError(code, field, id=record_id)`."""
    record = session.get(model, record_id)
    if record is None:
        raise NotFoundError(code, field, id=record_id)
    return record
