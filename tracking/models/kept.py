"""What the overview needs per indicator, kept up to date when figures and targets are
written (`tracking.kept_status`), so the director's overview reads one small table
instead of joining every target with every figure.

Derived data: rebuilt by `gevinst rebuild`, never backed up, never audited. The rows
are those of one closed month (`closed_month`): for each indicator one row per month it
can be judged in that month (`judged`: the month just closed or the one before it,
capped at the plan's last month), so the reader picks the row by the day of the month
and the plan's reporting deadline without recomputing anything.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Double
from sqlmodel import Field, SQLModel

__all__ = ["IndicatorStatus"]


def _number() -> float | None:
    return Field(default=None, sa_type=Double)


class IndicatorStatus(SQLModel, table=True):
    __tablename__ = "indicator_status"
    indicator_id: int = Field(primary_key=True)
    judged: date = Field(primary_key=True)
    plan_id: int = Field(index=True)
    closed_month: date
    closed_has_figure: bool = False
    # The judged month's target and figures (`tracking.readmodel.overview`).
    month: date | None = None  # the judged month if it has a target, else None
    target: float | None = _number()
    actual: float | None = _number()
    previous_actual: float | None = _number()
    attainment: float | None = _number()
    status: str = "not_started"
    awaiting: int = 0
    trend: str | None = None
    movement: str | None = None
    missing_months: int = 0
    # Economic sums (`tracking.benefit`), for money indicators that are not rates.
    in_economics: bool = False
    sign: float | None = _number()
    cost_per_fte: float | None = _number()
    factor: float | None = _number()
    realised_ytd: float | None = _number()
    planned_ytd: float | None = _number()
    realised_to_date: float | None = _number()
    planned_to_date: float | None = _number()
    planned_total: float | None = _number()
    months_ytd: float | None = _number()
    months_to_date: float | None = _number()
    end_value: float | None = _number()
    reference_value: float | None = _number()
    end_target: float | None = _number()
    reference_target: float | None = _number()
    last_target: float | None = _number()  # benefit's `final_target`
