"""The API's error bodies: `{"error": {"code", "message", "field"}}`, the message in
the caller's language (Accept-Language), and which error is which HTTP status."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from server.api.language import reply_language
from server.api.models import ErrorBody
from server.api.ratelimit import RateLimited
from tracking.auth import PermissionDenied
from tracking.errors import DatabaseLockedError, GevinstError, NotFoundError, ValidationError
from tracking.services.api_tokens import IdempotencyConflict, TokenRefused


def lang_of(request: Request) -> str:
    return reply_language(request.headers.get("accept-language"))


# The most specific class first.
_STATUS: list[tuple[type[GevinstError], int]] = [
    (TokenRefused, 401), (PermissionDenied, 403), (NotFoundError, 404),
    (IdempotencyConflict, 409), (RateLimited, 429), (DatabaseLockedError, 503),
    (ValidationError, 422),
]
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorBody, "description": text} for code, text in [
        (401, "No valid token"), (403, "The token or its account may not do this"),
        (404, "No such plan"), (429, "Too many calls with this token"),
    ]
}


def error_reply(request: Request, status: int, code: str, message: str,
                field: str | None = None, **extra: Any) -> JSONResponse:
    body = {"error": {"code": code, "message": message, "field": field, **extra}}
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else {}
    return JSONResponse(body, status_code=status, headers=headers,
                        media_type="application/json; charset=utf-8")


def _status_of(exc: GevinstError) -> int:
    return next((status for cls, status in _STATUS if isinstance(exc, cls)), 409)


async def _gevinst_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, GevinstError)
    response = error_reply(request, _status_of(exc), exc.code, exc.message(lang_of(request)),
                      exc.field)
    if isinstance(exc, RateLimited):
        response.headers["Retry-After"] = str(exc.seconds)
    return response


async def _invalid_request(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    lang = lang_of(request)
    problems = exc.errors()
    if any(p.get("type") == "json_invalid" or tuple(p.get("loc", ())) == ("body",)
           for p in problems):
        err = ValidationError("error.api_body_invalid", "body")
        return error_reply(request, 422, err.code, err.message(lang), "body")
    first = problems[0] if problems else {"loc": ("body",), "msg": "?"}
    field = ".".join(str(p) for p in first.get("loc", ()) if p != "body") or "body"
    err = ValidationError("error.api_field_invalid", field, name=field,
                          reason=first.get("msg", "?"))
    return error_reply(request, 422, err.code, err.message(lang), field,
                  problems=[{"field": ".".join(str(p) for p in q.get("loc", ())),
                             "reason": q.get("msg", "")} for q in problems])


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    if exc.status_code == 404:
        err = NotFoundError("error.api_not_found", None, path=request.url.path)
        return error_reply(request, 404, err.code, err.message(lang_of(request)))
    return error_reply(request, exc.status_code, f"http.{exc.status_code}", str(exc.detail))




def install_error_handlers(api: FastAPI) -> None:
    api.add_exception_handler(GevinstError, _gevinst_error)
    api.add_exception_handler(RequestValidationError, _invalid_request)
    api.add_exception_handler(StarletteHTTPException, _http_error)
