"""Store a plan's business case, compute it, and turn its phase-in into an indicator's
target trajectory.

The arithmetic is `tracking.business_case` (pure); this module keeps what the user typed
(`BusinessCaseInput`), computes the whole case from it (`compute`), and writes.

How the pieces fit (documented because users will ask):
- cost per FTE = `cost_per_hour(...).total_cost_per_year` (salary incl. pension plus the
  harvestable overhead);
- efficiency share = the task table's total (share × efficiency summed), or a fixed share
  such as the national 40 % for KSD;
- staff potential = FTE × efficiency share (in FTE and kr. a year);
- IT savings = IT costs a year × expected saving share (the method: 25 %); they count in
  full from year 1, the staff potential phases in;
- months are counted from `phase_in_start` (month 1 of year 1); year 0 is before it;
- applying the phase-in to an indicator writes an explicit target for every month of the
  plan: baseline ± the planned amount of that month (+ when higher is better, − when
  lower is better). kr.: planned savings that month (staff phase-in + IT / 12); 1.000
  kr.: the same in thousands; FTE: freed FTE at that month's phase-in share.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Engine
from sqlmodel import Session, select

from tracking import business_case as bc
from tracking.auth import Actor, Permission, authorize
from tracking.clock import now
from tracking.db import session_scope
from tracking.errors import NotFoundError, ValidationError
from tracking.models import (
    BusinessCaseCost,
    BusinessCaseRecord,
    BusinessCaseTask,
    Direction,
    Indicator,
    PhaseIn,
    Plan,
)
from tracking.months import add_months, month_range, months_between
from tracking.parsing import refuse_control_chars
from tracking.readmodel.business_case import (
    APPLICABLE_UNITS,
    BusinessCaseInput,
    CostInput,
    TaskInput,
    get_business_case,
)
from tracking.services.plans import IndicatorInput, update_indicator
from tracking.trajectory_codec import encode_steps
from tracking.units import Unit

POTENTIAL_SOURCES = ("tasks", "fixed")
MAX_HORIZON_YEARS = 10
# The KSD task table of the method, a starting point the user edits (share, efficiency).
METHOD_TASKS: tuple[tuple[str, float, float], ...] = (
    ("Journalisering og fordeling", 0.18, 0.85),
    ("Validering og indberetning", 0.17, 0.65),
    ("Sagsspecifikke henvendelser", 0.11, 0.40),
    ("Kontakt ved fejl og mangler", 0.07, 0.65),
    ("Kontrol af timer", 0.04, 0.65),
    ("Afslag pga. uarbejdsdygtighed", 0.03, 0.0),
    ("Partshøring ved manglende skema", 0.02, 0.85),
)


@dataclass(frozen=True)
class MonthPlan:
    """Planned savings of one month (month 1 = `phase_in_start`)."""

    month: date
    share: float  # phase-in share of the staff potential
    staff: float  # kr.
    it: float  # kr.
    fte: float

    @property
    def total(self) -> float:
        return self.staff + self.it


@dataclass(frozen=True)
class BusinessCaseResult:
    hour_cost: bc.HourCost
    potential: bc.Potential | None  # None with a fixed share
    efficiency_share: float
    staffing: bc.StaffingPotential
    it_savings_per_year: float
    phase: bc.PhaseIn
    months: list[MonthPlan]
    case: bc.BusinessCase

    @property
    def payback_month(self) -> int | None:
        return self.case.payback_month

    @property
    def gross_per_year(self) -> float:
        """Savings at full effect: staff potential + IT savings, kr. a year."""
        return self.staffing.kr_per_year + self.it_savings_per_year


def default_input(plan: Plan) -> BusinessCaseInput:
    """The method's defaults, starting at the plan's first month."""
    return BusinessCaseInput(
        phase_in_start=plan.start_month,
        tasks=[TaskInput(*row) for row in METHOD_TASKS],
        costs=[CostInput(0)])


def compute(data: BusinessCaseInput) -> BusinessCaseResult:
    """The whole business case from the stored assumptions.

    Raises ValidationError naming the field on any refused input.
    """
    if data.potential_source not in POTENTIAL_SOURCES:
        raise ValidationError("error.bc_potential_source", "potential_source")
    if isinstance(data.horizon_years, bool) or not 1 <= data.horizon_years <= MAX_HORIZON_YEARS:
        raise ValidationError("error.bc_horizon", "horizon_years", max=MAX_HORIZON_YEARS)
    if data.phase_in_kind != "steps" and (
            isinstance(data.ramp_months, bool) or data.ramp_months < 1):
        raise ValidationError("error.bc_ramp_before_start", "ramp_months",
                              months=data.ramp_months)
    for task in data.tasks:
        if not (task.name or "").strip():
            raise ValidationError("error.bc_task_name", "tasks")
        refuse_control_chars(task.name, "tasks")  # e.g. a lone surrogate PostgreSQL refuses
    years = [c.year for c in data.costs]
    if len(set(years)) != len(years):
        raise ValidationError("error.bc_cost_year_twice", "costs")
    if any(y < 0 or y > data.horizon_years for y in years):
        raise ValidationError("error.bc_cost_year_range", "costs", max=data.horizon_years)
    # A refusal of the pure calculation (BusinessCaseError) is a ValidationError already.
    hour_cost = bc.cost_per_hour(data.monthly_salary, data.pension_rate, data.overhead,
                                 data.paid_hours, data.effective_share)
    potential = None
    if data.potential_source == "tasks":
        potential = bc.efficiency_potential(
            [bc.Task(t.name.strip(), t.share, t.efficiency) for t in data.tasks])
        share = potential.total
    else:
        share = data.fixed_potential
    staffing = bc.staffing_potential(data.fte, hour_cost.total_cost_per_year, share)
    it_savings = bc.it_savings(data.it_costs_per_year, data.it_saving_share)
    months = data.horizon_years * bc.MONTHS_PER_YEAR
    if data.phase_in_kind == "steps":
        phase = bc.phase_in(staffing.kr_per_year, months, "steps",
                            step_shares=[p / 100 for p in data.step_percentages])
    else:
        phase = bc.phase_in(staffing.kr_per_year, months, data.phase_in_kind,
                            end_month=data.ramp_months)  # type: ignore[arg-type]
    case = bc.business_case(
        staffing.kr_per_year, phase.yearly_shares(), it_savings_per_year=it_savings,
        investments={c.year: c.investment for c in data.costs},
        running_costs={c.year: c.running_costs for c in data.costs})
    month_plans = [
        MonthPlan(month=add_months(data.phase_in_start, i), share=s, staff=target,
                  it=it_savings / bc.MONTHS_PER_YEAR, fte=staffing.fte * s)
        for i, (s, target) in enumerate(zip(phase.shares, phase.targets, strict=True))]
    return BusinessCaseResult(hour_cost, potential, share, staffing, it_savings, phase,
                              month_plans, case)


_COLUMNS = ("monthly_salary", "pension_rate", "overhead", "paid_hours", "effective_share",
            "fte", "potential_source", "fixed_potential", "it_costs_per_year",
            "it_saving_share", "phase_in_kind", "phase_in_start", "ramp_months",
            "horizon_years")


def save_business_case(engine: Engine, plan_id: int, data: BusinessCaseInput,
                       actor: Actor | None) -> BusinessCaseResult:
    """Validate by computing the whole case, then store it (replacing tasks and costs;
    the replaced rows are archived). `data.version` must be the stored version (0 if
    none) so that two people editing at once do not overwrite each other unseen."""
    result = compute(data)
    with session_scope(engine) as session:
        if session.get(Plan, plan_id) is None:
            raise NotFoundError("error.plan_not_found", "plan_id", id=plan_id)
        authorize(session, actor, Permission.EDIT_PLAN, plan_id)
        rec = session.exec(select(BusinessCaseRecord).where(
            BusinessCaseRecord.plan_id == plan_id)).first()
        if (rec.version if rec else 0) != data.version:
            raise ValidationError("error.bc_stale", "version", by=rec.updated_by if rec else "")
        values = {name: getattr(data, name) for name in _COLUMNS}
        values["step_percentages"] = encode_steps(data.step_percentages)
        if rec is None:
            rec = BusinessCaseRecord(plan_id=plan_id, updated_by=actor.name, **values)
        else:
            for name, value in values.items():
                setattr(rec, name, value)
            rec.version += 1
            rec.updated_at, rec.updated_by = now(), actor.name
        session.add(rec)
        stamp = now()
        for model in (BusinessCaseTask, BusinessCaseCost):
            for row in session.exec(select(model).where(
                    model.plan_id == plan_id, model.archived_at.is_(None))).all():
                row.archived_at = stamp
                session.add(row)
        session.add_all(BusinessCaseTask(plan_id=plan_id, name=t.name.strip(), share=t.share,
                                         efficiency=t.efficiency, sort_order=i,
                                         created_by=actor.name)
                        for i, t in enumerate(data.tasks))
        session.add_all(BusinessCaseCost(plan_id=plan_id, year=c.year, investment=c.investment,
                                         running_costs=c.running_costs, created_by=actor.name)
                        for c in data.costs)
    return result


def planned_amount(result: BusinessCaseResult, unit: str, month_index: int) -> float:
    """The planned improvement of month `month_index` (0 = phase-in start) in `unit`.

    Before the start it is 0; after the horizon the last month holds (full effect).
    """
    if month_index < 0:
        return 0.0
    month = result.months[min(month_index, len(result.months) - 1)]
    if unit == Unit.FTE:
        return month.fte
    if unit == Unit.TKR:
        return month.total / 1000
    if unit == Unit.KR:
        return month.total
    raise ValidationError("error.bc_indicator_unit", "indicator_id")


def phase_in_targets(result: BusinessCaseResult, start: date, ind: Indicator,
                     plan: Plan) -> dict[date, float]:
    """Explicit monthly targets for every month of the plan (see the module docstring)."""
    sign = 1.0 if ind.direction == Direction.HIGHER else -1.0
    decimals = 2 if ind.unit == Unit.FTE else 0
    return {m: round(ind.baseline_value
                     + sign * planned_amount(result, ind.unit, months_between(start, m)),
                     decimals)
            for m in month_range(plan.start_month, plan.end_month)}


def apply_phase_in(engine: Engine, plan_id: int, indicator_id: int,
                   actor: Actor | None = None) -> Indicator:
    """Make the stored business case's phase-in the indicator's target trajectory.

    The indicator gets explicit monthly targets (its baseline, unit and direction stay);
    its target value becomes the full-effect target. Refuses an indicator of another plan
    or in a unit other than kr., 1.000 kr. or FTE.
    """
    data = get_business_case(engine, plan_id)
    if data is None:
        raise ValidationError("error.bc_missing", "plan_id")
    with Session(engine) as session:
        plan = session.get(Plan, plan_id)
        ind = session.get(Indicator, indicator_id)
    if plan is None:
        raise NotFoundError("error.plan_not_found", "plan_id", id=plan_id)
    if ind is None or ind.plan_id != plan_id or ind.archived_at is not None:
        raise NotFoundError("error.indicator_not_found", "indicator_id", id=indicator_id)
    if ind.unit not in APPLICABLE_UNITS:
        raise ValidationError("error.bc_indicator_unit", "indicator_id")
    result = compute(data)
    targets = phase_in_targets(result, data.phase_in_start, ind, plan)
    sign = 1.0 if ind.direction == Direction.HIGHER else -1.0
    full = ind.baseline_value + sign * planned_amount(result, ind.unit, len(result.months) - 1)
    ramp_end = add_months(data.phase_in_start, _full_effect_index(result))
    start = min(max(plan.start_month, data.phase_in_start, ind.baseline_month), plan.end_month)
    full_effect = min(max(ramp_end, start), plan.end_month)
    updated = update_indicator(engine, indicator_id, IndicatorInput(
        name=ind.name, unit=ind.unit, direction=ind.direction, kind=ind.kind, owner=ind.owner,
        owner_user_id=ind.owner_user_id, measure=ind.measure, budget_effect=ind.budget_effect,
        baseline_value=ind.baseline_value, baseline_month=ind.baseline_month,
        target_value=round(full, 2), target_start_month=start, full_effect_month=full_effect,
        phase_in=PhaseIn.EXPLICIT.value, explicit_targets=targets), actor=actor)
    return updated


def apply_phase_in_to_all(engine: Engine, plan_id: int,
                          indicator_ids: list[int],
                          actor: Actor | None = None) -> list[Indicator]:
    """`apply_phase_in` for several indicators; all are checked before any is changed."""
    if not indicator_ids:
        raise ValidationError("error.bc_no_indicator", "indicator_id")
    if get_business_case(engine, plan_id) is None:
        raise ValidationError("error.bc_missing", "plan_id")
    with Session(engine) as session:
        for ind_id in indicator_ids:
            ind = session.get(Indicator, ind_id)
            if ind is None or ind.plan_id != plan_id or ind.archived_at is not None:
                raise NotFoundError("error.indicator_not_found", "indicator_id", id=ind_id)
            if ind.unit not in APPLICABLE_UNITS:
                raise ValidationError("error.bc_indicator_unit", "indicator_id")
    return [apply_phase_in(engine, plan_id, ind_id, actor) for ind_id in indicator_ids]


def _full_effect_index(result: BusinessCaseResult) -> int:
    """Index of the first month at full effect (the last month if never reached)."""
    for i, share in enumerate(result.phase.shares):
        if share >= 1.0:
            return i
    return len(result.phase.shares) - 1
