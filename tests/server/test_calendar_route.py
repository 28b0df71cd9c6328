"""/calendar/SECRET.ics from the real server (`gevinst serve`), as a calendar client
polls it: the feed parses, a revoked or made-up address is 404."""

from __future__ import annotations

import httpx
from icalendar import Calendar
from sqlalchemy import Engine

from tests.support.accounts import ensure_account
from tracking.auth import Actor
from tracking.services.calendar_feeds import create_feed, revoke_feed


def test_the_feed_is_served_and_a_revoked_one_is_gone(start_app) -> None:
    secrets: dict[str, str] = {}

    def prepare(engine: Engine) -> None:
        mette = ensure_account(engine, "mette.sorensen@fjordby.example", "Mette Sørensen")
        me = Actor(name=mette.name, user_id=mette.id, email=mette.email)
        secrets["person"] = create_feed(engine, me)[1]
        secrets["plan"] = create_feed(engine, me, plan_id=1)[1]
        row, secrets["revoked"] = create_feed(engine, me)
        revoke_feed(engine, row.id, me)

    app = start_app(serve=True, prepare=prepare)
    reply = httpx.get(f"{app.url}/calendar/{secrets['person']}.ics", timeout=30)
    assert reply.status_code == 200
    assert reply.headers["content-type"] == "text/calendar; charset=utf-8"
    cal = Calendar.from_ical(reply.content)
    assert str(cal["X-WR-CALNAME"]) == "Gevinsttavlen: Mette Sørensen"
    assert cal.walk("VEVENT")
    plan = Calendar.from_ical(httpx.get(f"{app.url}/calendar/{secrets['plan']}.ics",
                                        timeout=30).content)
    assert str(plan["X-WR-CALNAME"]) == "Gevinsttavlen: KSD – sygedagpenge"
    for gone in (secrets["revoked"], "made-up"):
        assert httpx.get(f"{app.url}/calendar/{gone}.ics", timeout=30).status_code == 404
