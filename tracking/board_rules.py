"""The rules of the board (Ideer, Vurdering, Handleplan), as pure functions.

Documented defaults, because the team will ask:
- Scores run 1..5 for effect and for resources.
- **Field rule** (settable per plan): effect is *high* from 3 and up; resources are
  *many* from 3 and up. So green = effect 3-5 and resources 1-2, yellow = effect 3-5 and
  resources 3-5, orange = effect 1-2 and resources 1-2, red = effect 1-2 and resources
  3-5. A middling idea (3, 3) is therefore yellow: worth doing, but it costs.
- **Capacity**: each open action (Besluttet or Igangsat, not archived) commits its
  resource score; the plan's capacity (default 10) is a soft limit: exceeding it needs
  the team's confirmation.
- **Status**: Besluttet -> Igangsat -> Afsluttet -> Evalueret, one step at a time, forward
  or back. Evalueret needs an evaluation note.
- **Attention** on a date `on`: an open action (Besluttet or Igangsat) is *overdue* when
  its deadline is before `on`, and *due soon* when the deadline is `on` or within the
  next 7 days.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import Any

from tracking.errors import ENUM_KEYS, ValidationError
from tracking.models.board import ActionStatus

SCORES = (1, 2, 3, 4, 5)
DEFAULT_EFFECT_HIGH_FROM = 3
DEFAULT_RESOURCES_MANY_FROM = 3
DEFAULT_CAPACITY = 10
DUE_SOON_DAYS = 7
MAX_IDEA = 500
CARD_CHARS = 160  # a card shows this much; the whole text is kept and can be opened

STATUS_ORDER = (ActionStatus.DECIDED, ActionStatus.STARTED, ActionStatus.FINISHED,
                ActionStatus.EVALUATED)
OPEN_STATUSES = (ActionStatus.DECIDED, ActionStatus.STARTED)


class BoardError(ValidationError):
    """A refusal whose message names statuses, days and times in the reader's language."""

    dates_are_days = True


ENUM_KEYS[ActionStatus] = "action.status"


class StaleError(BoardError):
    """The record changed since the user saw it; nothing was written.

    `current` is the record as it is now, so the screen can show what changed.
    """

    def __init__(self, code: str, field: str | None = None, current: Any = None,
                 **params: Any) -> None:
        super().__init__(code, field, **params)
        self.current = current


class BoardField(StrEnum):
    GREEN = "green"  # high effect, few resources: do these first
    YELLOW = "yellow"  # high effect, many resources
    ORANGE = "orange"  # low effect, few resources
    RED = "red"  # low effect, many resources: drop these


FIELD_ORDER = (BoardField.GREEN, BoardField.YELLOW, BoardField.ORANGE, BoardField.RED)


class Attention(StrEnum):
    OVERDUE = "overdue"
    DUE_SOON = "due_soon"
    NONE = "none"


@dataclass(frozen=True)
class FieldRule:
    """Which scores count as high effect and as many resources."""

    effect_high_from: int = DEFAULT_EFFECT_HIGH_FROM
    resources_many_from: int = DEFAULT_RESOURCES_MANY_FROM


def check_score(value: object, field: str) -> int:
    """A score 1..5, or ValidationError naming the field."""
    if isinstance(value, bool) or not isinstance(value, int) or value not in SCORES:
        raise ValidationError("error.score_range", field, value=value)
    return value


def validate_rule(rule: FieldRule) -> FieldRule:
    """Each threshold must leave at least one score on either side (2..5)."""
    for name in ("effect_high_from", "resources_many_from"):
        value = getattr(rule, name)
        if isinstance(value, bool) or not isinstance(value, int) or not 2 <= value <= 5:
            raise ValidationError("error.rule_range", name, value=value)
    return rule


def field_of(effect: int | None, resources: int | None,
             rule: FieldRule = FieldRule()) -> BoardField | None:
    """The field an idea falls in; None until both scores are given."""
    if effect is None or resources is None:
        return None
    check_score(effect, "effect")
    check_score(resources, "resources")
    high = effect >= rule.effect_high_from
    many = resources >= rule.resources_many_from
    if high:
        return BoardField.YELLOW if many else BoardField.GREEN
    return BoardField.RED if many else BoardField.ORANGE


@dataclass(frozen=True)
class CapacityCheck:
    committed: int  # resources in open actions now
    adding: int
    capacity: int

    @property
    def after(self) -> int:
        return self.committed + self.adding

    @property
    def exceeds(self) -> bool:
        return self.after > self.capacity

    @property
    def free(self) -> int:
        return self.capacity - self.committed


def check_capacity(committed: int, adding: int, capacity: int) -> CapacityCheck:
    return CapacityCheck(committed, adding, capacity)


def validate_capacity(capacity: object) -> int:
    if isinstance(capacity, bool) or not isinstance(capacity, int) or not 0 <= capacity <= 999:
        raise ValidationError("error.capacity_range", "capacity", value=capacity)
    return capacity


def parse_status(value: object, field: str = "status") -> ActionStatus:
    try:
        return ActionStatus(value)
    except ValueError:
        raise ValidationError("error.unknown_status", field, value=value) from None


def check_transition(current: ActionStatus, target: ActionStatus, note: str = "") -> None:
    """Refuse a move that skips a column, stays put, or evaluates without a note."""
    step = STATUS_ORDER.index(target) - STATUS_ORDER.index(current)
    if step == 0:
        raise BoardError("error.action_same_status", "status", status=target)
    if abs(step) > 1:
        raise BoardError("error.action_skip", "status", current=current, target=target)
    if target is ActionStatus.EVALUATED and not (note or "").strip():
        raise BoardError("error.evaluation_note_required", "evaluation_note")


def neighbour(status: ActionStatus, step: int) -> ActionStatus | None:
    """The column one step forward (+1) or back (-1); None at either end."""
    i = STATUS_ORDER.index(status) + step
    return STATUS_ORDER[i] if 0 <= i < len(STATUS_ORDER) else None


def is_open(status: ActionStatus) -> bool:
    return status in OPEN_STATUSES


def attention(status: ActionStatus, deadline: date, on: date) -> Attention:
    if not is_open(status):
        return Attention.NONE
    if deadline < on:
        return Attention.OVERDUE
    if deadline <= on + timedelta(days=DUE_SOON_DAYS):
        return Attention.DUE_SOON
    return Attention.NONE


def card_text(text: str, limit: int = CARD_CHARS) -> tuple[str, bool]:
    """The text a card shows, and whether it was shortened (the whole text is kept)."""
    if len(text) <= limit:
        return text, False
    return text[:limit].rstrip() + " …", True
