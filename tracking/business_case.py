"""Business case arithmetic: hour prices, efficiency potential, phase-in and payback.

Pure functions on plain numbers (standard library only: no database, no Streamlit), so
the dashboard, the CLI and the tests can share them. The model follows KL/KOMBIT's
business case for KSD/KY (see `seeds/000_…` and "Business case figures" in DOMAIN.md):

1. `cost_per_hour`: what one paid hour and one *effective* hour of a caseworker costs
   (salary incl. pension plus the overhead that can actually be harvested);
2. `efficiency_potential`: share of all work that a solution saves, as the sum over tasks
   of (the task's share of the work) × (how much of that task the solution removes);
3. `staffing_potential`: that share applied to a team's FTE (årsværk) and their cost;
4. `phase_in`: how fast the yearly potential is realised, month by month (indfasning);
5. `gross_savings` / `yearly_result` / `business_case` / `payback_month`: savings against
   investments and running costs, year by year, and the month the case pays back.

Conventions:
- shares, rates and efficiencies are fractions 0..1 (0.17 means 17 %), never percents;
- money is in kroner per year unless a name says otherwise; nothing is rounded inside
  the calculations (round only for display, e.g. `HourCost.rounded()`), and rounding is
  half-up (0.5 -> 1), as in Danish spreadsheets, not Python's banker's rounding;
- bad input raises `BusinessCaseError` (a `ValueError`) whose `field` is the name of the
  offending parameter and whose `message_da` is a Danish sentence for the person at the
  screen.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from tracking.errors import Amount, Percent, Phrase, ValidationError
from tracking.formatting import round_half_up
from tracking.parsing import MAX_MAGNITUDE

# --- Named defaults (KL/KOMBIT's business case for KSD/KY) ---------------------------

MONTHS_PER_YEAR = 12
WEEKS_PER_YEAR = 52
HOURS_PER_WEEK = 37
DEFAULT_PENSION_RATE = 0.17
"""Employer's pension contribution as a share of salary (17 %)."""
DEFAULT_OVERHEAD = 120_000.0
"""Harvestable overhead per FTE and year in kr. (management, IT workplace, HR, …)."""
DEFAULT_PAID_HOURS = WEEKS_PER_YEAR * HOURS_PER_WEEK
"""Paid hours per FTE and year: 52 × 37 = 1,924."""
DEFAULT_EFFECTIVE_SHARE = 0.60
"""Share of paid hours spent on the tasks (the rest is holiday, absence, meetings, …)."""

KSD_POTENTIAL = 0.40
"""National efficiency potential of KSD, as share of effective working time."""
KY_POTENTIAL = 0.20
"""National efficiency potential of KY, as share of effective working time."""
IT_COST_POTENTIAL = 0.25
"""National average saving on IT costs for KSD/KY."""

MIN_RAMP_MONTHS = 12
"""Shortest ramp for the 's_curve' phase-in (benefits phase in over 1–2 years)."""
MIN_LINEAR_RAMP_MONTHS = 1
"""Shortest ramp for the 'linear' phase-in. Looser than the S-curve's on purpose: small
solutions switch over fast (Nordfyns' mileage app had a 3-month transition), and a
straight line over a few months is still a meaningful trajectory, whereas an S-curve
squeezed into a few months is just a step."""
MAX_RAMP_MONTHS = 24
"""Longest ramp for the 'linear' and 's_curve' phase-in."""
DEFAULT_RAMP_MONTHS = MIN_RAMP_MONTHS
DEFAULT_S_CURVE_STEEPNESS = 10.0
"""Logistic steepness k of the 's_curve' over the ramp scaled to 0..1 (higher = sharper)."""

FULL_SHARE = 1.0
"""100 %, as a fraction."""
SHARE_TOLERANCE = 1e-9
"""Slack for float sums of shares (0.18 + 0.17 + … may land a hair above 1.0)."""
MONEY_TOLERANCE_KR = 1e-6
"""Slack in kr. when deciding whether a cumulative net has reached zero."""

PhaseInKind = Literal["linear", "steps", "s_curve"]
PHASE_IN_KINDS: tuple[str, ...] = ("linear", "steps", "s_curve")


# --- Errors and small helpers --------------------------------------------------------


