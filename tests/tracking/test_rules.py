"""The goal field's rules: targets by phase-in, attainment, status."""

from __future__ import annotations

from datetime import date

import pytest

from tracking.errors import ValidationError
from tracking.models import Direction, PhaseIn
from tracking.rules import (
    Status,
    Thresholds,
    Trajectory,
    attainment,
    classify,
    is_below_plan,
    last_closed_month,
    planned_share,
    target_for_month,
    validate_thresholds,
    validate_trajectory,
)

JAN25 = date(2025, 1, 1)


def linear(baseline=30.0, target=20.0, start=date(2025, 3, 1), full=date(2025, 12, 1)):
    return Trajectory(baseline, date(2025, 2, 1), target, start, full, PhaseIn.LINEAR)


class TestLinear:
    def test_baseline_before_start(self):
        assert target_for_month(linear(), date(2025, 2, 1)) == 30

    def test_first_month_has_one_step(self):
        # 10 months from March to December, both included: 1 day less each month.
        assert target_for_month(linear(), date(2025, 3, 1)) == pytest.approx(29)

    def test_reaches_target_at_full_effect_and_holds(self):
        t = linear()
        assert target_for_month(t, date(2025, 12, 1)) == pytest.approx(20)
        assert target_for_month(t, date(2027, 6, 1)) == pytest.approx(20)

    def test_mid_month_is_month(self):
        assert target_for_month(linear(), date(2025, 7, 19)) == pytest.approx(25)

    def test_single_month_phase_in(self):
        t = linear(start=date(2025, 3, 1), full=date(2025, 3, 1))
        assert planned_share(t, date(2025, 3, 1)) == 1


class TestSteps:
    def esbjerg(self):
        # 20/30/40/50 % of invoices handled automatically, as steps of a 0 -> 50 plan.
        return Trajectory(0, date(2024, 12, 1), 50, JAN25, date(2028, 1, 1), PhaseIn.STEPS,
                          steps=(0.4, 0.6, 0.8, 1.0))

    @pytest.mark.parametrize(("month", "expected"), [
        (date(2024, 12, 1), 0), (date(2025, 1, 1), 20), (date(2025, 12, 1), 20),
        (date(2026, 1, 1), 30), (date(2027, 6, 1), 40), (date(2028, 1, 1), 50),
        (date(2031, 1, 1), 50),
    ])
    def test_yearly_steps(self, month, expected):
        assert target_for_month(self.esbjerg(), month) == pytest.approx(expected)

    def test_silkeborg_phase_in(self):
        # Effect phased in 25 % / 75 % / 100 % (job coaches), here of a 2.3 mio. saving.
        t = Trajectory(0, date(2024, 12, 1), -2.3, JAN25, date(2027, 1, 1), PhaseIn.STEPS,
                       steps=(0.25, 0.75, 1.0))
        assert [round(target_for_month(t, date(y, 6, 1)), 3) for y in (2025, 2026, 2027)] \
            == [-0.575, -1.725, -2.3]


class TestExplicit:
    def test_typed_targets_hold_until_the_next(self):
        t = Trajectory(700, date(2024, 12, 1), 500, JAN25, JAN25, PhaseIn.EXPLICIT,
                       explicit={date(2025, 3, 1): 650, date(2025, 9, 1): 500})
        assert target_for_month(t, date(2025, 2, 1)) == 700  # baseline before the first
        assert target_for_month(t, date(2025, 3, 1)) == 650
        assert target_for_month(t, date(2025, 8, 1)) == 650
        assert target_for_month(t, date(2026, 1, 1)) == 500


class TestAttainment:
    def test_higher_is_better(self):
        assert attainment(actual=80, baseline=35, target=85) == pytest.approx(0.9)

    def test_lower_is_better(self):
        # 30 days -> target 20; realised 22: 8 of the 10 planned days, 80 %.
        assert attainment(actual=22, baseline=30, target=20) == pytest.approx(0.8)

    def test_wrong_way_is_negative(self):
        assert attainment(actual=32, baseline=30, target=20) == pytest.approx(-0.2)

    def test_above_plan_over_100(self):
        assert attainment(actual=18, baseline=30, target=20) == pytest.approx(1.2)

    def test_no_planned_improvement_is_undefined(self):
        assert attainment(actual=31, baseline=30, target=30) is None


