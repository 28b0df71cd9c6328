"""Min profil → Kalender: make a secret calendar address (one's own, or a plan's), shown
once, and revoke the ones made before."""

from __future__ import annotations

import streamlit as st

from dashboard.components.cache import cached
from dashboard.components.context import PLAN_KEY
from dashboard.components.engine import engine
from dashboard.components.i18n import error_text, t
from dashboard.components.text import md_escape
from tracking.auth import Actor
from tracking.errors import GevinstError
from tracking.mail import base_url
from tracking.readmodel.calendar_feeds import my_feeds
from tracking.readmodel.plans import list_plans
from tracking.services.calendar_feeds import create_feed, revoke_feed

NEW_FEED = "calendar_feed_new"  # the address just made: shown once


def feed_url(secret: str) -> str:
    return f"{base_url()}/calendar/{secret}.ics"


def calendar_section(me: Actor) -> None:
    st.subheader(t("calendar.section"), anchor=False)
    st.caption(t("calendar.caption"))
    if NEW_FEED in st.session_state:
        st.success(t("calendar.made"))
        st.code(feed_url(st.session_state.pop(NEW_FEED)), language=None)
    plans = {p.id: p.name for p in cached(list_plans)()}
    left, right = st.columns(2)
    made = None
    try:
        if left.button(t("calendar.make_mine"), icon=":material/calendar_month:",
                       key="calendar_make_mine"):
            made = create_feed(engine(), me)
        with right:
            ids = list(plans)
            chosen = st.session_state.get(PLAN_KEY)
            plan_id = st.selectbox(t("calendar.plan"), ids, key="calendar_plan",
                                   index=ids.index(chosen) if chosen in plans else 0,
                                   format_func=lambda i: plans[i]) if ids else None
            if plan_id is not None and st.button(t("calendar.make_plan"),
                                                 icon=":material/event:",
                                                 key="calendar_make_plan"):
                made = create_feed(engine(), me, plan_id=plan_id)
    except GevinstError as exc:
        st.error(md_escape(error_text(exc)))
    if made is not None:
        st.session_state[NEW_FEED] = made[1]
        st.rerun()
    feeds = my_feeds(engine(), me.user_id)  # type: ignore[arg-type]
    if feeds:
        st.markdown(f"**{t('calendar.active')}**")
    for f in feeds:
        name = t("calendar.kind_plan", plan=md_escape(plans.get(f.plan_id, str(f.plan_id)))) \
            if f.plan_id is not None else t("calendar.kind_person")
        a, b = st.columns([4, 1])
        a.write(name)
        if b.button(t("calendar.revoke"), key=f"calendar_revoke_{f.id}",
                    icon=":material/link_off:"):
            try:
                revoke_feed(engine(), f.id, me)
            except GevinstError as exc:
                st.error(md_escape(error_text(exc)))
            else:
                st.rerun()
