"""GET /calendar/SECRET.ics: a calendar feed (tracking.calendar_feed) for Outlook and
Google Calendar, which poll it. Unknown and revoked addresses get 404."""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from tracking.calendar_feed import person_feed, plan_feed
from tracking.clock import today
from tracking.config import database_url, default_language
from tracking.db import get_engine
from tracking.readmodel.calendar_feeds import feed_of


def _feed(secret: str) -> bytes | None:
    engine = get_engine(database_url())
    found = feed_of(engine, secret)
    if found is None:
        return None
    feed, name = found
    if feed.plan_id is not None:
        return plan_feed(engine, feed.plan_id, today(), default_language())
    return person_feed(engine, feed.user_id, name, today(), default_language())  # type: ignore[arg-type]


async def calendar(request: Request) -> Response:
    body = await run_in_threadpool(_feed, request.path_params["secret"])
    if body is None:
        return PlainTextResponse("Kalenderen findes ikke / no such calendar", status_code=404)
    return Response(body, media_type="text/calendar; charset=utf-8",
                    headers={"Cache-Control": "private, max-age=900",
                             "Content-Disposition": 'inline; filename="gevinsttavlen.ics"'})


def calendar_routes() -> list[Route]:
    return [Route("/calendar/{secret}.ics", calendar, methods=["GET"])]
