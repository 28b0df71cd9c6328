"""Showing text that users typed: always as text, never as Markdown or HTML."""

from __future__ import annotations

import re

_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~:$&])")


def md_escape(text: str | None) -> str:
    """Escape Markdown so `st.markdown` and element labels show the text as typed."""
    if not text:
        return ""
    return _MARKDOWN_SPECIALS.sub(r"\\\1", str(text)).replace("\n", "  \n")
