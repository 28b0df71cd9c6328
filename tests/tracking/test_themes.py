"""The six themes of a plan: answers, status, responsible, progress count."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import Engine

from tests.support.actors import SYSTEM, who
from tracking.errors import NotFoundError, ValidationError
from tracking.i18n import DA, EN
from tracking.readmodel.plans import list_plans
from tracking.readmodel.themes import read_themes, theme_progress
from tracking.services.plans import PlanInput, create_plan
from tracking.services.themes import ThemeInput, save_theme
from tracking.themes import THEME_KEYS, THEMES, question_keys


def test_every_theme_and_question_has_danish_and_english_text() -> None:
    assert len(THEMES) == 6
    for key in THEME_KEYS:
        for suffix in ["title", *question_keys(key)]:
            assert DA[f"theme.{key}.{suffix}"].strip()
            assert EN[f"theme.{key}.{suffix}"].strip()
    assert DA["theme.channel.title"] == "Kanalstrategi og påvirkning"
    assert DA["theme.budget.title"] == "Budgettilpasning og nye politiske mål"


def test_save_read_and_progress(engine: Engine) -> None:
    plan = create_plan(engine, PlanInput("P", date(2026, 1, 1), date(2026, 12, 1)), actor=SYSTEM)
    states = read_themes(engine, plan.id)
    assert [s.theme for s in states] == list(THEME_KEYS)
    assert {s.status for s in states} == {"not_started"}
    assert theme_progress(engine, plan.id).done == 0

    save_theme(engine, plan.id, "channel", ThemeInput(
        {"q1": "  Borgerne, via mobilen  ", "q2": ""}, "done", " Mette "), who("anna"))
    save_theme(engine, plan.id, "workflow", ThemeInput({"q1": "Sagsoprettelse"},
                                                       "in_progress", ""), who("bo"))
    channel = read_themes(engine, plan.id)[0]
    assert channel.answers == {"q1": "Borgerne, via mobilen"}  # trimmed, empty dropped
    assert (channel.status, channel.responsible, channel.updated_by) == ("done", "Mette", "anna")
    assert channel.version == 1
    progress = theme_progress(engine, plan.id)
    assert (progress.done, progress.in_progress, progress.total) == (1, 1, 6)

    save_theme(engine, plan.id, "channel", ThemeInput({"q1": "Ny"}, "in_progress", "Mette"),
               who("cai"), expected_version=1)
    assert read_themes(engine, plan.id)[0].version == 2
    with pytest.raises(ValidationError) as info:  # a second form opened at version 1
        save_theme(engine, plan.id, "channel", ThemeInput({}, "done", ""), who("dan"),
                   expected_version=1)
    assert info.value.code == "error.theme_stale"
    assert "cai" in info.value.message("da")
    assert read_themes(engine, plan.id)[0].answers == {"q1": "Ny"}


@pytest.mark.parametrize(("theme", "data", "code", "field"), [
    ("weather", ThemeInput(), "error.theme_unknown", "theme"),
    ("channel", ThemeInput(status="finished"), "error.theme_status", "status"),
    ("channel", ThemeInput(answers={"q9": "x"}), "error.theme_question", "answers"),
    ("channel", ThemeInput(answers={"q1": "x" * 4001}), "error.theme_answer_too_long", "answers"),
    ("channel", ThemeInput(responsible="x" * 201), "error.name_too_long", "responsible"),
])
def test_bad_theme_input_is_refused(engine: Engine, theme: str, data: ThemeInput, code: str,
                                    field: str) -> None:
    plan = create_plan(engine, PlanInput("P", date(2026, 1, 1), date(2026, 12, 1)), actor=SYSTEM)
    with pytest.raises(ValidationError) as info:
        save_theme(engine, plan.id, theme, data, who("t"))
    assert (info.value.code, info.value.field) == (code, field)
    assert read_themes(engine, plan.id)[0].version == 0


def test_unknown_plan(engine: Engine) -> None:
    with pytest.raises(NotFoundError):
        save_theme(engine, 404, "channel", ThemeInput(), who("t"))


def test_demo_themes_are_answered(demo_engine: Engine) -> None:
    ksd = next(p for p in list_plans(demo_engine) if p.name.startswith("KSD"))
    states = read_themes(demo_engine, ksd.id)
    assert all(s.answers and s.responsible for s in states)
    progress = theme_progress(demo_engine, ksd.id)
    assert (progress.done, progress.in_progress) == (4, 2)
