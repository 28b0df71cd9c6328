"""The rules of the board meeting, as pure functions: the agenda, its time budget, the clock.

The agenda follows the method: new goal figures first (and, when an indicator is
behind, a discussion of the causes of the shortfall before anything else), then the
follow-up on the action plan, then ideas, their assessment, and last the choice of
actions. The meeting lasts any whole number of minutes from 15 to 30, shared between the
steps by fixed weights, so a 15-minute meeting gives 2 + 4 + 3 + 3 + 3 minutes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from tracking.errors import ValidationError

SHORTEST, LONGEST = 15, 30  # minutes; a standing meeting is short on purpose
LENGTHS = (15, 20, 25, 30)  # the lengths offered first; any minute in between is fine


class Step(StrEnum):
    FIGURES = "figures"  # 1) the new goal figures since the last meeting
    FOLLOW_UP = "follow_up"  # 2) follow-up on the action plan, overdue first
    IDEAS = "ideas"  # 3) new ideas
    ASSESSMENT = "assessment"  # 4) score them
    CHOOSE = "choose"  # 5) choose actions


AGENDA = tuple(Step)
# The board field each step works in (the board highlights it).
STEP_FIELD = {Step.FIGURES: "goal", Step.FOLLOW_UP: "actions", Step.IDEAS: "ideas",
              Step.ASSESSMENT: "assessment", Step.CHOOSE: "assessment"}
_WEIGHTS = (2, 4, 3, 3, 3)  # out of 15


def validate_length(minutes: int) -> int:
    if isinstance(minutes, bool) or not isinstance(minutes, int) \
            or not SHORTEST <= minutes <= LONGEST:
        raise ValidationError("error.meeting_length", "length_minutes", value=minutes)
    return minutes


def causes_to_discuss(behind: list[str], step: Step) -> list[str]:
    """The indicators whose shortfall the team discusses at the figures step: the causes
    first, then what to do about them (the ideas come later)."""
    return list(behind) if step is Step.FIGURES else []


def validate_step(step: int) -> int:
    if not isinstance(step, int) or not 0 <= step < len(AGENDA):
        raise ValidationError("error.meeting_step", "step", value=step)
    return step


def step_budgets(length_minutes: int) -> list[timedelta]:
    """The time each agenda step may take; together they make the meeting's length."""
    unit = timedelta(minutes=length_minutes) / sum(_WEIGHTS)
    return [unit * w for w in _WEIGHTS]


@dataclass(frozen=True)
class Visit:
    """One stay at an agenda step (`ended_at` None while the meeting is there)."""

    step: int
    started_at: datetime
    ended_at: datetime | None


@dataclass(frozen=True)
class ClockState:
    step: int
    elapsed: timedelta  # since the meeting started
    length: timedelta
    step_elapsed: timedelta  # all visits to the current step
    step_budget: timedelta
    per_step: list[timedelta]

    @property
    def over(self) -> bool:
        return self.elapsed > self.length

    @property
    def step_over(self) -> bool:
        return self.step_elapsed > self.step_budget

    @property
    def remaining(self) -> timedelta:
        return self.length - self.elapsed


def _spent(visit: Visit, until: datetime) -> timedelta:
    return max((visit.ended_at or until) - visit.started_at, timedelta(0))


def time_per_step(visits: list[Visit], until: datetime) -> list[timedelta]:
    spent = [timedelta(0)] * len(AGENDA)
    for v in visits:
        spent[v.step] += _spent(v, until)
    return spent


def meeting_clock(started_at: datetime, length_minutes: int, visits: list[Visit],
                  until: datetime) -> ClockState:
    """Where the meeting stands at `until`: the current step (the open visit, or the
    last one) and the time spent overall and per step."""
    current = next((v.step for v in reversed(visits) if v.ended_at is None),
                   visits[-1].step if visits else 0)
    per_step = time_per_step(visits, until)
    return ClockState(step=current, elapsed=max(until - started_at, timedelta(0)),
                      length=timedelta(minutes=length_minutes),
                      step_elapsed=per_step[current],
                      step_budget=step_budgets(length_minutes)[current], per_step=per_step)


def format_clock(delta: timedelta) -> str:
    """'7:05' (minutes:seconds); a negative time is shown with a minus: '-1:30'."""
    seconds = int(delta.total_seconds())
    sign = "-" if seconds < 0 else ""
    seconds = abs(seconds)
    return f"{sign}{seconds // 60}:{seconds % 60:02d}"
