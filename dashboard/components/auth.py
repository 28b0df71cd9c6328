"""The sign-in gate, drawn by the router before anything else, and the account box.

The contract with the rest of the dashboard: `st.session_state["signed_in"]` holds the
`Actor` of the person signed in (read it through `context.actor()`), and
`st.session_state["session_token"]` their session token. The token is checked against the
database on every run, so an expired session, a deactivation or a new password takes
effect at the next click.

A reload, a new tab or a bookmark starts a new Streamlit session. Served by `gevinst
serve`, the sign-in is handed to an HttpOnly cookie (tracking.auth.tickets: a one-time
ticket, spent by /session/start), and a new session resumes from that cookie. Under a
bare `streamlit run` (no such route) a reload asks again.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from urllib.parse import quote, urlencode

import streamlit as st
from sqlalchemy import Engine

from dashboard.components.context import remember_caps
from dashboard.components.i18n import error_text, t
from dashboard.components.messages import error_msg, flash, flash_error, msg, show_flash
from dashboard.components.preload import preload_charts
from dashboard.components.text import md_escape
from tracking.auth import Actor, capabilities
from tracking.auth.signin import (
    SessionExpired,
    SignInRefused,
    resume,
    sign_in,
    sign_in_oidc,
    sign_out,
)
from tracking.auth.tickets import COOKIE_NAME, ROUTES_FLAG, issue_ticket

SIGNED_IN = "signed_in"
TOKEN = "session_token"
SIGNED_OUT_FLAG = "signed_out"  # ?signed_out=1: the page after Log ud and its cookie route
_NOTICE = "signin"  # the flash slot of the sign-in form (a message after a rerun)
_OIDC_REFUSED = "signin_oidc_refused"
_COOKIE_TRIED = "signin_cookie_tried"  # the browser's cookie is read once per session
_TO_COOKIE = "signin_to_cookie"  # just signed in: hand the session to the cookie route


def cookie_routes() -> bool:
    """Is this page served with /session/start (gevinst serve)?"""
    return os.environ.get(ROUTES_FLAG) == "1"


def oidc_configured() -> bool:
    """True if `.streamlit/secrets.toml` has an [auth] section (OpenID Connect)."""
    return st.secrets.load_if_toml_exists() and "auth" in st.secrets


def _oidc_user() -> bool:
    """Signed in at the identity provider (st.user lacks the key without [auth])."""
    return bool(st.user.get("is_logged_in", False))


def _store(actor: Actor, token: str) -> None:
    st.session_state[SIGNED_IN] = actor
    st.session_state[TOKEN] = token
    st.session_state[_TO_COOKIE] = cookie_routes()


def _cookie_token() -> str | None:
    """The session token of the browser's cookie, the first time a session asks."""
    if not cookie_routes() or st.session_state.get(_COOKIE_TRIED):
        return None
    st.session_state[_COOKIE_TRIED] = True
    return st.context.cookies.get(COOKIE_NAME) or None


def _go(url: str) -> None:
    """Send the browser to `url` (a path on this site), replacing the current entry in
    its history, and stop this run."""
    st.html(f"<script>window.location.replace({json.dumps(url)});</script>",
            unsafe_allow_javascript=True)
    st.stop()


def _here(url_path: str) -> str:
    """The page's path and query (?plan=…), to come back to."""
    query = urlencode(st.query_params.to_dict())
    return f"/{url_path}?{query}" if query else f"/{url_path}"


def hand_over_to_cookie(engine: Engine, url_path: str) -> None:
    """Right after a sign-in: trade the page's session for the cookie's (a one-time ticket
    for /session/start), coming back to this page (`url_path`, "" for the default) and
    plan. Call after st.navigation."""
    token = st.session_state.get(TOKEN)
    if not st.session_state.pop(_TO_COOKIE, False) or not token:
        return
    ticket = issue_ticket(engine, token)
    _go(f"/session/start?ticket={ticket}&next={quote(_here(url_path), safe='')}")


def _forget() -> None:
    st.session_state.pop(SIGNED_IN, None)
    st.session_state.pop(TOKEN, None)


