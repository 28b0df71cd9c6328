"""Gevinsttavlen: the router. Sets up the page, the language and the navigation."""

from __future__ import annotations

import streamlit as st

from dashboard.components.auth import account_box, require_sign_in
from dashboard.components.context import PLAN_KEY, engine, plan_picker
from dashboard.components.i18n import LANGUAGE_NAMES, lang, t

st.set_page_config(page_title="Gevinsttavlen", page_icon="📈", layout="wide")

lang()  # the session's language is settled before any page text is made
# Every page needs a signed-in person; the sign-in page stops the run here.
signed_in = require_sign_in(engine())
pages = [
    st.Page("pages/goal.py", title=t("nav.goal"), icon=":material/flag:", default=True),
    st.Page("pages/enter_figures.py", title=t("nav.enter"), icon=":material/edit:",
            url_path="indtast"),
    st.Page("pages/ideas.py", title=t("nav.ideas"), icon=":material/sticky_note_2:",
            url_path="ideer"),
    st.Page("pages/assessment.py", title=t("nav.assessment"), icon=":material/grid_view:",
            url_path="vurdering"),
    st.Page("pages/action_plan.py", title=t("nav.action_plan"), icon=":material/view_kanban:",
            url_path="handleplan"),
    st.Page("pages/plans.py", title=t("nav.plans"), icon=":material/folder_open:",
            url_path="planer"),
    st.Page("pages/tree.py", title=t("nav.tree"), icon=":material/account_tree:", url_path="trae"),
    st.Page("pages/business_case.py", title=t("nav.business_case"), icon=":material/calculate:",
            url_path="business-case"),
    st.Page("pages/themes.py", title=t("nav.themes"), icon=":material/checklist:",
            url_path="temaer"),
]
if signed_in.is_admin:
    pages.append(st.Page("pages/users.py", title=t("nav.users"), icon=":material/group:",
                         url_path="brugere"))
# Navigation first: the URL's page must be known before anything touches the query
# string (the plan picker writes ?plan=), or a deep link opens the default page.
page = st.navigation(pages)
with st.sidebar:
    st.selectbox("Sprog / Language", list(LANGUAGE_NAMES), key="lang",
                 format_func=LANGUAGE_NAMES.get)
    plan_picker()
    account_box(engine(), signed_in, st.session_state.get(PLAN_KEY))
page.run()
