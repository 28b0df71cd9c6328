"""The sign-in gate, drawn by the router before anything else, and the account box.

The contract with the rest of the dashboard: `st.session_state["signed_in"]` holds the
`Actor` of the person signed in (read it through `context.actor()`), and
`st.session_state["session_token"]` their session token. The token is checked against the
database on every run, so an expired session, a deactivation or a new password takes
effect at the next click. A browser reload starts a new Streamlit session and so asks
again (Streamlit offers no place to keep a secret across reloads but its OIDC cookie).
"""

from __future__ import annotations

import streamlit as st
from sqlalchemy import Engine

from dashboard.components.i18n import error_text, t
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

SIGNED_IN = "signed_in"
TOKEN = "session_token"
_NOTICE = "signin_notice"  # a message for the sign-in form after a rerun
_OIDC_REFUSED = "signin_oidc_refused"


def oidc_configured() -> bool:
    """True if `.streamlit/secrets.toml` has an [auth] section (OpenID Connect)."""
    return st.secrets.load_if_toml_exists() and "auth" in st.secrets


def _oidc_user() -> bool:
    """Signed in at the identity provider (st.user lacks the key without [auth])."""
    return bool(st.user.get("is_logged_in", False))


def _store(actor: Actor, token: str) -> None:
    st.session_state[SIGNED_IN] = actor
    st.session_state[TOKEN] = token


def _forget() -> None:
    st.session_state.pop(SIGNED_IN, None)
    st.session_state.pop(TOKEN, None)


def signed_in_actor(engine: Engine) -> Actor | None:
    """The person signed in, checked against the database now; None if nobody is.

    Never stops the run: the router must call st.navigation on every run (see app.py),
    then draws `sign_in_page` instead of the page when this is None.
    """
    token = st.session_state.get(TOKEN)
    if token:
        try:
            actor = resume(engine, token)
        except SessionExpired as exc:
            _forget()
            st.session_state[_NOTICE] = ("warning", error_text(exc))
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
            st.session_state[_NOTICE] = ("error", md_escape(error_text(exc)))  # quotes e-mail
        else:
            _store(actor, token)
            return actor
    return None


def sign_in_page(engine: Engine) -> None:
    """The sign-in form (and the organisation's login, if configured); stops the run."""
    _sign_in_page(engine, oidc_configured(), st.session_state.pop(_NOTICE, None))
    st.stop()


def _sign_in_page(engine: Engine, oidc: bool, notice: tuple[str, str] | None) -> None:
    _, middle, _ = st.columns([1, 1.1, 1])
    with middle:
        st.title(t("signin.title"))
        if notice:
            kind, text = notice
            {"error": st.error, "warning": st.warning}.get(kind, st.info)(text)
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
                st.rerun()
        # Commands are for the administrator only: behind the help icon, not in the text.
        st.caption(t("signin.ask_admin"), help=t("signin.admin_help"))


def account_box(engine: Engine, actor: Actor, plan_id: int | None) -> None:
    """Sidebar: who is signed in, their role in the chosen plan, and Log ud."""
    caps = capabilities(engine, actor, plan_id)
    role = t("role.admin") if caps.is_admin else \
        t(f"role.{caps.role.value}") if caps.role else t("role.none")
    st.sidebar.markdown(t("signin.signed_in_as", name=md_escape(actor.name)))
    if plan_id is not None:
        st.sidebar.caption(t("signin.role_here", role=role))
    if st.sidebar.button(t("signin.sign_out"), icon=":material/logout:", key="sign_out"):
        sign_out(engine, st.session_state.get(TOKEN))
        _forget()
        st.session_state[_NOTICE] = ("info", t("signin.signed_out"))
        if oidc_configured() and _oidc_user():
            st.logout()  # also ends the identity cookie, else the next run signs in again
        st.rerun()
