"""The action plan: create, promote an idea, move, edit, archive; and each card's history.

Concurrent edits: an action carries `version`. `move_action` and `update_action` take the
version the user saw and write with a compare-and-set (`... WHERE version = :seen`), so
when two people move the same card the second is refused with `StaleError` (showing the
card as it is now) instead of silently overwriting the first.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Engine, update
from sqlmodel import Session

from tracking import audit
from tracking.auth import Actor, Permission, authorize
from tracking.board_rules import (
    OPEN_STATUSES,
    BoardError,
    CapacityCheck,
    StaleError,
    check_capacity,
    check_score,
    check_transition,
    parse_status,
)
from tracking.clock import now, today
from tracking.db import session_scope
from tracking.errors import NotFoundError, ValidationError
from tracking.lookup import get_or_refuse
from tracking.models import (
    Action,
    ActionEvent,
    ActionStatus,
    EventKind,
    Idea,
    IdeaState,
    Plan,
)
from tracking.parsing import refuse_control_chars
from tracking.people import account_id_for
from tracking.readmodel.actions import committed_resources, plan_capacity
from tracking.services.ideas import check_indicator

MAX_TITLE = 200
MAX_PERSON = 100
MAX_NOTE = 2000


@dataclass
class ActionInput:
    title: str
    responsible: str
    deadline: date | None
    resources: int = 1
    indicator_id: int | None = None
    description: str = ""


@dataclass(frozen=True)
class ActionChange:
    """One row edited in the table: the fields as they are now, and the version seen."""

    action_id: int
    expected_version: int
    data: ActionInput
    status: str
    evaluation_note: str = ""


class OverCapacityError(BoardError):
    """The new commitment would exceed the plan's capacity; confirm to go ahead."""

    def __init__(self, check: CapacityCheck) -> None:
        super().__init__("error.over_capacity", "resources", committed=check.committed,
                         adding=check.adding, capacity=check.capacity, after=check.after)
        self.check = check


class ActionBatchError(BoardError):
    """Some rows of a table edit were refused; nothing was written."""

    def __init__(self, errors: list[tuple[int, ValidationError | NotFoundError]]) -> None:
        super().__init__("error.action_batch_refused", None, count=len(errors))
        self.errors = errors  # (position in the list given, error)


# Validation ---------------------------------------------------------------------------

def _text(value: str | None, field_name: str, limit: int, required_code: str | None) -> str:
    value = refuse_control_chars(value, field_name).strip()
    if required_code and not value:
        raise BoardError(required_code, field_name)
    if len(value) > limit:
        raise BoardError("error.text_too_long", field_name, max=limit)
    return value


def _validate(data: ActionInput, decided_on: date) -> ActionInput:
    data.title = _text(data.title, "title", MAX_TITLE, "error.action_title_required")
    data.responsible = _text(data.responsible, "responsible", MAX_PERSON,
                             "error.responsible_required")
    data.description = _text(data.description, "description", MAX_NOTE, None)
    if data.deadline is None:
        raise BoardError("error.deadline_required", "deadline")
    if not isinstance(data.deadline, date):
        raise BoardError("error.deadline_required", "deadline")
    if data.deadline < decided_on:
        raise BoardError("error.deadline_before_decided", "deadline",
                         deadline=data.deadline, decided=decided_on)
    check_score(data.resources, "resources")
    return data


def _guard_capacity(session: Session, plan_id: int, adding: int, confirmed: bool,
                    excluding: int | None = None) -> None:
    check = check_capacity(committed_resources(session, plan_id, excluding), adding,
                           plan_capacity(session, plan_id))
    if check.exceeds and not confirmed:
        raise OverCapacityError(check)


def _event(session: Session, action: Action, kind: EventKind, actor: Actor,
           from_status: str | None = None, to_status: str | None = None,
           detail: str = "") -> None:
    session.add(ActionEvent(action_id=action.id, kind=kind.value, from_status=from_status,
                            to_status=to_status, detail=detail, actor=actor.name))


def _stale(action: Action) -> StaleError:
    # A copy: the session's own object is expired by the rollback that follows.
    current = Action(**action.model_dump())
    return StaleError("error.action_changed", "version", current=current, title=action.title,
                      status=ActionStatus(action.status), by=action.updated_by or "?",
                      at=action.updated_at)


