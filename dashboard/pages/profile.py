"""Min profil: which reminders this person gets by e-mail (or none at all)."""

from __future__ import annotations

import streamlit as st

from dashboard.components.calendar_feeds import calendar_section
from dashboard.components.context import actor
from dashboard.components.engine import engine
from dashboard.components.i18n import LANGUAGE_NAMES, error_text, t
from dashboard.components.messages import flash, msg, show_flash
from dashboard.components.text import md_escape
from tracking.errors import GevinstError
from tracking.mail import smtp_settings
from tracking.readmodel.reminders import get_account, reminder_choice
from tracking.reminder_rules import Kind, ReminderChoice
from tracking.services.reminders import set_language, set_reminder_choice

FLASH = "profile"

me = actor()
st.title(t("profile.title"))
if me is None or me.user_id is None:
    st.stop()
st.caption(t("profile.caption", name=md_escape(me.name), email=md_escape(me.email)))
show_flash(FLASH)
if smtp_settings() is None:
    st.info(t("remind.no_smtp"))

current = reminder_choice(engine(), me.user_id)
with st.form("reminder_choice"):
    st.subheader(t("profile.reminders"))
    wanted = {}
    account = get_account(engine(), me.user_id)
    director = account.is_director
    for kind in Kind:
        if kind is Kind.DIRECTOR_LETTER and not director:
            wanted[kind] = kind not in current.kinds_off  # kept as it is; only directors get it
            continue
        wanted[kind] = st.checkbox(t(f"remind.kind.{kind.value}"),
                                   value=kind not in current.kinds_off, key=f"remind_{kind.value}")
    all_off = st.toggle(t("profile.all_off"), value=current.all_off, key="remind_all_off")
    languages = ["", *LANGUAGE_NAMES]
    language = st.selectbox(t("profile.language"), languages, key="remind_language",
                            index=languages.index(account.language or ""),
                            format_func=lambda c: LANGUAGE_NAMES.get(c)
                            or t("profile.language_default"))
    if st.form_submit_button(t("profile.save"), type="primary"):
        try:
            set_reminder_choice(engine(), me.user_id, ReminderChoice(
                all_off, frozenset(k for k, on in wanted.items() if not on)), actor=me)
            set_language(engine(), me.user_id, language, actor=me)
        except GevinstError as exc:
            st.error(error_text(exc))
        else:
            flash(msg("profile.saved"), slot=FLASH)
            st.rerun()

calendar_section(me)
