"""Numbers in an upload: what an Excel cell shows, and text read by the file's own marks.

Two sources of wrong numbers are closed here:
- an Excel cell holds 0.812 but shows "81,2 %": `shown_number` applies the cell's number
  format (percent, thousands scaling, shown decimals);
- a text "948,313" is 948.313 in a Danish file and 948313 in an English one: the decimal
  mark is decided per file from every value that proves it (`decide_decimal_mark`), and
  a value that stays ambiguous is refused, never guessed (`read_number`).
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

from tracking.errors import ValidationError

_SUFFIXES = re.compile(r"(kr\.?|dkk|%|årsværk|fte|timer|dage|t\.|stk\.?)$", re.IGNORECASE)
_SPACES = re.compile(r"[\s\u00a0\u2007\u202f]+")
_DIGITS = re.compile(r"[\d.,]+")


def _clean(text: str) -> tuple[float, str]:
    """Sign and the bare digits with their marks ('-1.234,5 kr.' -> (-1, '1.234,5'))."""
    s = _SPACES.sub("", text).replace("\u2212", "-")
    s = _SUFFIXES.sub("", s)
    sign = 1.0
    if s[:1] in ("-", "+"):
        sign, s = (-1.0 if s[0] == "-" else 1.0), s[1:]
    return sign, s


def _proves(digits: str) -> str | None:
    """The decimal mark a text proves on its own ('1.234,5' -> ','), or None."""
    has_dot, has_comma = "." in digits, "," in digits
    if has_dot and has_comma:
        return "," if digits.rfind(",") > digits.rfind(".") else "."
    for mark, other in ((",", "."), (".", ",")):
        if mark not in digits:
            continue
        if digits.count(mark) > 1:
            return other  # '1.234.567': the mark repeats, so it separates thousands
        whole, _, frac = digits.partition(mark)
        if len(frac) != 3 or whole in ("", "0") or len(whole) > 3:
            return mark  # '12,5', '0,125', ',5', '1234,567': not a thousands group
    return None


def decide_decimal_mark(texts: list[str]) -> str | None:
    """The file's decimal mark (',' or '.') from every text value that proves one; None
    when no value proves it or values prove both (then each value must prove itself)."""
    proved = set()
    for text in texts:
        _sign, digits = _clean(text)
        if _DIGITS.fullmatch(digits or "x"):
            mark = _proves(digits)
            if mark:
                proved.add(mark)
    return proved.pop() if len(proved) == 1 else None


def _grouped(whole: str, sep: str) -> bool:
    groups = whole.split(sep)
    return (1 <= len(groups[0]) <= 3 and groups[0] != "0"
            and all(len(g) == 3 for g in groups[1:]))


def read_number(text: str, decimal_mark: str | None, field: str = "value") -> float:
    """A text value as a number, by the file's decimal mark (None: not decided).

    Raises ValidationError: 'error.not_a_number' for text that is no number or breaks the
    file's marks, 'error.import_ambiguous_number' for '948,313' in a file whose marks are
    not decided.
    """
    raw = str(text)
    sign, digits = _clean(raw.strip())
    if not digits or not _DIGITS.fullmatch(digits) or not re.search(r"\d", digits):
        raise ValidationError("error.not_a_number", field, text=raw.strip())
    mark = decimal_mark or _proves(digits)
    if mark is None:
        if "," in digits or "." in digits:
            raise ValidationError("error.import_ambiguous_number", field, text=raw.strip())
        return sign * float(digits)
    thousands = "." if mark == "," else ","
    whole, _, frac = digits.partition(mark)
    if mark in frac or (whole == "" and not frac) or (mark in digits and not frac):
        raise ValidationError("error.not_a_number", field, text=raw.strip())
    if thousands in whole and not _grouped(whole, thousands):
        raise ValidationError("error.not_a_number", field, text=raw.strip())
    if thousands in frac:
        raise ValidationError("error.not_a_number", field, text=raw.strip())
    number = float((whole.replace(thousands, "") or "0") + ("." + frac if frac else ""))
    return sign * number


# Excel number formats --------------------------------------------------------------

_QUOTED = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]|_.|\*.')


def _section(fmt: str, value: float) -> str:
    sections = []
    depth, current = False, ""
    for ch in fmt:  # split on ';' outside quotes
        if ch == '"':
            depth = not depth
        if ch == ";" and not depth:
            sections.append(current)
            current = ""
        else:
            current += ch
    sections.append(current)
    if value < 0 and len(sections) > 1:
        return sections[1]
    if value == 0 and len(sections) > 2:
        return sections[2]
    return sections[0]


class ScaledFormatError(ValueError):
    """A number format that shows the value in thousands or millions ('#,##0,')."""


def shown_number(value: float, number_format: str | None) -> float:
    """The number an Excel cell shows: 0.812 with '0.0%' -> 81.2; 2.345 with '0.0' ->
    2.3 (Excel rounds half away from zero); General keeps the value (rounded to Excel's
    15 significant digits, dropping binary noise). Raises ScaledFormatError for a format
    that shows thousands ('#,##0,'): which number the person means is not known."""
    fmt = (number_format or "General").strip()
    if fmt.lower() in ("general", "", "@") or "e" in _QUOTED.sub("", fmt).lower():
        return float(f"{value:.15g}")
    body = _QUOTED.sub("", _section(fmt, value))
    scaled = value * 100 ** body.count("%")
    number_part = re.search(r"[0#?][0#?,. ]*", body)
    decimals = None
    if number_part:
        part = number_part.group(0)
        if part.endswith(","):
            # '#,##0,' shows 1234567 as 1.235: the sheet counts in thousands, the
            # indicator in its own unit. Storing either number could be wrong by 1,000.
            raise ScaledFormatError(fmt)
        decimals = sum(ch in "0#?" for ch in part.split(".", 1)[1]) if "." in part else 0
    if decimals is None:
        return float(f"{scaled:.15g}")
    # Excel rounds the shown digits half away from zero, on its 15 significant digits.
    exact = Decimal(f"{scaled:.15g}").quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)
    return float(exact)
