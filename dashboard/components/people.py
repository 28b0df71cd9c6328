"""Names of people on forms: who the plan's people are (they can get reminders)."""

from __future__ import annotations

from dashboard.components.cache import cached
from dashboard.components.i18n import t
from tracking.readmodel.people import plan_people


def people_hint(plan_id: int) -> str:
    """The help of a name field: the plan's people; another name cannot get reminders."""
    names = cached(plan_people)(plan_id)
    return t("people.hint", names=", ".join(names)) if names else ""
