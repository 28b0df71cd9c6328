"""Small crashes of issue 22 (item 7): a password set by nobody is refused, and a plan's
period is validated on every way in (service, restore), so that year 1 or 9999 cannot
reach Mål or Planer."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import Engine

from tests.support.actors import SYSTEM
from tracking.auth import PermissionDenied
from tracking.backup import export_document, restore_document
from tracking.db import get_engine, init_schema
from tracking.errors import ValidationError
from tracking.readmodel.plans import list_plans
from tracking.rules import validate_plan_period
from tracking.services.plans import PlanInput, create_plan, update_plan
from tracking.services.users import create_user, set_password


def test_set_password_without_anyone_signed_in_is_refused(engine: Engine) -> None:
    user = create_user(engine, "lis@fjordby.dk", "Lis Holm", actor=SYSTEM)
    with pytest.raises(PermissionDenied) as refused:
        set_password(engine, user.id, "et-langt-kodeord", actor=None)
    assert refused.value.code == "error.not_signed_in"


@pytest.mark.parametrize(("start", "end", "code"), [
    (date(1, 1, 1), date(2026, 1, 1), "error.plan_year_range"),
    (date(2026, 1, 1), date(9999, 12, 1), "error.plan_year_range"),
    (date(2026, 1, 1), date(2025, 1, 1), "error.plan_end_before_start"),
    (date(2000, 1, 1), date(2020, 1, 1), "error.plan_too_long"),  # 241 months
])
def test_a_plan_period_out_of_bounds_is_refused(start: date, end: date, code: str) -> None:
    with pytest.raises(ValidationError) as refused:
        validate_plan_period(start, end)
    assert refused.value.code == code
    assert "{" not in refused.value.message("da") and "{" not in refused.value.message("en")


def test_twenty_years_is_allowed() -> None:
    validate_plan_period(date(2000, 1, 1), date(2019, 12, 1))


def test_create_and_update_refuse_year_1_and_9999(engine: Engine) -> None:
    with pytest.raises(ValidationError):
        create_plan(engine, PlanInput("Gammel", date(1, 1, 1), date(2026, 1, 1)), SYSTEM)
    plan = create_plan(engine, PlanInput("KSD", date(2025, 1, 1), date(2027, 12, 1)), SYSTEM)
    with pytest.raises(ValidationError):
        update_plan(engine, plan.id, PlanInput("KSD", date(2025, 1, 1), date(9999, 12, 1)),
                    SYSTEM)
    assert [p.end_month for p in list_plans(engine)] == [date(2027, 12, 1)]


def test_restore_refuses_a_plan_of_year_9999(engine: Engine, tmp_path) -> None:
    source = get_engine(f"duckdb:///{tmp_path / 'source.duckdb'}")
    init_schema(source)
    create_plan(source, PlanInput("KSD", date(2025, 1, 1), date(2027, 12, 1)), SYSTEM)
    doc = export_document(source)
    table = doc["tables"]["plan"]
    table["rows"][0][table["columns"].index("end_month")] = "9999-12-01"
    with pytest.raises(ValidationError) as refused:
        restore_document(engine, doc)
    assert refused.value.code == "error.plan_year_range"
    assert list_plans(engine) == []
