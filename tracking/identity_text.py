"""Names and e-mails of accounts as people read them: one spelling per look.

Text pasted from mails and documents brings characters nobody sees (zero-width spaces,
joiners, direction marks, soft hyphens), compatibility forms (full-width letters, ligatures)
and letters of other scripts that look like Latin ones (Cyrillic »а« for »a«). Left in,
they make two accounts that look the same, or a name that looks empty. Pure functions.
"""

from __future__ import annotations

import unicodedata

from tracking.errors import ValidationError

_LINE_BREAKS = frozenset("\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029")


def _invisible(ch: str) -> bool:
    """Format (zero-width, direction, soft hyphen) and control characters, and halves of
    a UTF-16 pair on their own (no character at all)."""
    return unicodedata.category(ch) in ("Cf", "Cc", "Cs")


def normalize_text(value: str) -> str:
    """NFKC, invisible and control characters removed, spaces collapsed, trimmed.
    Line breaks are kept, so that a caller can refuse them."""
    value = unicodedata.normalize("NFKC", value or "")
    kept = "".join(ch for ch in value if ch in _LINE_BREAKS or not _invisible(ch))
    return " ".join(part for part in kept.replace("\t", " ").split(" ") if part).strip(" ")


def normalize_email(value: str) -> str:
    """The e-mail as stored and looked up: NFKC, invisible characters removed, lower
    case. Signing in with a pasted address finds the account it looks like."""
    value = unicodedata.normalize("NFKC", value or "")
    return "".join(ch for ch in value if not _invisible(ch)).strip().lower()


def check_email(raw: str, value: str) -> None:
    """Refuse (at creation) an address typed with invisible characters, line breaks or
    letters that are not Latin: it would look like another account's."""
    typed = unicodedata.normalize("NFKC", raw or "").strip()
    if any(_invisible(ch) or ch in _LINE_BREAKS for ch in typed):
        raise ValidationError("error.email_hidden_characters", "email")
    foreign = [ch for ch in value if ch.isalpha() and not ch.isascii()
               and not unicodedata.name(ch, "").startswith("LATIN")]
    if foreign:
        raise ValidationError("error.email_lookalike", "email", letters=", ".join(
            f"»{ch}« {unicodedata.name(ch, '?').lower()}" for ch in dict.fromkeys(foreign)))


def check_name(value: str) -> None:
    """Refuse a name on several lines (the normalised value; empty is the caller's)."""
    if any(ch in _LINE_BREAKS for ch in value):
        raise ValidationError("error.name_multiline", "name")
