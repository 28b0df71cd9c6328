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
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from tracking.formatting import round_half_up

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


class BusinessCaseError(ValueError):
    """Refused input to a business case calculation.

    `field` is the name of the offending parameter (as in the function signature, e.g.
    ``"effective_share"`` or ``"tasks"``); `message_da` is a complete Danish sentence
    that names the field in plain words, fit to show to the user; `message_en` the same
    in English (empty only if a caller raised one without it).
    """

    def __init__(self, field: str, message_da: str, message_en: str = "") -> None:
        self.field = field
        self.message_da = message_da
        self.message_en = message_en
        super().__init__(f"{field}: {message_da}")


# English names for the Danish labels the checks below are called with. A label with a
# task name or a year in it is matched by its pattern.
_EN_LABELS = {
    "Månedslønnen": "The monthly salary",
    "Pensionsprocenten": "The pension rate",
    "Overheadet": "The overhead",
    "Antallet af løntimer pr. år": "The number of paid hours a year",
    "Den effektive andel": "The effective share",
    "Antallet af årsværk": "The number of FTE",
    "Prisen pr. årsværk": "The cost per FTE",
    "Effektiviseringspotentialet": "The efficiency potential",
    "It-udgifterne pr. år": "The IT costs a year",
    "Besparelsen på it-udgifterne": "The saving on IT costs",
    "Det årlige potentiale": "The yearly potential",
    "Investeringen": "The investment",
    "Driftsudgiften": "The running cost",
    "Antallet af måneder": "The number of months",
    "Startmåneden for indfasningen": "The start month of the phase-in",
    "Slutmåneden for indfasningen": "The end month of the phase-in",
    "S-kurvens stejlhed": "The steepness of the S-curve",
    "Personalepotentialet pr. år": "The staff potential a year",
    "It-besparelsen pr. år": "The IT saving a year",
}
_EN_PATTERNS = (
    (re.compile(r'^Andelen for opgaven "(.*)"$', re.S), 'The share of the task "{0}"'),
    (re.compile(r'^Effektiviseringen af opgaven "(.*)"$', re.S),
     'The efficiency of the task "{0}"'),
    (re.compile(r"^Indfasningsandelen for år (\d+)$"), "The phase-in share for year {0}"),
    (re.compile(r"^It-besparelsen for år (\d+)$"), "The IT saving for year {0}"),
    (re.compile(r"^Besparelsen i år (\d+)$"), "The saving in year {0}"),
    (re.compile(r"^Investeringen i år (\d+)$"), "The investment in year {0}"),
    (re.compile(r"^Driftsudgiften i år (\d+)$"), "The running cost in year {0}"),
    (re.compile(r"^Året for (investeringen|driftsudgiften)$"), "The year of the {0}"),
)
_EN_WORDS = {"investeringen": "investment", "driftsudgiften": "running cost"}


def _en_label(label_da: str) -> str:
    """The English name of a Danish field label (the Danish one if none is known)."""
    if label_da in _EN_LABELS:
        return _EN_LABELS[label_da]
    for pattern, template in _EN_PATTERNS:
        match = pattern.match(label_da)
        if match:
            return template.format(*(_EN_WORDS.get(g, g) for g in match.groups()))
    return label_da


def _format_en(value: float, decimals: int = 0) -> str:
    """English number format: 1234567.891 -> '1,234,567.89' (with `decimals`=2)."""
    return f"{round_half_up(value, decimals):,.{decimals}f}"


def _format_pct_en(share: float) -> str:
    percent = round_half_up(share * 100, 1)
    decimals = 0 if percent == int(percent) else 1
    return f"{_format_en(percent, decimals)}%"


def _round_kr(value: float) -> int:
    """Whole kroner, rounded half-up."""
    return int(round_half_up(value))


def _format_da(value: float, decimals: int = 0) -> str:
    """Danish number format: 1234567.891 -> '1.234.567,89' (with `decimals`=2)."""
    text = f"{round_half_up(value, decimals):,.{decimals}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def _format_pct(share: float) -> str:
    """A fraction as Danish percent, one decimal only when needed: 1.04 -> '104 %'."""
    percent = round_half_up(share * 100, 1)
    decimals = 0 if percent == int(percent) else 1
    return f"{_format_da(percent, decimals)} %"


def _require_number(field: str, value: float, label_da: str) -> float:
    """`value` as float; refuse booleans, non-numbers, NaN and infinity."""
    label_en = _en_label(label_da)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise BusinessCaseError(field, f"{label_da} skal være et tal.",
                                f"{label_en} must be a number.")
    if not math.isfinite(value):
        raise BusinessCaseError(field, f"{label_da} skal være et endeligt tal.",
                                f"{label_en} must be a finite number.")
    return float(value)


