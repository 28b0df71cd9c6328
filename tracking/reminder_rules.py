"""When a reminder is due: pure rules on dates, tested without a database.

Every reminder has an *occasion*, the day it is for. A reminder is sent at most once per
(recipient, kind, subject, occasion), so a rule that should repeat weekly gives each week
its own occasion, and a run that was missed (the server was down on the day) still sends
it on a later day of the same window, once.

- the month's figure: due in 3 days (from 3 days before the plan's reporting deadline
  to the deadline), missing after it (the day after, then weekly until the next
  month's deadline);
- an action: due within 7 days (once per deadline), overdue (the day after, then weekly);
- the agenda: the day before a scheduled board meeting;
- the directors' letter: once a month, after the reporting deadline.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from tracking.months import add_months, month_of
from tracking.rules import DEFAULT_REPORT_DEADLINE_DAY, figure_due

DEFAULT_DEADLINE_DAY = DEFAULT_REPORT_DEADLINE_DAY
FIGURE_NOTICE_DAYS = 3
ACTION_NOTICE_DAYS = 7
REPEAT_DAYS = 7


class Kind(StrEnum):
    FIGURE_DUE = "figure_due"
    FIGURE_MISSING = "figure_missing"
    ACTION_DUE = "action_due"
    ACTION_OVERDUE = "action_overdue"
    MEETING_AGENDA = "meeting_agenda"
    DIRECTOR_LETTER = "director_letter"


@dataclass(frozen=True)
class ReminderChoice:
    """Which reminders a person gets (all, by default)."""

    all_off: bool
    kinds_off: frozenset[Kind]

    def wants(self, kind: Kind) -> bool:
        return not self.all_off and kind not in self.kinds_off


def deadline_day_of(plan: object) -> int:
    """The plan's reporting deadline, as a day of the following month (default the 10th).

    Read through getattr: the column arrives with the reporting cycle; until then every
    plan has the default.
    """
    day = getattr(plan, "report_deadline_day", None)
    return int(day) if day else DEFAULT_DEADLINE_DAY


# The day by which `month`'s figure is due: the same rule as the goal field's.
reporting_deadline = figure_due


def _weekly(first: date, on: date) -> date:
    """The occasion of a weekly repeat that started on `first`: its latest week start."""
    return first + timedelta(days=REPEAT_DAYS * ((on - first).days // REPEAT_DAYS))


def figure_reminder(on: date, deadline_day: int) -> tuple[Kind, date, date] | None:
    """(kind, month of the figure, occasion) of the figure reminder due on `on`, if any.

    Only the latest month whose deadline is near or past is reminded of: older gaps are
    shown on Mine opgaver and the board, not mailed every week forever.
    """
    month = add_months(month_of(on), -1)
    deadline = reporting_deadline(month, deadline_day)
    if on > deadline:
        return Kind.FIGURE_MISSING, month, _weekly(deadline + timedelta(days=1), on)
    if on >= deadline - timedelta(days=FIGURE_NOTICE_DAYS):
        return Kind.FIGURE_DUE, month, deadline
    # Before this month's window: the previous month's figure may still be missing.
    month = add_months(month, -1)
    deadline = reporting_deadline(month, deadline_day)
    return Kind.FIGURE_MISSING, month, _weekly(deadline + timedelta(days=1), on)


def action_reminder(on: date, deadline: date) -> tuple[Kind, date] | None:
    """(kind, occasion) of the reminder of an open action with this deadline, if any."""
    if on > deadline:
        return Kind.ACTION_OVERDUE, _weekly(deadline + timedelta(days=1), on)
    if on >= deadline - timedelta(days=ACTION_NOTICE_DAYS):
        return Kind.ACTION_DUE, deadline
    return None


def next_meeting(on: date, weekday: int, every_weeks: int = 1,
                 anchor: date | None = None) -> date:
    """The first scheduled meeting day on or after `on`. With every other week, the
    weeks counted from `anchor` (the schedule's first meeting)."""
    day = on + timedelta(days=(weekday - on.weekday()) % 7)
    if every_weeks > 1 and anchor is not None:
        while ((day - anchor).days // 7) % every_weeks:
            day += timedelta(days=7)
    return day


def agenda_due(on: date, weekday: int, every_weeks: int = 1,
               anchor: date | None = None) -> date | None:
    """The meeting whose agenda goes out on `on` (the day before it), if any."""
    tomorrow = on + timedelta(days=1)
    return tomorrow if next_meeting(tomorrow, weekday, every_weeks, anchor) == tomorrow \
        else None


def letter_due(on: date, deadline_days: list[int]) -> date | None:
    """The month (its first day) whose directors' letter is due on `on`, if any: after
    the latest reporting deadline of the plans, so every plan's figures are in."""
    month = add_months(month_of(on), -1)
    latest = max(deadline_days or [DEFAULT_DEADLINE_DAY])
    if on > reporting_deadline(month, latest):
        return month
    return None
