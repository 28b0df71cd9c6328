"""The FastAPI application mounted at /api/v1: routes, token check, error bodies.

Every call carries `Authorization: Bearer TOKEN` (tracking.services.api_tokens) and acts
as the token's account with its roles. Reads reuse the read models of the pages; the one
write, POST /figures, goes through `record_actuals`, the service of the Indtast page and
the spreadsheet import: all or nothing, every refused figure named.
"""

from __future__ import annotations

import json
from typing import Annotated, Any

import pandas as pd
from fastapi import Depends, FastAPI, Header, Request
from fastapi.responses import JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlmodel import Session, select

from server.api.docs import add_docs
from server.api.errors import ERROR_RESPONSES, install_error_handlers
from server.api.figures import check_scope, save_batch
from server.api.models import (
    ActionOut,
    ErrorBody,
    FiguresIn,
    FiguresOut,
    IndicatorOut,
    MonthOut,
    OverviewOut,
    OverviewPlanOut,
    PlanOut,
    StatusOut,
)
from server.api.ratelimit import RateLimiter
from server.api.scope import engine, visible_plan
from tracking.auth import PermissionDenied
from tracking.clock import today
from tracking.models import Action, Indicator, Plan
from tracking.months import iso_month
from tracking.readmodel.goal import latest_status, plan_series
from tracking.readmodel.overview import plan_overview
from tracking.services.api_tokens import (
    Grant,
    TokenRefused,
    authenticate,
    check_key,
    claim_key,
    keep_reply,
    release_key,
    request_hash,
)

API_PREFIX = "/api/v1"
_bearer = HTTPBearer(auto_error=False, description="An API token from Brugere or "
                     "`gevinst token create`")

def grant(request: Request, credentials: Annotated[
        HTTPAuthorizationCredentials | None, Depends(_bearer)]) -> Grant:
    """The caller's token, checked, and counted against its rate limit."""
    has_header = bool(request.headers.get("authorization"))
    token = credentials.credentials.strip() if credentials is not None else None
    if token is None and has_header:  # something else than a bearer token
        raise TokenRefused("error.api_token_refused")
    granted = authenticate(engine(), token)
    request.app.state.limiter.hit(granted.token_id)
    return granted


