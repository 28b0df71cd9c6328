"""Answer the six themes of a plan: answers per guiding question, status, responsible."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from sqlalchemy import Engine
from sqlmodel import select

from tracking.auth import Actor, Permission, authorize
from tracking.clock import now
from tracking.db import session_scope
from tracking.errors import NotFoundError, ValidationError
from tracking.models import Plan, PlanTheme, ThemeStatus
from tracking.parsing import refuse_control_chars
from tracking.people import account_id_for
from tracking.themes import THEME_KEYS, question_keys

MAX_ANSWER = 4000
MAX_RESPONSIBLE = 200


@dataclass
class ThemeInput:
    answers: dict[str, str] = field(default_factory=dict)  # question key -> answer
    status: str = ThemeStatus.NOT_STARTED.value
    responsible: str = ""


def _validate(theme: str, data: ThemeInput) -> ThemeInput:
    if theme not in THEME_KEYS:
        raise ValidationError("error.theme_unknown", "theme", value=theme)
    try:
        data.status = ThemeStatus(data.status).value
    except ValueError:
        raise ValidationError("error.theme_status", "status", value=data.status) from None
    allowed = question_keys(theme)
    unknown = [k for k in data.answers if k not in allowed]
    if unknown:
        raise ValidationError("error.theme_question", "answers", value=unknown[0])
    answers = {}
    for key in allowed:
        text = refuse_control_chars(data.answers.get(key), "answers").strip()
        if len(text) > MAX_ANSWER:
            raise ValidationError("error.theme_answer_too_long", "answers", max=MAX_ANSWER)
        if text:
            answers[key] = text
    data.answers = answers
    data.responsible = refuse_control_chars(data.responsible, "responsible").strip()
    if len(data.responsible) > MAX_RESPONSIBLE:
        raise ValidationError("error.name_too_long", "responsible", max=MAX_RESPONSIBLE)
    return data


def save_theme(engine: Engine, plan_id: int, theme: str, data: ThemeInput, actor: Actor | None,
               expected_version: int | None = None) -> PlanTheme:
    """Write a theme's answers, status and responsible person.

    `expected_version` (the version the form was opened with, 0 for never saved) makes a
    second person's save fail rather than silently overwrite the first one's answers.
    """
    data = _validate(theme, data)
    with session_scope(engine) as session:
        if session.get(Plan, plan_id) is None:
            raise NotFoundError("error.plan_not_found", "plan_id", id=plan_id)
        authorize(session, actor, Permission.EDIT_PLAN, plan_id)
        row = session.exec(select(PlanTheme).where(
            PlanTheme.plan_id == plan_id, PlanTheme.theme == theme)).first()
        current = row.version if row else 0
        if expected_version is not None and expected_version != current:
            raise ValidationError("error.theme_stale", "version",
                                  by=row.updated_by if row else "")
        if row is None:
            row = PlanTheme(plan_id=plan_id, theme=theme)
        else:
            row.version += 1
        row.answers = json.dumps(data.answers, ensure_ascii=False, sort_keys=True)
        row.status, row.responsible = data.status, data.responsible
        row.responsible_user_id = account_id_for(session, data.responsible)
        row.updated_at, row.updated_by = now(), actor.name
        session.add(row)
        session.flush()
        return row


