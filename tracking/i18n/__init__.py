"""Translation: one catalogue per language, keys shared. Danish is the default.

`translate(key, lang, **params)` formats the message with `str.format`. A key missing in
English falls back to Danish, and a key missing everywhere is shown as itself, so a
missing translation is visible but never crashes a page.
"""

from __future__ import annotations

from typing import Any

from tracking.i18n.da import MESSAGES as DA
from tracking.i18n.en import MESSAGES as EN

CATALOGUES: dict[str, dict[str, str]] = {"da": DA, "en": EN}


def translate(key: str, lang: str = "da", /, **params: Any) -> str:
    text = CATALOGUES.get(lang, DA).get(key) or DA.get(key) or key
    if not params:
        return text
    try:
        return text.format(**params)
    except (KeyError, IndexError, ValueError):
        return text
