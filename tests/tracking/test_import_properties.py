"""Property tests of the readers (issue 15): a value written in any supported Danish or
English notation reads back as the same value or as a clear refusal, never as another."""

from __future__ import annotations

from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from tracking.errors import ValidationError
from tracking.importing.cells import parse_month
from tracking.importing.numbers import decide_decimal_mark, read_number, shown_number
from tracking.importing.reading import Column, Layout, _table

settings.register_profile("gevinst", max_examples=200, deadline=None)
settings.load_profile("gevinst")

# A style: (decimal mark, thousands mark or "" for none).
STYLES = [(",", "."), (",", ""), (",", " "), (",", "\u00a0"), (".", ","), (".", "")]
values = st.decimals(min_value=Decimal("-999999999.999"), max_value=Decimal("999999999.999"),
                     places=3, allow_nan=False, allow_infinity=False)


def written(value: Decimal, decimal: str, thousands: str, places: int, suffix: str) -> str:
    """`value` as a person or a program writes it in that style."""
    shown = abs(value).quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)
    text = f"{shown:,.{places}f}"  # '1,234,567.890'
    whole, _, frac = text.partition(".")
    whole = whole.replace(",", thousands)
    sign = "-" if value < 0 and shown != 0 else ""
    return sign + whole + (decimal + frac if frac else "") + suffix


def _exact(value: Decimal, places: int) -> float:
    return float(abs(value).quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)
                 .copy_sign(value))


@given(values, st.sampled_from(STYLES), st.integers(0, 3),
       st.sampled_from(["", " kr.", " %", "kr", " årsværk"]))
def test_one_number_alone_is_itself_or_refused(value: Decimal, style: tuple[str, str],
                                               places: int, suffix: str) -> None:
    text = written(value, *style, places, suffix)
    expected = _exact(value, places)
    try:
        got = read_number(text, decide_decimal_mark([text]))
    except ValidationError as refused:
        assert refused.code in ("error.import_ambiguous_number", "error.not_a_number")
        assert text.strip() in refused.message()
        return
    assert got == expected, text


@given(st.lists(values, min_size=1, max_size=12), st.sampled_from(STYLES),
       st.integers(0, 3))
def test_a_file_in_one_style_reads_every_value_as_itself_or_refuses(
        numbers: list[Decimal], style: tuple[str, str], places: int) -> None:
    texts = [written(v, *style, places, "") for v in numbers]
    mark = decide_decimal_mark(texts)
    assert mark in (None, style[0])  # the file's marks are never read the wrong way round
    for value, text in zip(numbers, texts, strict=True):
        try:
            assert read_number(text, mark) == _exact(value, places), text
        except ValidationError as refused:
            assert refused.code == "error.import_ambiguous_number", text


@given(st.lists(st.tuples(values, st.sampled_from(STYLES)), min_size=1, max_size=8),
       st.integers(0, 3))
def test_a_file_proving_both_marks_decides_nothing_and_misreads_nothing(
        mixed: list[tuple[Decimal, tuple[str, str]]], places: int) -> None:
    # A file that mixes styles but proves only one of them cannot be told from a file in
    # that one style; a file that proves both leaves every value to prove itself.
    texts = [written(v, *style, places, "") for v, style in mixed]
    proved = {decide_decimal_mark([t]) for t in texts} - {None}
    mark = decide_decimal_mark(texts)
    if len(proved) > 1:
        assert mark is None
    if mark is not None:
        return
    for (value, _), text in zip(mixed, texts, strict=True):
        try:
            got = read_number(text, mark)
        except ValidationError:
            continue
        assert got == _exact(value, places), text


@given(st.integers(1990, 2100), st.integers(1, 12), st.integers(1, 28),
       st.sampled_from(["{y}-{m:02d}", "{y}-{m}", "{m:02d}-{y}", "{m}/{y}", "{m:02d}.{y}",
                        "{name} {y}", "{Name} {y}", "{short} {y}", "{short}. {y}",
                        "{short}-{yy:02d}", "{y}-{m:02d}-{d:02d}", "{d:02d}-{m:02d}-{y}",
                        "{d}. {name} {y}", "{d} {short} {y}", " {name}\u00a0{y} "]))
