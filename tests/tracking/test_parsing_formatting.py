"""Danish numbers and months, read and written."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from tracking.errors import ValidationError
from tracking.formatting import (
    format_date,
    format_datetime,
    format_month,
    format_number,
    format_percent,
    format_value,
    round_half_up,
)
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


@pytest.mark.parametrize(("value", "decimals", "expected"), [
    (12.5, 0, "13"), (13.5, 0, "14"), (-2.5, 0, "-3"), (0.125 * 100, 0, "13"),
    (4.55, 1, "4,6"), (2.675, 2, "2,68"), (1234.5, 0, "1.235"), (-0.4, 0, "0"),
])
def test_shown_numbers_round_half_away_from_zero(value: float, decimals: int,
                                                 expected: str) -> None:
    # Python's own formatting would give 12, 14, -2, 12, 4,5 and 2,67 here
    assert format_number(value, decimals) == expected
    assert float(expected.replace(".", "").replace(",", ".")) == round_half_up(value, decimals)


def test_percent_rounds_like_the_business_case() -> None:
    assert format_percent(0.125) == "13 %"
    assert format_percent(0.0125, decimals=1) == "1,3 %"


def test_one_date_and_one_timestamp_format_in_danish_time() -> None:
    assert format_date(date(2026, 3, 5)) == "05.03.2026"
    # 23:30 UTC in winter is 00:30 the next day in Copenhagen; 22:30 UTC in summer too
    assert format_datetime(datetime(2026, 11, 23, 23, 30, tzinfo=UTC)) == \
        "24.11.2026 kl. 00:30"
    assert format_datetime(datetime(2026, 6, 30, 22, 30, tzinfo=UTC)) == \
        "01.07.2026 kl. 00:30"
    assert format_datetime(datetime(2026, 6, 30, 22, 30)) == "01.07.2026 kl. 00:30"  # naive=UTC
    assert format_date(datetime(2026, 6, 30, 22, 30, tzinfo=UTC)) == "01.07.2026"
    assert format_datetime(None) == "–"


def test_a_name_that_ends_with_its_unit_gets_the_unit_once() -> None:
    from tracking.formatting import name_with_unit

    assert name_with_unit("Sagsbehandlingstid (dage)", "days") == "Sagsbehandlingstid (dage)"
    assert name_with_unit("Sagsbehandlingstid", "days", extra=" · gns.") == \
        "Sagsbehandlingstid (dage · gns.)"
