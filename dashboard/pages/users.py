"""Brugere: accounts and their roles in the plans (administrators only).

Every change goes through `tracking.services.users`, which checks again that the actor is
an administrator; hiding the page is only a convenience.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.components.api_tokens import api_tokens_tab
from dashboard.components.auth import TOKEN
from dashboard.components.cache import cached
from dashboard.components.context import PLAN_KEY, actor
from dashboard.components.engine import engine
from dashboard.components.i18n import error_text, t
from dashboard.components.messages import flash, flash_error, msg, show_flash
from dashboard.components.text import md_escape
from tracking.auth import Actor, Role
from tracking.board_rules import StaleError
from tracking.errors import GevinstError
from tracking.mail import base_url, smtp_settings
from tracking.readmodel.people import unmatched_names
from tracking.readmodel.plans import list_plans
from tracking.readmodel.reminders import failed_reminders
from tracking.readmodel.users import UserRow, list_members, list_users
from tracking.services.reminders import set_director
from tracking.services.users import (
    create_user,
    deactivate_user,
    reactivate_user,
    set_membership,
    set_password,
    update_user,
)

FLASH = "users"
ROLES = [r.value for r in Role]

me: Actor | None = actor()
st.title(t("users.title"))
if me is None or not me.is_admin:
    st.error(t("error.admin_only"))
    st.stop()
st.caption(t("users.caption"))
show_flash(FLASH)


def _message(exc: GevinstError) -> str:
    return error_text(exc)  # messages may quote what was typed


def _done(message: str) -> None:
    flash(message, slot=FLASH)
    st.rerun()


def _login_kind(u: UserRow) -> str:
    return t("users.login_password") if u.has_password else t("users.login_oidc")


def _accounts_table(users: list[UserRow]) -> None:
    st.dataframe(pd.DataFrame({
        t("users.col_name"): [u.name for u in users],
        t("users.col_email"): [u.email for u in users],
        t("users.col_admin"): [u.is_admin for u in users],
        t("users.col_status"): [t("users.active") if u.active else t("users.inactive")
                                for u in users],
        t("users.col_login"): [_login_kind(u) for u in users],
    }), hide_index=True, width="stretch")


def _edit_form(u: UserRow) -> None:
    # The version the form was opened with: a save based on it is refused if someone
    # changed the account meanwhile, instead of overwriting their change.
    opened_key = f"users_opened_{u.id}"
    opened = st.session_state.setdefault(opened_key, u.version)
    with st.form(f"user_edit_{u.id}"):
        st.subheader(msg("users.edit_title", name=u.name))
        name = st.text_input(t("users.name"), value=u.name, key=f"user_name_{u.id}")
        email = st.text_input(t("users.email"), value=u.email, key=f"user_email_{u.id}")
        is_admin = st.checkbox(t("users.is_admin"), value=u.is_admin, key=f"user_admin_{u.id}")
        if st.form_submit_button(t("users.save"), type="primary", icon=":material/save:"):
            try:
                update_user(engine(), u.id, actor=me, expected_version=opened, name=name,
                            email=email, is_admin=is_admin)
            except StaleError as exc:  # show the new version, and why, from the next run
                for key in (opened_key, f"user_name_{u.id}", f"user_email_{u.id}",
                            f"user_admin_{u.id}"):
                    st.session_state.pop(key, None)
                flash_error(exc, FLASH)
                st.rerun()
            except GevinstError as exc:
                st.error(_message(exc))
            else:
                st.session_state.pop(opened_key, None)
                _done(msg("users.saved"))


def _password_form(u: UserRow) -> None:
    own = u.id == me.user_id
    with st.form(f"user_password_{u.id}", clear_on_submit=True):
        st.subheader(t("users.own_password") if own else t("users.set_password"))
        old = st.text_input(t("users.old_password"), type="password",
                            key=f"user_old_pw_{u.id}") if own else None
        new = st.text_input(t("users.new_password"), type="password",
                            help=t("users.new_password_help"), key=f"user_new_pw_{u.id}",
                            autocomplete="new-password")
        if st.form_submit_button(t("users.set_password"), icon=":material/key:"):
            try:
                set_password(engine(), u.id, new, actor=me, old_password=old,
                             keep_token=st.session_state.get(TOKEN))
            except GevinstError as exc:
                st.error(_message(exc))
            else:
                _done(msg("users.own_password_set") if own
                      else msg("users.password_set", name=u.name))


def _active_toggle(u: UserRow) -> None:
    if u.id == me.user_id:
        return
    try:
        if u.active and st.button(t("users.deactivate"), icon=":material/person_off:",
                                  key=f"user_deactivate_{u.id}"):
            deactivate_user(engine(), u.id, actor=me)
            _done(msg("users.deactivated", name=u.name))
        if not u.active and st.button(t("users.reactivate"), icon=":material/person_add:",
                                      key=f"user_reactivate_{u.id}"):
            reactivate_user(engine(), u.id, actor=me)
            _done(msg("users.reactivated", name=u.name))
    except GevinstError as exc:
        st.error(_message(exc))


def _director_toggle(u: UserRow) -> None:
    wanted = st.checkbox(t("users.director"), value=u.is_director, key=f"user_director_{u.id}")
    if wanted != u.is_director:
        try:
            set_director(engine(), u.id, wanted, actor=me)
        except GevinstError as exc:
            st.error(_message(exc))
        else:
            _done(msg("users.director_set" if wanted else "users.director_unset",
                      name=u.name))


def _reminders_tab() -> None:
    smtp = smtp_settings()
    if smtp is None:
        st.info(t("remind.no_smtp"))
    else:
        st.caption(t("users.smtp_on", host=smtp.host, port=smtp.port, tls=smtp.tls,
                     sender=md_escape(smtp.sender), base=base_url()))
    st.subheader(t("users.failed_title"), anchor=False)
    failed = cached(failed_reminders)()
    if failed:
        st.dataframe(pd.DataFrame({
            t("users.failed_col_day"): [f.occasion for f in failed],
            t("users.failed_col_email"): [f.email for f in failed],
            t("users.failed_col_kind"): [t(f"remind.kind.{f.kind}") for f in failed],
            t("users.failed_col_about"): [f.subject for f in failed],
            t("users.failed_col_tries"): [f.attempts for f in failed],
            t("users.failed_col_status"): [t(f"users.failed.{f.status}") for f in failed],
            t("users.failed_col_error"): [f.error for f in failed],
        }), hide_index=True, width="stretch")
    else:
        st.caption(t("users.failed_none"))
    st.subheader(t("users.unmatched_title"), anchor=False)
    names = cached(unmatched_names)()
    if names:
        st.caption(t("users.unmatched_caption"))
        # Each label translated once: at 2,940 plans there are tens of thousands of rows.
        where = {w: t(f"users.where.{w}") for w in {n.where for n in names}}
        why = {True: t("users.why.ambiguous"), False: t("users.why.none")}
        st.dataframe(pd.DataFrame({
            t("users.unmatched_col_plan"): [n.plan for n in names],
            t("users.unmatched_col_name"): [n.name for n in names],
            t("users.unmatched_col_where"): [where[n.where] for n in names],
            t("users.unmatched_col_count"): [n.count for n in names],
            t("users.unmatched_col_why"): [why[bool(n.ambiguous)] for n in names],
        }), hide_index=True, width="stretch")
    else:
        st.caption(t("users.unmatched_none"))


def _accounts_tab(users: list[UserRow]) -> None:
    if not users:
        st.info(t("users.none"))
        return
    _accounts_table(users)
    by_id = {u.id: u for u in users}
    chosen = st.selectbox(t("users.pick"), list(by_id), key="users_pick",
                          format_func=lambda i: f"{by_id[i].name} ({by_id[i].email})")
    u = by_id[chosen]
    left, right = st.columns(2)
    with left:
        _edit_form(u)
        _director_toggle(u)
        _active_toggle(u)
    with right:
        _password_form(u)


def _members_tab(users: list[UserRow]) -> None:
    plans = cached(list_plans)()
    if not plans:
        st.info(t("users.no_plans"))
        return
    by_plan = {p.id: p for p in plans}
    ids = list(by_plan)
    chosen = st.session_state.get(PLAN_KEY)  # the plan chosen in the sidebar, to begin with
    plan_id = st.selectbox(t("users.plan"), ids, key="users_plan",
                           index=ids.index(chosen) if chosen in by_plan else 0,
                           format_func=lambda i: by_plan[i].name)
    members = cached(list_members)(plan_id)
    if members:
        st.dataframe(pd.DataFrame({
            t("users.col_name"): [m.name for m in members],
            t("users.col_email"): [m.email for m in members],
            t("users.col_role"): [t(f"role.{m.role.value}") for m in members],
        }), hide_index=True, width="stretch")
    else:
        st.info(t("users.no_members"))
    active = {u.id: u for u in users if u.active}
    current = {m.user_id: m.role.value for m in members}
    with st.form(f"users_member_{plan_id}"):
        left, right = st.columns(2)
        person = left.selectbox(t("users.person"), list(active), key=f"users_person_{plan_id}",
                                format_func=lambda i: f"{active[i].name} ({active[i].email})")
        choices = [*ROLES, ""]
        role = right.selectbox(t("users.role"), choices, key=f"users_role_{plan_id}",
                               index=choices.index(current.get(person, Role.MEMBER.value)),
                               format_func=lambda r: t(f"role.{r}") if r else t("users.role_end"))
        if st.form_submit_button(t("users.set_role"), type="primary", icon=":material/badge:"):
            try:
                set_membership(engine(), plan_id, person, role or None, actor=me)
            except GevinstError as exc:
                st.error(_message(exc))
            else:
                name = active[person].name
                _done(msg("users.role_set", name=name, role=t(f"role.{role}")) if role
                      else msg("users.role_ended", name=name))


def _new_tab() -> None:
    with st.columns(2)[0], st.form("users_new", clear_on_submit=False):
        name = st.text_input(t("users.name"), key="users_new_name")
        email = st.text_input(t("users.email"), key="users_new_email")
        password = st.text_input(t("users.initial_password"), type="password",
                                 help=t("users.initial_password_help"), key="users_new_pw",
                                 autocomplete="new-password")
        is_admin = st.checkbox(t("users.is_admin"), key="users_new_admin")
        if st.form_submit_button(t("users.create"), type="primary", icon=":material/person_add:"):
            try:
                row = create_user(engine(), email, name, actor=me, password=password or None,
                                  is_admin=is_admin)
            except GevinstError as exc:
                st.error(_message(exc))
            else:
                for key in ("users_new_name", "users_new_email", "users_new_pw",
                            "users_new_admin"):
                    st.session_state.pop(key, None)
                _done(msg("users.created", name=row.name))


users = cached(list_users)()
accounts, memberships, new, reminders, tokens = st.tabs([
    t("users.tab_accounts"), t("users.tab_members"), t("users.tab_new"),
    t("users.tab_reminders"), t("tokens.tab")])
with accounts:
    _accounts_tab(users)
with memberships:
    _members_tab(users)
with new:
    _new_tab()
with reminders:
    _reminders_tab()
with tokens:
    api_tokens_tab(me, users, _done)