def _label(key: str, **params: object) -> Phrase:
    """A field named in words: the catalogue's `bc.label.<key>` (a task's name, a year)."""
    return Phrase.of(f"bc.label.{key}", **params)


class BusinessCaseError(ValidationError, ValueError):
    """Refused input to a business case calculation.

    `field` is the name of the offending parameter (as in the function signature, e.g.
    ``"effective_share"`` or ``"tasks"``); `code` a key of the message catalogue
    (`bc.err.*`), whose sentence names the field in plain words. Its figures stay numbers
    (`Percent`, `Amount`) until `message(lang)` shows them in the reader's notation.
    """

    def __init__(self, field: str, code: str, **params: object) -> None:
        super().__init__(code, field, **params)
        self.args = (f"{field}: {self.message('da')}",)

    @property
    def message_da(self) -> str:
        return self.message("da")

    @property
    def message_en(self) -> str:
        return self.message("en")


def _round_kr(value: float) -> int:
    """Whole kroner, rounded half-up."""
    return int(round_half_up(value))


def _require_number(field: str, value: float, label: Phrase) -> float:
    """`value` as float; refuse booleans, non-numbers, NaN and infinity."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise BusinessCaseError(field, "bc.err.not_a_number", label=label)
    if not math.isfinite(value):
        raise BusinessCaseError(field, "bc.err.not_finite", label=label)
    if abs(value) > MAX_MAGNITUDE:
        raise BusinessCaseError(field, "bc.err.too_large", label=label)
    return float(value)


def _require_non_negative(field: str, value: float, label: Phrase, money: bool = False) -> float:
    """`value` as float, refused if below 0."""
    number = _require_number(field, value, label)
    if number < 0:
        raise BusinessCaseError(field, "bc.err.below_zero", label=label,
                                amount=Amount(number, money))
    return number


def _require_share(field: str, value: float, label: Phrase) -> float:
    """A fraction in the closed interval 0..1 (0 % to 100 %)."""
    number = _require_number(field, value, label)
    if number < 0 or number > FULL_SHARE + SHARE_TOLERANCE:
        raise BusinessCaseError(field, "bc.err.share_range", label=label, share=Percent(number))
    return min(number, FULL_SHARE)


def _require_int(field: str, value: int, label: Phrase, minimum: int) -> int:
    """A whole number not below `minimum`."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise BusinessCaseError(field, "bc.err.not_whole", label=label)
    if value < minimum:
        raise BusinessCaseError(field, "bc.err.too_small", label=label, minimum=minimum,
                                value=value)
    return value


# --- 1. Cost per hour ----------------------------------------------------------------


@dataclass(frozen=True)
class RoundedHourCost:
    """The four figures of `HourCost`, in whole kroner (half-up), as in the KL table."""

    yearly_salary: int
    total_cost_per_year: int
    per_paid_hour: int
    per_effective_hour: int


@dataclass(frozen=True)
class HourCost:
    """What one FTE (årsværk) costs per year, per paid hour and per effective hour.

    All amounts are unrounded kroner; use `rounded()` for the whole-kroner table.
    `total_cost_per_year` is the natural `cost_per_fte` for `staffing_potential`.
    """

    monthly_salary: float
    pension_rate: float
    overhead: float
    paid_hours: float
    effective_share: float
    effective_hours: float
    """paid_hours × effective_share, unrounded (1,924 × 0.60 = 1,154.4)."""
    yearly_salary: float
    """Yearly salary incl. pension: monthly_salary × 12 × (1 + pension_rate)."""
    total_cost_per_year: float
    """yearly_salary + overhead."""
    per_paid_hour: float
    """total_cost_per_year / paid_hours."""
    per_effective_hour: float
    """total_cost_per_year / effective_hours."""

    def rounded(self) -> RoundedHourCost:
        """The four money figures in whole kroner, rounded half-up."""
        return RoundedHourCost(
            yearly_salary=_round_kr(self.yearly_salary),
            total_cost_per_year=_round_kr(self.total_cost_per_year),
            per_paid_hour=_round_kr(self.per_paid_hour),
            per_effective_hour=_round_kr(self.per_effective_hour),
        )