def _compare_and_set(session: Session, action: Action, expected_version: int,
                     values: dict[str, Any], actor: Actor) -> Action:
    """Write `values` only if nobody changed the action since `expected_version`."""
    if action.version != expected_version:
        raise _stale(action)
    before = {k: getattr(action, k) for k in values}
    # rowcount, not RETURNING: DuckDB refuses UPDATE ... RETURNING on a row that a
    # foreign key references (its action_event rows).
    written = session.execute(
        update(Action)
        .where(Action.id == action.id, Action.version == expected_version)
        .values(**values, version=expected_version + 1, updated_by=actor.name,
                updated_at=now())
        .execution_options(synchronize_session=False)).rowcount
    if written != 1:  # someone else won the race between our read and our write
        session.refresh(action)
        raise _stale(action)
    session.refresh(action)
    # A Core UPDATE passes by the ORM's audit listener: record it here, same transaction.
    audit.record(session, actor, "action", action.id, "update", action.plan_id,
                 {**before, "version": expected_version},
                 {**{k: getattr(action, k) for k in values}, "version": action.version})
    return action


# Writing -------------------------------------------------------------------------------

def create_action(engine: Engine, plan_id: int, data: ActionInput, actor: Actor | None = None,
                  on: date | None = None, confirm_over_capacity: bool = False,
                  idea_id: int | None = None) -> Action:
    """A new action in Besluttet, decided today (`on`)."""
    on = on or today()
    data = _validate(data, on)
    with session_scope(engine) as session:
        plan = get_or_refuse(session, Plan, plan_id, "error.plan_not_found", "plan_id")
        authorize(session, actor, Permission.EDIT_BOARD, plan_id)
        if plan.archived_at is not None:
            raise BoardError("error.plan_archived", "plan_id")
        indicator_id = check_indicator(session, plan_id, data.indicator_id)
        _guard_capacity(session, plan_id, data.resources, confirm_over_capacity)
        action = Action(plan_id=plan_id, idea_id=idea_id, indicator_id=indicator_id,
                        title=data.title, description=data.description,
                        responsible=data.responsible, deadline=data.deadline, decided_on=on,
                        responsible_user_id=account_id_for(session, data.responsible),
                        resources=data.resources, created_by=actor.name,
                        updated_by=actor.name)
        session.add(action)
        session.flush()
        _event(session, action, EventKind.CREATED, actor, None, ActionStatus.DECIDED.value)
        return action


def promote_idea(engine: Engine, idea_id: int, responsible: str, deadline: date | None,
                 actor: Actor | None = None, on: date | None = None,
                 title: str | None = None,
                 confirm_over_capacity: bool = False) -> Action:
    """Move an assessed idea to the action plan, as an action in Besluttet.

    The action commits the idea's resource score; the idea keeps a link to it.
    """
    on = on or today()
    with session_scope(engine) as session:
        idea = session.get(Idea, idea_id)
        if idea is None:
            raise NotFoundError("error.idea_not_found", "idea_id", id=idea_id)
        authorize(session, actor, Permission.EDIT_BOARD, idea.plan_id)
        if idea.state != IdeaState.OPEN:
            raise BoardError("error.idea_not_open", "idea_id")
        if idea.effect is None or idea.resources is None:
            raise BoardError("error.idea_not_scored", "idea_id")
        data = _validate(ActionInput(
            title=title if title is not None else idea.text[:MAX_TITLE],
            responsible=responsible, deadline=deadline, resources=idea.resources,
            indicator_id=idea.indicator_id, description=idea.text), on)
        _guard_capacity(session, idea.plan_id, data.resources, confirm_over_capacity)
        action = Action(plan_id=idea.plan_id, idea_id=idea.id,
                        indicator_id=check_indicator(session, idea.plan_id, data.indicator_id),
                        title=data.title, description=data.description,
                        responsible=data.responsible, deadline=data.deadline, decided_on=on,
                        responsible_user_id=account_id_for(session, data.responsible),
                        resources=data.resources, created_by=actor.name,
                        updated_by=actor.name)
        session.add(action)
        session.flush()
        _event(session, action, EventKind.CREATED, actor, None, ActionStatus.DECIDED.value,
               detail=f"idea:{idea.id}")
        idea.state = IdeaState.PROMOTED.value
        idea.updated_at = now()
        idea.version += 1
        session.add(idea)
        return action


def _apply_move(session: Session, action: Action, to_status: Any, expected_version: int,
                actor: Actor, note: str) -> Action:
    if action.archived_at is not None:
        raise BoardError("error.action_archived", "action_id")
    target = parse_status(to_status)
    current = ActionStatus(action.status)
    if action.version != expected_version:
        raise _stale(action)
    note = _text(note, "evaluation_note", MAX_NOTE, None)
    check_transition(current, target, note)
    values: dict[str, Any] = {"status": target.value}
    if target is ActionStatus.EVALUATED:
        values["evaluation_note"] = note
    _compare_and_set(session, action, expected_version, values, actor)
    _event(session, action, EventKind.MOVED, actor, current.value, target.value,
           detail=note if target is ActionStatus.EVALUATED else "")
    return action


