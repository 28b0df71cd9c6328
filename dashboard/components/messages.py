"""Messages for the person at the screen: the one way a page says something happened.

Success, error, warning and info messages render Markdown, and many quote what someone
typed (a card title, a plan name, an e-mail). Here every quoted value is escaped for
Markdown and HTML before it is put into the catalogue's sentence, so a title such as
`**x**`, `[x](data:...)` or `<script>` is shown exactly as typed, in every message.

- `msg(key, **params)`: the catalogue's text with each text parameter escaped;
- `error_msg(exc)`: a refusal's text, its quoted values escaped the same way;
- `say(text, kind)`: show a message built with `msg`/`error_msg` now;
- `flash(text, kind, slot)` / `show_flash(slot)`: keep a message across the rerun that
  follows a save, and show it once on the next run (as a banner or a toast).
"""

from __future__ import annotations

from typing import Any, Literal

import streamlit as st

from dashboard.components.i18n import error_text, t
from dashboard.components.text import md_escape
from tracking.errors import GevinstError

Kind = Literal["success", "error", "warning", "info", "toast"]

_ICONS: dict[str, str] = {
    "success": ":material/check:",
    "error": ":material/error:",
    "warning": ":material/warning:",
    "info": ":material/info:",
    "toast": ":material/check:",
}
_PREFIX = "flash:"


def quote(value: Any) -> str:
    """A value as it was typed, safe inside a Markdown message."""
    return md_escape("" if value is None else str(value))


def msg(key: str, **params: Any) -> str:
    """The message `key` with every text parameter escaped (numbers pass as they are)."""
    return t(key, **{k: quote(v) if isinstance(v, str) else v for k, v in params.items()})


def error_msg(exc: GevinstError) -> str:
    """A refusal's message; the values it quotes are escaped (see `error_text`)."""
    return error_text(exc)


def say(text: str, kind: Kind = "success", icon: str | None = None) -> None:
    """Show a message now. `text` comes from `msg`/`error_msg` (already escaped)."""
    shown = icon or _ICONS[kind]
    if kind == "toast":
        st.toast(text, icon=shown)
    else:
        getattr(st, kind)(text, icon=shown)


def flash(text: str, kind: Kind = "success", slot: str = "page",
          icon: str | None = None) -> None:
    """Keep a message for the next run of the page (after `st.rerun()`)."""
    st.session_state.setdefault(_PREFIX + slot, []).append((kind, text, icon))


def flash_error(exc: GevinstError, slot: str = "page") -> None:
    flash(error_msg(exc), "error", slot)


def show_flash(slot: str = "page", toast: bool = False) -> None:
    """Show (once) the messages kept for `slot`; with `toast`, successes as toasts."""
    for kind, text, icon in st.session_state.pop(_PREFIX + slot, []):
        say(text, "toast" if toast and kind == "success" else kind, icon)