def cost_per_hour(
    monthly_salary: float,
    pension_rate: float = DEFAULT_PENSION_RATE,
    overhead: float = DEFAULT_OVERHEAD,
    paid_hours: float = DEFAULT_PAID_HOURS,
    effective_share: float = DEFAULT_EFFECTIVE_SHARE,
) -> HourCost:
    """Price of a paid and of an effective hour for one FTE.

    Formula (amounts in kr.):
        yearly_salary       = monthly_salary × 12 × (1 + pension_rate)
        total_cost_per_year = yearly_salary + overhead
        effective_hours     = paid_hours × effective_share
        per_paid_hour       = total_cost_per_year / paid_hours
        per_effective_hour  = total_cost_per_year / effective_hours

    Divisor for effective hours: the exact product paid_hours × effective_share
    (1,924 × 0.60 = 1,154.4 hours), not the 1,154 hours printed in the source. The source
    only truncates the hours for display: both divisors give the same whole-kroner figures
    for its table (471,000 / 1,154.4 = 408.01 and / 1,154 = 408.15 -> 408;
    541,200 -> 468.82 / 468.98 -> 469; 611,400 -> 529.63 / 529.81 -> 530), and keeping
    the product unrounded means changing `effective_share` or `paid_hours` never hides a
    rounding step. Rounded with `HourCost.rounded()`, monthly salaries of 25,000 /
    30,000 / 35,000 kr. give 351,000 / 421,200 / 491,400 kr. salary incl. pension,
    471,000 / 541,200 / 611,400 kr. a year, 245 / 281 / 318 kr. per paid hour and
    408 / 469 / 530 kr. per effective hour.

    Raises `BusinessCaseError` when monthly_salary, pension_rate, overhead or paid_hours
    is negative (paid_hours must be above 0), pension_rate is above 100 %, or
    effective_share is outside (0, 1].
    """
    salary = _require_non_negative("monthly_salary", monthly_salary, _label("monthly_salary"),
                                   money=True)
    pension = _require_share("pension_rate", pension_rate, _label("pension_rate"))
    overhead_kr = _require_non_negative("overhead", overhead, _label("overhead"), money=True)
    hours = _require_non_negative("paid_hours", paid_hours, _label("paid_hours"))
    if hours == 0:
        raise BusinessCaseError("paid_hours", "bc.err.above_zero",
                                label=_label("paid_hours"))
    share = _require_number("effective_share", effective_share, _label("effective_share"))
    if not 0 < share <= FULL_SHARE:
        raise BusinessCaseError("effective_share", "bc.err.effective_share",
                                share=Percent(share))

    yearly_salary = salary * MONTHS_PER_YEAR * (1 + pension)
    total = yearly_salary + overhead_kr
    effective_hours = hours * share
    return HourCost(
        monthly_salary=salary,
        pension_rate=pension,
        overhead=overhead_kr,
        paid_hours=hours,
        effective_share=share,
        effective_hours=effective_hours,
        yearly_salary=yearly_salary,
        total_cost_per_year=total,
        per_paid_hour=total / hours,
        per_effective_hour=total / effective_hours,
    )


# --- 2. Efficiency potential ---------------------------------------------------------


@dataclass(frozen=True)
class Task:
    """One task (sagsbehandlingsopgave) of the work a solution changes.

    `share` is the task's part of all effective working time and `efficiency` how much of
    the task the solution removes; both are fractions 0..1, checked on creation.
    """

    name: str
    share: float
    efficiency: float

    def __post_init__(self) -> None:
        """Refuse a share or an efficiency outside 0 % to 100 %."""
        _require_share("share", self.share, _label("task_share", task=self.name))
        _require_share("efficiency", self.efficiency, _label("task_efficiency",
                                                                   task=self.name))

    @property
    def contribution(self) -> float:
        """Share of all work saved by this task: share × efficiency."""
        return self.share * self.efficiency


@dataclass(frozen=True)
class TaskContribution:
    """One row of the potential table: the task and the share of all work it saves."""

    task: Task
    contribution: float
    """task.share × task.efficiency, a fraction of all effective working time."""

    @property
    def percent_rounded(self) -> int:
        """The contribution in whole percent, half-up (0.153 -> 15)."""
        return int(round_half_up(self.contribution * 100))


