"""Tests of tracking.business_case against the KL/KOMBIT figures in DOMAIN.md."""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise
from typing import Any

import pytest

from tracking.business_case import (
    DEFAULT_EFFECTIVE_SHARE,
    DEFAULT_PAID_HOURS,
    KSD_POTENTIAL,
    MAX_RAMP_MONTHS,
    BusinessCaseError,
    HourCost,
    RoundedHourCost,
    Task,
    business_case,
    cost_per_hour,
    efficiency_potential,
    gross_savings,
    payback_month,
    phase_in,
    round_half_up,
    staffing_potential,
    yearly_result,
)

# --- Cost per hour: all 12 cells of the DOMAIN.md table ------------------------------

COST_TABLE = {
    # monthly salary: (salary incl. pension, total cost/year, kr./paid hour, kr./eff. hour)
    25_000: (351_000, 471_000, 245, 408),
    30_000: (421_200, 541_200, 281, 469),
    35_000: (491_400, 611_400, 318, 530),
}


@pytest.mark.parametrize(("monthly", "expected"), COST_TABLE.items())
def test_cost_per_hour_reproduces_table(monthly: int, expected: tuple[int, int, int, int]) -> None:
    cost = cost_per_hour(monthly)
    assert isinstance(cost, HourCost)
    assert cost.rounded() == RoundedHourCost(*expected)
    assert cost.paid_hours == 1924 == DEFAULT_PAID_HOURS
    assert cost.effective_hours == pytest.approx(1154.4)


def test_cost_per_hour_unrounded_values() -> None:
    cost = cost_per_hour(35_000)
    assert cost.yearly_salary == pytest.approx(35_000 * 12 * 1.17)
    assert cost.total_cost_per_year == pytest.approx(611_400)
    assert cost.per_paid_hour == pytest.approx(611_400 / 1924)
    assert cost.per_effective_hour == pytest.approx(611_400 / 1154.4)


def test_effective_hour_divisor_choice_does_not_change_the_table() -> None:
    # The source prints 1,154 hours; the module divides by 1,924 × 0.60 = 1,154.4.
    # Both give the table's 408 / 469 / 530 in whole kroner.
    for monthly, (_, total, _, per_effective) in COST_TABLE.items():
        cost = cost_per_hour(monthly)
        assert round_half_up(total / 1154) == per_effective
        exact_hours = DEFAULT_PAID_HOURS * DEFAULT_EFFECTIVE_SHARE
        assert round_half_up(total / exact_hours) == per_effective
        assert cost.rounded().per_effective_hour == per_effective


def test_hour_cost_is_frozen() -> None:
    cost = cost_per_hour(30_000)
    with pytest.raises(AttributeError):
        cost.overhead = 0  # type: ignore[misc]


def test_round_half_up() -> None:
    assert round_half_up(2.5) == 3
    assert round_half_up(0.5) == 1
    assert round_half_up(-2.5) == -3
    assert round_half_up(4.55, 1) == 4.6


# --- Efficiency potential: the KSD table ---------------------------------------------

KSD_TASKS = [
    # (task, share, efficiency, rounded % of all work)
    ("Journaliser og fordel", 0.18, 0.85, 15),
    ("Valider og indberet", 0.17, 0.65, 11),
    ("Sagsspecifikke henvendelser", 0.11, 0.40, 4),
    ("Kontakt ved fejl og mangler", 0.07, 0.65, 5),
    ("Kontroller timer", 0.04, 0.65, 3),
    ("Afslag pga. uarbejdsdygtighed", 0.03, 0.0, 0),
    ("Partshøring på manglende skema", 0.02, 0.85, 2),
]


def _ksd_tasks() -> list[Task]:
    return [Task(name, share, eff) for name, share, eff, _ in KSD_TASKS]


def test_ksd_potential_rows_and_total() -> None:
    potential = efficiency_potential(_ksd_tasks())
    assert [c.percent_rounded for c in potential.contributions] == [row[3] for row in KSD_TASKS]
    for contribution, (_, share, eff, _) in zip(potential.contributions, KSD_TASKS, strict=True):
        assert contribution.contribution == pytest.approx(share * eff)
    assert potential.total == pytest.approx(0.396)
    assert potential.total_percent_rounded == 40
    assert round_half_up(potential.total, 2) == KSD_POTENTIAL
    assert potential.total_share == pytest.approx(0.62)


# --- Staffing potential ----------------------------------------------------------------


def test_staffing_potential() -> None:
    cost = cost_per_hour(30_000)
    result = staffing_potential(10, cost.total_cost_per_year, KSD_POTENTIAL)
    assert result.fte == pytest.approx(4.0)
    assert result.kr_per_year == pytest.approx(2_164_800)


