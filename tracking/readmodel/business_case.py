"""A plan's stored business case, as the user typed it, and its economic indicators."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import Engine
from sqlmodel import Session, select

from tracking import business_case as bc
from tracking.models import (
    BusinessCaseCost,
    BusinessCaseRecord,
    BusinessCaseTask,
    Indicator,
)
from tracking.trajectory_codec import decode_steps
from tracking.units import Unit

APPLICABLE_UNITS = (Unit.KR.value, Unit.TKR.value, Unit.FTE.value)
DEFAULT_FTE = 10.0
DEFAULT_MONTHLY_SALARY = 30_000.0
DEFAULT_IT_SAVING = bc.IT_COST_POTENTIAL


@dataclass
class TaskInput:
    name: str
    share: float  # fraction of all effective working time
    efficiency: float  # fraction of the task the solution removes


@dataclass
class CostInput:
    year: int
    investment: float = 0.0
    running_costs: float = 0.0


@dataclass
class BusinessCaseInput:
    phase_in_start: date
    monthly_salary: float = DEFAULT_MONTHLY_SALARY
    pension_rate: float = bc.DEFAULT_PENSION_RATE
    overhead: float = bc.DEFAULT_OVERHEAD
    paid_hours: float = float(bc.DEFAULT_PAID_HOURS)
    effective_share: float = bc.DEFAULT_EFFECTIVE_SHARE
    fte: float = DEFAULT_FTE
    potential_source: str = "tasks"
    fixed_potential: float = bc.KSD_POTENTIAL
    it_costs_per_year: float = 0.0
    it_saving_share: float = DEFAULT_IT_SAVING
    phase_in_kind: str = "linear"
    ramp_months: int = bc.DEFAULT_RAMP_MONTHS
    step_percentages: list[float] = field(default_factory=lambda: [25.0, 75.0, 100.0])
    horizon_years: int = 4
    tasks: list[TaskInput] = field(default_factory=list)
    costs: list[CostInput] = field(default_factory=list)
    version: int = 0  # 0: never saved


def record_to_input(rec: BusinessCaseRecord, tasks: list[BusinessCaseTask],
                     costs: list[BusinessCaseCost]) -> BusinessCaseInput:
    return BusinessCaseInput(
        phase_in_start=rec.phase_in_start, monthly_salary=rec.monthly_salary,
        pension_rate=rec.pension_rate, overhead=rec.overhead, paid_hours=rec.paid_hours,
        effective_share=rec.effective_share, fte=rec.fte,
        potential_source=rec.potential_source, fixed_potential=rec.fixed_potential,
        it_costs_per_year=rec.it_costs_per_year, it_saving_share=rec.it_saving_share,
        phase_in_kind=rec.phase_in_kind, ramp_months=rec.ramp_months,
        step_percentages=[s * 100 for s in decode_steps(rec.step_percentages)],
        horizon_years=rec.horizon_years,
        tasks=[TaskInput(t.name, t.share, t.efficiency) for t in tasks],
        costs=[CostInput(c.year, c.investment, c.running_costs) for c in costs],
        version=rec.version)


def get_business_case(engine: Engine, plan_id: int) -> BusinessCaseInput | None:
    """The stored business case of a plan, or None if none has been saved."""
    with Session(engine) as session:
        rec = session.exec(select(BusinessCaseRecord).where(
            BusinessCaseRecord.plan_id == plan_id)).first()
        if rec is None:
            return None
        tasks = session.exec(select(BusinessCaseTask).where(
            BusinessCaseTask.plan_id == plan_id, BusinessCaseTask.archived_at.is_(None))
            .order_by(BusinessCaseTask.sort_order, BusinessCaseTask.id)).all()
        costs = session.exec(select(BusinessCaseCost).where(
            BusinessCaseCost.plan_id == plan_id, BusinessCaseCost.archived_at.is_(None))
            .order_by(BusinessCaseCost.year)).all()
        return record_to_input(rec, list(tasks), list(costs))


def economic_indicator_ids(engine: Engine, plan_id: int) -> list[int]:
    """Indicators (in kr., 1.000 kr. or FTE) that measure an economic benefit of the tree:
    the natural ones to follow the business case."""
    from tracking.models import BenefitType, NodeKind
    from tracking.readmodel.tree import read_tree

    tree = read_tree(engine, plan_id)
    wanted: list[int] = []
    for node in tree.of_kind(NodeKind.BENEFIT):
        if node.benefit_type == BenefitType.ECONOMIC:
            wanted.extend(i for i in tree.indicators.get(node.id, []) if i not in wanted)
    with Session(engine) as session:
        return [i for i in wanted
                if (ind := session.get(Indicator, i)) is not None and ind.unit in APPLICABLE_UNITS]
