"""The rules of the goal field, as pure functions: targets, attainment, status.

Conventions, documented here because users will ask:
- Linear phase-in reaches 1/N of the planned improvement in the start month and all of
  it in the full-effect month (N = months from start to full effect, both included).
- Yearly steps: step k (k = 0, 1, ...) applies to the k-th twelve months from the start
  month; the last step holds afterwards and must be 100 %.
- Explicit targets: a typed target holds until the next typed one; before the first,
  the baseline is the target.
- Attainment = (actual - baseline) / (target - baseline): the share of the *planned*
  improvement realised. It reads the same for both directions, because a planned fall
  and a realised fall are both negative. With no planned improvement (target equal to
  baseline) it is undefined, and the status compares actual to target directly.
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from tracking.errors import ValidationError
from tracking.models import Direction, PhaseIn
from tracking.months import add_months, month_of, months_between

DEFAULT_ON_TRACK = 0.95
DEFAULT_AT_RISK = 0.80
# A month's figures are due by this day of the following month, unless the plan says other.
DEFAULT_REPORT_DEADLINE_DAY = 10
MAX_REPORT_DEADLINE_DAY = 28  # every month has the day


class Status(StrEnum):
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    OFF_TRACK = "off_track"
    MISSING = "missing"  # a month past its reporting deadline has no figure
    AWAITING = "awaiting"  # a closed month without a figure, before its deadline
    NOT_STARTED = "not_started"  # no closed month in the plan's period yet


@dataclass(frozen=True)
class Thresholds:
    on_track: float = DEFAULT_ON_TRACK
    at_risk: float = DEFAULT_AT_RISK


@dataclass(frozen=True)
class Trajectory:
    baseline_value: float
    baseline_month: date
    target_value: float
    start_month: date
    full_effect_month: date
    phase_in: PhaseIn = PhaseIn.LINEAR
    steps: tuple[float, ...] = ()  # fractions of the planned improvement, per year
    explicit: Mapping[date, float] = field(default_factory=dict)


def steps_full_effect_month(start_month: date, steps: Sequence[float]) -> date:
    """With yearly steps, full effect is reached in the first month of the last step."""
    return add_months(start_month, 12 * (len(steps) - 1))


# A plan's period: a benefit realisation plan runs a few years. The bounds keep every
# month a page derives from it (two years of baseline before, charts month by month)
# inside what dates and charts can hold; year 1 or 9999 is a typing or restore accident.
FIRST_PLAN_YEAR = 1990
LAST_PLAN_YEAR = 2100
MAX_PLAN_MONTHS = 20 * 12


def validate_plan_period(start: date, end: date) -> None:
    """Refuse a period that ends before it starts, lies outside 1990–2100 or is longer
    than 20 years (ValidationError naming the month at fault)."""
    for value, name in ((start, "start_month"), (end, "end_month")):
        if not FIRST_PLAN_YEAR <= value.year <= LAST_PLAN_YEAR:
            raise ValidationError("error.plan_year_range", name, first=FIRST_PLAN_YEAR,
                                  last=LAST_PLAN_YEAR)
    if month_of(end) < month_of(start):
        raise ValidationError("error.plan_end_before_start", "end_month")
    if months_between(month_of(start), month_of(end)) + 1 > MAX_PLAN_MONTHS:
        raise ValidationError("error.plan_too_long", "end_month", years=MAX_PLAN_MONTHS // 12)


def validate_thresholds(t: Thresholds) -> None:
    if not 0 < t.on_track <= 2:
        raise ValidationError("error.threshold_range", "on_track_threshold")
    if not 0 <= t.at_risk < t.on_track:
        raise ValidationError("error.threshold_order", "at_risk_threshold")


def validate_trajectory(t: Trajectory, direction: Direction) -> None:
    """Refuse a trajectory that cannot be followed; names the field at fault."""
    worse = (t.target_value < t.baseline_value if direction is Direction.HIGHER
             else t.target_value > t.baseline_value)
    if t.phase_in is not PhaseIn.EXPLICIT and worse:
        raise ValidationError(f"error.target_worse_{direction.value}", "target_value")
    if t.baseline_month > t.start_month:
        raise ValidationError("error.baseline_after_start", "baseline_month")
    if t.phase_in is PhaseIn.LINEAR and t.full_effect_month < t.start_month:
        raise ValidationError("error.full_effect_before_start", "full_effect_month")
    if t.phase_in is PhaseIn.STEPS:
        if not t.steps:
            raise ValidationError("error.steps_missing", "step_percentages")
        if any(s < 0 or s > 1 for s in t.steps):
            raise ValidationError("error.step_range", "step_percentages")
        if any(b < a for a, b in zip(t.steps, t.steps[1:], strict=False)):
            raise ValidationError("error.steps_decreasing", "step_percentages")
        if abs(t.steps[-1] - 1) > 1e-9:
            raise ValidationError("error.steps_last_not_full", "step_percentages")
    if t.phase_in is PhaseIn.EXPLICIT and not t.explicit:
        raise ValidationError("error.explicit_missing", "explicit_targets")


def planned_share(t: Trajectory, month: date) -> float:
    """Share (0..1) of the planned improvement that the plan expects in `month`."""
    month = month_of(month)
    if t.phase_in is PhaseIn.EXPLICIT or month < t.start_month:
        return 0.0
    if t.phase_in is PhaseIn.STEPS:
        year = months_between(t.start_month, month) // 12
        return t.steps[min(year, len(t.steps) - 1)]
    if month >= t.full_effect_month:
        return 1.0
    span = months_between(t.start_month, t.full_effect_month) + 1
    return (months_between(t.start_month, month) + 1) / span


def target_for_month(t: Trajectory, month: date) -> float:
    """The target (måltal) of any month."""
    month = month_of(month)
    if t.phase_in is PhaseIn.EXPLICIT:
        earlier = [m for m in t.explicit if m <= month]
        return t.explicit[max(earlier)] if earlier else t.baseline_value
    share = planned_share(t, month)
    return t.baseline_value + (t.target_value - t.baseline_value) * share


def attainment(actual: float, baseline: float, target: float) -> float | None:
    """Share of the planned improvement realised; None when none was planned."""
    planned = target - baseline
    if planned == 0:
        return None
    return (actual - baseline) / planned


def classify(actual: float | None, baseline: float, target: float, direction: Direction,
             thresholds: Thresholds = Thresholds()) -> Status:
    """Status of one month's figure against its target."""
    if actual is None:
        return Status.MISSING
    share = attainment(actual, baseline, target)
    if share is None:
        at_least = actual >= target if direction is Direction.HIGHER else actual <= target
        return Status.ON_TRACK if at_least else Status.OFF_TRACK
    if share >= thresholds.on_track:
        return Status.ON_TRACK
    if share >= thresholds.at_risk:
        return Status.AT_RISK
    return Status.OFF_TRACK


