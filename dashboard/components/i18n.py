"""The interface language, held in the session, and `t()` to translate."""

from __future__ import annotations

from typing import Any

import streamlit as st

from tracking.config import default_language
from tracking.errors import GevinstError
from tracking.i18n import translate

LANGUAGE_NAMES = {"da": "Dansk", "en": "English"}


def lang() -> str:
    if "lang" not in st.session_state:
        st.session_state["lang"] = default_language()
    return st.session_state["lang"]


def t(key: str, **params: Any) -> str:
    return translate(key, lang(), **params)


def error_text(exc: GevinstError) -> str:
    """A refusal's message as Markdown: every value it quotes (a title, a plan name, an
    e-mail) is escaped, so what a user typed is shown as typed."""
    from dashboard.components.text import md_escape

    return exc.message(lang(), quote=md_escape)
