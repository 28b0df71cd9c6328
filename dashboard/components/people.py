"""Names of people on forms: chosen from the plan's people (they can get reminders); a
person without an account can still be typed, and is marked as unable to get reminders."""

from __future__ import annotations

from typing import Any

import streamlit as st

from dashboard.components.cache import cached
from dashboard.components.i18n import t
from tracking.readmodel.people import name_key, plan_people, reachable_names


def people_hint(plan_id: int) -> str:
    """The help of a name field: the plan's people; another name cannot get reminders."""
    names = cached(plan_people)(plan_id)
    return t("people.hint", names=", ".join(names)) if names else ""


def person_picker(label: str, plan_id: int, key: str, current: str = "",
                  where: Any = st) -> str:
    """A name chosen from the plan's people, or typed (accept_new_options). The current
    name stays offered even when it is not one of them; a name that means no single
    account gets a "kan ikke få påmindelser" note under the field."""
    people = list(cached(plan_people)(plan_id))
    if current and name_key(current) not in {name_key(p) for p in people}:
        people.append(current)
    if key not in st.session_state and current:
        st.session_state[key] = current
    chosen = where.selectbox(label, people, index=None, key=key, accept_new_options=True,
                             placeholder=t("people.placeholder"), help=people_hint(plan_id))
    name = " ".join(str(chosen or "").split())
    if name and name_key(name) not in cached(reachable_names)():
        where.caption(f":material/notifications_off: {t('remind.cannot_remind')}")
    return name