Caller = Annotated[Grant, Depends(grant)]


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows as plain JSON values (NaN: None, timestamps: ISO dates)."""
    return json.loads(frame.to_json(orient="records", date_format="iso")) \
        if not frame.empty else []


def _month_text(value: Any) -> str | None:
    return None if value is None else str(value)[:7]


def _plan_out(plan: Plan) -> PlanOut:
    return PlanOut(id=plan.id, name=plan.name, solution=plan.solution,  # type: ignore[arg-type]
                   team=plan.team, benefit_owner=plan.benefit_owner,
                   department=plan.department, area=plan.area,
                   start_month=iso_month(plan.start_month), end_month=iso_month(plan.end_month),
                   report_deadline_day=plan.report_deadline_day,
                   archived=plan.archived_at is not None)


def create_api(limiter: RateLimiter | None = None) -> FastAPI:
    api = FastAPI(
        title="Gevinsttavlen API", version="1",
        description="Figures in and out of Gevinsttavlen for source systems (KSD, OPUS, "
                    "robots) and other tools. Send an API token as "
                    "`Authorization: Bearer TOKEN`; replies in Danish or English by "
                    "`Accept-Language`.",
        openapi_url="/openapi.json", docs_url=None, redoc_url=None,
        responses=ERROR_RESPONSES,
    )
    api.state.limiter = limiter or RateLimiter()
    install_error_handlers(api)
    add_docs(api)

    @api.get("/plans", response_model=list[PlanOut], tags=["plans"])
    def plans(caller: Caller, include_archived: bool = False) -> list[PlanOut]:
        """The plans the token covers."""
        with Session(engine()) as session:
            query = select(Plan).order_by(Plan.id)
            if not include_archived:
                query = query.where(Plan.archived_at.is_(None))  # type: ignore[union-attr]
            return [_plan_out(p) for p in session.exec(query) if caller.covers(p.id)]  # type: ignore[arg-type]

    @api.get("/plans/{plan_id}", response_model=PlanOut, tags=["plans"])
    def plan(plan_id: int, caller: Caller) -> PlanOut:
        with Session(engine()) as session:
            return _plan_out(visible_plan(session, caller, plan_id))

    @api.get("/plans/{plan_id}/indicators", response_model=list[IndicatorOut],
             tags=["plans"])
    def indicators(plan_id: int, caller: Caller) -> list[IndicatorOut]:
        """The plan's indicators, each with its target and figure of every month."""
        with Session(engine()) as session:
            visible_plan(session, caller, plan_id)
            rows = list(session.exec(select(Indicator).where(
                Indicator.plan_id == plan_id, Indicator.archived_at.is_(None))  # type: ignore[union-attr]
                .order_by(Indicator.sort_order, Indicator.id)))
        series = plan_series(engine(), plan_id)
        months: dict[int, list[MonthOut]] = {}
        for row in _records(series):
            months.setdefault(row["indicator_id"], []).append(MonthOut(
                month=_month_text(row["month"]) or "", target=row["target"],
                actual=row["actual"], comment=row["comment"], entered_by=row["entered_by"],
                attainment=row["attainment"], status=row["status"]))
        return [IndicatorOut(
            id=i.id, plan_id=i.plan_id, name=i.name, unit=i.unit,  # type: ignore[arg-type]
            direction=i.direction, kind=i.kind, measure=i.measure, owner=i.owner,
            owner_user_id=i.owner_user_id, baseline_value=i.baseline_value,
            baseline_month=iso_month(i.baseline_month), target_value=i.target_value,
            target_start_month=iso_month(i.target_start_month),
            full_effect_month=iso_month(i.full_effect_month),
            months=months.get(i.id, [])) for i in rows]  # type: ignore[arg-type]

    @api.get("/plans/{plan_id}/statuses", response_model=list[StatusOut], tags=["plans"])
    def statuses(plan_id: int, caller: Caller) -> list[StatusOut]:
        """Each indicator's status in the month it is judged in (as on Mål)."""
        with Session(engine()) as session:
            visible_plan(session, caller, plan_id)
        return [StatusOut(indicator_id=s.indicator_id,
                          month=iso_month(s.month) if s.month else None, target=s.target,
                          actual=s.actual, attainment=s.attainment, status=str(s.status),
                          missing_months=s.missing_months)
                for s in latest_status(engine(), plan_id, today()).values()]

    @api.get("/plans/{plan_id}/actions", response_model=list[ActionOut], tags=["plans"])
    def actions(plan_id: int, caller: Caller) -> list[ActionOut]:
        """The plan's action plan (handleplan), archived actions left out."""
        with Session(engine()) as session:
            visible_plan(session, caller, plan_id)
            rows = session.exec(select(Action).where(
                Action.plan_id == plan_id, Action.archived_at.is_(None))  # type: ignore[union-attr]
                .order_by(Action.deadline, Action.id))
            return [ActionOut.model_validate(a, from_attributes=True) for a in rows]

    @api.get("/overview", response_model=OverviewOut, tags=["overview"])
    def overview(caller: Caller) -> OverviewOut:
        """Every active plan the token covers, attention first (as on Oversigt)."""
        result = plan_overview(engine(), today())
        rows = [r for r in _records(result.plans) if caller.covers(int(r["plan_id"]))]
        return OverviewOut(on=result.on, closed_month=iso_month(result.closed_month),
                           plans=[OverviewPlanOut(**{
                               **{k: r.get(k) for k in OverviewPlanOut.model_fields},
                               "last_meeting": _month_text(r.get("last_meeting")) and
                               str(r["last_meeting"])[:10]}) for r in rows])

    @api.post("/figures", response_model=FiguresOut, tags=["figures"], responses={
        409: {"model": ErrorBody, "description": "Idempotency-Key used for another batch"},
        422: {"model": ErrorBody, "description": "Refused figures: nothing was saved"}})
    def post_figures(batch: FiguresIn, caller: Caller, request: Request,
                     idempotency_key: Annotated[str | None, Header(
                         description="Any unique text per batch; a retry with the same "
                                     "key and body gets the first reply and saves "
                                     "nothing twice")] = None) -> Any:
        """Save a batch of monthly figures, all or nothing.

        New figures are saved; a different value for a month that has one is a
        correction (the earlier value is kept in its history); the same value is
        unchanged. If any figure is refused, nothing is saved and the reply (422) lists
        every refused figure with its reason.
        """
        if caller.read_only:
            raise PermissionDenied("error.api_read_only")
        eng = engine()
        payload = batch.model_dump()
        key = check_key(idempotency_key) if idempotency_key is not None else None
        digest = request_hash(payload)
        check_scope(eng, caller, {f.indicator_id for f in batch.figures})
        if key is None:
            return save_batch(eng, batch, caller, request)
        if (kept := claim_key(eng, caller.token_id, key, digest)) is not None:
            return JSONResponse(kept[1], status_code=kept[0],
                                headers={"Idempotent-Replayed": "true"})
        try:
            reply = save_batch(eng, batch, caller, request)
        except BaseException:
            release_key(eng, caller.token_id, key)
            raise
        if reply.status_code != 200:  # refused: nothing saved, a retry is checked anew
            release_key(eng, caller.token_id, key)
        else:
            keep_reply(eng, caller.token_id, key, 200, json.loads(reply.body))
        return reply

    return api