@dataclass(frozen=True)
class Potential:
    """Efficiency potential: per-task contributions and their total (fractions 0..1)."""

    contributions: tuple[TaskContribution, ...]
    total: float
    """Σ share × efficiency over all tasks (KSD: 0.396)."""
    total_share: float
    """Σ share: how much of all work the listed tasks cover (at most 1)."""

    @property
    def total_percent_rounded(self) -> int:
        """The total in whole percent, half-up (0.396 -> 40)."""
        return int(round_half_up(self.total * 100))


def efficiency_potential(tasks: Sequence[Task]) -> Potential:
    """Share of all effective working time a solution saves.

    Formula: contribution_i = share_i × efficiency_i; total = Σ contribution_i.
    Work outside the listed tasks is assumed unaffected, so the shares may sum to less
    than 100 % but not more. KSD's seven tasks give 15, 11, 4, 5, 3, 0 and 2 % (rounded)
    and 39.6 % in total, i.e. the national 40 %.

    Raises `BusinessCaseError` (field "tasks") when the list is empty or the shares sum
    to more than 100 %; the share and efficiency of each `Task` are checked when the task
    is created.
    """
    items = tuple(tasks)
    if not items:
        raise BusinessCaseError("tasks", "bc.err.no_tasks")
    for task in items:
        if not isinstance(task, Task):
            raise BusinessCaseError("tasks", "bc.err.task_incomplete")
    total_share = math.fsum(task.share for task in items)
    if total_share > FULL_SHARE + SHARE_TOLERANCE:
        raise BusinessCaseError("tasks", "bc.err.tasks_over_100",
                                share=Percent(total_share))
    contributions = tuple(TaskContribution(task, task.contribution) for task in items)
    return Potential(
        contributions=contributions,
        total=math.fsum(c.contribution for c in contributions),
        total_share=min(total_share, FULL_SHARE),
    )


# --- 3. Staffing potential -----------------------------------------------------------


@dataclass(frozen=True)
class StaffingPotential:
    """The potential of a team expressed in FTE (årsværk) and kr. per year."""

    fte: float
    """FTE freed: fte × efficiency_share."""
    kr_per_year: float
    """Money freed per year: fte × efficiency_share × cost_per_fte."""


def staffing_potential(
    fte: float, cost_per_fte: float, efficiency_share: float
) -> StaffingPotential:
    """A team's yearly potential at full effect.

    Formula: freed FTE = fte × efficiency_share; kr./year = freed FTE × cost_per_fte.
    `cost_per_fte` is the full yearly cost of one FTE incl. pension and harvestable
    overhead (`HourCost.total_cost_per_year`); `efficiency_share` is e.g.
    `Potential.total` or the national `KSD_POTENTIAL`.
    Example: 10 FTE × 40 % × 541,200 kr. = 4 FTE and 2,164,800 kr. a year.

    Raises `BusinessCaseError` when fte or cost_per_fte is negative or efficiency_share is
    outside 0..1.
    """
    staff = _require_non_negative("fte", fte, _label("fte"))
    cost = _require_non_negative("cost_per_fte", cost_per_fte, _label("cost_per_fte"), money=True)
    share = _require_share("efficiency_share", efficiency_share, _label("efficiency_share"))
    freed = staff * share
    return StaffingPotential(fte=freed, kr_per_year=freed * cost)


def it_savings(it_costs_per_year: float, saving_share: float = IT_COST_POTENTIAL) -> float:
    """Yearly saving on IT costs: it_costs_per_year × saving_share (KSD/KY: 25 %).

    Raises `BusinessCaseError` when the IT costs are negative or the share is outside
    0..1.
    """
    costs = _require_non_negative(
        "it_costs_per_year", it_costs_per_year, _label("it_costs_per_year"), money=True)
    share = _require_share("it_saving_share", saving_share, _label("it_saving_share"))
    return costs * share


# --- 4. Phase-in ---------------------------------------------------------------------


