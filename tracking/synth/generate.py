"""Synthetic plans as columns of rows, one municipality at a time (pure, no database).

Every plan runs the same 60 months (REFERENCE_END back), so every month of it is closed
on REFERENCE_DAY, the date the tests and the benchmark pin. Each plan draws from its own
random stream (seed, municipality, plan), so scale M is the first municipality of L.

Rows are what the services would have written: targets come from `tracking.rules`, ideas
promoted to actions carry the link both ways, every action has the history of its moves,
evaluated actions have their note, open actions fit the default capacity.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import numpy as np

from tracking.board_rules import DEFAULT_CAPACITY, STATUS_ORDER
from tracking.models import ActionStatus, EventKind, IdeaState, Indicator, PhaseIn
from tracking.months import add_months, month_range
from tracking.rules import DEFAULT_REPORT_DEADLINE_DAY, steps_full_effect_month, target_for_month
from tracking.services.plans import default_measure
from tracking.synth import names
from tracking.synth.scales import Scale
from tracking.trajectory_codec import trajectory_of
from tracking.units import DEFAULT_DECIMALS, Unit, can_be_negative

REFERENCE_DAY = date(2026, 11, 23)
REFERENCE_END = date(2026, 10, 1)  # the last closed month on REFERENCE_DAY

Columns = dict[str, list[Any]]


@dataclass
class Ids:
    """The next free id of each table (continued from what the database holds)."""

    next: dict[str, int] = field(default_factory=dict)

    def take(self, table: str, n: int = 1) -> int:
        first = self.next.get(table, 1)
        self.next[table] = first + n
        return first


def _stamp(day: date, rng: np.random.Generator) -> datetime:
    """A time of the working day, in UTC (the columns are tz-aware)."""
    seconds = int(rng.integers(7 * 3600, 16 * 3600))
    return datetime.combine(day, time(), tzinfo=UTC) + timedelta(seconds=seconds)


def _add(cols: Columns, **row: Any) -> None:
    for key, value in row.items():
        cols.setdefault(key, []).append(value)


def _person(rng: np.random.Generator) -> str:
    return str(names.PEOPLE[int(rng.integers(len(names.PEOPLE)))])


def municipality_rows(scale: Scale, m: int, seed: int, ids: Ids) -> dict[str, Columns]:
    """All rows of municipality number `m` (0-based), by table name."""
    tables: dict[str, Columns] = {t: {} for t in (
        "plan", "indicator", "target_month", "measurement", "idea", "action",
        "action_event")}
    start = add_months(REFERENCE_END, -(scale.months - 1))
    months = list(month_range(start, REFERENCE_END))
    town = names.MUNICIPALITIES[m % len(names.MUNICIPALITIES)]
    for p in range(scale.plans_per_municipality):
        rng = np.random.default_rng([seed, m, p])
        plan_id = ids.take("plan")
        solution, department, area = names.SOLUTIONS[p % len(names.SOLUTIONS)]
        round_no = p // len(names.SOLUTIONS)
        title = solution if round_no == 0 else f"{solution} {round_no + 1}"
        created = _stamp(start, rng)
        _add(tables["plan"], id=plan_id, name=f"{title} · {town}", solution=solution,
             team=f"{department}, {town} Kommune", benefit_owner=_person(rng),
             start_month=start, end_month=REFERENCE_END, on_track_threshold=0.95,
             at_risk_threshold=0.80, archived_at=None, created_at=created,
             updated_at=created, version=1, report_deadline_day=DEFAULT_REPORT_DEADLINE_DAY,
             # Columns the overview adds to Plan; dropped while the model lacks them.
             municipality=f"{town} Kommune", department=department, area=area)
        indicator_ids = _indicators(tables, scale, plan_id, p, months, rng, ids)
        _board(tables, scale, plan_id, indicator_ids, months, rng, ids)
    return tables


def _indicators(tables: dict[str, Columns], scale: Scale, plan_id: int, p: int,
                months: list[date], rng: np.random.Generator, ids: Ids) -> list[int]:
    result = []
    for k in range(scale.indicators_per_plan):
        name, unit, direction, kind, baseline, target = \
            names.INDICATORS[(p + k) % len(names.INDICATORS)]
        if unit in (Unit.COUNT, Unit.TKR):  # sizes differ between municipalities
            factor = float(rng.uniform(0.4, 2.5))
            baseline, target = round(baseline * factor), round(target * factor)
        begin = add_months(months[0], int(rng.integers(0, 13)))
        steps = rng.random() < 0.2
        full = steps_full_effect_month(begin, [25, 75, 100]) if steps \
            else add_months(begin, int(rng.integers(12, 37)))
        ind = Indicator(
            id=ids.take("indicator"), plan_id=plan_id, name=name, unit=unit,
            direction=direction, kind=kind, owner=_person(rng), baseline_value=baseline,
            baseline_month=months[0], target_value=target, target_start_month=begin,
            full_effect_month=full,
            phase_in=(PhaseIn.STEPS if steps else PhaseIn.LINEAR).value,
            step_percentages="25;75;100" if steps else "", explicit_targets="",
            sort_order=k, archived_at=None, version=1, measure=default_measure(unit).value)
        created = _stamp(months[0], rng)
        _add(tables["indicator"], **ind.model_dump(exclude={"created_at", "updated_at"}),
             created_at=created, updated_at=created)
        trajectory = trajectory_of(ind)
        targets = np.array([target_for_month(trajectory, mo) for mo in months])
        for mo, value in zip(months, targets, strict=True):
            _add(tables["target_month"], indicator_id=ind.id, month=mo, value=float(value))
        _measurements(tables, ind, months, targets, rng, ids)
        result.append(ind.id)
    return result


def _measurements(tables: dict[str, Columns], ind: Indicator, months: list[date],
                  targets: np.ndarray, rng: np.random.Generator, ids: Ids) -> None:
    """Figures that follow the target with a plan-specific shortfall and noise."""
    n = len(months)
    spread = abs(ind.target_value - ind.baseline_value) or 1.0
    drift = rng.uniform(0.55, 1.1) + np.linspace(0, rng.uniform(-0.3, 0.2), n)
    values = ind.baseline_value + (targets - ind.baseline_value) * drift \
        + rng.normal(0, 0.04 * spread, n)
    if not can_be_negative(ind.unit):
        values = np.maximum(values, 0)
    values = np.round(values, DEFAULT_DECIMALS[Unit(ind.unit)])
    present = rng.random(n) > 0.005  # a rare forgotten month
    if rng.random() < 0.08:  # the latest figure not entered yet
        present[-1] = False
    first = ids.take("measurement", int(present.sum()))
    cols = tables["measurement"]
    entered = 0
    for mo, value, keep in zip(months, values, present, strict=True):
        if not keep:
            continue
        _add(cols, id=first + entered, indicator_id=ind.id, month=mo, value=float(value),
             comment="", entered_by=ind.owner,
             entered_at=_stamp(add_months(mo, 1) + timedelta(days=int(rng.integers(0, 9))),
                               rng),
             version=1)
        entered += 1


def _status_on(decided: date) -> ActionStatus:
    """Older actions have come further along the board."""
    age = (REFERENCE_DAY - decided).days
    if age < 60:
        return ActionStatus.DECIDED
    if age < 150:
        return ActionStatus.STARTED
    if age < 365:
        return ActionStatus.FINISHED
    return ActionStatus.EVALUATED


def _board(tables: dict[str, Columns], scale: Scale, plan_id: int, indicator_ids: list[int],
           months: list[date], rng: np.random.Generator, ids: Ids) -> None:
    """Ideas (the first `actions_per_plan` promoted to actions), actions, their history."""
    n_ideas, n_actions = scale.ideas_per_plan, min(scale.actions_per_plan, scale.ideas_per_plan)
    span = (REFERENCE_DAY - months[0]).days
    open_room = DEFAULT_CAPACITY
    first_idea = ids.take("idea", n_ideas)
    for j in range(n_ideas):
        idea_id = first_idea + j
        # Promoted ideas spread over the whole period, the rest are recent.
        offset = int(span * (j + 0.5) / max(n_actions, 1)) if j < n_actions \
            else span - int(rng.integers(5, 120))
        created_on = months[0] + timedelta(days=min(offset, span - 1))
        created = _stamp(created_on, rng)
        indicator_id = indicator_ids[int(rng.integers(len(indicator_ids)))] \
            if rng.random() < 0.8 else None
        effect, resources = int(rng.integers(1, 6)), int(rng.integers(1, 6))
        state, reason, archived = IdeaState.OPEN.value, "", None
        if j < n_actions:
            status = _status_on(created_on + timedelta(days=3))
            if status in (ActionStatus.DECIDED, ActionStatus.STARTED):
                resources = max(1, min(resources, open_room - 1, 3))
                open_room -= resources
            effect = max(effect, 3)  # the team promotes ideas of high effect
            state = IdeaState.PROMOTED.value
        else:
            k = j - n_actions
            if k < 3 and rng.random() < 0.7:
                state, archived = IdeaState.PARKED.value, created + timedelta(days=14)
                reason = str(names.REASONS[k % len(names.REASONS)])
            elif k < 5 and rng.random() < 0.5:
                state, archived = IdeaState.REJECTED.value, created + timedelta(days=14)
                reason = str(names.REASONS[k % len(names.REASONS)])
        scored = state != IdeaState.OPEN.value or rng.random() < 0.75
        text = f"{names.IDEAS[int(rng.integers(len(names.IDEAS)))]} ({j + 1})"
        author = _person(rng)
        _add(tables["idea"], id=idea_id, plan_id=plan_id, text=text, author=author,
             indicator_id=indicator_id, effect=effect if scored else None,
             resources=resources if scored else None,
             scored_by=_person(rng) if scored else "",
             scored_at=created + timedelta(days=7) if scored else None,
             state=state, state_reason=reason, archived_at=archived, created_by=author,
             created_at=created, updated_at=archived or created,
             version=1 + int(scored) + int(state != IdeaState.OPEN.value))
        if j < n_actions:
            _action(tables, plan_id, idea_id, indicator_id, text, resources,
                    created_on + timedelta(days=3), rng, ids)


def _action(tables: dict[str, Columns], plan_id: int, idea_id: int,
            indicator_id: int | None, text: str, resources: int, decided: date,
            rng: np.random.Generator, ids: Ids) -> None:
    action_id = ids.take("action")
    status = _status_on(decided)
    steps = STATUS_ORDER.index(status)
    responsible, by = _person(rng), _person(rng)
    deadline = decided + timedelta(days=int(rng.integers(30, 121)))
    note = str(names.EVALUATIONS[int(rng.integers(len(names.EVALUATIONS)))]) \
        if status is ActionStatus.EVALUATED else ""
    at = _stamp(decided, rng)
    history = [(EventKind.CREATED.value, None, ActionStatus.DECIDED.value, f"idea:{idea_id}",
                at)]
    for k in range(1, steps + 1):
        at = at + timedelta(days=int(rng.integers(20, 60)))
        to = STATUS_ORDER[k].value
        history.append((EventKind.MOVED.value, STATUS_ORDER[k - 1].value, to,
                        note if to == ActionStatus.EVALUATED.value else "", at))
    updated = min(at, datetime.combine(REFERENCE_DAY, time(), tzinfo=UTC))
    _add(tables["action"], id=action_id, plan_id=plan_id, idea_id=idea_id,
         indicator_id=indicator_id, title=text, description=text, responsible=responsible,
         deadline=deadline, decided_on=decided, resources=resources, status=status.value,
         evaluation_note=note, archived_at=None, created_by=by, created_at=history[0][4],
         updated_by=by, updated_at=updated, version=1 + steps)
    first = ids.take("action_event", len(history))
    for k, (kind, before, after, detail, when) in enumerate(history):
        _add(tables["action_event"], id=first + k, action_id=action_id, kind=kind,
             from_status=before, to_status=after, detail=detail, actor=by,
             happened_at=min(when, updated))


__all__ = ["REFERENCE_DAY", "REFERENCE_END", "Ids", "municipality_rows"]
