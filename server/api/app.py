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
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import Engine
from sqlmodel import Session, select
from starlette.exceptions import HTTPException as StarletteHTTPException

from server.api.docs import add_docs
from server.api.language import reply_language
from server.api.models import (
    ActionOut,
    ErrorBody,
    FigureOut,
    FiguresIn,
    FiguresOut,
    IndicatorOut,
    MonthOut,
    OverviewOut,
    OverviewPlanOut,
    PlanOut,
    RefusedFigure,
    StatusOut,
)
from server.api.ratelimit import RateLimited, RateLimiter
from tracking.auth import PermissionDenied
from tracking.clock import today
from tracking.config import database_url
from tracking.db import get_engine
from tracking.errors import DatabaseLockedError, GevinstError, NotFoundError, ValidationError
from tracking.importing.cells import parse_month
from tracking.models import Action, Indicator, Plan
from tracking.months import iso_month
from tracking.readmodel.goal import latest_status, plan_series
from tracking.readmodel.overview import plan_overview
from tracking.services.api_tokens import (
    Grant,
    IdempotencyConflict,
    TokenRefused,
    authenticate,
    check_key,
    keep_reply,
    request_hash,
    stored_reply,
)
from tracking.services.measurements import (
    FigureBatchError,
    FigureInput,
    Outcome,
    check_figure,
    record_actuals,
)

API_PREFIX = "/api/v1"
_bearer = HTTPBearer(auto_error=False, description="An API token from Brugere or "
                     "`gevinst token create`")

# The most specific class first.
_STATUS: list[tuple[type[GevinstError], int]] = [
    (TokenRefused, 401), (PermissionDenied, 403), (NotFoundError, 404),
    (IdempotencyConflict, 409), (RateLimited, 429), (DatabaseLockedError, 503),
    (ValidationError, 422),
]
_ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorBody, "description": text} for code, text in [
        (401, "No valid token"), (403, "The token or its account may not do this"),
        (404, "No such plan"), (429, "Too many calls with this token"),
    ]
}


def engine() -> Engine:
    return get_engine(database_url())


def _lang(request: Request) -> str:
    return reply_language(request.headers.get("accept-language"))


def _error(request: Request, status: int, code: str, message: str, field: str | None = None,
           **extra: Any) -> JSONResponse:
    body = {"error": {"code": code, "message": message, "field": field, **extra}}
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else {}
    return JSONResponse(body, status_code=status, headers=headers,
                        media_type="application/json; charset=utf-8")


def _status_of(exc: GevinstError) -> int:
    return next((status for cls, status in _STATUS if isinstance(exc, cls)), 409)


async def _gevinst_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, GevinstError)
    response = _error(request, _status_of(exc), exc.code, exc.message(_lang(request)),
                      exc.field)
    if isinstance(exc, RateLimited):
        response.headers["Retry-After"] = str(exc.seconds)
    return response


async def _invalid_request(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    lang = _lang(request)
    problems = exc.errors()
    if any(p.get("type") == "json_invalid" or tuple(p.get("loc", ())) == ("body",)
           for p in problems):
        err = ValidationError("error.api_body_invalid", "body")
        return _error(request, 422, err.code, err.message(lang), "body")
    first = problems[0] if problems else {"loc": ("body",), "msg": "?"}
    field = ".".join(str(p) for p in first.get("loc", ()) if p != "body") or "body"
    err = ValidationError("error.api_field_invalid", field, name=field,
                          reason=first.get("msg", "?"))
    return _error(request, 422, err.code, err.message(lang), field,
                  problems=[{"field": ".".join(str(p) for p in q.get("loc", ())),
                             "reason": q.get("msg", "")} for q in problems])


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    if exc.status_code == 404:
        err = NotFoundError("error.api_not_found", None, path=request.url.path)
        return _error(request, 404, err.code, err.message(_lang(request)))
    return _error(request, exc.status_code, f"http.{exc.status_code}", str(exc.detail))


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


def _visible_plan(session: Session, caller: Grant, plan_id: int) -> Plan:
    plan = session.get(Plan, plan_id)
    if plan is None:
        raise NotFoundError("error.plan_not_found", "plan_id", id=plan_id)
    if not caller.covers(plan_id):
        raise PermissionDenied("error.api_plan_not_allowed", plan=plan.name, id=plan_id)
    return plan


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
        responses=_ERRORS,
    )
    api.state.limiter = limiter or RateLimiter()
    api.add_exception_handler(GevinstError, _gevinst_error)
    api.add_exception_handler(RequestValidationError, _invalid_request)
    api.add_exception_handler(StarletteHTTPException, _http_error)
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
            return _plan_out(_visible_plan(session, caller, plan_id))

    @api.get("/plans/{plan_id}/indicators", response_model=list[IndicatorOut],
             tags=["plans"])
    def indicators(plan_id: int, caller: Caller) -> list[IndicatorOut]:
        """The plan's indicators, each with its target and figure of every month."""
        with Session(engine()) as session:
            _visible_plan(session, caller, plan_id)
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
            _visible_plan(session, caller, plan_id)
        return [StatusOut(indicator_id=s.indicator_id,
                          month=iso_month(s.month) if s.month else None, target=s.target,
                          actual=s.actual, attainment=s.attainment, status=str(s.status),
                          missing_months=s.missing_months)
                for s in latest_status(engine(), plan_id, today()).values()]

    @api.get("/plans/{plan_id}/actions", response_model=list[ActionOut], tags=["plans"])
    def actions(plan_id: int, caller: Caller) -> list[ActionOut]:
        """The plan's action plan (handleplan), archived actions left out."""
        with Session(engine()) as session:
            _visible_plan(session, caller, plan_id)
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
        if key is not None and (kept := stored_reply(eng, caller.token_id, key, digest)):
            return JSONResponse(kept[1], status_code=kept[0],
                                headers={"Idempotent-Replayed": "true"})
        _check_scope(eng, caller, {f.indicator_id for f in batch.figures})
        return _save(eng, batch, caller, request, key, digest)

    return api


