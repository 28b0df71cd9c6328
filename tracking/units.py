"""The units an indicator can be measured in."""

from __future__ import annotations

from enum import StrEnum


class Unit(StrEnum):
    KR = "kr"
    TKR = "tkr"  # 1.000 kr. (t.kr.)
    MIO = "mio"  # mio. kr.
    FTE = "fte"  # årsværk
    HOURS = "hours"
    DAYS = "days"
    PCT = "pct"
    COUNT = "count"


# Money can go below zero (a saving booked as a minus); time, shares and counts cannot.
NON_NEGATIVE_UNITS = frozenset({Unit.FTE, Unit.HOURS, Unit.DAYS, Unit.PCT, Unit.COUNT})

DEFAULT_DECIMALS = {
    Unit.KR: 0,
    Unit.TKR: 0,
    Unit.MIO: 2,
    Unit.FTE: 1,
    Unit.HOURS: 1,
    Unit.DAYS: 1,
    Unit.PCT: 1,
    Unit.COUNT: 0,
}


def can_be_negative(unit: str) -> bool:
    return Unit(unit) not in NON_NEGATIVE_UNITS


# Money units and what one of them is in kr.; FTE is money at the plan's cost per FTE.
KR_PER_UNIT = {Unit.KR: 1.0, Unit.TKR: 1_000.0, Unit.MIO: 1_000_000.0}
MONEY_UNITS = frozenset({Unit.KR, Unit.TKR, Unit.MIO, Unit.FTE})


# The largest figure an indicator in each unit can hold, in that unit: far beyond any
# municipality (all of Denmark's public spending is some 1.300 mia. kr. a year), so a
# larger one is a typing or file error, refused with a message.
MAX_FIGURE = {
    Unit.KR: 1e13,
    Unit.TKR: 1e10,
    Unit.MIO: 1e7,
    Unit.FTE: 1e7,
    Unit.HOURS: 1e11,
    Unit.DAYS: 1e9,
    Unit.PCT: 1e6,
    Unit.COUNT: 1e12,
}
