"""Danish numbers and months, read and written."""

from __future__ import annotations

from datetime import date

import pytest

from tracking.errors import ValidationError
from tracking.formatting import format_date, format_month, format_number, format_value
from tracking.i18n import CATALOGUES, translate
from tracking.parsing import parse_number


@pytest.mark.parametrize(("text", "expected"), [
    ("1.234,5", 1234.5), ("1234,5", 1234.5), ("1234.5", 1234.5), ("-12", -12),
    ("1.234", 1234), ("1.234.567,89", 1234567.89), ("0.125", 0.125), ("12,5 %", 12.5),
    ("45 kr.", 45), ("1 411 741 kr", 1411741), ("\u2212 3,5", -3.5), (" 7 ", 7),
    ("1,234,567", 1234567), ("1,234.5", 1234.5), (3, 3.0), (2.5, 2.5), ("+4", 4),
])
def test_parse_number(text, expected):
    assert parse_number(text) == pytest.approx(expected)


@pytest.mark.parametrize("text", ["", "abc", "12a", "1,2,3", "1.2.3", "--1", "kr.", "1e5",
                                  float("nan")])
def test_parse_number_refuses(text):
    with pytest.raises(ValidationError) as err:
        parse_number(text, "value")
    assert err.value.code == "error.not_a_number"
    assert err.value.field == "value"


def test_refusal_quotes_the_text_in_danish():
    with pytest.raises(ValidationError) as err:
        parse_number("tolv")
    assert err.value.message("da") == "»tolv« er ikke et tal. Skriv fx 1.234,5 eller 12."


def test_format_number_and_value():
    assert format_number(1234.5, 1) == "1.234,5"
    assert format_number(1234.5, 1, "en") == "1,234.5"
    assert format_number(-0.04, 1) == "0,0"
    assert format_value(1234.5, "kr", decimals=1) == "1.234,5 kr."
    assert format_value(80.5, "pct") == "80,5 %"
    assert format_value(3.5, "fte") == "3,5 årsværk"
    assert format_value(512, "count") == "512"
    assert format_value(None, "kr") == "–"


def test_format_month_and_date():
    assert format_month(date(2026, 3, 1)) == "mar. 2026"
    assert format_month(date(2026, 5, 1)) == "maj 2026"
    assert format_month(date(2026, 3, 1), "en") == "Mar 2026"
    assert format_date(date(2026, 11, 23)) == "23.11.2026"


def test_catalogues_have_the_same_keys():
    # The Excel export's sheet and column names are Danish by design (issue 9), in
    # either language; every other message exists in both.
    danish_only = {k for k in CATALOGUES["da"] if k.startswith("backup.")}
    assert set(CATALOGUES["da"]) - danish_only == set(CATALOGUES["en"]) - danish_only


def test_missing_key_is_visible_not_fatal():
    assert translate("no.such.key", "en") == "no.such.key"
    assert translate("ui.saved_new", "da", indicator="X") == CATALOGUES["da"]["ui.saved_new"]
