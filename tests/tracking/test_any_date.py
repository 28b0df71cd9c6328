"""Everything that depends on the date, run at several pinned dates and at the real one.

The whole suite pins 23 Nov 2026 (tests/conftest.py); these tests move the one clock
(`tracking.clock`) to a first and a last day of a month, the days around the reporting
deadline, 31 December, two years ahead and today's real date, and check that audit
trail, sessions, overdue actions, missing and awaiting figures, the meeting timer and the
last closed month all agree with that clock and with the demo laid out for that day.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from tests.support.accounts import ADMIN_EMAIL, ADMIN_PASSWORD, ensure_admin
from tracking import clock
from tracking.auth import Actor
from tracking.auth.signin import resume, sign_in
from tracking.errors import GevinstError
from tracking.meeting_rules import meeting_clock
from tracking.models import ActionStatus
from tracking.months import add_months, month_of
from tracking.readmodel.goal import latest_status
from tracking.readmodel.history import HistoryFilter, plan_history
from tracking.readmodel.meeting import overdue_actions
from tracking.readmodel.meetings import visits
from tracking.readmodel.overview import plan_overview
from tracking.readmodel.plans import list_indicators, list_plans
from tracking.rules import Status, last_closed_month
from tracking.services.measurements import FigureInput, record_actuals
from tracking.services.meetings import start_meeting

SYSTEM = Actor.system("test")
DEADLINE_DAY = 10  # the demo plans keep the default


def _real_today() -> date:
    return datetime.now(clock.ZONE).date()


DATES = [
    date(2026, 12, 1),   # first day of a month: the month just closed is awaited
    date(2026, 12, 9),
    date(2026, 12, 10),  # the deadline day itself: still awaited
    date(2026, 12, 11),  # the day after: a month without a figure is missing
    date(2026, 11, 30),  # last day of a month
    date(2026, 12, 31),
    date(2027, 1, 1),
    date(2028, 11, 23),  # two years ahead
    _real_today(),
]


@pytest.fixture(params=DATES, ids=lambda d: d.isoformat())
def day(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> date:
    """Pin the one clock to noon of this day (restored after the test)."""
    monkeypatch.setenv(clock.PIN_VAR, request.param.isoformat())
    monkeypatch.setenv(clock.SINCE_VAR, repr(time.time()))
    assert clock.today() == request.param
    return request.param


@pytest.fixture
def demo(day: date, duck_engine: Engine) -> Engine:
    from tracking.demo import load_demo

    load_demo(duck_engine)
    return duck_engine


def _awaited(on: date) -> bool:
    return on.day <= DEADLINE_DAY


def _demo_board_is_alive_with_one_missing_month(day: date, demo: Engine) -> None:
    closed = last_closed_month(day)
    statuses = {}
    for plan in list_plans(demo):
        for ind_id, s in latest_status(demo, plan.id, day).items():
            statuses[ind_id] = s
    names = {i.id: i.name for p in list_plans(demo) for i in list_indicators(demo, p.id)}
    missing = sorted(names[i] for i, s in statuses.items() if s.status is Status.MISSING)
    assert missing == ["Sagsbehandlingstid (dage)"]  # the demo's one gap, never a wall
    for s in statuses.values():
        if _awaited(day):
            # Before the deadline the month just closed is awaited, and the status shown
            # is that of the month before it.
            assert s.awaiting_month == closed and s.month == add_months(closed, -1)
            assert s.awaiting_due == date(day.year, day.month, DEADLINE_DAY)
        else:
            assert s.awaiting_month is None and s.month == closed
    assert all(s.status is not Status.NOT_STARTED for s in statuses.values())


def _overview_agrees_with_the_goal_page(day: date, demo: Engine) -> None:
    ov = plan_overview(demo, day)
    for _, row in ov.indicators.iterrows():
        latest = latest_status(demo, int(row["plan_id"]), day)[int(row["indicator_id"])]
        assert row["status"] == latest.status.value
        assert bool(row["awaiting"]) == (latest.awaiting_month is not None)
    assert int(ov.plans["awaiting"].sum()) == (5 if _awaited(day) else 0)
    # The demo's arrears are a balance without budget effect: never in the budget sums,
    # and their benefit is the fall from the baseline, 1.411.741 - 957.074 kr.
    assert ov.plans["other_realised_to_date"].sum() == pytest.approx(1_411_741 - 957_074)


def _entering_the_awaited_figure_ends_the_wait(day: date, demo: Engine) -> None:
    closed = last_closed_month(day)
    plan = next(p for p in list_plans(demo) if p.name.startswith("Faktura"))
    ind = next(i for i in list_indicators(demo, plan.id) if i.name == "Restancer")
    with pytest.raises(GevinstError):  # next month has not begun
        record_actuals(demo, [FigureInput(ind.id, add_months(month_of(day), 1), 1.0)],
                       actor=SYSTEM)
    record_actuals(demo, [FigureInput(ind.id, closed, 950_000.0)], actor=SYSTEM)
    latest = latest_status(demo, plan.id, day)[ind.id]
    assert latest.month == closed and latest.actual == 950_000.0
    assert latest.awaiting_month is None


def _history_default_period_holds_what_was_just_written(day: date, demo: Engine) -> None:
    plan = list_plans(demo)[0]
    everything = plan_history(demo, plan.id)
    # The Historik page's default period: the 90 days up to today.
    shown = plan_history(demo, plan.id, HistoryFilter(since=day - timedelta(days=90),
                                                      until=day))
    assert len(everything) > 0 and len(shown) == len(everything)
    stamps = [t.astimezone(clock.ZONE).date() for t in everything["happened_at"]]
    assert set(stamps) == {day}


def test_a_day_on_the_demo_board(day: date, demo: Engine) -> None:
    """One demo per date (loading it is the slow part), every date-bound rule on it."""
    _demo_board_is_alive_with_one_missing_month(day, demo)
    _overview_agrees_with_the_goal_page(day, demo)
    _history_default_period_holds_what_was_just_written(day, demo)
    _overdue_actions_follow_today(day, demo)
    _meeting_timer_starts_at_zero(day, demo)
    _entering_the_awaited_figure_ends_the_wait(day, demo)


def test_sessions_age_on_the_pinned_clock(day: date, duck_engine: Engine) -> None:
    ensure_admin(duck_engine)
    _, token = sign_in(duck_engine, ADMIN_EMAIL, ADMIN_PASSWORD)
    assert resume(duck_engine, token).name  # valid now, on the pinned clock
    later = clock.now() + timedelta(hours=8, minutes=1)
    with pytest.raises(GevinstError):  # 8 hours idle ends it
        resume(duck_engine, token, at=later)


def _overdue_actions_follow_today(day: date, demo: Engine) -> None:
    from tracking.demo import DEMO_FILE, relative_to

    doc = relative_to(json.loads(DEMO_FILE.read_text(encoding="utf-8")), day)
    for plan_doc, plan in zip(doc["plans"], sorted(list_plans(demo), key=lambda p: p.id),
                              strict=True):
        expected = sorted(
            a.get("title") or a["idea"] for a in plan_doc.get("board", {}).get("actions", [])
            if a.get("status", "decided") in (ActionStatus.DECIDED, ActionStatus.STARTED)
            and date.fromisoformat(a["deadline"]) < day)
        with Session(demo) as session:
            found = overdue_actions(session, plan.id, day)
        assert len(found) == len(expected)
    assert expected or plan_doc["name"].startswith("Faktura")


def _meeting_timer_starts_at_zero(day: date, demo: Engine) -> None:
    plan = list_plans(demo)[0]
    meeting = start_meeting(demo, plan.id, ["Mette Sørensen"], actor=SYSTEM)
    assert meeting.held_on == day
    state = meeting_clock(meeting.started_at, meeting.length_minutes,
                          visits(demo, meeting.id), clock.now())
    assert timedelta(0) <= state.elapsed < timedelta(minutes=1)


def test_pinned_clock_runs_on_and_is_shared_with_child_processes(day: date) -> None:
    first = clock.now()
    assert first.astimezone(clock.ZONE).date() == day
    time.sleep(0.05)
    assert clock.now() > first
    child = subprocess.run(
        [sys.executable, "-c", "from tracking import clock; print(clock.now().isoformat())"],
        capture_output=True, text=True, check=True)
    theirs = datetime.fromisoformat(child.stdout.strip())
    assert abs(theirs - clock.now()) < timedelta(seconds=30)


def test_a_pinned_instant_is_kept() -> None:
    assert clock.pinned_start("2026-12-31T23:30") == datetime.fromisoformat(
        "2026-12-31T22:30:00+00:00")
    assert clock.pinned_start("2026-12-01").astimezone(clock.ZONE).hour == 12