def signed_in_actor(engine: Engine) -> Actor | None:
    """The person signed in, checked against the database now; None if nobody is.

    Never stops the run: the router must call st.navigation on every run (see app.py),
    then draws `sign_in_page` instead of the page when this is None.
    """
    token = st.session_state.get(TOKEN)
    if not token and (token := _cookie_token()):
        st.session_state[TOKEN] = token
    if token:
        try:
            actor = resume(engine, token)
        except SessionExpired as exc:
            _forget()
            flash(error_msg(exc), "warning", _NOTICE)
        else:
            st.session_state[SIGNED_IN] = actor
            return actor
    else:
        st.session_state.pop(SIGNED_IN, None)  # an Actor without a live session is nobody
    if oidc_configured() and _oidc_user() and not st.session_state.get(_OIDC_REFUSED):
        try:
            actor, token = sign_in_oidc(engine, str(st.user.get("email") or ""),
                                        str(st.user.get("name") or ""))
        except SignInRefused as exc:
            st.session_state[_OIDC_REFUSED] = True
            flash_error(exc, _NOTICE)  # quotes the e-mail, escaped
        else:
            _store(actor, token)
            return actor
    return None


def sign_in_page(engine: Engine, then: Callable[[Actor], None] | None = None) -> None:
    """The sign-in form (and the organisation's login, if configured); stops the run.

    `then(actor)`, called right after a sign-in, ends the run by opening the page to show
    (st.switch_page, or st.rerun for the page of the URL); without it, st.rerun."""
    _sign_in_page(engine, oidc_configured(), then)
    st.stop()


def _sign_in_page(engine: Engine, oidc: bool,
                  then: Callable[[Actor], None] | None = None) -> None:
    _, middle, _ = st.columns([1, 1.1, 1])
    with middle:
        st.title(t("signin.title"))
        if st.query_params.get(SIGNED_OUT_FLAG):  # back from the cookie route after Log ud
            del st.query_params[SIGNED_OUT_FLAG]
            flash(msg("signin.signed_out"), "info", _NOTICE)
        show_flash(_NOTICE)
        if oidc:
            if st.session_state.get(_OIDC_REFUSED) and _oidc_user():
                if st.button(t("signin.oidc_other"), icon=":material/switch_account:"):
                    st.session_state.pop(_OIDC_REFUSED, None)
                    st.logout()
            elif st.button(t("signin.oidc_button"), type="primary", icon=":material/login:",
                           width="stretch"):
                st.login()
            st.caption(t("signin.or_local"))
        else:
            st.caption(t("signin.intro"))
        with st.form("signin_form"):
            email = st.text_input(t("signin.email"), key="signin_email", autocomplete="username")
            password = st.text_input(t("signin.password"), type="password",
                                     key="signin_password", autocomplete="current-password")
            submitted = st.form_submit_button(t("signin.submit"), type="secondary" if oidc
                                              else "primary", icon=":material/login:")
        if submitted:
            try:
                actor, token = sign_in(engine, email, password)
            except SignInRefused as exc:
                st.error(error_text(exc))
            else:
                _store(actor, token)
                if then is not None:
                    then(actor)
                st.rerun()
        # Commands are for the administrator only: behind the help icon, not in the text.
        st.caption(t("signin.ask_admin"), help=t("signin.admin_help"))
    preload_charts()  # while the person types: the landing page's chart draws at once


def account_box(engine: Engine, actor: Actor, plan_id: int | None) -> None:
    """Sidebar: who is signed in, their role in the chosen plan, and Log ud."""
    caps = capabilities(engine, actor, plan_id)
    remember_caps(plan_id, caps)  # the pages offer only what these allow
    role = t("role.admin") if caps.is_admin else \
        t(f"role.{caps.role.value}") if caps.role else t("role.none")
    st.sidebar.markdown(t("signin.signed_in_as", name=md_escape(actor.name)))
    if plan_id is not None:
        st.sidebar.caption(t("signin.role_here", role=role))
    if st.sidebar.button(t("signin.sign_out"), icon=":material/logout:", key="sign_out"):
        sign_out(engine, st.session_state.get(TOKEN))
        _forget()
        flash(msg("signin.signed_out"), "info", _NOTICE)
        if oidc_configured() and _oidc_user():
            st.logout()  # also ends the identity cookie, else the next run signs in again
        if cookie_routes():  # the session has ended; this takes the dead cookie away too,
            # and the new page load (a new session) is told to say so
            _go("/session/end?" + urlencode({"next": f"/?{SIGNED_OUT_FLAG}=1"}))
        st.rerun()
