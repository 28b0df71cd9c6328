"""The API-nøgler tab of Brugere: make a token for an account (shown once), see the
active ones, revoke one. The service checks again that the actor is an administrator."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from dashboard.components.cache import cached
from dashboard.components.engine import engine
from dashboard.components.i18n import error_text, lang, t
from dashboard.components.text import md_escape
from tracking.auth import Actor
from tracking.errors import GevinstError
from tracking.formatting import format_datetime
from tracking.readmodel.api_tokens import list_tokens
from tracking.readmodel.plans import list_plans
from tracking.readmodel.users import UserRow
from tracking.services.api_tokens import create_token, revoke_token

NEW_TOKEN = "api_token_new"  # (label, token text): shown once, until the next action


def api_tokens_tab(me: Actor, users: list[UserRow], done: Callable[[str], None]) -> None:
    """`done(message)`: the page's way to show a message after the rerun."""
    st.caption(t("tokens.caption"))
    if NEW_TOKEN in st.session_state:
        label, text = st.session_state.pop(NEW_TOKEN)
        st.success(t("tokens.created", label=md_escape(label)))
        st.code(text, language=None)
    plans = {p.id: p.name for p in cached(list_plans)()}
    rows = cached(list_tokens)()
    if rows:
        st.dataframe(pd.DataFrame({
            "id": [r.id for r in rows],
            t("tokens.col_account"): [r.email for r in rows],
            t("tokens.col_label"): [r.label for r in rows],
            t("tokens.col_plans"): [", ".join(plans.get(p, str(p)) for p in r.plan_ids)
                                    or t("tokens.all_plans") for r in rows],
            t("tokens.col_access"): [t("tokens.read_only") if r.read_only
                                     else t("tokens.read_write") for r in rows],
            t("tokens.col_used"): [format_datetime(r.last_used_at, lang())
                                   if r.last_used_at else "–" for r in rows],
        }), hide_index=True, width="stretch")
    else:
        st.info(t("tokens.none"))
    left, right = st.columns(2)
    with left:
        _create_form(me, users, plans)
    with right:
        if rows:
            _revoke_form(me, rows, done)


def _create_form(me: Actor, users: list[UserRow], plans: dict[int, str]) -> None:
    active = {u.id: u for u in users if u.active}
    with st.form("api_token_create", clear_on_submit=True):
        st.subheader(t("tokens.create_title"), anchor=False)
        person = st.selectbox(t("tokens.account"), list(active), key="api_token_person",
                              format_func=lambda i: f"{active[i].name} ({active[i].email})")
        label = st.text_input(t("tokens.label"), key="api_token_label",
                              help=t("tokens.label_help"))
        chosen = st.multiselect(t("tokens.plans"), list(plans), key="api_token_plans",
                                format_func=lambda i: plans[i], help=t("tokens.plans_help"),
                                placeholder=t("ui.choose_many"))
        read_only = st.checkbox(t("tokens.read_only_box"), key="api_token_read_only")
        if st.form_submit_button(t("tokens.create"), type="primary", icon=":material/key:"):
            try:
                row, text = create_token(engine(), person, actor=me, label=label,
                                         plan_ids=chosen, read_only=read_only)
            except GevinstError as exc:
                st.error(md_escape(error_text(exc)))
            else:
                st.session_state[NEW_TOKEN] = (row.label or row.email, text)
                st.rerun()


def _revoke_form(me: Actor, rows: list, done: Callable[[str], None]) -> None:
    by_id = {r.id: r for r in rows}
    with st.form("api_token_revoke"):
        st.subheader(t("tokens.revoke_title"), anchor=False)
        chosen = st.selectbox(t("tokens.pick"), list(by_id), key="api_token_pick",
                              format_func=lambda i: f"{i}: {by_id[i].label or '–'} "
                                                    f"({by_id[i].email})")
        if st.form_submit_button(t("tokens.revoke"), icon=":material/key_off:"):
            try:
                revoke_token(engine(), chosen, actor=me)
            except GevinstError as exc:
                st.error(md_escape(error_text(exc)))
            else:
                done(t("tokens.revoked", id=chosen, label=md_escape(by_id[chosen].label)))