def _require_non_negative(field: str, value: float, label_da: str, unit_da: str = "") -> float:
    """`value` as float, refused if below 0."""
    number = _require_number(field, value, label_da)
    if number < 0:
        decimals = 0 if number == int(number) else 2
        amount = f"{_format_da(number, decimals)} {unit_da}".rstrip()
        end = "" if amount.endswith(".") else "."
        amount_en = f"{_format_en(number, decimals)} {'kr.' if unit_da else ''}".rstrip()
        raise BusinessCaseError(field, f"{label_da} må ikke være under 0, men er {amount}{end}",
                                f"{_en_label(label_da)} cannot be below 0, but is {amount_en}"
                                f"{'' if amount_en.endswith('.') else '.'}")
    return number


def _require_share(field: str, value: float, label_da: str) -> float:
    """A fraction in the closed interval 0..1 (0 % to 100 %)."""
    number = _require_number(field, value, label_da)
    if number < 0 or number > FULL_SHARE + SHARE_TOLERANCE:
        raise BusinessCaseError(
            field, f"{label_da} er {_format_pct(number)}, men skal ligge mellem 0 % og 100 %.",
            f"{_en_label(label_da)} is {_format_pct_en(number)}, but must be between 0% and "
            "100%.",
        )
    return min(number, FULL_SHARE)


