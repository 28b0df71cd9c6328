"""Calendar feeds on both engines: a person's and a plan's, parsed back by `icalendar`
and checked line by line against RFC 5545's framing by a small reader of our own (a
second, independent parser); secret addresses made, found and revoked."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest
from icalendar import Calendar
from sqlalchemy import Engine

from tests.conftest import TODAY
from tests.support.accounts import TEST_ACTOR, ensure_account
from tracking.auth import Actor, PermissionDenied
from tracking.calendar_feed import TZ, person_feed, plan_feed
from tracking.readmodel.calendar_feeds import feed_of, my_feeds
from tracking.readmodel.users import find_user
from tracking.services.actions import ActionInput, create_action
from tracking.services.calendar_feeds import create_feed, revoke_feed
from tracking.services.reminders import set_meeting_schedule
from tracking.services.users import deactivate_user


def _unfolded(raw: bytes) -> list[str]:
    """RFC 5545 §3.1: lines end in CRLF, are at most 75 octets, and a line starting with
    a space or tab continues the one before."""
    assert raw.endswith(b"\r\n")
    lines = raw.split(b"\r\n")[:-1]
    assert all(len(line) <= 75 for line in lines), max(lines, key=len)
    out: list[str] = []
    for line in lines:
        if line[:1] in (b" ", b"\t"):
            out[-1] += line[1:].decode("utf-8")
        else:
            out.append(line.decode("utf-8"))
    return out


def _components(lines: list[str]) -> list[dict[str, list[str]]]:
    """Each VEVENT as {property name: [values]}; BEGIN/END must nest."""
    stack, events = [], []
    for line in lines:
        name, _, value = line.partition(":")
        prop = name.split(";")[0].upper()
        if prop == "BEGIN":
            stack.append(value)
            if value == "VEVENT":
                events.append({})
        elif prop == "END":
            assert stack.pop() == value
        elif stack and stack[-1] == "VEVENT":
            events[-1].setdefault(prop, []).append(value)
    assert stack == []
    return events


def test_a_persons_feed(demo_engine: Engine) -> None:
    mette = find_user(demo_engine, "mette.sorensen@fjordby.example")
    assert mette is not None
    create_action(demo_engine, 1, ActionInput("Plakat i venteværelset", "Mette Sørensen",
                                              date(2026, 12, 4)), actor=TEST_ACTOR, on=TODAY)
    raw = person_feed(demo_engine, mette.id, "Mette Sørensen", TODAY)
    cal = Calendar.from_ical(raw)
    assert str(cal["X-WR-CALNAME"]) == "Gevinsttavlen: Mette Sørensen"
    events = {str(e["UID"]): e for e in cal.walk("VEVENT")}
    poster = next(e for e in events.values() if "Plakat" in str(e["SUMMARY"]))
    assert str(poster["SUMMARY"]) == "Frist: Plakat i venteværelset"
    assert poster.decoded("DTSTART") == date(2026, 12, 4)
    # Her indicators' months without a figure: each a deadline on the plan's day.
    figures = [e for e in events.values() if str(e["UID"]).startswith("figures-")]
    assert figures and all(str(e["SUMMARY"]).startswith("Indberet tal for") for e in figures)
    november = next(e for e in figures if "nov. 2026" in str(e["SUMMARY"]))
    assert november.decoded("DTSTART") == date(2026, 12, 10)  # the 10th of the next month
    # The second reader agrees on every event.
    parsed = _components(_unfolded(raw))
    assert sorted(p["UID"][0] for p in parsed) == sorted(events)
    assert all({"UID", "DTSTAMP", "DTSTART", "SUMMARY"} <= set(p) for p in parsed)


def test_a_plans_feed_has_its_board_meeting(demo_engine: Engine) -> None:
    set_meeting_schedule(demo_engine, 1, 1, "09:30", 20, 2, actor=TEST_ACTOR)
    raw = plan_feed(demo_engine, 1, TODAY)
    cal = Calendar.from_ical(raw)
    meeting = next(e for e in cal.walk("VEVENT") if str(e["UID"]) == "meeting-1@gevinsttavlen")
    assert str(meeting["SUMMARY"]) == "Tavlemøde: KSD – sygedagpenge"
    start = meeting.decoded("DTSTART")
    assert start.weekday() == 1 and start.date() >= TODAY  # a coming Tuesday
    assert start == datetime.combine(start.date(), time(9, 30), TZ)
    assert (meeting.decoded("DTEND") - start).total_seconds() == 20 * 60
    assert meeting["RRULE"]["FREQ"] == ["WEEKLY"] and meeting["RRULE"]["INTERVAL"] == [2]
    assert cal.walk("VTIMEZONE")  # the time zone is in the feed
    actions = [e for e in cal.walk("VEVENT") if str(e["UID"]).startswith("action-")]
    assert actions  # the demo plan's open actions
    parsed = _components(_unfolded(raw))
    assert any(p.get("RRULE") == ["FREQ=WEEKLY;INTERVAL=2"] for p in parsed)


def test_secret_addresses_are_made_found_and_revoked(demo_engine: Engine) -> None:
    kim = ensure_account(demo_engine, "kim@test.example", "Kim")
    me = Actor(name="Kim", user_id=kim.id, email="kim@test.example")
    mine, secret = create_feed(demo_engine, me)
    plans, plan_secret = create_feed(demo_engine, me, plan_id=2)
    assert feed_of(demo_engine, secret) == (mine, "Kim")
    assert feed_of(demo_engine, plan_secret)[0].plan_id == 2
    assert feed_of(demo_engine, "made-up") is None
    assert [f.id for f in my_feeds(demo_engine, kim.id)] == [mine.id, plans.id]
    other = ensure_account(demo_engine, "o@test.example", "O")
    with pytest.raises(PermissionDenied):
        revoke_feed(demo_engine, mine.id, Actor(name="O", user_id=other.id))
    revoke_feed(demo_engine, mine.id, me)
    assert feed_of(demo_engine, secret) is None
    deactivate_user(demo_engine, kim.id, actor=TEST_ACTOR)
    assert feed_of(demo_engine, plan_secret) is None  # its maker is gone
