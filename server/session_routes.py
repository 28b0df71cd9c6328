"""/session/start and /session/end: the cookie that keeps a sign-in across reloads.

start spends a one-time ticket made by the page after a sign-in (tracking.auth.tickets)
and sets the session in an HttpOnly, SameSite=Lax cookie (Secure over HTTPS), then sends
the browser back to the page and plan it came from. end removes the cookie after Log ud
(the session itself is already ended in the database). Neither ever puts the session
token in a URL.
"""

from __future__ import annotations

import os

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse
from starlette.routing import Route

from tracking.auth.signin import SessionExpired
from tracking.auth.tickets import COOKIE_NAME, redeem_ticket, safe_next
from tracking.clock import now
from tracking.config import database_url
from tracking.db import get_engine

_NO_STORE = {"Cache-Control": "no-store", "Referrer-Policy": "no-referrer"}


def _secure(request: Request) -> bool:
    """HTTPS as the browser sees it (uvicorn reads X-Forwarded-Proto from a local proxy);
    GEVINST_COOKIE_SECURE=1 forces it."""
    return request.url.scheme == "https" or os.environ.get("GEVINST_COOKIE_SECURE") == "1"


def _from_elsewhere(request: Request) -> bool:
    """Only the page itself sends the browser here (a navigation from this origin); a
    browser says so in Sec-Fetch-Site. Another site's link does nothing."""
    return request.headers.get("sec-fetch-site") in ("cross-site", "same-site")


async def start(request: Request) -> RedirectResponse:
    target = safe_next(request.query_params.get("next"))
    response = RedirectResponse(target, status_code=303, headers=_NO_STORE)
    if _from_elsewhere(request):
        return response
    try:
        token, expires = await run_in_threadpool(
            redeem_ticket, get_engine(database_url()), request.query_params.get("ticket"))
    except SessionExpired:
        return response  # the page asks for the sign-in again
    response.set_cookie(COOKIE_NAME, token, httponly=True, samesite="lax",
                        secure=_secure(request), path="/",
                        max_age=max(0, int((expires - now()).total_seconds())))
    return response


async def end(request: Request) -> RedirectResponse:
    response = RedirectResponse(safe_next(request.query_params.get("next")), status_code=303,
                                headers=_NO_STORE)
    if _from_elsewhere(request):
        return response
    response.delete_cookie(COOKIE_NAME, path="/", httponly=True, samesite="lax",
                           secure=_secure(request))
    return response


def session_routes() -> list[Route]:
    return [Route("/session/start", start, methods=["GET"]),
            Route("/session/end", end, methods=["GET"])]