def _require_int(field: str, value: int, label_da: str, minimum: int) -> int:
    """A whole number not below `minimum`."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise BusinessCaseError(field, f"{label_da} skal være et helt tal.",
                                f"{_en_label(label_da)} must be a whole number.")
    if value < minimum:
        raise BusinessCaseError(
            field, f"{label_da} skal være mindst {minimum}, men er {value}.",
            f"{_en_label(label_da)} must be at least {minimum}, but is {value}.",
        )
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
    salary = _require_non_negative("monthly_salary", monthly_salary, "Månedslønnen", "kr.")
    pension = _require_share("pension_rate", pension_rate, "Pensionsprocenten")
    overhead_kr = _require_non_negative("overhead", overhead, "Overheadet", "kr.")
    hours = _require_non_negative("paid_hours", paid_hours, "Antallet af løntimer pr. år")
    if hours == 0:
        raise BusinessCaseError(
            "paid_hours", "Antallet af løntimer pr. år skal være større end 0.",
            "The number of paid hours a year must be above 0.",
        )
    share = _require_number("effective_share", effective_share, "Den effektive andel")
    if not 0 < share <= FULL_SHARE:
        raise BusinessCaseError(
            "effective_share",
            f"Den effektive andel af løntimerne er {_format_pct(share)}, "
            "men skal være over 0 % og højst 100 %.",
            f"The effective share of paid hours is {_format_pct_en(share)}, "
            "but must be above 0% and at most 100%.",
        )

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
        _require_share("share", self.share, f'Andelen for opgaven "{self.name}"')
        _require_share("efficiency", self.efficiency, f'Effektiviseringen af opgaven "{self.name}"')

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
        raise BusinessCaseError(
            "tasks", "Der skal være mindst én opgave for at beregne potentialet.",
            "At least one task is needed to compute the potential.",
        )
    for task in items:
        if not isinstance(task, Task):
            raise BusinessCaseError(
                "tasks", "Hver opgave skal angives med navn, andel og effektivisering.",
                "Every task needs a name, a share and an efficiency.",
            )
    total_share = math.fsum(task.share for task in items)
    if total_share > FULL_SHARE + SHARE_TOLERANCE:
        raise BusinessCaseError(
            "tasks",
            f"Opgavernes andele summer til {_format_pct(total_share)}, men kan højst være 100 %.",
            f"The tasks' shares add up to {_format_pct_en(total_share)}, but can be at most "
            "100%.",
        )
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
    staff = _require_non_negative("fte", fte, "Antallet af årsværk")
    cost = _require_non_negative("cost_per_fte", cost_per_fte, "Prisen pr. årsværk", "kr.")
    share = _require_share("efficiency_share", efficiency_share, "Effektiviseringspotentialet")
    freed = staff * share
    return StaffingPotential(fte=freed, kr_per_year=freed * cost)


def it_savings(it_costs_per_year: float, saving_share: float = IT_COST_POTENTIAL) -> float:
    """Yearly saving on IT costs: it_costs_per_year × saving_share (KSD/KY: 25 %).

    Raises `BusinessCaseError` when the IT costs are negative or the share is outside
    0..1.
    """
    costs = _require_non_negative(
        "it_costs_per_year", it_costs_per_year, "It-udgifterne pr. år", "kr.")
    share = _require_share("it_saving_share", saving_share, "Besparelsen på it-udgifterne")
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
    total = _require_non_negative("total_per_year", total_per_year, "Det årlige potentiale")
    count = _require_int("months", months, "Antallet af måneder", 1)
    start = _require_int("start_month", start_month, "Startmåneden for indfasningen", 1)
    if kind not in PHASE_IN_KINDS:
        raise BusinessCaseError(
            "kind",
            f'Indfasningstypen "{kind}" kendes ikke; brug "linear", "steps" eller "s_curve".',
            f'Unknown phase-in kind "{kind}"; use "linear", "steps" or "s_curve".',
        )

    shares: list[float]
    if kind == "steps":
        if end_month is not None:
            raise BusinessCaseError(
                "end_month",
                "Slutmåned bruges ikke ved trinvis indfasning; angiv andelene pr. år i stedet.",
                "Yearly steps have no end month; give the share for each year instead.",
            )
        if step_shares is None or len(step_shares) == 0:
            raise BusinessCaseError(
                "step_shares", "Trinvis indfasning kræver mindst én andel pr. år.",
                "Yearly steps need at least one share.",
            )
        steps = [
            _require_share("step_shares", value, f"Indfasningsandelen for år {year + 1}")
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
            raise BusinessCaseError(
                "step_shares", "Andele pr. år bruges kun ved trinvis indfasning (steps).",
                "Shares per year are only used with yearly steps.",
            )
        end = start + DEFAULT_RAMP_MONTHS - 1 if end_month is None else end_month
        end = _require_int("end_month", end, "Slutmåneden for indfasningen", 1)
        if end < start:
            raise BusinessCaseError(
                "end_month",
                f"Indfasningen slutter i måned {end}, før den starter i måned {start}.",
                f"The phase-in ends in month {end}, before it starts in month {start}.",
            )
        ramp = end - start + 1
        shortest = MIN_LINEAR_RAMP_MONTHS if kind == "linear" else MIN_RAMP_MONTHS
        if not shortest <= ramp <= MAX_RAMP_MONTHS:
            raise BusinessCaseError(
                "end_month",
                f"Indfasningen varer {ramp} måneder, men skal vare mellem "
                f"{shortest} og {MAX_RAMP_MONTHS} måneder.",
                f"The phase-in lasts {ramp} months, but must last between {shortest} and "
                f"{MAX_RAMP_MONTHS} months.",
            )
        k = _require_number("steepness", steepness, "S-kurvens stejlhed")
        if k <= 0:
            raise BusinessCaseError("steepness", "S-kurvens stejlhed skal være større end 0.",
                                    "The steepness of the S-curve must be above 0.")
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
        "staff_potential_per_year", staff_potential_per_year, "Personalepotentialet pr. år", "kr."
    )
    if len(phase_in_shares) == 0:
        raise BusinessCaseError(
            "phase_in_shares", "Der skal være en indfasningsandel for mindst ét år.",
            "A phase-in share is needed for at least one year.",
        )
    shares = [
        _require_share("phase_in_shares", value, f"Indfasningsandelen for år {year}")
        for year, value in enumerate(phase_in_shares, start=1)
    ]
    if isinstance(it_savings_per_year, Sequence):
        if len(it_savings_per_year) != len(shares):
            raise BusinessCaseError(
                "it_savings_per_year",
                f"Der er it-besparelser for {len(it_savings_per_year)} år, men "
                f"indfasningsandele for {len(shares)} år; der skal være lige mange.",
                f"There are IT savings for {len(it_savings_per_year)} years but phase-in "
                f"shares for {len(shares)} years; they must match.",
            )
        it = [
            _require_non_negative(
                "it_savings_per_year", value, f"It-besparelsen for år {year}", "kr."
            )
            for year, value in enumerate(it_savings_per_year, start=1)
        ]
    else:
        amount = _require_non_negative(
            "it_savings_per_year", it_savings_per_year, "It-besparelsen pr. år", "kr."
        )
        it = [amount] * len(shares)
    return tuple(staff * share + it_kr for share, it_kr in zip(shares, it, strict=True))


def _amounts_by_year(
    field: str, amounts: Mapping[int, float] | None, label_da: str
) -> dict[int, float]:
    """Checked {year: kr.} with years >= 0 and amounts >= 0."""
    if amounts is None:
        return {}
    if not isinstance(amounts, Mapping):
        raise BusinessCaseError(
            field, f"{label_da} skal angives pr. år, fx {{0: 500000, 1: 100000}}.",
            f"{_en_label(label_da)} must be given per year, e.g. {{0: 500000, 1: 100000}}.",
        )
    checked: dict[int, float] = {}
    for year, value in amounts.items():
        _require_int(field, year, f"Året for {label_da.lower()}", 0)
        checked[year] = _require_non_negative(field, value, f"{label_da} i år {year}", "kr.")
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
        _require_number("savings", value, f"Besparelsen i år {year}")
        for year, value in enumerate(savings, start=1)
    ]
    invest = _amounts_by_year("investments", investments, "Investeringen")
    running = _amounts_by_year("running_costs", running_costs, "Driftsudgiften")
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
        raise BusinessCaseError(
            "years", "Årene i business casen skal stå i stigende rækkefølge fra år 0.",
            "The years of the business case must be in increasing order from year 0.",
        )
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
