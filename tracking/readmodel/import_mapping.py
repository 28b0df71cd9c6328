"""A plan's remembered column mapping for uploads (see `tracking.importing.mapping`)."""

from __future__ import annotations

import json

from sqlalchemy import Engine
from sqlmodel import Session

from tracking.importing.mapping import ColumnMapping
from tracking.importing.reading import Column
from tracking.models import ImportMapping


def saved_import_mapping(engine: Engine, plan_id: int | None) -> ColumnMapping | None:
    if plan_id is None:
        return None
    with Session(engine) as session:
        row = session.get(ImportMapping, plan_id)
    if row is None:
        return None
    try:
        return {Column(k): v for k, v in json.loads(row.columns).items()} or None
    except (ValueError, TypeError):
        return None
