"""POST /figures: a batch saved all or nothing through `record_actuals` (the service of
Indtast tal and the import), every refused figure named, retries made idempotent."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.responses import JSONResponse
from sqlalchemy import Engine
from sqlmodel import Session, select

from server.api.errors import error_reply, lang_of
from server.api.models import FigureOut, FiguresIn, FiguresOut, RefusedFigure
from server.api.scope import visible_plan
from tracking.clock import today
from tracking.errors import GevinstError, NotFoundError, ValidationError
from tracking.importing.cells import parse_month
from tracking.models import Indicator
from tracking.months import iso_month
from tracking.services.api_tokens import Grant
from tracking.services.measurements import (
    FigureBatchError,
    FigureInput,
    Outcome,
    check_figure,
    record_actuals,
)


def check_scope(eng: Engine, caller: Grant, indicator_ids: set[int]) -> None:
    if not caller.plan_ids:
        return
    with Session(eng) as session:
        for ind in session.exec(select(Indicator).where(
                Indicator.id.in_(indicator_ids))):  # type: ignore[union-attr]
            visible_plan(session, caller, ind.plan_id)


def save_batch(eng: Engine, batch: FiguresIn, caller: Grant, request: Request) -> JSONResponse:
    lang = lang_of(request)
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
        return error_reply(request, 422, err.code, err.message(lang), None,
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
