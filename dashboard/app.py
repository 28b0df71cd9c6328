"""Gevinsttavlen: the router. Sets up the page, the language and the navigation."""

from __future__ import annotations

from urllib.parse import urlparse

import streamlit as st

from dashboard.components.auth import (
    account_box,
    hand_over_to_cookie,
    sign_in_page,
    signed_in_actor,
)
from dashboard.components.context import PLAN_KEY, note_page, plan_picker
from dashboard.components.engine import engine
from dashboard.components.gc_freeze import freeze_loaded_modules
from dashboard.components.i18n import LANGUAGE_NAMES, lang, t
from dashboard.components.phone import phone_style
from dashboard.components.reminder_job import start_reminder_job
from dashboard.components.widgets import widget_texts
from tracking.auth import Actor
from tracking.readmodel.my_tasks import landing_page

st.set_page_config(page_title="Gevinsttavlen", page_icon="📈", layout="wide")
phone_style()  # touch targets of 44 px and no sideways scrolling on a phone
widget_texts()  # Streamlit's own English where a stylesheet can reach it
freeze_loaded_modules()  # Streamlit's collection after each run skips the libraries

# Kiosk: a read-only wall screen behind a secret link, before sign-in and navigation.
if kiosk_token := st.query_params.get("kiosk"):
    from dashboard.kiosk import render_kiosk

    render_kiosk(kiosk_token)
    st.stop()

lang()  # the session's language is settled before any page text is made
start_reminder_job(engine())  # once per process, and only with e-mail switched on
signed_in = signed_in_actor(engine())  # None: nobody is signed in in this session
LANDING_FILES = {"my_tasks": "pages/my_tasks.py", "goal": "pages/goal.py",
                 "overview": "pages/overview.py"}


def landing_of(user_id: int) -> str:
    """Where sign-in lands (tracking.readmodel.my_tasks.landing_page): a director on
    Oversigt, someone with a role in a plan on Mine opgaver, anyone else on Mål. Read once
    per person and session."""
    key = f"landing_{user_id}"
    if key not in st.session_state:
        st.session_state[key] = landing_page(engine(), user_id)
    return str(st.session_state[key])


# Signed out, Mine opgaver is the default, so that a deep link to Mål (say from a
# reminder or a bookmark) is not taken for the root and survives the sign-in.
landing = "my_tasks" if signed_in is None else landing_of(signed_in.user_id)
# Every url_path differs from its file name: Streamlit (and AppTest) would otherwise run
# a file of pages/ as an old-style page without this router when a run ends early.
pages = [
    st.Page("pages/my_tasks.py", title=t("nav.my_tasks"), icon=":material/task_alt:",
            default=landing == "my_tasks", url_path="mine-opgaver"),
    st.Page("pages/goal.py", title=t("nav.goal"), icon=":material/flag:",
            default=landing == "goal", url_path="maal"),
    st.Page("pages/board.py", title=t("nav.board"), icon=":material/dashboard:", url_path="tavle"),
    st.Page("pages/enter_figures.py", title=t("nav.enter"), icon=":material/edit:",
            url_path="indtast"),
    st.Page("pages/ideas.py", title=t("nav.ideas"), icon=":material/sticky_note_2:",
            url_path="ideer"),
    st.Page("pages/assessment.py", title=t("nav.assessment"), icon=":material/grid_view:",
            url_path="vurdering"),
    st.Page("pages/action_plan.py", title=t("nav.action_plan"), icon=":material/view_kanban:",
            url_path="handleplan"),
    st.Page("pages/overview.py", title=t("nav.overview"), icon=":material/insights:",
            default=landing == "overview", url_path="oversigt"),
    st.Page("pages/plans.py", title=t("nav.plans"), icon=":material/folder_open:",
            url_path="planer"),
    st.Page("pages/tree.py", title=t("nav.tree"), icon=":material/account_tree:", url_path="trae"),
    st.Page("pages/business_case.py", title=t("nav.business_case"), icon=":material/calculate:",
            url_path="business-case"),
    st.Page("pages/themes.py", title=t("nav.themes"), icon=":material/checklist:",
            url_path="temaer"),
    st.Page("pages/history.py", title=t("history.title"), icon=":material/history:",
            url_path="historik"),
    st.Page("pages/profile.py", title=t("nav.profile"), icon=":material/person:",
            url_path="profil"),
]
if signed_in is None or signed_in.is_admin:  # for a deep link to it before sign-in
    pages.append(st.Page("pages/users.py", title=t("nav.users"), icon=":material/group:",
                         url_path="brugere"))
# Navigation first: the URL's page must be known before anything touches the query
# string (the plan picker writes ?plan=), or a deep link opens the default page. Also
# before sign-in, on every run: without st.navigation Streamlit lists and runs every file
# of pages/ by itself. Signed out, the navigation is hidden and the page is not run; after
# sign-in the same URL (a deep link) opens its page.
# expanded: all pages listed (Brugere, the last, would hide behind "View more").
page = st.navigation(pages, position="sidebar" if signed_in else "hidden", expanded=True)
if signed_in is None:
    # Opened at the root (not a deep link): the sign-in run goes straight on to the
    # person's landing page (Streamlit's rerun would stay on the page shown at the form).
    # One run, not two: the chart of the landing page comes a run sooner.
    path = urlparse(st.context.url or "").path.rstrip("/").rpartition("/")[2]
    # The default page reports its url_path as "": name the landing pages' paths too, so
    # a deep link to whichever is the default (e.g. /maal) is kept.
    known = {p.url_path for p in pages} | {"mine-opgaver", "maal", "oversigt"}
    at_root = path not in known - {""}

    def to_landing(actor: Actor) -> None:
        if at_root:  # keep ?plan= and the like
            st.switch_page(LANDING_FILES[landing_of(actor.user_id)],
                           query_params=st.query_params.to_dict())

    sign_in_page(engine(), to_landing)
# Just signed in (gevinst serve): to the cookie route and back to this page, signed in.
hand_over_to_cookie(engine(), page.url_path)
with st.sidebar:
    st.selectbox("Sprog / Language", list(LANGUAGE_NAMES), key="lang",
                 format_func=LANGUAGE_NAMES.get)
    plan_picker()
    account_box(engine(), signed_in, st.session_state.get(PLAN_KEY))
note_page(page.url_path)
page.run()
