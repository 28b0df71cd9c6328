"""The six themes of a plan's checklist, as saved or 'not started'."""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import Engine
from sqlmodel import Session, select

from tracking.models import PlanTheme, ThemeStatus
from tracking.themes import THEME_KEYS


@dataclass(frozen=True)
class ThemeState:
    """One theme of a plan as shown on the checklist (a default if never saved)."""

    theme: str
    answers: dict[str, str]
    status: str
    responsible: str
    updated_by: str
    version: int  # 0 when never saved


@dataclass(frozen=True)
class ThemeProgress:
    done: int
    in_progress: int
    total: int


def read_themes(engine: Engine, plan_id: int) -> list[ThemeState]:
    """All six themes in the method's order; unsaved ones as 'not started'."""
    with Session(engine) as session:
        rows = {r.theme: r for r in session.exec(
            select(PlanTheme).where(PlanTheme.plan_id == plan_id)).all()}
    states = []
    for key in THEME_KEYS:
        row = rows.get(key)
        if row is None:
            states.append(ThemeState(key, {}, ThemeStatus.NOT_STARTED.value, "", "", 0))
        else:
            states.append(ThemeState(key, json.loads(row.answers or "{}"), row.status,
                                     row.responsible, row.updated_by, row.version))
    return states


def theme_progress(engine: Engine, plan_id: int) -> ThemeProgress:
    """How many of the six themes are done / in progress (for the plan's header)."""
    states = read_themes(engine, plan_id)
    return ThemeProgress(
        done=sum(s.status == ThemeStatus.DONE for s in states),
        in_progress=sum(s.status == ThemeStatus.IN_PROGRESS for s in states),
        total=len(states))