# --- Business case and payback: hand-computed -----------------------------------------

# Staff potential 1,200,000 kr./year phased in 25 / 75 / 100 %, IT savings 60,000 kr./year,
# 600,000 kr. invested in year 0, running costs 120,000 kr. in years 1-3.
#   year 0: savings 0;                             costs 600,000; net -600,000; cum.   -600,000
#   year 1: 0.25 × 1,200,000 + 60,000 =   360,000; costs 120,000; net  240,000; cum.   -360,000
#   year 2: 0.75 × 1,200,000 + 60,000 =   960,000; costs 120,000; net  840,000; cum.    480,000
#   year 3: 1.00 × 1,200,000 + 60,000 = 1,260,000; costs 120,000; net 1,140,000; cum. 1,620,000
# Payback: in year 2 each month adds 840,000 / 12 = 70,000, so after month m of year 2 the
# cumulative is -360,000 + 70,000 m: m = 5 -> -10,000, m = 6 -> +60,000. Month 12 + 6 = 18.

RUNNING = {1: 120_000, 2: 120_000, 3: 120_000}


def _hand_case() -> Any:
    return business_case(
        1_200_000,
        [0.25, 0.75, 1.0],
        it_savings_per_year=60_000,
        investments={0: 600_000},
        running_costs=RUNNING,
    )


def test_business_case_net_per_year() -> None:
    case = _hand_case()
    assert [y.year for y in case.years] == [0, 1, 2, 3]
    assert [y.savings for y in case.years] == pytest.approx([0, 360_000, 960_000, 1_260_000])
    assert [y.costs for y in case.years] == pytest.approx([600_000, 120_000, 120_000, 120_000])
    assert [y.net for y in case.years] == pytest.approx([-600_000, 240_000, 840_000, 1_140_000])
    assert [y.cumulative_net for y in case.years] == pytest.approx(
        [-600_000, -360_000, 480_000, 1_620_000]
    )
    assert case.total_net == pytest.approx(1_620_000)


def test_business_case_payback_month() -> None:
    case = _hand_case()
    assert case.payback_month == 18
    assert payback_month(case.years) == 18


def test_gross_savings_and_yearly_result_directly() -> None:
    savings = gross_savings(1_200_000, [0.25, 0.75, 1.0], [60_000, 60_000, 60_000])
    assert savings == pytest.approx((360_000, 960_000, 1_260_000))
    rows = yearly_result(savings, {0: 600_000}, RUNNING)
    assert rows == _hand_case().years


def test_payback_exactly_at_zero_counts() -> None:
    # 120,000 invested up front, net 120,000 in year 1 = 10,000 a month: 0 after month 12.
    rows = yearly_result([120_000], {0: 120_000})
    assert payback_month(rows) == 12


def test_payback_ignores_float_noise() -> None:
    # -(0.1 + 0.2) + 3.6 / 12 is -5.6e-17 in floats; it is 0 kr.
    rows = yearly_result([3.6], {0: 0.1 + 0.2})
    assert payback_month(rows) == 1


def test_payback_without_investment_and_never() -> None:
    assert payback_month(yearly_result([12_000])) == 1
    assert payback_month(yearly_result([100_000, 100_000], {0: 500_000})) is None


def test_investment_after_year_zero_and_longer_cost_horizon() -> None:
    rows = yearly_result([100_000], {2: 50_000}, {3: 10_000})
    assert [r.year for r in rows] == [0, 1, 2, 3]
    assert [r.net for r in rows] == pytest.approx([0, 100_000, -50_000, -10_000])
    assert payback_month(rows) == 1


def test_payback_rejects_unordered_years() -> None:
    rows = yearly_result([1.0, 2.0])
    with pytest.raises(BusinessCaseError) as info:
        payback_month([rows[2], rows[1]])
    assert info.value.field == "years"


# --- Phase-in ----------------------------------------------------------------------------


def _non_decreasing(values: tuple[float, ...]) -> bool:
    return all(a <= b for a, b in pairwise(values))


@pytest.mark.parametrize("ramp", [12, 18, 24])
def test_linear_phase_in(ramp: int) -> None:
    result = phase_in(120_000, 36, "linear", end_month=ramp)
    assert len(result.shares) == len(result.targets) == 36
    assert _non_decreasing(result.shares)
    assert result.shares[0] == pytest.approx(1 / ramp)
    assert result.shares[ramp - 1] == 1.0
    assert all(share == 1.0 for share in result.shares[ramp - 1:])
    steps = [b - a for a, b in zip(result.shares[: ramp - 1], result.shares[1:ramp], strict=True)]
    assert steps == pytest.approx([1 / ramp] * (ramp - 1))
    assert result.targets == pytest.approx(tuple(10_000 * s for s in result.shares))


