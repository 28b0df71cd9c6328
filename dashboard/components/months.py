"""Choosing a month from a list, shown in the interface language."""

from __future__ import annotations

from datetime import date

import streamlit as st

from dashboard.components.i18n import lang, t
from tracking.formatting import format_month


def month_select(label: str, options: list[date], default: date | None = None,
                 key: str | None = None) -> date:
    index = options.index(default) if default in options else 0
    return st.selectbox(label, options, index=index, key=key,
                        format_func=lambda m: format_month(m, lang()),
                        placeholder=t("ui.choose"))
