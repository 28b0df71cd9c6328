"""Reading numbers as Danish users type them."""

from __future__ import annotations

import re

from tracking.errors import ValidationError

# C0 and C1 control characters except tab, line feed and carriage return: a NUL in a
# comment breaks the Excel export (openpyxl refuses it) and means nothing to a reader.
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Half of a UTF-16 pair on its own (pasted from a broken file or sent by a script): no
# character at all, and no database driver can store it.
LONE_SURROGATES = re.compile(r"[\ud800-\udfff]")
# No amount, figure, share or count the program keeps comes near this; a larger number
# is a typing or file error (and beyond it floats lose whole units).
MAX_MAGNITUDE = 1e15


def refuse_control_chars(text: str | None, field: str) -> str:
    """`text` unchanged, or ValidationError('error.control_chars') if it has control
    characters (typed or pasted into any form or file)."""
    if isinstance(text, str) and (CONTROL_CHARS.search(text) or LONE_SURROGATES.search(text)):
        raise ValidationError("error.control_chars", field)
    return text or ""


def finite_number(value: float, field: str, limit: float = MAX_MAGNITUDE) -> float:
    """`value`, or a refusal: NaN and infinities are no number, and a magnitude beyond
    `limit` is no figure anybody can have."""
    if value != value:
        raise ValidationError("error.not_a_number", field, text=str(value))
    if abs(value) > limit:  # infinities too
        raise ValidationError("error.number_too_large", field, max=int(limit))
    return value

_SUFFIXES = re.compile(r"(kr\.?|dkk|%|årsværk|fte|timer|dage|t\.|stk\.?)$", re.IGNORECASE)
_THOUSANDS_DOT = re.compile(r"^[1-9]\d{0,2}(\.\d{3})+$")
_THOUSANDS_COMMA = re.compile(r"^[1-9]\d{0,2}(,\d{3}){2,}$")


def parse_number(text: str | float | int, field: str = "value") -> float:
    """Parse '1.234,5', '1234,5', '1234.5', '-12', '12 kr.', '45 %' into a float.

    Rules, for Danish input: with both '.' and ',' the last one is the decimal mark;
    a lone ',' is the decimal mark; dots between groups of three digits ('1.234',
    '1.234.567') are thousands separators, any other lone '.' is a decimal point.
    Raises ValidationError('error.not_a_number') naming the text otherwise.
    """
    if isinstance(text, bool):
        raise ValidationError("error.not_a_number", field, text=str(text))
    if isinstance(text, int | float):
        try:
            return finite_number(float(text), field)
        except OverflowError:  # an int too large for a float
            raise ValidationError("error.number_too_large", field,
                                  max=int(MAX_MAGNITUDE)) from None
    raw = refuse_control_chars(str(text), field)
    s = raw.strip().replace("\u00a0", "").replace(" ", "").replace("\u2212", "-")
    s = _SUFFIXES.sub("", s).strip()
    sign = 1.0
    if s.startswith(("-", "+")):
        sign = -1.0 if s[0] == "-" else 1.0
        s = s[1:]
    if not s or not re.fullmatch(r"[\d.,]+", s) or not re.search(r"\d", s):
        raise ValidationError("error.not_a_number", field, text=raw)
    if "," in s and "." in s:
        decimal = "," if s.rfind(",") > s.rfind(".") else "."
        thousands = "." if decimal == "," else ","
        s = s.replace(thousands, "").replace(decimal, ".")
    elif "," in s:
        if _THOUSANDS_COMMA.match(s):
            s = s.replace(",", "")
        elif s.count(",") == 1:
            s = s.replace(",", ".")
        else:
            raise ValidationError("error.not_a_number", field, text=raw)
    elif "." in s:
        if _THOUSANDS_DOT.match(s):
            s = s.replace(".", "")
        elif s.count(".") > 1:
            raise ValidationError("error.not_a_number", field, text=raw)
    try:
        value = sign * float(s)
    except ValueError:
        raise ValidationError("error.not_a_number", field, text=raw) from None
    return finite_number(value, field)


def parse_steps(text: str) -> list[float]:
    """Yearly steps as typed: '25 / 75 / 100' (or '25;75;100 %') -> [25, 75, 100]."""
    parts = [p for p in re.split(r"[/;\s]+", text.replace("%", "")) if p]
    try:
        return [parse_number(p, "step_percentages") for p in parts]
    except ValidationError:
        raise ValidationError("error.steps_unreadable", "step_percentages", text=text) from None