@dataclass(frozen=True)
class PhaseIn:
    """Monthly trajectory of a phased-in yearly potential.

    `shares[i]` is the share of full effect realised in month i + 1 (0..1) and
    `targets[i]` the saving target for that month: total_per_year / 12 × shares[i].
    """

    kind: PhaseInKind
    total_per_year: float
    shares: tuple[float, ...]
    targets: tuple[float, ...]

    def yearly_shares(self) -> tuple[float, ...]:
        """Share of a full year's potential realised in each year of the trajectory.

        Formula: Σ of the year's monthly shares / 12, i.e. the average share; a last,
        partial year counts only its months. Suited as `phase_in_shares` of
        `business_case`.
        """
        return tuple(
            math.fsum(self.shares[start:start + MONTHS_PER_YEAR]) / MONTHS_PER_YEAR
            for start in range(0, len(self.shares), MONTHS_PER_YEAR)
        )

    def yearly_targets(self) -> tuple[float, ...]:
        """Saving target per year of the trajectory: Σ of the year's monthly targets."""
        return tuple(
            math.fsum(self.targets[start:start + MONTHS_PER_YEAR])
            for start in range(0, len(self.targets), MONTHS_PER_YEAR)
        )


def _logistic(x: float, steepness: float) -> float:
    """Standard logistic centred at 0.5: 1 / (1 + e^(−k(x − 0.5)))."""
    return 1.0 / (1.0 + math.exp(-steepness * (x - 0.5)))


def phase_in(
    total_per_year: float,
    months: int,
    kind: PhaseInKind,
    *,
    start_month: int = 1,
    end_month: int | None = None,
    step_shares: Sequence[float] | None = None,
    steepness: float = DEFAULT_S_CURVE_STEEPNESS,
) -> PhaseIn:
    """Spread a yearly potential over `months` months as it phases in.

    Months are numbered from 1; months before `start_month` have share 0. With
    N = end_month − start_month + 1 (the ramp, default 12 months; 1 to 24 months for
    "linear", 12 to 24 for "s_curve") and, for
    month m, x = (m − start_month + 1) / N:
    - "linear": share = x for start_month <= m <= end_month, then 1. Month start_month
      gets 1/N, month end_month exactly 1.
    - "s_curve": share = (L(x) − L(0)) / (L(1) − L(0)) with the logistic
      L(x) = 1 / (1 + e^(−k(x − 0.5))) and k = `steepness`; rescaled so that it is 0
      just before start_month (close to 0 in start_month) and exactly 1 from end_month.
    - "steps": yearly shares, `step_shares[y]` for year y counted from start_month
      (months start_month..start_month+11 are year 0); after the last step the last
      share holds. Example: [0.25, 0.75, 1.0] (25 / 75 / 100 %). `end_month` is unused.
    The monthly target is total_per_year / 12 × share.

    Raises `BusinessCaseError` on a negative total_per_year, months or start_month below
    1, an unknown kind, an end_month before start_month ("ends before it starts"), a
    ramp outside 1–24 months (linear) or 12–24 months (s_curve), missing/unused or
    out-of-range step_shares, or a steepness that is not above 0.
    """
    total = _require_non_negative("total_per_year", total_per_year, _label("total_per_year"))
    count = _require_int("months", months, _label("months"), 1)
    start = _require_int("start_month", start_month, _label("start_month"), 1)
    if kind not in PHASE_IN_KINDS:
        raise BusinessCaseError("kind", "bc.err.unknown_kind", kind=kind)

    shares: list[float]
    if kind == "steps":
        if end_month is not None:
            raise BusinessCaseError("end_month", "bc.err.steps_no_end_month")
        if step_shares is None or len(step_shares) == 0:
            raise BusinessCaseError("step_shares", "bc.err.steps_missing")
        steps = [
            _require_share("step_shares", value, _label("step_share_year",
                                                                   year=year + 1))
            for year, value in enumerate(step_shares)
        ]
        shares = []
        for month in range(1, count + 1):
            if month < start:
                shares.append(0.0)
            else:
                year = (month - start) // MONTHS_PER_YEAR
                shares.append(steps[min(year, len(steps) - 1)])
    else:
        if step_shares is not None:
            raise BusinessCaseError("step_shares", "bc.err.steps_unused")
        end = start + DEFAULT_RAMP_MONTHS - 1 if end_month is None else end_month
        end = _require_int("end_month", end, _label("end_month"), 1)
        if end < start:
            raise BusinessCaseError("end_month", "bc.err.ends_before_start", end=end,
                                    start=start)
        ramp = end - start + 1
        shortest = MIN_LINEAR_RAMP_MONTHS if kind == "linear" else MIN_RAMP_MONTHS
        if not shortest <= ramp <= MAX_RAMP_MONTHS:
            raise BusinessCaseError("end_month", "bc.err.ramp_length", ramp=ramp,
                                    shortest=shortest, longest=MAX_RAMP_MONTHS)
        k = _require_number("steepness", steepness, _label("steepness"))
        if k <= 0:
            raise BusinessCaseError("steepness", "bc.err.above_zero", label=_label("steepness"))
        low, high = _logistic(0.0, k), _logistic(1.0, k)
        shares = []
        for month in range(1, count + 1):
            if month < start:
                shares.append(0.0)
            elif month >= end:
                shares.append(FULL_SHARE)
            else:
                x = (month - start + 1) / ramp
                shares.append(x if kind == "linear" else (_logistic(x, k) - low) / (high - low))

    monthly_full = total / MONTHS_PER_YEAR
    return PhaseIn(
        kind=kind,
        total_per_year=total,
        shares=tuple(shares),
        targets=tuple(monthly_full * share for share in shares),
    )


