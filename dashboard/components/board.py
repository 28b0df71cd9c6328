"""Shared pieces of the board pages: the post-it style, field badges, the capacity line.

The style sheet is static (no user text) and targets containers by their key
(Streamlit gives a keyed container the class `st-key-<key>`).
"""

from __future__ import annotations

import streamlit as st

from dashboard.components.cache import cached
from dashboard.components.i18n import t
from tracking.board_rules import BoardField
from tracking.readmodel.actions import capacity_check

FIELD_BADGE = {  # word + icon + colour: never colour alone
    "green": (":material/check_circle:", "green"),
    "yellow": (":material/hourglass_top:", "yellow"),
    "orange": (":material/low_priority:", "orange"),
    "red": (":material/block:", "red"),
}

_CSS = """
<style>
div[class*="st-key-postit-"] {
  background: #fff8c4; border-radius: 6px; padding: 0.9rem 1rem;
  box-shadow: 2px 3px 6px rgba(0,0,0,0.18); border-left: 12px solid #bdbdbd;
}
div[class*="st-key-postit-green-"] { border-left-color: #2e9d3a; }
div[class*="st-key-postit-yellow-"] { border-left-color: #e6b800; }
div[class*="st-key-postit-orange-"] { border-left-color: #f07f09; }
div[class*="st-key-postit-red-"] { border-left-color: #d62728; }
div[class*="st-key-ideatext-"] p { font-size: 1.35rem; line-height: 1.35; }
div[class*="st-key-cardtitle-"] p { font-size: 1.2rem; font-weight: 600; line-height: 1.3; }
div[class*="st-key-card-"] {
  background: #ffffff; border-radius: 6px; padding: 0.7rem 0.9rem;
  border: 1px solid #d0d0d0; border-left: 12px solid #bdbdbd;
}
div[class*="st-key-card-green-"] { border-left-color: #2e9d3a; }
div[class*="st-key-card-yellow-"] { border-left-color: #e6b800; }
div[class*="st-key-card-orange-"] { border-left-color: #f07f09; }
div[class*="st-key-card-red-"] { border-left-color: #d62728; }
div[class*="st-key-card-"][class*="-overdue-"] {
  background: #fde0dc; border: 4px solid #b71c1c; border-left-width: 12px;
}
div[class*="st-key-flag-overdue-"] p { font-size: 1.45rem; color: #b71c1c; letter-spacing: 0.04em; }
div[class*="st-key-flag-due_soon-"] p { font-size: 1.2rem; color: #a64b00; }
div[class*="st-key-column-"] { background: #f3f5f8; border-radius: 8px; padding: 0.6rem; }
</style>
"""


def board_style() -> None:
    st.html(_CSS)


def known_field(value: object) -> str | None:
    """The field of a row, or None (a missing field arrives as NaN from pandas)."""
    return value if isinstance(value, str) and value in FIELD_BADGE else None


def field_label(field: str | None) -> str:
    field = known_field(field)
    return t(f"quadrant.{field}") if field else t("quadrant.none")


def field_badge(field: str | None) -> None:
    field = known_field(field)
    if not field:
        st.badge(t("quadrant.none"), icon=":material/help:", color="gray")
        return
    icon, colour = FIELD_BADGE[field]
    st.badge(t(f"quadrant.{field}"), icon=icon, color=colour, help=t(f"quadrant.{field}.help"))


def field_markdown(field: str | None) -> str:
    """The field as inline Markdown (word + icon + colour) for captions and lists."""
    field = known_field(field)
    if not field:
        return f":gray-badge[:material/help: {t('quadrant.none')}]"
    icon, colour = FIELD_BADGE[field]
    return f":{colour}-badge[{icon} {t(f'quadrant.{field}')}]"


def capacity_line(plan_id: int) -> None:
    """Resources committed in open actions against the capacity: one figure, every page."""
    cap = cached(capacity_check)(plan_id)
    key = "board.capacity_over" if cap.committed > cap.capacity else "board.capacity"
    text = t(key, committed=cap.committed, capacity=cap.capacity)
    icon = ":material/warning:" if cap.committed > cap.capacity else ":material/inventory_2:"
    (st.warning if cap.committed > cap.capacity else st.info)(
        f"**{text}**", icon=icon)
    st.caption(t("board.capacity_help"))


FIELDS = [f.value for f in BoardField]