def test_every_month_notation_reads_as_its_month(year: int, month: int, day: int,
                                                 pattern: str) -> None:
    names = ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august",
             "september", "oktober", "november", "december"]
    shorts = ["jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov",
              "dec"]
    if "{yy" in pattern and not 2000 <= year <= 2099:
        return
    text = pattern.format(y=year, m=month, d=day, yy=year % 100, name=names[month - 1],
                          Name=names[month - 1].capitalize(), short=shorts[month - 1])
    assert parse_month(text) == date(year, month, 1), text
    assert parse_month(datetime(year, month, day, 12)) == date(year, month, 1)


@given(st.text(max_size=12))
def test_a_month_reader_never_crashes(text: str) -> None:
    try:
        month = parse_month(text)
    except ValidationError as refused:
        assert refused.code == "error.import_bad_month"
        return
    assert month.day == 1


@given(st.floats(-1e6, 1e6, allow_nan=False), st.integers(0, 4))
def test_a_percent_cell_shows_its_value_times_100(value: float, places: int) -> None:
    fmt = "0" + ("." + "0" * places if places else "") + "%"
    expected = Decimal(f"{value * 100:.15g}").quantize(Decimal(1).scaleb(-places),
                                                        ROUND_HALF_UP)
    assert shown_number(value, fmt) == float(expected)


def _case(text: str, flips: list[bool]) -> str:
    return "".join(c.upper() if f else c for c, f in zip(text, flips + [False] * len(text),
                                                         strict=False))


@given(st.sampled_from(["Indikator", "indikator-id", "Indicator", "Navn"]),
       st.sampled_from(["Måned", "Periode", "Month"]),
       st.sampled_from(["Værdi", "Realiseret", "Value", "Tal"]),
       st.lists(st.booleans(), max_size=12), st.sampled_from(["", " ", "\u00a0", "  "]),
       st.integers(0, 5))
def test_headers_are_found_whatever_their_case_spaces_and_title_lines(
        ind: str, month: str, value: str, flips: list[bool], pad: str, titles: int) -> None:
    header = [pad + _case(ind, flips) + pad, _case(month, flips), _case(value, flips) + pad]
    grid = [(n, [f"Rapport {n}"]) for n in range(1, titles + 1)]
    grid += [(titles + 1, header), (titles + 2, ["x", "2026-10", "1"])]
    table = _table(grid, "csv")
    assert table is not None and table.layout is Layout.ROWS
    assert table.rows[0].number == titles + 2
    assert table.rows[0].cells[Column.VALUE] == "1"


@given(st.lists(st.tuples(st.integers(2020, 2030), st.integers(1, 12)), min_size=2,
                max_size=14, unique=True),
       st.sampled_from(["{short} {y}", "{y}-{m:02d}", "date", "{name} {y}", "{m:02d}-{y}"]))
def test_a_months_as_columns_header_is_read_as_months(months: list[tuple[int, int]],
                                                      pattern: str) -> None:
    names = ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august",
             "september", "oktober", "november", "december"]
    heads: list[object] = [
        datetime(y, m, 1) if pattern == "date" else pattern.format(
            y=y, m=m, short=names[m - 1][:3], name=names[m - 1]) for y, m in months]
    grid = [(1, ["Indikator", "Enhed", *heads, "I alt", "Gns."]),
            (2, ["A", "kr.", *[str(i) for i in range(len(months))], "99", "9"])]
    table = _table(grid, "csv")
    assert table is not None and table.layout is Layout.WIDE
    assert [r.cells[Column.MONTH] for r in table.rows] == [date(y, m, 1) for y, m in months]
    assert [r.cells[Column.VALUE] for r in table.rows] == [str(i) for i in range(len(months))]