def test_linear_phase_in_may_be_short() -> None:
    # Nordfyns' mileage app: a 3-month transition. Linear ramps may be 1-24 months.
    result = phase_in(12_000, 6, "linear", end_month=3)
    assert result.shares == pytest.approx((1 / 3, 2 / 3, 1.0, 1.0, 1.0, 1.0))
    assert phase_in(12_000, 2, "linear", end_month=1).shares == (1.0, 1.0)


def test_linear_phase_in_with_later_start() -> None:
    result = phase_in(12_000, 30, "linear", start_month=4, end_month=15)
    assert result.shares[:3] == (0.0, 0.0, 0.0)
    assert result.shares[3] == pytest.approx(1 / 12)
    assert result.shares[14] == 1.0
    assert result.shares[13] < 1.0


def test_steps_phase_in_matches_percentages() -> None:
    result = phase_in(1_200_000, 48, "steps", step_shares=[0.25, 0.75, 1.0])
    assert result.shares == (0.25,) * 12 + (0.75,) * 12 + (1.0,) * 24
    assert result.targets[:12] == pytest.approx((25_000,) * 12)
    assert result.targets[12:24] == pytest.approx((75_000,) * 12)
    assert result.targets[24:] == pytest.approx((100_000,) * 24)
    assert result.yearly_shares() == pytest.approx((0.25, 0.75, 1.0, 1.0))
    assert result.yearly_targets() == pytest.approx((300_000, 900_000, 1_200_000, 1_200_000))


