"""/session/start and /session/end over HTTP against a real `gevinst serve` on
PostgreSQL (the test process makes the tickets while the server runs): the cookie's
attributes, one use per ticket, no way off the site, nothing from another site."""

from __future__ import annotations

import re
from pathlib import Path

import httpx

from tests.conftest import TODAY
from tests.support.accounts import ADMIN_EMAIL, ADMIN_PASSWORD, ensure_admin
from tests.support.app_server import AppServer
from tracking.auth.signin import resume, sign_in
from tracking.auth.tickets import COOKIE_NAME, issue_ticket
from tracking.db import get_engine, init_schema


def test_a_ticket_becomes_an_httponly_cookie_once(pg_url: str, tmp_path: Path) -> None:
    engine = get_engine(pg_url)
    init_schema(engine)
    ensure_admin(engine)
    with AppServer(serve=True, log_path=tmp_path / "serve.log",
                   env={"DATABASE_URL": pg_url, "GEVINST_TODAY": TODAY.isoformat()}) as app:
        _, page_token = sign_in(engine, ADMIN_EMAIL, ADMIN_PASSWORD)
        ticket = issue_ticket(engine, page_token)
        start = f"{app.url}/session/start"
        reply = httpx.get(start, params={"ticket": ticket, "next": "/maal?plan=2"})
        assert reply.status_code == 303 and reply.headers["location"] == "/maal?plan=2"
        assert reply.headers["cache-control"] == "no-store"
        cookie = reply.headers["set-cookie"]
        assert cookie.startswith(f"{COOKIE_NAME}=")
        assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Path=/" in cookie
        assert "Secure" not in cookie  # plain HTTP on loopback
        max_age = re.search(r"Max-Age=(\d+)", cookie)
        assert max_age and 86_000 < int(max_age.group(1)) <= 86_400  # the session's 24 h
        value = reply.cookies[COOKIE_NAME]
        assert value not in reply.headers["location"]
        assert resume(engine, value).email == ADMIN_EMAIL

        again = httpx.get(start, params={"ticket": ticket, "next": "/"})
        assert again.status_code == 303 and "set-cookie" not in again.headers
        forwarded = httpx.get(start, params={"ticket": issue_ticket(
            engine, sign_in(engine, ADMIN_EMAIL, ADMIN_PASSWORD)[1]), "next": "/"},
            headers={"X-Forwarded-Proto": "https"})
        assert "Secure" in forwarded.headers["set-cookie"]  # behind a TLS proxy on loopback

        fresh = issue_ticket(engine, sign_in(engine, ADMIN_EMAIL, ADMIN_PASSWORD)[1])
        other_site = httpx.get(start, params={"ticket": fresh, "next": "/"},
                               headers={"Sec-Fetch-Site": "cross-site"})
        assert "set-cookie" not in other_site.headers
        away = httpx.get(start, params={"ticket": fresh, "next": "https://evil.example/"})
        assert away.headers["location"] == "/" and "set-cookie" in away.headers

        end = httpx.get(f"{app.url}/session/end", params={"next": "/"})
        assert end.status_code == 303 and f'{COOKIE_NAME}=""' in end.headers["set-cookie"]
        assert "Max-Age=0" in end.headers["set-cookie"]