class TestStatus:
    @pytest.mark.parametrize(("actual", "expected"), [
        (20.5, Status.ON_TRACK),   # 95 %
        (20.6, Status.AT_RISK),    # 94 %
        (22.0, Status.AT_RISK),    # 80 %
        (22.1, Status.OFF_TRACK),  # 79 %
        (None, Status.MISSING),
    ])
    def test_thresholds_lower_is_better(self, actual, expected):
        assert classify(actual, 30, 20, Direction.LOWER) is expected

    def test_thresholds_configurable(self):
        strict = Thresholds(on_track=1.0, at_risk=0.9)
        assert classify(84, 35, 85, Direction.HIGHER, strict) is Status.AT_RISK
        assert classify(85, 35, 85, Direction.HIGHER, strict) is Status.ON_TRACK

    def test_no_planned_improvement_compares_directly(self):
        assert classify(30, 30, 30, Direction.LOWER) is Status.ON_TRACK
        assert classify(29, 30, 30, Direction.LOWER) is Status.ON_TRACK
        assert classify(31, 30, 30, Direction.LOWER) is Status.OFF_TRACK
        assert classify(31, 30, 30, Direction.HIGHER) is Status.ON_TRACK

    def test_below_plan_by_direction(self):
        assert is_below_plan(80, 85, Direction.HIGHER)
        assert not is_below_plan(19, 20, Direction.LOWER)

    def test_last_closed_month(self):
        assert last_closed_month(date(2026, 11, 23)) == date(2026, 10, 1)
        assert last_closed_month(date(2026, 1, 1)) == date(2025, 12, 1)


class TestValidation:
    def test_target_must_improve_in_the_stated_direction(self):
        with pytest.raises(ValidationError) as err:
            validate_trajectory(linear(baseline=30, target=40), Direction.LOWER)
        assert err.value.field == "target_value"
        assert "lavere er bedre" in err.value.message("da")

    def test_full_effect_before_start(self):
        with pytest.raises(ValidationError) as err:
            validate_trajectory(linear(full=date(2025, 1, 1)), Direction.LOWER)
        assert err.value.field == "full_effect_month"

    @pytest.mark.parametrize(("steps", "code"), [
        ((), "error.steps_missing"), ((0.5, 1.2), "error.step_range"),
        ((0.75, 0.25, 1.0), "error.steps_decreasing"), ((0.25, 0.75), "error.steps_last_not_full"),
    ])
    def test_bad_steps(self, steps, code):
        t = Trajectory(0, JAN25, 50, JAN25, JAN25, PhaseIn.STEPS, steps=steps)
        with pytest.raises(ValidationError) as err:
            validate_trajectory(t, Direction.HIGHER)
        assert err.value.code == code

    def test_thresholds_order(self):
        with pytest.raises(ValidationError):
            validate_thresholds(Thresholds(on_track=0.8, at_risk=0.9))


def test_reporting_deadline_decides_awaiting_and_missing() -> None:
    from tracking.rules import (
        figure_due,
        judged_month,
        last_due_month,
        month_report_state,
    )

    nov, oct_ = date(2026, 11, 1), date(2026, 10, 1)
    assert figure_due(nov) == date(2026, 12, 10)
    assert figure_due(date(2026, 12, 1), 28) == date(2027, 1, 28)
    assert last_due_month(date(2026, 12, 10)) == oct_  # the deadline day: still awaited
    assert last_due_month(date(2026, 12, 11)) == nov
    assert last_due_month(date(2026, 12, 1), 1) == oct_
    assert last_due_month(date(2026, 12, 2), 1) == nov
    assert judged_month(date(2026, 12, 1), 10, closed_has_figure=False) == oct_
    assert judged_month(date(2026, 12, 1), 10, closed_has_figure=True) == nov
    assert month_report_state(nov, False, date(2026, 12, 9)) is Status.AWAITING
    assert month_report_state(nov, False, date(2026, 12, 11)) is Status.MISSING
    assert month_report_state(oct_, False, date(2026, 12, 1)) is Status.MISSING
    assert month_report_state(nov, True, date(2026, 12, 11)) is None
    assert month_report_state(date(2026, 12, 1), False, date(2026, 12, 11)) is None
    assert month_report_state(date(2026, 12, 1), False, date(2027, 1, 1)) is Status.AWAITING
