"""Remember a plan's column mapping for uploads (the command); reading it back is
`tracking.readmodel.import_mapping`."""

from __future__ import annotations

import json

from sqlalchemy import Engine

from tracking.auth import Actor, Permission, authorize
from tracking.clock import now
from tracking.db import session_scope
from tracking.importing.mapping import ColumnMapping, check_mapping
from tracking.lookup import get_or_refuse
from tracking.models import ImportMapping, Plan


def save_import_mapping(engine: Engine, plan_id: int, mapping: ColumnMapping,
                        actor: Actor | None) -> ColumnMapping:
    """Store the mapping for the plan's next uploads (anyone who may enter figures)."""
    mapping = check_mapping(mapping)
    with session_scope(engine) as session:
        get_or_refuse(session, Plan, plan_id, "error.plan_not_found", "plan_id")
        authorize(session, actor, Permission.ENTER_FIGURES, plan_id)
        row = session.get(ImportMapping, plan_id) or ImportMapping(plan_id=plan_id)
        row.columns = json.dumps({c.value: h for c, h in mapping.items()}, ensure_ascii=False)
        row.updated_by, row.updated_at = actor.name, now()
        session.add(row)
    return mapping
