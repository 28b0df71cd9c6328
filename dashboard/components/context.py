"""What every page needs: the database, the chosen plan, and who is at the keyboard."""

from __future__ import annotations

from typing import Any

import streamlit as st

from dashboard.components.cache import cached, plan_list_stamp
from dashboard.components.engine import engine
from dashboard.components.i18n import t
from dashboard.components.text import md_escape
from tracking.auth import Actor
from tracking.auth.guard import Capabilities, capabilities
from tracking.auth.roles import Permission
from tracking.models import Plan
from tracking.readmodel.plans import list_plans

PLAN_KEY = "plan_id"  # the chosen plan: a plain session key, the source of truth
SIGNED_IN_KEY = "signed_in"  # the signed-in Actor, put there by the sign-in gate
_SHOWN_PAGE = "shown_page"  # url path of the page the previous run showed
_PAGE_OPENED = "page_opened"  # True on the first run of a visit to a page


def note_page(url_path: str) -> None:
    """Record the page this run shows (the router calls it before running the page)."""
    st.session_state[_PAGE_OPENED] = st.session_state.get(_SHOWN_PAGE) != url_path
    st.session_state[_SHOWN_PAGE] = url_path


def page_just_opened() -> bool:
    """True on the first run of a visit to the current page, False on its reruns."""
    return st.session_state.get(_PAGE_OPENED, True)


def actor() -> Actor | None:
    """Who is signed in (None if nobody: every write service then refuses)."""
    return st.session_state.get(SIGNED_IN_KEY)


# The plan list of the newest stamp, unpickled once for every run of every session (at
# 2,940 plans each copy from the cache costs ~0.1 s and ~10 MB). Only read, never changed.
_latest_plans: tuple[tuple[Any, ...], list[Plan]] | None = None


def _plans() -> list[Plan]:
    global _latest_plans
    key = (str(engine().url), *plan_list_stamp())
    latest = _latest_plans
    if latest is not None and latest[0] == key:
        return latest[1]
    plans = cached(list_plans)()
    _latest_plans = (key, plans)
    return plans


def plan_picker() -> None:
    """The plan picker in the sidebar, drawn by the router (app.py) on every page.

    The choice lives in a plain session key, not in the widget's own state: widget
    state is lost when a run is interrupted (a quick click on another page), and the
    user must never land on another plan without noticing. `?plan=ID` in the URL
    chooses the plan (drill-down links), and the choice is written back to the URL.
    """
    plans = _plans()
    if not plans:
        return
    by_id = {p.id: p for p in plans}
    wanted = st.query_params.get("plan")
    if wanted and wanted.isdigit() and int(wanted) in by_id:
        st.session_state[PLAN_KEY] = int(wanted)
    if st.session_state.get(PLAN_KEY) not in by_id:
        _tell_if_archived(st.session_state.get(PLAN_KEY), plans[0])
        st.session_state[PLAN_KEY] = plans[0].id
    ids = list(by_id)
    # The widget keeps its format_func for the session: names only, not every Plan.
    names = {p.id: p.name for p in plans}
    chosen = st.sidebar.selectbox(t("ui.plan"), ids, index=ids.index(st.session_state[PLAN_KEY]),
                                  format_func=names.__getitem__)
    st.session_state[PLAN_KEY] = chosen
    st.query_params["plan"] = str(chosen)


_ARCHIVED_NOTE = "plan_archived_note"


def _tell_if_archived(plan_id: int | None, instead: Plan) -> None:
    """The plan this person was on has been archived (by them or someone else, perhaps
    during its meeting): say so, rather than show another plan without a word."""
    if plan_id is None:
        return
    gone = next((p for p in list_plans(engine(), include_archived=True)
                 if p.id == plan_id and p.archived_at is not None), None)
    if gone is not None:  # shown by current_plan(), on the page (this runs in the sidebar)
        st.session_state[_ARCHIVED_NOTE] = t("ui.plan_was_archived", plan=md_escape(gone.name),
                                             instead=md_escape(instead.name))


def current_plan() -> Plan | None:
    """The plan chosen in the sidebar, or None when there are no (active) plans."""
    if note := st.session_state.pop(_ARCHIVED_NOTE, None):
        st.warning(note, icon=":material/inventory_2:")
    plans = {p.id: p for p in _plans()}
    return plans.get(st.session_state.get(PLAN_KEY)) or next(iter(plans.values()), None)


def switch_plan(plan_id: int) -> None:
    """Make `plan_id` the chosen plan from the next run on."""
    st.session_state[PLAN_KEY] = plan_id
    st.query_params["plan"] = str(plan_id)


CAPS_KEY = "capabilities"  # (plan id, Capabilities), set by the sidebar's account box


def remember_caps(plan_id: int | None, caps: Capabilities) -> None:
    st.session_state[CAPS_KEY] = (plan_id, caps)


def caps(plan_id: int | None = None) -> Capabilities:
    """What the person may do in `plan_id` (the chosen plan by default): the sidebar's
    answer of this run when it is about that plan, otherwise asked now."""
    plan_id = st.session_state.get(PLAN_KEY) if plan_id is None else plan_id
    remembered = st.session_state.get(CAPS_KEY)
    if remembered is not None and remembered[0] == plan_id:
        return remembered[1]
    who = actor()
    if who is None:
        return Capabilities(None, False, frozenset())
    found = capabilities(engine(), who, plan_id)
    remember_caps(plan_id, found)
    return found


def may(permission: Permission, indicator_id: int | None = None,
        plan_id: int | None = None) -> bool:
    """Whether to offer a control: the service still checks on every write."""
    return caps(plan_id).can(permission, indicator_id)


def role_label(found: Capabilities) -> str:
    if found.is_admin:
        return t("role.admin")
    return t(f"role.{found.role.value}") if found.role else t("role.none")


def access_note(*permissions: Permission, plan_id: int | None = None) -> bool:
    """Say once, at the top of a page, what the person's role allows here: the first of
    `permissions` (the page's writes, most common first) it does not allow is named.
    True if all are allowed (then nothing is said)."""
    found = caps(plan_id)
    for permission in permissions:
        if found.can(permission) or (permission is Permission.ENTER_FIGURES
                                     and found.owned_indicator_ids):
            continue
        st.info(t(f"access.read_only.{permission.value}", role=role_label(found)),
                icon=":material/visibility:")
        return False
    return True
