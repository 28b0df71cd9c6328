"""From a sign-in in the page to a session in an HttpOnly cookie, which survives a reload.

The page cannot set an HttpOnly cookie (it runs over a websocket), so right after a
sign-in it makes a one-time ticket (`issue_ticket`) and sends the browser to
/session/start?ticket=…, which spends it (`redeem_ticket`) for a new session token, set as
the cookie, and ends the page's own session. A ticket works once, for `TICKET_LIFETIME`,
and the database keeps only its hash; so a ticket in a link or in the history is worth
nothing, and another site cannot make one (no CSRF on the cookie route).

The cookie's session is an ordinary `LoginSession`: Log ud, the idle and absolute
timeouts, deactivation and a new password end it like any other.
"""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from sqlalchemy import Engine, update

from tracking.auth.signin import SessionExpired, _aware, _token_hash
from tracking.clock import now
from tracking.db import session_scope
from tracking.models import LoginSession, SignInTicket, UserAccount

TICKET_LIFETIME = timedelta(seconds=60)


def issue_ticket(engine: Engine, token: str, at: datetime | None = None) -> str:
    """A one-time ticket for the live session `token` (the page's, just signed in)."""
    at = at or now()
    ticket = secrets.token_urlsafe(32)
    with session_scope(engine) as session:
        session.add(SignInTicket(ticket_hash=_token_hash(ticket), session_hash=_token_hash(token),
                                 expires_at=at + TICKET_LIFETIME))
    return ticket


def redeem_ticket(engine: Engine, ticket: str | None,
                  at: datetime | None = None) -> tuple[str, datetime]:
    """Spend the ticket: a new session token for the cookie, and when it expires at the
    latest. The page's session ends (its page is being reloaded). `SessionExpired` for a
    ticket that is unknown, spent, too old, or whose session or account has ended."""
    at = at or now()
    if not ticket:
        raise SessionExpired("error.session_expired")
    with session_scope(engine) as session:
        # Spent in one statement, so two requests with one ticket cannot both pass.
        spent = session.exec(update(SignInTicket).where(  # type: ignore[call-overload]
            SignInTicket.ticket_hash == _token_hash(ticket),
            SignInTicket.used_at.is_(None),  # type: ignore[union-attr]
            SignInTicket.expires_at > at).values(used_at=at))
        row = session.get(SignInTicket, _token_hash(ticket)) if spent.rowcount else None
        page = session.get(LoginSession, row.session_hash) if row is not None else None
        user = session.get(UserAccount, page.user_id) if page is not None else None
        if page is None or user is None or user.archived_at is not None \
                or page.ended_at is not None or at >= _aware(page.expires_at):
            raise SessionExpired("error.session_expired")
        token = secrets.token_urlsafe(32)
        session.add(LoginSession(token_hash=_token_hash(token), user_id=user.id,  # type: ignore[arg-type]
                                 created_at=page.created_at, last_seen_at=at,
                                 expires_at=page.expires_at))
        page.ended_at = at
        session.add(page)
        return token, _aware(page.expires_at)


COOKIE_NAME = "gevinst_session"
# Set by the server that has the /session routes (server.asgi); under a bare
# `streamlit run` the page keeps the session in its own memory only, as before.
ROUTES_FLAG = "GEVINST_SESSION_COOKIE"


def safe_next(target: str | None) -> str:
    """Where to go after the cookie route: a path on this site, never another site."""
    if not target or not target.startswith("/") or target.startswith("//") \
            or "\\" in target or any(ord(c) < 32 for c in target):
        return "/"
    return target
