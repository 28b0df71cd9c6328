"""Showing text that users typed: always as text, never as Markdown or HTML."""

from __future__ import annotations

import re

_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~:$&])")
# GitHub Markdown turns a bare address into a link after the escapes are resolved
# ("https://…", "www.…", "name@host.tld"). A word joiner (U+2060, invisible and dropped
# by our own text normalisation) after "://", "www" and "@" keeps them plain text.
_AUTOLINKS = re.compile(r"(?i)(\\:(?=//)|\bwww(?=\\\.)|@)")
WORD_JOINER = "\u2060"


def md_escape(text: str | None) -> str:
    """Escape Markdown so `st.markdown` and element labels show the text as typed."""
    if not text:
        return ""
    escaped = _MARKDOWN_SPECIALS.sub(r"\\\1", str(text))
    return _AUTOLINKS.sub(lambda m: m.group(1) + WORD_JOINER, escaped).replace("\n", "  \n")
