"""The stored business case: round trip on both engines, the hand-computed case through
storage, refusals naming their field, and the phase-in applied to an indicator."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from tests.support.actors import SYSTEM, who
from tracking.errors import NotFoundError, ValidationError
from tracking.models import BusinessCaseTask, TargetMonth
from tracking.months import add_months
from tracking.readmodel.business_case import (
    BusinessCaseInput,
    CostInput,
    TaskInput,
    economic_indicator_ids,
    get_business_case,
)
from tracking.readmodel.plans import get_indicator, list_indicators, list_plans
from tracking.services.business_case import (
    METHOD_TASKS,
    apply_phase_in,
    apply_phase_in_to_all,
    compute,
    default_input,
    save_business_case,
)
from tracking.services.plans import IndicatorInput, PlanInput, create_indicator, create_plan

START = date(2026, 1, 1)


def _plan(engine: Engine) -> int:
    return create_plan(engine, PlanInput("Plan", START, date(2027, 12, 1)), actor=SYSTEM).id


def hand_case(start: date = START) -> BusinessCaseInput:
    """The hand-computed case of test_business_case.py, as a user would type it:
    4 FTE × 50 % × 600.000 kr. (50.000 kr. a month, no pension, no overhead) = 1.200.000
    kr. a year phased in 25 / 75 / 100 %; IT savings 25 % of 240.000 = 60.000 kr.;
    600.000 kr. invested in year 0 and 120.000 kr. running costs in years 1-3."""
    return BusinessCaseInput(
        phase_in_start=start, monthly_salary=50_000, pension_rate=0.0, overhead=0.0,
        fte=4, potential_source="fixed", fixed_potential=0.5, it_costs_per_year=240_000,
        it_saving_share=0.25, phase_in_kind="steps", step_percentages=[25, 75, 100],
        horizon_years=3,
        costs=[CostInput(0, 600_000, 0), CostInput(1, 0, 120_000), CostInput(2, 0, 120_000),
               CostInput(3, 0, 120_000)])


def test_hand_case_through_storage(engine: Engine) -> None:
    plan_id = _plan(engine)
    save_business_case(engine, plan_id, hand_case(), who("anna"))
    stored = get_business_case(engine, plan_id)
    assert stored is not None and stored.version == 1
    result = compute(stored)
    assert result.staffing.kr_per_year == pytest.approx(1_200_000)
    assert result.it_savings_per_year == pytest.approx(60_000)
    years = result.case.years
    assert [y.savings for y in years] == pytest.approx([0, 360_000, 960_000, 1_260_000])
    assert [y.net for y in years] == pytest.approx([-600_000, 240_000, 840_000, 1_140_000])
    assert [y.cumulative_net for y in years] == pytest.approx(
        [-600_000, -360_000, 480_000, 1_620_000])
    assert result.payback_month == 18
    # Month by month: 25.000 + 5.000 kr. in year 1, 75.000 + 5.000 in year 2.
    assert [m.total for m in result.months[:13]] == pytest.approx([30_000] * 12 + [80_000])
    assert result.months[12].month == date(2027, 1, 1)


def test_round_trip_keeps_every_assumption(engine: Engine) -> None:
    plan_id = _plan(engine)
    plan = list_plans(engine)[0]
    data = default_input(plan)
    data.it_costs_per_year = 812_345.67
    save_business_case(engine, plan_id, data, who("anna"))
    stored = get_business_case(engine, plan_id)
    assert stored is not None
    assert stored.pension_rate == 0.17 and stored.effective_share == 0.6  # DOUBLE, not REAL
    assert stored.it_costs_per_year == 812_345.67
    assert [(t.name, t.share, t.efficiency) for t in stored.tasks] == list(METHOD_TASKS)
    assert replace(stored, version=0) == data
    # The method's defaults give the KSD figures.
    result = compute(stored)
    assert result.hour_cost.rounded().per_effective_hour == 469
    assert result.potential is not None and result.potential.total_percent_rounded == 40


def test_resave_archives_replaced_tasks_and_checks_version(engine: Engine) -> None:
    plan_id = _plan(engine)
    data = default_input(list_plans(engine)[0])
    save_business_case(engine, plan_id, data, who("anna"))
    data.version = 1
    data.tasks = [TaskInput("Journalisering", 0.5, 0.8)]
    save_business_case(engine, plan_id, data, who("bo"))
    stored = get_business_case(engine, plan_id)
    assert stored is not None and stored.version == 2
    assert [t.name for t in stored.tasks] == ["Journalisering"]
    with Session(engine) as session:
        rows = session.exec(select(BusinessCaseTask)).all()
    assert len(rows) == len(METHOD_TASKS) + 1  # replaced rows are kept, archived
    with pytest.raises(ValidationError) as info:  # someone still on version 1
        save_business_case(engine, plan_id, data, who("cai"))
    assert info.value.code == "error.bc_stale" and "bo" in info.value.message("da")


def _refusal(**changes: object) -> ValidationError:
    data = replace(hand_case(), **changes)
    with pytest.raises(ValidationError) as info:
        compute(data)
    return info.value


@pytest.mark.parametrize(("changes", "field", "fragment"), [
    ({"monthly_salary": -30_000}, "monthly_salary", "Månedslønnen må ikke være under 0"),
    ({"paid_hours": -1}, "paid_hours", "løntimer"),
    ({"effective_share": 1.2}, "effective_share", "effektive andel"),
    ({"effective_share": 0.0}, "effective_share", "effektive andel"),
    ({"potential_source": "tasks", "tasks": [TaskInput("a", 0.6, 0.5),
                                              TaskInput("b", 0.5, 0.5)]},
     "tasks", "summer til 110 %"),
    ({"potential_source": "tasks", "tasks": [TaskInput("Valider", 0.2, 1.3)]},
     "efficiency", "Effektiviseringen af opgaven \"Valider\" er 130 %"),
    ({"potential_source": "tasks", "tasks": [TaskInput("  ", 0.2, 0.3)]}, "tasks", ""),
    ({"fte": -2}, "fte", "årsværk"),
    ({"fixed_potential": 1.5}, "efficiency_share", "Effektiviseringspotentialet"),
    ({"it_saving_share": 1.25}, "it_saving_share", "it-udgifterne"),
    ({"phase_in_kind": "linear", "ramp_months": 0}, "ramp_months", "slutter, før den starter"),
    ({"phase_in_kind": "linear", "ramp_months": 25}, "end_month", "mellem 1 og 24"),
    ({"phase_in_kind": "s_curve", "ramp_months": 6}, "end_month", "mellem 12 og 24"),
    ({"step_percentages": [25, 125]}, "step_shares", "125 %"),
    ({"horizon_years": 0}, "horizon_years", "mellem 1 og 10 år"),
    ({"costs": [CostInput(1, 5, 0), CostInput(1, 6, 0)]}, "costs", "to gange"),
    ({"costs": [CostInput(0, -5, 0)]}, "investments", "under 0"),
])
def test_bad_input_is_refused_naming_the_field(changes: dict, field: str, fragment: str) -> None:
    error = _refusal(**changes)
    assert error.field == field
    assert fragment.lower() in error.message("da").lower()
    assert error.message("en")  # never the bare key
    assert not error.message("en").startswith("error.")


def test_english_message_names_the_field() -> None:
    error = _refusal(monthly_salary=-1)
    assert error.message("en") == "The monthly salary cannot be below 0, but is -1 kr."


def test_refused_save_writes_nothing(engine: Engine) -> None:
    plan_id = _plan(engine)
    with pytest.raises(ValidationError):
        save_business_case(engine, plan_id, replace(hand_case(), effective_share=2.0), who("t"))
    assert get_business_case(engine, plan_id) is None


# --- Apply the phase-in to an indicator -------------------------------------------------


def _indicator(engine: Engine, plan_id: int, unit: str = "kr", direction: str = "higher",
               baseline: float = 0.0) -> int:
    target = baseline + 1 if direction == "higher" else baseline - 1
    return create_indicator(engine, plan_id, IndicatorInput(
        name=f"Besparelse ({unit})", unit=unit, direction=direction, baseline_value=baseline,
        baseline_month=date(2025, 12, 1), target_value=target, target_start_month=START,
        full_effect_month=date(2026, 6, 1)), actor=SYSTEM).id


def _targets(engine: Engine, indicator_id: int) -> list[float]:
    with Session(engine) as session:
        rows = session.exec(select(TargetMonth).where(TargetMonth.indicator_id == indicator_id)
                            .order_by(TargetMonth.month)).all()
    return [r.value for r in rows]


def test_apply_phase_in_to_kr_indicator(engine: Engine) -> None:
    plan_id = _plan(engine)
    ind_id = _indicator(engine, plan_id)
    save_business_case(engine, plan_id, hand_case(), who("anna"))
    updated = apply_phase_in(engine, plan_id, ind_id, actor=SYSTEM)
    assert updated.phase_in == "explicit"
    assert updated.target_value == 105_000  # 100.000 staff + 5.000 IT a month at full effect
    assert updated.full_effect_month == date(2028 - 1, 12, 1)  # plan ends before year 3
    assert _targets(engine, ind_id) == [30_000] * 12 + [80_000] * 12


@pytest.mark.parametrize(("unit", "direction", "baseline", "first", "second"), [
    ("tkr", "higher", 10, 40, 90),
    ("tkr", "lower", 500, 470, 420),  # lower is better: the saving comes off the baseline
    ("fte", "higher", 0, 0.5, 1.5),
    ("fte", "lower", 12, 11.5, 10.5),
])
def test_apply_phase_in_units_and_directions(engine: Engine, unit: str, direction: str,
                                             baseline: float, first: float,
                                             second: float) -> None:
    plan_id = _plan(engine)
    ind_id = _indicator(engine, plan_id, unit, direction, baseline)
    save_business_case(engine, plan_id, hand_case(), who("anna"))
    apply_phase_in(engine, plan_id, ind_id, actor=SYSTEM)
    assert _targets(engine, ind_id) == pytest.approx([first] * 12 + [second] * 12)


def test_apply_phase_in_starting_inside_the_plan(engine: Engine) -> None:
    plan_id = _plan(engine)
    ind_id = _indicator(engine, plan_id, "kr", "higher", 1_000)
    save_business_case(engine, plan_id, hand_case(start=add_months(START, 3)), who("anna"))
    updated = apply_phase_in(engine, plan_id, ind_id, actor=SYSTEM)
    assert updated.target_start_month == date(2026, 4, 1)
    assert _targets(engine, ind_id) == [1_000] * 3 + [31_000] * 12 + [81_000] * 9


def test_apply_phase_in_refusals(engine: Engine) -> None:
    plan_id = _plan(engine)
    pct = create_indicator(engine, plan_id, IndicatorInput(
        name="Andel", unit="pct", direction="higher", baseline_value=0,
        baseline_month=date(2025, 12, 1), target_value=50, target_start_month=START,
        full_effect_month=date(2026, 6, 1)), actor=SYSTEM).id
    kr = _indicator(engine, plan_id)
    with pytest.raises(ValidationError) as info:
        apply_phase_in(engine, plan_id, kr, actor=SYSTEM)
    assert info.value.code == "error.bc_missing"
    save_business_case(engine, plan_id, hand_case(), who("anna"))
    with pytest.raises(ValidationError) as info:
        apply_phase_in(engine, plan_id, pct, actor=SYSTEM)
    assert info.value.code == "error.bc_indicator_unit"
    assert get_indicator(engine, pct).phase_in == "linear"  # untouched
    other = create_plan(engine, PlanInput("Anden", START, date(2027, 12, 1)), actor=SYSTEM).id
    save_business_case(engine, other, hand_case(), who("anna"))
    with pytest.raises(NotFoundError):
        apply_phase_in(engine, other, kr, actor=SYSTEM)


def test_apply_to_all_checks_every_indicator_first(engine: Engine) -> None:
    plan_id = _plan(engine)
    kr = _indicator(engine, plan_id)
    fte = _indicator(engine, plan_id, "fte")
    pct = create_indicator(engine, plan_id, IndicatorInput(
        name="Andel", unit="pct", direction="higher", baseline_value=0,
        baseline_month=date(2025, 12, 1), target_value=50, target_start_month=START,
        full_effect_month=date(2026, 6, 1)), actor=SYSTEM).id
    save_business_case(engine, plan_id, hand_case(), who("anna"))
    with pytest.raises(ValidationError) as info:
        apply_phase_in_to_all(engine, plan_id, [kr, pct], actor=SYSTEM)
    assert info.value.code == "error.bc_indicator_unit"
    assert get_indicator(engine, kr).phase_in == "linear"  # nothing applied
    with pytest.raises(ValidationError) as info:
        apply_phase_in_to_all(engine, plan_id, [], actor=SYSTEM)
    assert info.value.code == "error.bc_no_indicator"
    updated = apply_phase_in_to_all(engine, plan_id, [kr, fte], actor=SYSTEM)
    assert [u.phase_in for u in updated] == ["explicit", "explicit"]


def test_economic_indicators_come_from_the_tree(demo_engine: Engine) -> None:
    ksd = next(p for p in list_plans(demo_engine) if p.name.startswith("KSD"))
    names = {i.id: i.name for i in list_indicators(demo_engine, ksd.id)}
    # "Andel ansøgninger via selvbetjening" also measures an economic benefit, but in %.
    assert [names[i] for i in economic_indicator_ids(demo_engine, ksd.id)] == [
        "Frigjorte årsværk"]


def test_demo_business_case(demo_engine: Engine) -> None:
    ksd = next(p for p in list_plans(demo_engine) if p.name.startswith("KSD"))
    data = get_business_case(demo_engine, ksd.id)
    assert data is not None
    result = compute(data)
    assert result.hour_cost.rounded().total_cost_per_year == 541_200
    assert result.potential is not None and result.potential.total_percent_rounded == 40
    assert result.staffing.fte == pytest.approx(3.96)
    assert result.payback_month == 14
    assert any(i.unit == "fte" for i in list_indicators(demo_engine, ksd.id))
