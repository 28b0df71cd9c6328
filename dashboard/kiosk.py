"""The kiosk: the board for a TV in the office, read-only, behind a secret link.

Reached as `?kiosk=<token>` before sign-in and navigation (see dashboard/app.py). It
draws the wall with `interactive=False`: no widget, so nothing can be changed, and
it calls no write service. A wrong or revoked token gets a plain refusal and no data.
"""

from __future__ import annotations

import streamlit as st

from dashboard.components.cache import cached
from dashboard.components.engine import engine
from dashboard.components.i18n import t
from dashboard.components.text import md_escape
from tracking.clock import now, today
from tracking.formatting import format_clock
from tracking.meeting_rules import AGENDA, STEP_FIELD
from tracking.readmodel.meetings import current_step, open_meeting
from tracking.readmodel.plans import get_plan
from tracking.services.meetings import kiosk_plan_id, kiosk_view

REFRESH_SECONDS = 30

_CSS = """
<style>
[data-testid="stHeader"], [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stToolbar"], [data-testid="stElementToolbar"] { display: none; }
[data-testid="stMainBlockContainer"] { padding-top: 0.8rem !important; }
</style>
"""


def render_kiosk(token: str) -> None:
    """The whole kiosk page (call st.stop() after it)."""
    st.html(_CSS)
    page = st.navigation([st.Page(lambda: _board(token), title="Gevinsttavlen",
                                  url_path="kiosk", default=True)], position="hidden")
    page.run()


def _board(token: str) -> None:
    if kiosk_plan_id(engine(), token) is None:
        st.error(t("kiosk.refused"), icon=":material/block:")
        return
    _live(token)


@st.fragment(run_every=REFRESH_SECONDS)
def _live(token: str) -> None:
    from dashboard.components import wall

    view = kiosk_view(engine(), token)  # again on every refresh: revoked is revoked
    if view is None:
        st.error(t("kiosk.refused"), icon=":material/block:")
        return
    plan = get_plan(engine(), view.plan_id)
    meeting = cached(open_meeting)(plan.id)
    active, line = None, ""
    if meeting is not None:
        step = current_step(engine(), meeting.id)
        active = STEP_FIELD[AGENDA[step]]
        line = (f" · :blue[**{t('meeting.running')}: {step + 1}. "
                f"{t(f'meeting.step.{AGENDA[step].value}')}**]")
    stamp = format_clock(now())
    st.markdown(f"### {md_escape(plan.name)}{line}")
    st.caption(t("kiosk.updated", time=stamp))
    wall.render_wall(plan, today(), interactive=False, height=wall.field_height(False) - 10,
                     active=active, anonymous=view.anonymous)
