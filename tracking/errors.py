"""Errors that carry a translatable message for the person at the screen."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from datetime import date
from typing import Any


class GevinstError(Exception):
    """Base class: `code` is a key of the message catalogue, `params` fill it in."""

    def __init__(self, code: str, field: str | None = None, **params: Any) -> None:
        self.code = code
        self.field = field
        self.params = params
        super().__init__(f"{code} ({field})" if field else code)

    def message(self, lang: str = "da", quote: Callable[[str], str] | None = None) -> str:
        """The message in `lang`; `quote`, if given, is applied to every text value put
        into it (a page escapes what a user typed before it is shown as Markdown)."""
        from tracking.formatting import format_month
        from tracking.i18n import translate

        params = {k: format_month(v, lang) if isinstance(v, date) else v
                  for k, v in self.params.items()}
        if self.params.get("unit"):  # a unit code is named in the reader's language
            from tracking.formatting import unit_label

            with contextlib.suppress(ValueError):
                params["unit"] = unit_label(self.params["unit"], lang)
        params = {k: printable(v) for k, v in params.items()}
        if quote is not None:
            params = {k: quote(v) if isinstance(v, str) else v for k, v in params.items()}
        return translate(self.code, lang, **params)


def printable(value: Any) -> Any:
    """A text quoted in a message without lone surrogates (they cannot be sent to a
    browser or written to a log); anything else as it is."""
    if isinstance(value, str):
        return value.encode("utf-8", "replace").decode("utf-8")
    return value


class ValidationError(GevinstError):
    """Input was refused; nothing was written."""


class NotFoundError(GevinstError):
    """The record asked for does not exist (or is archived)."""


class DatabaseLockedError(GevinstError):
    """Another process (typically a running dashboard) holds the DuckDB file."""
