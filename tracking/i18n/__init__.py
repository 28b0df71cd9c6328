"""Translation: message catalogues per feature, Danish the default.

Each module in `tracking/i18n/catalogues/` defines `DA` and `EN` dicts; they are merged
here, so a new feature adds its own module and edits no shared file. `translate(key,
lang, **params)` formats with `str.format`. A key missing in English falls back to
Danish, and a key missing everywhere is shown as itself: a missing translation is
visible but never crashes a page.
"""

from __future__ import annotations

import importlib
import pkgutil
from typing import Any

from tracking.i18n import catalogues

DA: dict[str, str] = {}
EN: dict[str, str] = {}
for _info in sorted(pkgutil.iter_modules(catalogues.__path__), key=lambda m: m.name):
    _module = importlib.import_module(f"{catalogues.__name__}.{_info.name}")
    for _target, _name in ((DA, "DA"), (EN, "EN")):
        _found = getattr(_module, _name, {})
        _clash = _target.keys() & _found.keys()
        if _clash:
            raise RuntimeError(f"message keys defined twice ({_info.name}): {sorted(_clash)}")
        _target.update(_found)

CATALOGUES: dict[str, dict[str, str]] = {"da": DA, "en": EN}


# Whole-number parameters shown with thousands marks ("100.000 rækker"); ids and row
# numbers are left as they are.
_COUNTED = ("count", "max", "rows")


def _lookup(key: str, lang: str) -> str | None:
    return CATALOGUES.get(lang, DA).get(key) or DA.get(key)


def translate(key: str, lang: str = "da", /, **params: Any) -> str:
    """The message `key` in `lang`, filled in. With a whole-number `count`, a key with
    plural forms (`key.one` / `key.other`) gives the form for that count."""
    count = params.get("count")
    text = None
    if isinstance(count, int) and not isinstance(count, bool):
        text = _lookup(f"{key}.{'one' if count == 1 else 'other'}", lang)
    text = text or _lookup(key, lang) or key
    if any(isinstance(params.get(k), int) and not isinstance(params.get(k), bool)
           for k in _COUNTED):
        from tracking.formatting import format_number

        params = {k: format_number(v, 0, lang) if k in _COUNTED and isinstance(v, int)
                  and not isinstance(v, bool) else v for k, v in params.items()}
    if not params:
        return text
    try:
        return text.format(**params)
    except (KeyError, IndexError, ValueError):
        return text


def translate_or(key: str, fallback: str, lang: str = "da") -> str:
    """The catalogue's text, or `fallback` where no catalogue has the key (a table added
    later, a column without a label)."""
    text = translate(key, lang)
    return fallback if text == key else text


def translate_count(key: str, count: int, lang: str = "da", /, **params: Any) -> str:
    """The plural form by count: `key.one` for 1, `key.other` otherwise (both get
    `{count}`)."""
    return translate(f"{key}.{'one' if count == 1 else 'other'}", lang, count=count, **params)
