"""A phone (390 px wide, a finger instead of a mouse): touch targets of at least 44 px,
no horizontal scrolling, headings that leave room for the form.

One stylesheet for every page, applied by the router; only below 640 px width, so the
desktop and the wall are not touched."""

from __future__ import annotations

import streamlit as st

PHONE_CSS = """<style>
@media (max-width: 640px) {
  html, body { overflow-x: hidden; }
  [data-testid="stMain"] h1 { font-size: 1.9rem; }
  [data-testid="stMain"] h2, [data-testid="stMain"] h3 { font-size: 1.4rem; }
  [data-testid="stHeaderActionElements"], [data-testid="stElementToolbar"] { display: none; }
  button, a[data-testid="stSidebarNavLink"], [data-testid="stExpandSidebarButton"],
  [data-testid="stSidebarCollapseButton"] button, [data-baseweb="select"] > div,
  [data-testid="stTextInputRootElement"], [data-testid="stTextInputRootElement"] input,
  [data-testid="stDateInputField"], [data-testid="stNumberInputContainer"], [role="combobox"] {
    min-height: 44px !important; }
  button, [data-testid="stExpandSidebarButton"] { min-width: 44px !important; }
  [data-testid="stMainBlockContainer"] { padding-left: 1rem; padding-right: 1rem; }
}
</style>"""


def phone_style() -> None:
    st.html(PHONE_CSS)
