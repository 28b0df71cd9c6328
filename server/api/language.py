"""The language of an API reply: from Accept-Language, else the installation's."""

from __future__ import annotations

from tracking.config import LANGUAGES, default_language


def reply_language(accept_language: str | None) -> str:
    """The first of our languages the caller accepts, by quality ("en-GB;q=0.8, da")."""
    choices: list[tuple[float, int, str]] = []
    for position, part in enumerate((accept_language or "").split(",")):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        lang = tag.strip().lower().split("-")[0]
        if lang in LANGUAGES and quality > 0:
            choices.append((-quality, position, lang))
    return min(choices)[2] if choices else default_language()