def move_action(engine: Engine, action_id: int, to_status: str | ActionStatus,
                expected_version: int, actor: Actor | None = None, note: str = "") -> Action:
    """Move a card one column forward or back. Evalueret needs `note` (the evaluation)."""
    with session_scope(engine) as session:
        action = get_or_refuse(session, Action, action_id, "error.action_not_found", "action_id")
        authorize(session, actor, Permission.EDIT_BOARD, action.plan_id)
        return _apply_move(session, action, to_status, expected_version, actor, note)


def _apply_update(session: Session, action: Action, expected_version: int,
                  data: ActionInput, actor: Actor, confirm_over_capacity: bool) -> Action:
    if action.archived_at is not None:
        raise BoardError("error.action_archived", "action_id")
    if action.version != expected_version:
        raise _stale(action)
    data = _validate(data, action.decided_on)
    indicator_id = check_indicator(session, action.plan_id, data.indicator_id)
    if (ActionStatus(action.status) in OPEN_STATUSES and data.resources > action.resources):
        _guard_capacity(session, action.plan_id, data.resources, confirm_over_capacity,
                        excluding=action.id)
    values = {"title": data.title, "responsible": data.responsible,
              "deadline": data.deadline, "resources": data.resources,
              "indicator_id": indicator_id, "description": data.description}
    changed = [k for k, v in values.items() if getattr(action, k) != v]
    if not changed:
        return action
    before = {k: getattr(action, k) for k in changed}
    _compare_and_set(session, action, expected_version, {k: values[k] for k in changed}, actor)
    if "responsible" in changed:
        action.responsible_user_id = account_id_for(session, action.responsible)
        session.add(action)
    _event(session, action, EventKind.EDITED, actor, detail="; ".join(
        f"{k}: {_shown(before[k])} → {_shown(getattr(action, k))}" for k in changed))
    return action


def _shown(value: Any) -> str:
    return value.isoformat() if isinstance(value, date) else str(value if value is not None
                                                                 else "")


def update_action(engine: Engine, action_id: int, expected_version: int, data: ActionInput,
                  actor: Actor | None = None, confirm_over_capacity: bool = False) -> Action:
    """Edit an action's fields (not its status: that is `move_action`)."""
    with session_scope(engine) as session:
        action = get_or_refuse(session, Action, action_id, "error.action_not_found", "action_id")
        authorize(session, actor, Permission.EDIT_BOARD, action.plan_id)
        return _apply_update(session, action, expected_version, data, actor,
                             confirm_over_capacity)


def update_actions(engine: Engine, changes: list[ActionChange], actor: Actor | None = None,
                   confirm_over_capacity: bool = False) -> list[Action]:
    """Edit many actions at once (the table view), all or nothing, same rules as one.

    A changed status is a move (one step, Evalueret with a note). If any row is refused,
    nothing is written and `ActionBatchError` lists every refused row.
    """
    errors: list[tuple[int, ValidationError | NotFoundError]] = []
    with session_scope(engine) as session:
        done = []
        for i, change in enumerate(changes):
            # Every refusal is raised before its row writes anything; the whole batch
            # is rolled back below if any row was refused.
            try:
                action = get_or_refuse(session, Action, change.action_id,
                                       "error.action_not_found", "action_id")
                authorize(session, actor, Permission.EDIT_BOARD, action.plan_id)
                action = _apply_update(session, action, change.expected_version,
                                       change.data, actor, confirm_over_capacity)
                if parse_status(change.status).value != action.status:
                    action = _apply_move(session, action, change.status, action.version,
                                         actor, change.evaluation_note)
                done.append(action)
            except (ValidationError, NotFoundError) as exc:
                errors.append((i, exc))
        if errors:
            raise ActionBatchError(errors)
        return done


def set_action_archived(engine: Engine, action_id: int, archived: bool,
                        expected_version: int, actor: Actor | None = None) -> Action:
    """Archive an action (never deleted), or bring it back."""
    with session_scope(engine) as session:
        action = get_or_refuse(session, Action, action_id, "error.action_not_found", "action_id")
        authorize(session, actor, Permission.EDIT_BOARD, action.plan_id)
        if (action.archived_at is not None) == archived:
            return action
        _compare_and_set(session, action, expected_version,
                         {"archived_at": now() if archived else None}, actor)
        _event(session, action, EventKind.ARCHIVED if archived else EventKind.RESTORED, actor)
        return action


