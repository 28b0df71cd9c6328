"""The board's read model: ideas with their field, actions with their attention mark.

The field and the attention mark come from the pure rules in `tracking.board_rules`,
applied to the rows, so that the pages, the chart and the tests agree by construction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd
from sqlalchemy import Engine

from tracking.board_rules import (
    FIELD_ORDER,
    OPEN_STATUSES,
    STATUS_ORDER,
    Attention,
    FieldRule,
    attention,
    field_of,
)
from tracking.models import ActionStatus
from tracking.readmodel.actions import capacity_check
from tracking.readmodel.board_settings import field_rule
from tracking.readmodel.frames import query_frame

_IDEAS_SQL = """
SELECT d.id AS id, d.text AS text, d.author AS author, d.indicator_id AS indicator_id,
       i.name AS indicator, d.effect AS effect, d.resources AS resources,
       d.state AS state, d.state_reason AS state_reason, d.archived_at AS archived_at,
       d.created_at AS created_at, d.created_by AS created_by, d.version AS version,
       a.id AS action_id, a.status AS action_status
FROM idea d
LEFT JOIN indicator i ON i.id = d.indicator_id
LEFT JOIN action a ON a.idea_id = d.id
WHERE d.plan_id = :plan_id
ORDER BY d.id
"""

_ACTIONS_SQL = """
SELECT a.id AS id, a.title AS title, a.description AS description,
       a.responsible AS responsible, a.deadline AS deadline, a.decided_on AS decided_on,
       a.resources AS resources, a.status AS status, a.evaluation_note AS evaluation_note,
       a.archived_at AS archived_at, a.version AS version, a.updated_by AS updated_by,
       a.updated_at AS updated_at, a.indicator_id AS indicator_id, i.name AS indicator,
       a.idea_id AS idea_id, d.text AS idea_text, d.effect AS idea_effect,
       d.resources AS idea_resources
FROM action a
LEFT JOIN indicator i ON i.id = a.indicator_id
LEFT JOIN idea d ON d.id = a.idea_id
WHERE a.plan_id = :plan_id
ORDER BY a.deadline, a.id
"""


def _int_or_none(value: object) -> int | None:
    return None if value is None or pd.isna(value) else int(value)


def _field(effect: object, resources: object, rule: FieldRule) -> str | None:
    f = field_of(_int_or_none(effect), _int_or_none(resources), rule)
    return f.value if f else None


def ideas_frame(engine: Engine, plan_id: int, include_archived: bool = False,
                rule: FieldRule | None = None) -> pd.DataFrame:
    """One row per idea, with `field` (green/yellow/orange/red, or None if unscored).

    Open ideas only unless `include_archived`; promoted ideas are included (they show
    the action they became).
    """
    rule = rule or field_rule(engine, plan_id)
    df = query_frame(engine, _IDEAS_SQL, {"plan_id": plan_id})
    if not include_archived:
        df = df[df["archived_at"].isna()].reset_index(drop=True)
    df["field"] = [_field(e, r, rule) for e, r in zip(df["effect"], df["resources"],
                                                      strict=True)]
    for col in ("effect", "resources", "indicator_id", "action_id"):
        df[col] = df[col].astype("Int64")
    return df


def ideas_by_field(ideas: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Open, scored ideas grouped by field, green first; highest effect first in each."""
    scored = ideas[(ideas["state"] == "open") & ideas["field"].notna()]
    return {f.value: scored[scored["field"] == f.value]
            .sort_values(["effect", "resources", "id"], ascending=[False, True, True])
            for f in FIELD_ORDER}


def actions_frame(engine: Engine, plan_id: int, on: date, include_archived: bool = False,
                  rule: FieldRule | None = None) -> pd.DataFrame:
    """One row per action, with `field` (of its idea), `attention` and `column` order."""
    rule = rule or field_rule(engine, plan_id)
    df = query_frame(engine, _ACTIONS_SQL, {"plan_id": plan_id})
    if not include_archived:
        df = df[df["archived_at"].isna()].reset_index(drop=True)
    df["deadline"] = [pd.Timestamp(d).date() for d in df["deadline"]]
    df["decided_on"] = [pd.Timestamp(d).date() for d in df["decided_on"]]
    df["field"] = [_field(e, r, rule) for e, r in zip(df["idea_effect"], df["idea_resources"],
                                                      strict=True)]
    df["attention"] = [attention(ActionStatus(s), d, on).value
                       for s, d in zip(df["status"], df["deadline"], strict=True)]
    df["column"] = [STATUS_ORDER.index(ActionStatus(s)) for s in df["status"]]
    for col in ("indicator_id", "idea_id"):
        df[col] = df[col].astype("Int64")
    return df


@dataclass(frozen=True)
class BoardSummary:
    counts: dict[str, int]  # per status
    overdue: int
    due_soon: int
    committed: int
    capacity: int
    open_actions: int


def board_summary(engine: Engine, plan_id: int, on: date,
                  actions: pd.DataFrame | None = None) -> BoardSummary:
    """The figures of the board header (the capacity figure is the ideas page's too)."""
    df = actions if actions is not None else actions_frame(engine, plan_id, on)
    cap = capacity_check(engine, plan_id)
    counts = {s.value: int((df["status"] == s.value).sum()) for s in STATUS_ORDER}
    return BoardSummary(
        counts=counts,
        overdue=int((df["attention"] == Attention.OVERDUE.value).sum()),
        due_soon=int((df["attention"] == Attention.DUE_SOON.value).sum()),
        committed=cap.committed, capacity=cap.capacity,
        open_actions=int(df["status"].isin([s.value for s in OPEN_STATUSES]).sum()))