def _check_scope(eng: Engine, caller: Grant, indicator_ids: set[int]) -> None:
    if not caller.plan_ids:
        return
    with Session(eng) as session:
        for ind in session.exec(select(Indicator).where(
                Indicator.id.in_(indicator_ids))):  # type: ignore[union-attr]
            _visible_plan(session, caller, ind.plan_id)


def _save(eng: Engine, batch: FiguresIn, caller: Grant, request: Request, key: str | None,
          digest: str) -> Any:
    lang = _lang(request)
    figures: list[FigureInput | None] = []
    refused: list[RefusedFigure] = []
    for i, f in enumerate(batch.figures):
        try:
            month = parse_month(f.month)
        except ValidationError as exc:
            refused.append(_refusal(i, f.indicator_id, f.month, exc, lang))
            figures.append(None)
            continue
        figures.append(FigureInput(f.indicator_id, month, f.value, f.comment))
    try:
        if refused:  # still name every other refused figure; write nothing
            _check_only(eng, figures, refused, lang)
            raise FigureBatchError([])
        results = record_actuals(eng, [f for f in figures if f is not None], caller.actor)
    except FigureBatchError as exc:
        refused += [_refusal(e.index, e.figure.indicator_id, iso_month(e.figure.month),
                             e.error, lang) for e in exc.errors]
        refused.sort(key=lambda r: r.index)
        err = FigureBatchError([])
        err.params["count"] = len(refused)
        return _error(request, 422, err.code, err.message(lang), None,
                      figures=[r.model_dump() for r in refused])
    body: dict[str, list[dict[str, Any]]] = {o.value: [] for o in Outcome}
    for r in results:
        body[r.outcome.value].append(FigureOut(
            indicator_id=r.measurement.indicator_id, month=iso_month(r.measurement.month),
            value=r.measurement.value,
            previous_value=r.previous_value if r.outcome is Outcome.CORRECTED else None,
        ).model_dump())
    reply = FiguresOut(created=body["created"], corrected=body["corrected"],
                       unchanged=body["unchanged"]).model_dump()
    if key is not None:
        status, reply = keep_reply(eng, caller.token_id, key, digest, 200, reply)
        return JSONResponse(reply, status_code=status)
    return JSONResponse(reply)


def _check_only(eng: Engine, figures: list[FigureInput | None], refused: list[RefusedFigure],
                lang: str) -> None:
    """The service's checks of the figures that could be read, without writing."""
    with Session(eng) as session:
        for i, f in enumerate(figures):
            if f is None:
                continue
            try:
                check_figure(session, f, today())
            except (ValidationError, NotFoundError) as exc:
                refused.append(_refusal(i, f.indicator_id, iso_month(f.month), exc, lang))


def _refusal(index: int, indicator_id: int, month: str, exc: GevinstError,
             lang: str) -> RefusedFigure:
    return RefusedFigure(index=index, indicator_id=indicator_id, month=month,
                         field=exc.field, code=exc.code, message=exc.message(lang))