def last_closed_month(today: date) -> date:
    """The latest month that has ended: figures are due for it."""
    return add_months(month_of(today), -1)


def validate_deadline_day(day: int) -> None:
    if not 1 <= day <= MAX_REPORT_DEADLINE_DAY:
        raise ValidationError("error.deadline_day_range", "report_deadline_day")


def figure_due(month: date, deadline_day: int = DEFAULT_REPORT_DEADLINE_DAY) -> date:
    """The last day a month's figure is on time: the deadline day of the following month
    (its last day if that month is shorter)."""
    following = add_months(month_of(month), 1)
    last = calendar.monthrange(following.year, following.month)[1]
    return following.replace(day=min(max(deadline_day, 1), last))


def last_due_month(today: date, deadline_day: int = DEFAULT_REPORT_DEADLINE_DAY) -> date:
    """The latest month whose deadline has passed: without a figure it is missing."""
    closed = last_closed_month(today)
    return closed if today > figure_due(closed, deadline_day) else add_months(closed, -1)


def judged_month(today: date, deadline_day: int, closed_has_figure: bool) -> date:
    """The month an indicator's status is read from.

    The month just closed once it has a figure; before that, while it is awaited, the
    month before it (so the first days of a month show the last reported status, not a
    wall of "missing").
    """
    closed = last_closed_month(today)
    return closed if closed_has_figure else last_due_month(today, deadline_day)


def month_report_state(month: date, has_figure: bool, today: date,
                       deadline_day: int = DEFAULT_REPORT_DEADLINE_DAY) -> Status | None:
    """MISSING or AWAITING for a month without a figure; None for a figure or a month
    that has not closed yet."""
    if has_figure or month_of(month) > last_closed_month(today):
        return None
    return Status.MISSING if month_of(month) <= last_due_month(today, deadline_day) \
        else Status.AWAITING


def is_below_plan(actual: float, target: float, direction: Direction) -> bool:
    """The realised figure is on the wrong side of the target (a shortfall)."""
    return actual < target if direction is Direction.HIGHER else actual > target
