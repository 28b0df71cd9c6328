"""The API's request and reply bodies (pydantic): they make the OpenAPI description."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, Field

MAX_BATCH = 5000


class FigureIn(BaseModel):
    indicator_id: int = Field(description="The indicator's id (GET /plans/{id}/indicators)")
    month: str = Field(description="The month, e.g. 2026-10 (as in the spreadsheet import)",
                       examples=["2026-10"])
    value: float | str = Field(description="A number; text in Danish notation is read too "
                               "(\"1.234,5\")", examples=[412])
    comment: str = Field("", description="Shown with the figure on Mål", max_length=1000)


class FiguresIn(BaseModel):
    figures: list[FigureIn] = Field(min_length=1, max_length=MAX_BATCH)


class FigureOut(BaseModel):
    indicator_id: int
    month: str
    value: float
    previous_value: float | None = None


class FiguresOut(BaseModel):
    created: list[FigureOut]
    corrected: list[FigureOut]
    unchanged: list[FigureOut]


class RefusedFigure(BaseModel):
    index: int = Field(description="Position in the batch, from 0")
    indicator_id: int
    month: str
    field: str | None
    code: str
    message: str


class ErrorDetail(BaseModel):
    code: str = Field(description="Stable code, e.g. error.api_token_refused")
    message: str = Field(description="For people, in Danish or English (Accept-Language)")
    field: str | None = None
    figures: list[RefusedFigure] | None = None


class ErrorBody(BaseModel):
    error: ErrorDetail


class PlanOut(BaseModel):
    id: int
    name: str
    solution: str
    team: str
    benefit_owner: str
    department: str
    area: str
    start_month: str
    end_month: str
    report_deadline_day: int
    archived: bool


class MonthOut(BaseModel):
    month: str
    target: float | None
    actual: float | None
    comment: str | None
    entered_by: str | None
    attainment: float | None
    status: str | None


class IndicatorOut(BaseModel):
    id: int
    plan_id: int
    name: str
    unit: str
    direction: str
    kind: str
    measure: str
    owner: str
    owner_user_id: int | None
    baseline_value: float
    baseline_month: str
    target_value: float
    target_start_month: str
    full_effect_month: str
    months: list[MonthOut] = Field(description="Each month of the plan: target and figure")


class StatusOut(BaseModel):
    indicator_id: int
    month: str | None = Field(description="The month it is judged in")
    target: float | None
    actual: float | None
    attainment: float | None
    status: str = Field(description="on_track, at_risk, off_track, missing or not_started")
    missing_months: int


class ActionOut(BaseModel):
    id: int
    plan_id: int
    title: str
    description: str
    responsible: str
    responsible_user_id: int | None
    deadline: date
    decided_on: date
    status: str = Field(description="decided, started, finished or evaluated")
    resources: int
    indicator_id: int | None
    idea_id: int | None


class OverviewPlanOut(BaseModel):
    plan_id: int
    plan: str
    department: str
    area: str
    status: str
    indicators: int
    on_track: int
    at_risk: int
    off_track: int
    missing: int
    not_started: int
    overdue_actions: int
    last_meeting: str | None


class OverviewOut(BaseModel):
    on: date
    closed_month: str
    plans: list[OverviewPlanOut]
