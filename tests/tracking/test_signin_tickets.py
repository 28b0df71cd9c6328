"""The one-time ticket that hands a sign-in to the cookie (tracking.auth.tickets), on both
engines: spent once, within a minute, for a live session only; the cookie's session then
ends like any other."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import Engine

from tests.support.accounts import (
    ADMIN_EMAIL,
    ADMIN_PASSWORD,
    TEST_ACTOR,
    ensure_account,
    ensure_admin,
)
from tracking.auth.signin import SessionExpired, resume, sign_in, sign_out
from tracking.auth.tickets import TICKET_LIFETIME, issue_ticket, redeem_ticket, safe_next
from tracking.clock import now
from tracking.services.users import deactivate_user, set_password


def test_a_ticket_is_spent_once_for_a_new_session(engine: Engine) -> None:
    ensure_admin(engine)
    actor, page_token = sign_in(engine, ADMIN_EMAIL, ADMIN_PASSWORD)
    ticket = issue_ticket(engine, page_token)
    cookie_token, expires = redeem_ticket(engine, ticket)
    assert cookie_token not in (page_token, ticket)
    assert resume(engine, cookie_token).user_id == actor.user_id
    assert timedelta(hours=23) < expires - now() <= timedelta(hours=24)
    with pytest.raises(SessionExpired):
        resume(engine, page_token)  # the page's session handed over and ended
    with pytest.raises(SessionExpired):
        redeem_ticket(engine, ticket)  # once only
    sign_out(engine, cookie_token)  # Log ud ends the cookie's session
    with pytest.raises(SessionExpired):
        resume(engine, cookie_token)


def test_an_old_ticket_or_an_ended_session_gives_nothing(engine: Engine) -> None:
    ensure_admin(engine)
    _, token = sign_in(engine, ADMIN_EMAIL, ADMIN_PASSWORD)
    old = issue_ticket(engine, token, at=now() - TICKET_LIFETIME - timedelta(seconds=1))
    with pytest.raises(SessionExpired):
        redeem_ticket(engine, old)
    ticket = issue_ticket(engine, token)
    sign_out(engine, token)
    with pytest.raises(SessionExpired):
        redeem_ticket(engine, ticket)
    for nothing in (None, "", "made-up"):
        with pytest.raises(SessionExpired):
            redeem_ticket(engine, nothing)


def test_deactivation_and_a_new_password_end_the_cookie_session(engine: Engine) -> None:
    ensure_admin(engine)
    kim = ensure_account(engine, "kim@test.example", "Kim", "kims-password-1")
    cookies = []
    for _ in range(2):
        _, token = sign_in(engine, "kim@test.example", "kims-password-1")
        cookies.append(redeem_ticket(engine, issue_ticket(engine, token))[0])
    set_password(engine, kim.id, "kims-password-2", actor=TEST_ACTOR)
    with pytest.raises(SessionExpired):
        resume(engine, cookies[0])
    _, token = sign_in(engine, "kim@test.example", "kims-password-2")
    cookie = redeem_ticket(engine, issue_ticket(engine, token))[0]
    deactivate_user(engine, kim.id, actor=TEST_ACTOR)
    with pytest.raises(SessionExpired) as refused:
        resume(engine, cookie)
    assert refused.value.code == "error.account_inactive"


@pytest.mark.parametrize("target, safe", [
    ("/maal?plan=2", "/maal?plan=2"), ("/", "/"), (None, "/"), ("", "/"),
    ("https://evil.example/", "/"), ("//evil.example/x", "/"), ("/\\evil.example", "/"),
    ("maal", "/"), ("/a\nb", "/"),
])
def test_the_way_back_stays_on_this_site(target: str | None, safe: str) -> None:
    assert safe_next(target) == safe
