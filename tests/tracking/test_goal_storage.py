"""Plans, indicators and figures in a real database: DuckDB file and PostgreSQL."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import Engine, func
from sqlmodel import Session, select

from tests.conftest import TODAY
from tests.support.actors import SYSTEM, who
from tracking.errors import NotFoundError, ValidationError
from tracking.models import Direction, Measurement, MeasurementRevision, TargetMonth
from tracking.readmodel.goal import latest_status, plan_series
from tracking.readmodel.measurements import measurement_history
from tracking.readmodel.plans import list_indicators, list_plans
from tracking.rules import Status, Thresholds, classify
from tracking.services.measurements import (
    FigureBatchError,
    FigureInput,
    Outcome,
    record_actual,
    record_actuals,
)
from tracking.services.plans import (
    IndicatorInput,
    PlanInput,
    create_indicator,
    create_plan,
    set_indicator_archived,
    set_plan_archived,
    update_indicator,
    update_plan,
)

M = date


def make_plan(engine: Engine, **kw):
    data = dict(name="Sygedagpenge", start_month=M(2025, 1, 1), end_month=M(2026, 12, 1))
    data.update(kw)
    return create_plan(engine, PlanInput(**data), actor=SYSTEM)


def days_indicator(engine: Engine, plan_id: int, **kw):
    data = dict(name="Sagsbehandlingstid", unit="days", direction="lower",
                baseline_value=30, baseline_month=M(2024, 12, 1), target_value=20,
                target_start_month=M(2025, 1, 1), full_effect_month=M(2025, 10, 1))
    data.update(kw)
    return create_indicator(engine, plan_id, IndicatorInput(**data), actor=SYSTEM)


def targets(engine: Engine, indicator_id: int) -> dict[date, float]:
    with Session(engine) as s:
        rows = s.exec(select(TargetMonth).where(TargetMonth.indicator_id == indicator_id))
        return {r.month: r.value for r in rows}


def test_targets_are_materialised_for_the_plan_period(engine):
    plan = make_plan(engine)
    ind = days_indicator(engine, plan.id)
    t = targets(engine, ind.id)
    assert len(t) == 24
    assert t[M(2025, 1, 1)] == pytest.approx(29)
    assert t[M(2025, 10, 1)] == pytest.approx(20)
    assert t[M(2026, 12, 1)] == pytest.approx(20)


def test_record_and_correct_keeps_history(engine):
    plan = make_plan(engine)
    ind = days_indicator(engine, plan.id)
    first = record_actual(engine, ind.id, M(2025, 3, 1), "27,5", "første tal", who("Mette"), TODAY)
    assert first.outcome is Outcome.CREATED
    assert first.measurement.value == 27.5
    same = record_actual(engine, ind.id, M(2025, 3, 1), "27,5", "første tal", who("Jonas"), TODAY)
    assert same.outcome is Outcome.UNCHANGED
    fixed = record_actual(engine, ind.id, M(2025, 3, 15), "26.9", "rettet", who("Jonas"), TODAY)
    assert fixed.outcome is Outcome.CORRECTED and fixed.previous_value == 27.5
    with Session(engine) as s:
        current = s.exec(select(Measurement)).all()
        assert [(m.value, m.entered_by, m.version) for m in current] == [(26.9, "Jonas", 2)]
    history = measurement_history(engine, ind.id, M(2025, 3, 1))
    assert [(h.value, h.comment, h.entered_by, h.replaced_by) for h in history] == [
        (27.5, "første tal", "Mette", "Jonas")]


@pytest.mark.parametrize(("month", "value", "code"), [
    (M(2026, 12, 1), "25", "error.month_in_future"),
    (M(2024, 11, 1), "25", "error.month_outside_plan"),
    (M(2025, 3, 1), "tolv", "error.not_a_number"),
    (M(2025, 3, 1), "", "error.value_required"),
    (M(2025, 3, 1), "-2", "error.negative_not_allowed"),
])
def test_refused_figures_change_nothing(engine, month, value, code):
    plan = make_plan(engine, end_month=M(2027, 12, 1))
    ind = days_indicator(engine, plan.id)
    record_actual(engine, ind.id, M(2025, 3, 1), "28", "", who("Mette"), TODAY)
    with pytest.raises(ValidationError) as err:
        record_actual(engine, ind.id, month, value, "", who("Mette"), TODAY)
    assert err.value.code == code
    assert err.value.message("da")  # a sentence, not a key
    with Session(engine) as s:
        assert s.exec(select(Measurement.value)).all() == [28]
        assert s.exec(select(func.count()).select_from(MeasurementRevision)).one() == 0


def test_money_may_be_negative(engine):
    plan = make_plan(engine)
    ind = days_indicator(engine, plan.id, name="Besparelse", unit="tkr", direction="lower",
                         baseline_value=0, target_value=-2300)
    assert record_actual(engine, ind.id, M(2025, 5, 1), "-1.600", actor=who("x"), on=TODAY
                         ).measurement.value == -1600


def test_batch_is_all_or_nothing(engine):
    plan = make_plan(engine)
    ind = days_indicator(engine, plan.id)
    figures = [FigureInput(ind.id, M(2025, 1, 1), "29"), FigureInput(ind.id, M(2025, 2, 1), "x"),
               FigureInput(ind.id, M(2030, 1, 1), "27")]
    with pytest.raises(FigureBatchError) as err:
        record_actuals(engine, figures, who("Mette"), TODAY)
    assert [(e.index, e.error.code) for e in err.value.errors] == [
        (1, "error.not_a_number"), (2, "error.month_in_future")]
    with Session(engine) as s:
        assert s.exec(select(func.count()).select_from(Measurement)).one() == 0
    results = record_actuals(engine, figures[:1], who("Mette"), TODAY)
    assert results[0].outcome is Outcome.CREATED


def test_plan_period_change_rewrites_targets(engine):
    plan = make_plan(engine)
    ind = days_indicator(engine, plan.id)
    update_plan(engine, plan.id, PlanInput(name="Sygedagpenge", start_month=M(2025, 1, 1),
                                           end_month=M(2027, 6, 1)), actor=SYSTEM)
    assert len(targets(engine, ind.id)) == 30


def test_update_indicator_to_steps(engine):
    plan = make_plan(engine)
    ind = days_indicator(engine, plan.id)
    updated = update_indicator(engine, ind.id, IndicatorInput(
        name="Sagsbehandlingstid", unit="days", direction="lower", baseline_value=30,
        baseline_month=M(2024, 12, 1), target_value=20, target_start_month=M(2025, 1, 1),
        full_effect_month=M(2025, 1, 1), phase_in="steps", step_percentages=[50, 100]),
        actor=SYSTEM)
    assert updated.full_effect_month == M(2026, 1, 1)
    assert updated.version == 2
    t = targets(engine, ind.id)
    assert (t[M(2025, 6, 1)], t[M(2026, 6, 1)]) == (25, 20)


def test_invalid_indicator_is_refused_and_not_stored(engine):
    plan = make_plan(engine)
    with pytest.raises(ValidationError) as err:
        days_indicator(engine, plan.id, direction="sideways")
    assert err.value.field == "direction"
    with pytest.raises(ValidationError) as err:
        days_indicator(engine, plan.id, target_value=40)  # worse, for lower-is-better
    assert err.value.code == "error.target_worse_lower"
    assert list_indicators(engine, plan.id) == []


def test_archive_and_restore(engine):
    plan = make_plan(engine)
    ind = days_indicator(engine, plan.id)
    record_actual(engine, ind.id, M(2025, 3, 1), "28", actor=who("x"), on=TODAY)
    set_indicator_archived(engine, ind.id, True, actor=SYSTEM)
    assert list_indicators(engine, plan.id) == []
    with pytest.raises(NotFoundError):
        record_actual(engine, ind.id, M(2025, 4, 1), "27", actor=who("x"), on=TODAY)
    set_indicator_archived(engine, ind.id, False, actor=SYSTEM)
    assert plan_series(engine, plan.id)["actual"].dropna().tolist() == [28]
    set_plan_archived(engine, plan.id, True, actor=SYSTEM)
    assert list_plans(engine) == []
    assert [p.name for p in list_plans(engine, include_archived=True)] == ["Sygedagpenge"]


def test_read_model_agrees_with_the_pure_rules(demo_engine):
    """Every month of every demo indicator: SQL status equals rules.classify."""
    for plan in list_plans(demo_engine):
        series = plan_series(demo_engine, plan.id)
        inds = {i.id: i for i in list_indicators(demo_engine, plan.id)}
        th = Thresholds(plan.on_track_threshold, plan.at_risk_threshold)
        for row in series.itertuples():
            ind = inds[row.indicator_id]
            actual = None if row.actual != row.actual else row.actual
            expected = classify(actual, ind.baseline_value, row.target,
                                Direction(ind.direction), th)
            assert row.status == expected.value, (ind.name, row.month)


def test_latest_status_of_the_demo(demo_engine):
    ksd = next(p for p in list_plans(demo_engine) if p.name.startswith("KSD"))
    inds = {i.name: i.id for i in list_indicators(demo_engine, ksd.id)}
    latest = latest_status(demo_engine, ksd.id, TODAY)
    self_service = latest[inds["Andel ansøgninger via selvbetjening"]]
    assert self_service.month == M(2026, 10, 1)
    assert self_service.status is Status.AT_RISK
    assert self_service.attainment == pytest.approx((80.5 - 35) / (85 - 35))
    days = latest[inds["Sagsbehandlingstid (dage)"]]
    assert days.status is Status.MISSING and days.missing_months == 1


def test_status_before_the_plan_starts(engine):
    plan = make_plan(engine, start_month=M(2027, 1, 1), end_month=M(2028, 12, 1))
    ind = days_indicator(engine, plan.id, baseline_month=M(2026, 12, 1),
                         target_start_month=M(2027, 1, 1), full_effect_month=M(2027, 12, 1))
    assert latest_status(engine, plan.id, TODAY)[ind.id].status is Status.NOT_STARTED
