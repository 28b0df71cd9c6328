"""The rules deciding which reminder is due on a day (pure, no database)."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

from tracking.reminder_rules import (
    Kind,
    action_reminder,
    agenda_due,
    deadline_day_of,
    figure_reminder,
    letter_due,
    reporting_deadline,
)


def test_deadline_defaults_to_the_tenth_and_follows_the_plan() -> None:
    assert deadline_day_of(SimpleNamespace()) == 10
    assert deadline_day_of(SimpleNamespace(report_deadline_day=5)) == 5
    assert reporting_deadline(date(2026, 10, 1), 10) == date(2026, 11, 10)
    assert reporting_deadline(date(2027, 1, 1), 31) == date(2027, 2, 28)


def test_figure_due_three_days_before_the_deadline_then_missing_weekly() -> None:
    oct_ = date(2026, 10, 1)
    sep = date(2026, 9, 1)
    # Before the window the previous month's gap is still the one reminded of.
    assert figure_reminder(date(2026, 11, 1), 10) == (Kind.FIGURE_MISSING, sep, date(2026, 11, 1))
    assert figure_reminder(date(2026, 11, 6), 10) == (Kind.FIGURE_MISSING, sep, date(2026, 11, 1))
    assert figure_reminder(date(2026, 11, 7), 10) == (Kind.FIGURE_DUE, oct_, date(2026, 11, 10))
    assert figure_reminder(date(2026, 11, 10), 10) == (Kind.FIGURE_DUE, oct_, date(2026, 11, 10))
    assert figure_reminder(date(2026, 11, 11), 10) == (
        Kind.FIGURE_MISSING, oct_, date(2026, 11, 11))
    assert figure_reminder(date(2026, 11, 17), 10)[2] == date(2026, 11, 11)
    assert figure_reminder(date(2026, 11, 18), 10)[2] == date(2026, 11, 18)


def test_action_due_within_seven_days_then_overdue_weekly() -> None:
    deadline = date(2026, 11, 20)
    assert action_reminder(date(2026, 11, 12), deadline) is None
    assert action_reminder(date(2026, 11, 13), deadline) == (Kind.ACTION_DUE, deadline)
    assert action_reminder(date(2026, 11, 21), deadline) == (
        Kind.ACTION_OVERDUE, date(2026, 11, 21))
    assert action_reminder(date(2026, 11, 27), deadline)[1] == date(2026, 11, 21)
    assert action_reminder(date(2026, 11, 28), deadline)[1] == date(2026, 11, 28)


def test_agenda_the_day_before_the_meeting() -> None:
    # 2026-11-24 is a Tuesday (weekday 1).
    assert agenda_due(date(2026, 11, 23), 1) == date(2026, 11, 24)
    assert agenda_due(date(2026, 11, 24), 1) is None
    # Every other week counted from the first meeting.
    assert agenda_due(date(2026, 11, 23), 1, 2, anchor=date(2026, 11, 17)) is None
    assert agenda_due(date(2026, 11, 30), 1, 2, anchor=date(2026, 11, 17)) == date(2026, 12, 1)


def test_directors_letter_after_the_latest_deadline() -> None:
    assert letter_due(date(2026, 11, 10), [10]) is None
    assert letter_due(date(2026, 11, 11), [10]) == date(2026, 10, 1)
    assert letter_due(date(2026, 11, 11), [10, 15]) is None
    assert letter_due(date(2026, 11, 3), [10]) is None
