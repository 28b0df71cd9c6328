"""Errors that carry a translatable message for the person at the screen.

Every refusal is worded by one function, `render_message`: the catalogue's text for the
error's `code`, its parameters shown in the reader's language (a month or a day, a moment
in Danish time, a status, a unit, a percentage, an amount, a phrase from the catalogue).
Subclasses only choose how a date is read (`dates_are_days`); none words its own text.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from typing import Any


@dataclass(frozen=True)
class Phrase:
    """A catalogue text used as a parameter ('the account »Bo«', 'the share of the task
    "Valider"'), filled with its own parameters when the message is shown."""

    key: str
    params: tuple[tuple[str, Any], ...] = ()

    @classmethod
    def of(cls, key: str, **params: Any) -> Phrase:
        return cls(key, tuple(params.items()))


@dataclass(frozen=True)
class Percent:
    """A share (1.04) shown as a percentage: '104 %' (da), '104%' (en); one decimal only
    when needed."""

    share: float


@dataclass(frozen=True)
class Amount:
    """A number shown in the reader's notation, with 'kr.' when `money`."""

    value: float
    money: bool = False


# Enums whose values are named in the catalogue: class -> key prefix ("action.status").
ENUM_KEYS: dict[type[Enum], str] = {}


def shown_param(name: str, value: Any, lang: str, dates_are_days: bool = False) -> Any:
    """One parameter of a message as the reader should see it."""
    from tracking.formatting import (
        format_date,
        format_datetime,
        format_month,
        format_number,
        round_half_up,
        unit_label,
    )
    from tracking.i18n import translate

    if isinstance(value, Phrase):
        return translate(value.key, lang, **{k: shown_param(k, v, lang, dates_are_days)
                                             for k, v in value.params})
    if isinstance(value, Percent):
        percent = round_half_up(value.share * 100, 1)
        number = format_number(percent, 0 if percent == int(percent) else 1, lang)
        return f"{number}{' ' if lang == 'da' else ''}%"
    if isinstance(value, Amount):
        number = format_number(value.value, 0 if value.value == int(value.value) else 2, lang)
        return f"{number} kr" if value.money else number  # the sentence's "." ends "kr."
    if isinstance(value, Enum) and type(value) in ENUM_KEYS:
        return translate(f"{ENUM_KEYS[type(value)]}.{value.value}", lang)
    if isinstance(value, datetime):
        return format_datetime(value, lang)
    if isinstance(value, date):
        return format_date(value, lang) if dates_are_days else format_month(value, lang)
    if name == "unit" and value:  # a unit code is named in the reader's language
        with contextlib.suppress(ValueError):
            return unit_label(value, lang)
    return value


def render_message(error: GevinstError, lang: str = "da",
                   quote: Callable[[str], str] | None = None) -> str:
    """The one way an error becomes text for a person. `quote`, if given, is applied to
    every text value put into it (a page escapes what a user typed before it is shown as
    Markdown)."""
    from tracking.i18n import translate

    def shown(k: str, v: Any) -> Any:
        value = printable(shown_param(k, v, lang, error.dates_are_days))
        return quote(value) if quote is not None and isinstance(value, str) else value

    return translate(error.code, lang, **{k: shown(k, v) for k, v in error.params.items()})


def printable(value: Any) -> Any:
    """A text quoted in a message without lone surrogates (they cannot be sent to a
    browser or written to a log); anything else as it is."""
    if isinstance(value, str):
        return value.encode("utf-8", "replace").decode("utf-8")
    return value


class GevinstError(Exception):
    """Base class: `code` is a key of the message catalogue, `params` fill it in."""

    dates_are_days = False  # a date parameter is a month (a figure's) unless a day

    def __init__(self, code: str, field: str | None = None, **params: Any) -> None:
        self.code = code
        self.field = field
        self.params = params
        super().__init__(f"{code} ({field})" if field else code)

    def message(self, lang: str = "da", quote: Callable[[str], str] | None = None) -> str:
        return render_message(self, lang, quote)


class ValidationError(GevinstError):
    """Input was refused; nothing was written."""


class NotFoundError(GevinstError):
    """The record asked for does not exist (or is archived)."""


class DatabaseLockedError(GevinstError):
    """Another process (typically a running dashboard) holds the DuckDB file."""
