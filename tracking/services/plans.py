"""Create, edit and archive plans and their indicators."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date

from sqlalchemy import Engine, delete
from sqlmodel import Session, select

from tracking.auth import Actor, Permission, authorize
from tracking.clock import now, today
from tracking.db import session_scope
from tracking.errors import ValidationError
from tracking.lookup import get_or_refuse
from tracking.models import (
    Direction,
    Indicator,
    IndicatorKind,
    Measure,
    Meeting,
    PhaseIn,
    Plan,
    TargetMonth,
    UserAccount,
)
from tracking.months import month_of, month_range
from tracking.parsing import finite_number, parse_number, refuse_control_chars
from tracking.rules import (
    DEFAULT_REPORT_DEADLINE_DAY,
    Thresholds,
    steps_full_effect_month,
    target_for_month,
    validate_deadline_day,
    validate_plan_period,
    validate_thresholds,
    validate_trajectory,
)
from tracking.services.meetings import write_minutes
from tracking.trajectory_codec import encode_explicit, encode_steps, trajectory_of
from tracking.units import MAX_FIGURE, Unit
from tracking.versioning import check_version

MAX_NAME = 200


@dataclass
class PlanInput:
    name: str
    start_month: date
    end_month: date
    solution: str = ""
    team: str = ""
    benefit_owner: str = ""
    department: str = ""
    area: str = ""
    on_track_threshold: float = 0.95
    at_risk_threshold: float = 0.80
    report_deadline_day: int = DEFAULT_REPORT_DEADLINE_DAY
    municipality: str = ""  # last: callers name the fields before it by position


@dataclass
class IndicatorInput:
    name: str
    unit: str
    direction: str
    baseline_value: float
    baseline_month: date
    target_value: float
    target_start_month: date
    full_effect_month: date
    kind: str = IndicatorKind.BENEFIT.value
    owner: str = ""
    owner_user_id: int | None = None  # the account that may enter its figures
    phase_in: str = PhaseIn.LINEAR.value
    step_percentages: list[float] = field(default_factory=list)  # e.g. [25, 75, 100]
    explicit_targets: dict[date, float] = field(default_factory=dict)
    # flow, level or rate; None takes the unit's default (`default_measure`).
    measure: str | None = None
    budget_effect: bool = True


def default_measure(unit: str) -> Measure:
    """What an indicator in `unit` measures when nobody said: a share (%) or a number of
    days (a case time is an average) is a rate; anything else an amount per month, which
    is how every indicator was summed before the measure was asked for."""
    return Measure.RATE if unit in (Unit.PCT, Unit.DAYS) else Measure.FLOW


def _clean_name(name: str, fieldname: str = "name") -> str:
    name = refuse_control_chars(name, fieldname).strip()
    if not name:
        raise ValidationError("error.name_required", fieldname)
    if len(name) > MAX_NAME:
        raise ValidationError("error.name_too_long", fieldname, max=MAX_NAME)
    return name


def _validate_plan(data: PlanInput) -> PlanInput:
    data.name = _clean_name(data.name)
    for attr in ("department", "area", "municipality"):  # optional, but bounded like a name
        value = refuse_control_chars(getattr(data, attr), attr).strip()
        if len(value) > MAX_NAME:
            raise ValidationError("error.name_too_long", attr, max=MAX_NAME)
        setattr(data, attr, value)
    data.start_month = month_of(data.start_month)
    data.end_month = month_of(data.end_month)
    validate_plan_period(data.start_month, data.end_month)
    validate_thresholds(Thresholds(data.on_track_threshold, data.at_risk_threshold))
    validate_deadline_day(data.report_deadline_day)
    return data


def _validate_indicator(data: IndicatorInput, plan: Plan) -> IndicatorInput:
    data.name = _clean_name(data.name)
    # The owner's name is free text too (a person without an account); PostgreSQL cannot
    # store a lone surrogate, so refuse what no database can keep, with our message.
    data.owner = refuse_control_chars(data.owner, "owner").strip()
    if len(data.owner) > MAX_NAME:
        raise ValidationError("error.name_too_long", "owner", max=MAX_NAME)
    for attr, enum in (("unit", Unit), ("direction", Direction), ("kind", IndicatorKind),
                       ("phase_in", PhaseIn)):
        try:
            setattr(data, attr, enum(getattr(data, attr)).value)
        except ValueError:
            raise ValidationError(f"error.unknown_{attr}", attr,
                                  value=getattr(data, attr)) from None
    try:
        data.measure = Measure(data.measure).value if data.measure \
            else default_measure(data.unit).value
    except ValueError:
        raise ValidationError("error.unknown_measure", "measure", value=data.measure) from None
    data.budget_effect = bool(data.budget_effect)
    data.baseline_month = month_of(data.baseline_month)
    data.target_start_month = month_of(data.target_start_month)
    data.full_effect_month = month_of(data.full_effect_month)
    limit = MAX_FIGURE[Unit(data.unit)]
    data.baseline_value = finite_number(parse_number(data.baseline_value, "baseline_value"),
                                        "baseline_value", limit)
    data.target_value = finite_number(parse_number(data.target_value, "target_value"),
                                      "target_value", limit)
    data.explicit_targets = {
        month_of(m): finite_number(parse_number(v, "explicit_targets"), "explicit_targets",
                                   limit)
        for m, v in data.explicit_targets.items()}
    if data.step_percentages:
        data.step_percentages = [finite_number(parse_number(p, "step_percentages"),
                                               "step_percentages")
                                 for p in data.step_percentages]
    if data.phase_in == PhaseIn.STEPS:
        data.full_effect_month = steps_full_effect_month(
            data.target_start_month, data.step_percentages or [100])
    if data.phase_in == PhaseIn.EXPLICIT and data.explicit_targets:
        outside = [m for m in data.explicit_targets
                   if not plan.start_month <= m <= plan.end_month]
        if outside:
            raise ValidationError("error.explicit_outside_plan", "explicit_targets")
    if not plan.start_month <= data.target_start_month <= plan.end_month:
        raise ValidationError("error.start_outside_plan", "target_start_month")
    probe = Indicator(plan_id=plan.id or 0, **_indicator_columns(data))
    validate_trajectory(trajectory_of(probe), Direction(data.direction))
    return data


def _indicator_columns(data: IndicatorInput) -> dict:
    columns = asdict(data)
    columns["step_percentages"] = encode_steps(data.step_percentages)
    columns["explicit_targets"] = encode_explicit(data.explicit_targets)
    return columns


def _materialise_targets(session: Session, indicator: Indicator, plan: Plan) -> None:
    """Write the target of every month of the plan for this indicator."""
    session.exec(delete(TargetMonth).where(TargetMonth.indicator_id == indicator.id))
    trajectory = trajectory_of(indicator)
    session.add_all(
        TargetMonth(indicator_id=indicator.id, month=m, value=target_for_month(trajectory, m))
        for m in month_range(plan.start_month, plan.end_month)
    )


def _check_owner(session: Session, data: IndicatorInput) -> None:
    if data.owner_user_id is None:
        return
    user = session.get(UserAccount, data.owner_user_id)
    if user is None or user.archived_at is not None:
        raise ValidationError("error.owner_not_found", "owner_user_id", id=data.owner_user_id)


def create_plan(engine: Engine, data: PlanInput, actor: Actor | None = None) -> Plan:
    data = _validate_plan(data)
    with session_scope(engine) as session:
        authorize(session, actor, Permission.CREATE_PLAN)
        plan = Plan(**asdict(data))
        session.add(plan)
        session.flush()
        return plan


def update_plan(engine: Engine, plan_id: int, data: PlanInput, actor: Actor | None = None,
                expected_version: int | None = None) -> Plan:
    """Edit a plan. Targets of its indicators are rewritten for the new period."""
    data = _validate_plan(data)
    with session_scope(engine) as session:
        plan = get_or_refuse(session, Plan, plan_id, "error.plan_not_found", "plan_id")
        authorize(session, actor, Permission.EDIT_PLAN, plan_id)
        check_version(session, plan, expected_version, plan.name)
        for key, value in asdict(data).items():
            setattr(plan, key, value)
        plan.updated_at = now()
        plan.version += 1
        session.add(plan)
        indicators = session.exec(select(Indicator).where(Indicator.plan_id == plan_id)).all()
        for ind in indicators:
            _materialise_targets(session, ind, plan)
        return plan


def set_plan_archived(engine: Engine, plan_id: int, archived: bool,
                      actor: Actor | None = None) -> Plan:
    """Archive (or restore) a plan. Archiving closes its open meeting, with minutes, in
    the same transaction; from then on every write into the plan is refused."""
    with session_scope(engine) as session:
        plan = get_or_refuse(session, Plan, plan_id, "error.plan_not_found", "plan_id")
        authorize(session, actor, Permission.EDIT_PLAN, plan_id, archived_ok=True)
        if archived:
            for meeting in session.exec(select(Meeting).where(
                    Meeting.plan_id == plan_id, Meeting.closed_at.is_(None))).all():  # type: ignore[union-attr]
                write_minutes(session, engine, meeting, plan, actor, today())
        plan.archived_at = now() if archived else None
        plan.version += 1
        session.add(plan)
        return plan


def create_indicator(engine: Engine, plan_id: int, data: IndicatorInput,
                     actor: Actor | None = None) -> Indicator:
    with session_scope(engine) as session:
        plan = get_or_refuse(session, Plan, plan_id, "error.plan_not_found", "plan_id")
        authorize(session, actor, Permission.EDIT_PLAN, plan_id)
        data = _validate_indicator(data, plan)
        _check_owner(session, data)
        count = len(session.exec(select(Indicator.id).where(Indicator.plan_id == plan_id)).all())
        ind = Indicator(plan_id=plan_id, sort_order=count, **_indicator_columns(data))
        session.add(ind)
        session.flush()
        _materialise_targets(session, ind, plan)
        return ind


def update_indicator(engine: Engine, indicator_id: int, data: IndicatorInput,
                     actor: Actor | None = None,
                     expected_version: int | None = None) -> Indicator:
    with session_scope(engine) as session:
        ind = get_or_refuse(session, Indicator, indicator_id, "error.indicator_not_found",
                            "indicator_id")
        plan = get_or_refuse(session, Plan, ind.plan_id, "error.plan_not_found", "plan_id")
        authorize(session, actor, Permission.EDIT_PLAN, plan.id)
        check_version(session, ind, expected_version, ind.name)
        data = _validate_indicator(data, plan)
        _check_owner(session, data)
        for key, value in _indicator_columns(data).items():
            setattr(ind, key, value)
        ind.updated_at = now()
        ind.version += 1
        session.add(ind)
        session.flush()
        _materialise_targets(session, ind, plan)
        return ind


def set_indicator_archived(engine: Engine, indicator_id: int, archived: bool,
                           actor: Actor | None = None) -> Indicator:
    with session_scope(engine) as session:
        ind = get_or_refuse(session, Indicator, indicator_id, "error.indicator_not_found",
                            "indicator_id")
        authorize(session, actor, Permission.EDIT_PLAN, ind.plan_id)
        ind.archived_at = now() if archived else None
        ind.version += 1
        session.add(ind)
        return ind