@pytest.mark.parametrize("ramp", [12, 24])
def test_s_curve_phase_in_bounds(ramp: int) -> None:
    result = phase_in(120_000, 30, "s_curve", end_month=ramp)
    shares = result.shares
    assert _non_decreasing(shares)
    assert all(0.0 <= s <= 1.0 for s in shares)
    assert shares[0] < 0.02  # ~0 at the start
    assert shares[ramp - 1] == 1.0  # exactly full at the end
    assert all(s == 1.0 for s in shares[ramp - 1:])
    assert shares[ramp // 2 - 1] == pytest.approx(0.5, abs=0.1)
    assert shares[ramp - 2] < 1.0


def test_phase_in_feeds_business_case() -> None:
    plan = phase_in(1_200_000, 36, "steps", step_shares=[0.25, 0.75, 1.0])
    case = business_case(
        1_200_000,
        plan.yearly_shares(),
        it_savings_per_year=60_000,
        investments={0: 600_000},
        running_costs=RUNNING,
    )
    assert case.years == _hand_case().years


# --- Bad input: each names its field -------------------------------------------------

BAD_INPUT: list[tuple[str, Callable[[], object]]] = [
    ("monthly_salary", lambda: cost_per_hour(-30_000)),
    ("pension_rate", lambda: cost_per_hour(30_000, pension_rate=-0.1)),
    ("overhead", lambda: cost_per_hour(30_000, overhead=-1)),
    ("paid_hours", lambda: cost_per_hour(30_000, paid_hours=-1924)),
    ("paid_hours", lambda: cost_per_hour(30_000, paid_hours=0)),
    ("effective_share", lambda: cost_per_hour(30_000, effective_share=0)),
    ("effective_share", lambda: cost_per_hour(30_000, effective_share=1.2)),
    ("effective_share", lambda: cost_per_hour(30_000, effective_share=-0.6)),
    ("tasks", lambda: efficiency_potential([Task("a", 0.6, 0.5), Task("b", 0.44, 0.5)])),
    ("tasks", lambda: efficiency_potential([])),
    ("efficiency", lambda: Task("Valider", 0.17, 1.2)),
    ("efficiency", lambda: Task("Valider", 0.17, -0.1)),
    ("share", lambda: Task("Valider", 1.5, 0.5)),
    ("fte", lambda: staffing_potential(-1, 500_000, 0.4)),
    ("cost_per_fte", lambda: staffing_potential(10, -500_000, 0.4)),
    ("efficiency_share", lambda: staffing_potential(10, 500_000, 1.4)),
    ("end_month", lambda: phase_in(1000, 24, "linear", start_month=10, end_month=5)),
    ("end_month", lambda: phase_in(1000, 24, "s_curve", start_month=10, end_month=5)),
    ("end_month", lambda: phase_in(1000, 24, "s_curve", end_month=6)),
    ("end_month", lambda: phase_in(1000, 36, "linear", end_month=MAX_RAMP_MONTHS + 1)),
    ("end_month", lambda: phase_in(1000, 24, "steps", end_month=12, step_shares=[1.0])),
    ("months", lambda: phase_in(1000, 0, "linear")),
    ("start_month", lambda: phase_in(1000, 12, "linear", start_month=0)),
    ("kind", lambda: phase_in(1000, 12, "exponential")),  # type: ignore[arg-type]
    ("total_per_year", lambda: phase_in(-1000, 12, "linear")),
    ("step_shares", lambda: phase_in(1000, 12, "steps")),
    ("step_shares", lambda: phase_in(1000, 12, "steps", step_shares=[0.25, 1.25])),
    ("step_shares", lambda: phase_in(1000, 12, "linear", step_shares=[0.5])),
    ("steepness", lambda: phase_in(1000, 12, "s_curve", steepness=0)),
    ("phase_in_shares", lambda: gross_savings(1000, [0.5, 1.1])),
    ("phase_in_shares", lambda: gross_savings(1000, [])),
    ("staff_potential_per_year", lambda: gross_savings(-1000, [1.0])),
    ("it_savings_per_year", lambda: gross_savings(1000, [1.0, 1.0], [10.0])),
    ("it_savings_per_year", lambda: gross_savings(1000, [1.0], -10.0)),
    ("investments", lambda: yearly_result([1000], {0: -5})),
    ("investments", lambda: yearly_result([1000], {-1: 5})),
    ("running_costs", lambda: yearly_result([1000], None, {1: -5})),
    ("savings", lambda: yearly_result([float("nan")])),
]


@pytest.mark.parametrize(("field", "call"), BAD_INPUT)
def test_bad_input_names_its_field(field: str, call: Callable[[], object]) -> None:
    with pytest.raises(BusinessCaseError) as info:
        call()
    error = info.value
    assert isinstance(error, ValueError)
    assert error.field == field
    assert error.message_da.endswith(".")
    assert error.message_en.endswith(".")  # every refusal can be shown in English too
    assert error.message_en != error.message_da
    assert field in str(error)


def test_task_shares_over_100_percent_message() -> None:
    with pytest.raises(BusinessCaseError) as info:
        efficiency_potential([Task("a", 0.6, 0.5), Task("b", 0.44, 0.5)])
    assert info.value.message_da == "Opgavernes andele summer til 104 %, men kan højst være 100 %."


def test_danish_messages_name_the_field() -> None:
    cases: list[tuple[Callable[[], object], str]] = [
        (lambda: cost_per_hour(-30_000), "Månedslønnen må ikke være under 0"),
        (lambda: cost_per_hour(30_000, effective_share=1.2), "effektive andel"),
        (lambda: Task("Valider", 0.17, 1.2), 'Effektiviseringen af opgaven "Valider" er 120 %'),
        (lambda: phase_in(1000, 24, "linear", start_month=10, end_month=5), "slutter i måned 5"),
    ]
    for call, fragment in cases:
        with pytest.raises(BusinessCaseError) as info:
            call()
        assert fragment in info.value.message_da


def test_english_messages_name_the_field() -> None:
    cases: list[tuple[Callable[[], object], str]] = [
        (lambda: cost_per_hour(-30_000),
         "The monthly salary cannot be below 0, but is -30,000 kr."),
        (lambda: cost_per_hour(30_000, effective_share=1.2),
         "The effective share of paid hours is 120%"),
        (lambda: Task("Valider", 0.17, 1.2), 'The efficiency of the task "Valider" is 120%'),
        (lambda: efficiency_potential([Task("a", 0.6, 0.5), Task("b", 0.44, 0.5)]),
         "The tasks' shares add up to 104%"),
        (lambda: phase_in(1000, 24, "linear", start_month=10, end_month=5),
         "ends in month 5, before it starts in month 10"),
        (lambda: yearly_result([1000], {0: -5}), "The investment in year 0 cannot be below 0"),
        (lambda: yearly_result([1000], {-1: 5}), "The year of the investment must be at least 0"),
        (lambda: gross_savings(1000, [0.5, 1.1]), "The phase-in share for year 2 is 110%"),
    ]
    for call, fragment in cases:
        with pytest.raises(BusinessCaseError) as info:
            call()
        assert fragment in info.value.message_en


def test_shares_summing_to_exactly_100_percent_are_accepted() -> None:
    tasks = [Task(str(i), 0.1, 0.5) for i in range(10)]  # 0.1 × 10 is 0.9999999999999999
    assert efficiency_potential(tasks).total == pytest.approx(0.5)
    tasks = [Task("a", 0.7, 1.0), Task("b", 0.2, 1.0), Task("c", 0.1, 1.0)]
    assert efficiency_potential(tasks).total_share == 1.0