# --- 5. Business case: savings, costs, net and payback -------------------------------


@dataclass(frozen=True)
class YearResult:
    """One year of a business case (year 0 = before go-live: investments only)."""

    year: int
    savings: float
    """Gross savings of the year (0 in year 0)."""
    investment: float
    running_costs: float
    costs: float
    """investment + running_costs."""
    net: float
    """savings − costs."""
    cumulative_net: float
    """Σ net over year 0 up to and including this year."""


@dataclass(frozen=True)
class BusinessCase:
    """A business case year by year; `years[i].year == i`, starting with year 0."""

    years: tuple[YearResult, ...]

    @property
    def total_net(self) -> float:
        """Net over the whole horizon: the last year's cumulative net."""
        return self.years[-1].cumulative_net

    @property
    def payback_month(self) -> int | None:
        """See `payback_month`."""
        return payback_month(self.years)


def gross_savings(
    staff_potential_per_year: float,
    phase_in_shares: Sequence[float],
    it_savings_per_year: float | Sequence[float] = 0.0,
) -> tuple[float, ...]:
    """Gross savings for years 1..N.

    Formula: savings[y] = staff_potential_per_year × phase_in_shares[y] + it_savings[y],
    where phase_in_shares has one share (0..1) per year (e.g. `PhaseIn.yearly_shares()`
    or [0.25, 0.75, 1.0]) and it_savings_per_year is either one amount for every year or
    one amount per year (same length as phase_in_shares).

    Raises `BusinessCaseError` on a negative staff potential or IT saving, a share outside
    0..1, no years, or IT savings of another length than the shares.
    """
    staff = _require_non_negative(
        "staff_potential_per_year", staff_potential_per_year, _label("staff_potential"),
        money=True)
    if len(phase_in_shares) == 0:
        raise BusinessCaseError("phase_in_shares", "bc.err.no_phase_in_years")
    shares = [
        _require_share("phase_in_shares", value, _label("step_share_year", year=year))
        for year, value in enumerate(phase_in_shares, start=1)
    ]
    if isinstance(it_savings_per_year, Sequence):
        if len(it_savings_per_year) != len(shares):
            raise BusinessCaseError("it_savings_per_year", "bc.err.it_years_mismatch",
                                    it_years=len(it_savings_per_year), years=len(shares))
        it = [
            _require_non_negative(
                "it_savings_per_year", value, _label("it_saving_in_year", year=year),
                money=True)
            for year, value in enumerate(it_savings_per_year, start=1)
        ]
    else:
        amount = _require_non_negative(
            "it_savings_per_year", it_savings_per_year, _label("it_saving_per_year"), money=True)
        it = [amount] * len(shares)
    return tuple(staff * share + it_kr for share, it_kr in zip(shares, it, strict=True))


def _amounts_by_year(
    field: str, amounts: Mapping[int, float] | None, what: str
) -> dict[int, float]:
    """Checked {year: kr.} with years >= 0 and amounts >= 0."""
    if amounts is None:
        return {}
    if not isinstance(amounts, Mapping):
        raise BusinessCaseError(field, "bc.err.per_year", label=_label(what))
    checked: dict[int, float] = {}
    for year, value in amounts.items():
        _require_int(field, year, _label(f"year_of_{what}"), 0)
        checked[year] = _require_non_negative(field, value, _label(f"{what}_in_year", year=year),
                                              money=True)
    return checked


def yearly_result(
    savings: Sequence[float],
    investments: Mapping[int, float] | None = None,
    running_costs: Mapping[int, float] | None = None,
) -> tuple[YearResult, ...]:
    """Savings, costs, net and cumulative net for year 0 and years 1..N.

    `savings[0]` is year 1 (savings start after go-live; see `gross_savings`);
    `investments` and `running_costs` map a year (0, 1, 2, …) to kr. in that year. The
    horizon N is the longest of the savings and the highest year given; missing years
    count 0. Year 0 is always the first row.
    Formula per year y: costs = investment_y + running_costs_y; net = savings_y − costs;
    cumulative_net = Σ net over years 0..y.

    Raises `BusinessCaseError` on a savings amount that is not a finite number, or a
    negative year or amount in investments or running_costs.
    """
    gross = [
        _require_number("savings", value, _label("saving_in_year", year=year))
        for year, value in enumerate(savings, start=1)
    ]
    invest = _amounts_by_year("investments", investments, "investment")
    running = _amounts_by_year("running_costs", running_costs, "running")
    horizon = max([len(gross), *invest, *running])

    results: list[YearResult] = []
    cumulative = 0.0
    for year in range(horizon + 1):
        saving = gross[year - 1] if 1 <= year <= len(gross) else 0.0
        invest_kr = invest.get(year, 0.0)
        running_kr = running.get(year, 0.0)
        costs = invest_kr + running_kr
        net = saving - costs
        cumulative += net
        results.append(
            YearResult(
                year=year,
                savings=saving,
                investment=invest_kr,
                running_costs=running_kr,
                costs=costs,
                net=net,
                cumulative_net=cumulative,
            )
        )
    return tuple(results)


def business_case(
    staff_potential_per_year: float,
    phase_in_shares: Sequence[float],
    *,
    it_savings_per_year: float | Sequence[float] = 0.0,
    investments: Mapping[int, float] | None = None,
    running_costs: Mapping[int, float] | None = None,
) -> BusinessCase:
    """The whole business case: `gross_savings` fed into `yearly_result`.

    Example: staff potential 1,200,000 kr., phase-in [0.25, 0.75, 1.0], IT savings
    60,000 kr./year, 600,000 kr. invested in year 0, running costs 120,000 kr./year ->
    nets −600,000 / 240,000 / 840,000 / 1,140,000 and payback in month 18.
    Raises `BusinessCaseError` as those two functions do.
    """
    savings = gross_savings(staff_potential_per_year, phase_in_shares, it_savings_per_year)
    return BusinessCase(yearly_result(savings, investments, running_costs))


def payback_month(years: Sequence[YearResult]) -> int | None:
    """First month in which the cumulative net reaches 0 or more; None if it never does.

    Months count from 1 = the first month of year 1. A year-0 row is paid up front
    (before month 1); each later year's net is spread evenly over its 12 months, so after
    month m of year y: cumulative = Σ net of years before y + net_y × m / 12, and the
    result is (y − 1) × 12 + m. A cumulative within `MONEY_TOLERANCE_KR` below 0 counts
    as 0 (float noise). Without any costs, a positive year 1 pays back in month 1.

    Raises `BusinessCaseError` (field "years") when the years are not in increasing order
    or contain a negative year.
    """
    numbers = [row.year for row in years]
    if any(year < 0 for year in numbers) or numbers != sorted(set(numbers)):
        raise BusinessCaseError("years", "bc.err.years_order")
    cumulative = 0.0
    for row in years:
        if row.year == 0:
            cumulative += row.net
            continue
        for month in range(1, MONTHS_PER_YEAR + 1):
            if cumulative + row.net * month / MONTHS_PER_YEAR >= -MONEY_TOLERANCE_KR:
                return (row.year - 1) * MONTHS_PER_YEAR + month
        cumulative += row.net
    return None
