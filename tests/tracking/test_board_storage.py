"""Ideas and actions stored on DuckDB and PostgreSQL (each test runs on both)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import Engine

from tests.support.actors import SYSTEM, who
from tracking.board_rules import StaleError
from tracking.errors import NotFoundError, ValidationError
from tracking.models import ActionStatus, IdeaState
from tracking.readmodel.actions import action_history, capacity_check, get_action, status_times
from tracking.readmodel.board import actions_frame, board_summary, ideas_by_field, ideas_frame
from tracking.readmodel.board_settings import board_settings, field_rule
from tracking.readmodel.ideas import get_idea, list_ideas
from tracking.services.actions import (
    ActionBatchError,
    ActionChange,
    ActionInput,
    OverCapacityError,
    create_action,
    move_action,
    promote_idea,
    set_action_archived,
    update_action,
    update_actions,
)
from tracking.services.ideas import (
    add_idea,
    park_idea,
    reject_idea,
    restore_idea,
    score_idea,
    set_board_settings,
)
from tracking.services.plans import IndicatorInput, PlanInput, create_indicator, create_plan

ON = date(2026, 11, 23)


@pytest.fixture
def plan_ids(engine: Engine) -> tuple[int, int]:
    plan = create_plan(engine, PlanInput("KSD", date(2025, 1, 1), date(2027, 12, 1)), actor=SYSTEM)
    ind = create_indicator(engine, plan.id, IndicatorInput(
        "Selvbetjening", "pct", "higher", 35, date(2024, 12, 1), 85, date(2025, 1, 1),
        date(2026, 6, 1)), actor=SYSTEM)
    return plan.id, ind.id


def _action(engine: Engine, plan_id: int, title: str = "Ring op", resources: int = 2,
            deadline: date = ON + timedelta(days=14), confirm: bool = False):
    return create_action(engine, plan_id, ActionInput(title, "Mette", deadline, resources),
                         actor=who("Ole"), on=ON, confirm_over_capacity=confirm)


def test_idea_capture_scoring_and_field(engine: Engine, plan_ids) -> None:
    plan_id, ind_id = plan_ids
    idea = add_idea(engine, plan_id, "  Ring til borgere  ", author="Jens",
                    indicator_id=ind_id, actor=who("Ole"))
    assert idea.text == "Ring til borgere" and idea.effect is None
    score_idea(engine, idea.id, effect=5, actor=who("Ole"))
    scored = score_idea(engine, idea.id, resources=1, actor=who("Kim"))
    assert (scored.effect, scored.resources, scored.scored_by) == (5, 1, "Kim")
    df = ideas_frame(engine, plan_id)
    row = df.iloc[0]
    assert row["field"] == "green" and row["indicator"] == "Selvbetjening"
    assert row["author"] == "Jens"


@pytest.mark.parametrize("text", ["", "   ", "\n\t"])
def test_empty_idea_is_refused(engine: Engine, plan_ids, text: str) -> None:
    with pytest.raises(ValidationError) as exc:
        add_idea(engine, plan_ids[0], text, actor=SYSTEM)
    assert exc.value.code == "error.idea_required"
    assert list_ideas(engine, plan_ids[0]) == []


def test_long_idea_is_refused_but_500_is_kept_whole(engine: Engine, plan_ids) -> None:
    with pytest.raises(ValidationError) as exc:
        add_idea(engine, plan_ids[0], "x" * 501, actor=SYSTEM)
    assert "501" in exc.value.message()
    idea = add_idea(engine, plan_ids[0], "y" * 500, actor=SYSTEM)
    assert get_idea(engine, idea.id).text == "y" * 500


def test_markup_is_stored_as_typed(engine: Engine, plan_ids) -> None:
    text = "<script>alert(1)</script> **fed** [link](javascript:x)"
    idea = add_idea(engine, plan_ids[0], text, actor=SYSTEM)
    assert get_idea(engine, idea.id).text == text


@pytest.mark.parametrize("bad", [0, 6, 2.5])
def test_score_outside_range_is_refused_by_the_service(engine: Engine, plan_ids,
                                                       bad) -> None:
    idea = add_idea(engine, plan_ids[0], "Idé", actor=SYSTEM)
    with pytest.raises(ValidationError) as exc:
        score_idea(engine, idea.id, effect=bad, actor=SYSTEM)
    assert exc.value.field == "effect"
    assert get_idea(engine, idea.id).effect is None


def test_indicator_of_another_plan_is_refused(engine: Engine, plan_ids) -> None:
    other = create_plan(engine, PlanInput("Andet", date(2025, 1, 1), date(2026, 12, 1)),
                        actor=SYSTEM)
    with pytest.raises(ValidationError) as exc:
        add_idea(engine, other.id, "Idé", indicator_id=plan_ids[1], actor=SYSTEM)
    assert exc.value.code == "error.indicator_not_in_plan"


def test_rule_per_plan_changes_the_field(engine: Engine, plan_ids) -> None:
    plan_id = plan_ids[0]
    assert board_settings(engine, plan_id).capacity == 10  # documented default
    idea = add_idea(engine, plan_id, "Middel", actor=SYSTEM)
    score_idea(engine, idea.id, effect=3, resources=3, actor=SYSTEM)
    assert ideas_frame(engine, plan_id).iloc[0]["field"] == "yellow"
    set_board_settings(engine, plan_id, 4, 4, 6, actor=who("Ole"))
    assert field_rule(engine, plan_id).effect_high_from == 4
    assert ideas_frame(engine, plan_id).iloc[0]["field"] == "orange"
    assert capacity_check(engine, plan_id).capacity == 6
    with pytest.raises(ValidationError):
        set_board_settings(engine, plan_id, 1, 4, 6, actor=SYSTEM)


def test_park_reject_restore_keep_the_idea(engine: Engine, plan_ids) -> None:
    plan_id = plan_ids[0]
    a = add_idea(engine, plan_id, "A", actor=SYSTEM)
    b = add_idea(engine, plan_id, "B", actor=SYSTEM)
    with pytest.raises(ValidationError) as exc:
        park_idea(engine, a.id, "  ", actor=SYSTEM)
    assert exc.value.code == "error.reason_required"
    park_idea(engine, a.id, "Efter nytår", actor=who("Ole"))
    reject_idea(engine, b.id, "For dyr", actor=who("Ole"))
    assert list_ideas(engine, plan_id) == []
    archived = ideas_frame(engine, plan_id, include_archived=True)
    assert set(archived["state"]) == {"parked", "rejected"}
    assert set(archived["state_reason"]) == {"Efter nytår", "For dyr"}
    restore_idea(engine, b.id, actor=SYSTEM)
    assert [i.text for i in list_ideas(engine, plan_id)] == ["B"]
    with pytest.raises(ValidationError):
        restore_idea(engine, b.id, actor=SYSTEM)


def test_promote_links_idea_and_action_and_checks_capacity(engine: Engine, plan_ids) -> None:
    plan_id = plan_ids[0]
    set_board_settings(engine, plan_id, 3, 3, 5, actor=SYSTEM)
    idea = add_idea(engine, plan_id, "Sms-påmindelse", indicator_id=plan_ids[1], actor=SYSTEM)
    with pytest.raises(ValidationError) as exc:
        promote_idea(engine, idea.id, "Mette", ON + timedelta(days=10), on=ON, actor=SYSTEM)
    assert exc.value.code == "error.idea_not_scored"
    score_idea(engine, idea.id, effect=4, resources=4, actor=SYSTEM)
    with pytest.raises(ValidationError) as exc:
        promote_idea(engine, idea.id, " ", ON + timedelta(days=10), on=ON, actor=SYSTEM)
    assert exc.value.field == "responsible"
    with pytest.raises(ValidationError) as exc:
        promote_idea(engine, idea.id, "Mette", None, on=ON, actor=SYSTEM)
    assert exc.value.field == "deadline"
    _action(engine, plan_id, resources=2)
    with pytest.raises(OverCapacityError) as over:
        promote_idea(engine, idea.id, "Mette", ON + timedelta(days=10), actor=who("Ole"), on=ON)
    assert (over.value.check.committed, over.value.check.after) == (2, 6)
    assert "6 af 5" in over.value.message()
    assert get_idea(engine, idea.id).state == IdeaState.OPEN  # nothing written
    action = promote_idea(engine, idea.id, "Mette", ON + timedelta(days=10), actor=who("Ole"),
                          on=ON, confirm_over_capacity=True)
    assert action.status == ActionStatus.DECIDED and action.idea_id == idea.id
    assert action.indicator_id == plan_ids[1] and action.resources == 4
    assert get_idea(engine, idea.id).state == IdeaState.PROMOTED
    row = ideas_frame(engine, plan_id).iloc[0]
    assert row["action_id"] == action.id and row["action_status"] == "decided"
    assert capacity_check(engine, plan_id).committed == 6
    with pytest.raises(ValidationError):
        promote_idea(engine, idea.id, "Mette", ON, on=ON, actor=SYSTEM)  # not twice


def test_action_requires_fields_and_a_sane_deadline(engine: Engine, plan_ids) -> None:
    plan_id = plan_ids[0]
    cases = [
        (ActionInput("", "Mette", ON), "title"),
        (ActionInput("Ring", "", ON), "responsible"),
        (ActionInput("Ring", "Mette", None), "deadline"),
        (ActionInput("Ring", "Mette", ON - timedelta(days=1)), "deadline"),
        (ActionInput("Ring", "Mette", ON, resources=7), "resources"),
    ]
    for data, field in cases:
        with pytest.raises(ValidationError) as exc:
            create_action(engine, plan_id, data, on=ON, actor=SYSTEM)
        assert exc.value.field == field
    assert actions_frame(engine, plan_id, ON).empty


def test_every_move_is_recorded_and_evaluation_needs_a_note(engine: Engine,
                                                            plan_ids) -> None:
    a = _action(engine, plan_ids[0])
    a = move_action(engine, a.id, "started", a.version, actor=who("Kim"))
    a = move_action(engine, a.id, ActionStatus.FINISHED, a.version, actor=who("Kim"))
    with pytest.raises(ValidationError) as exc:
        move_action(engine, a.id, "evaluated", a.version, actor=who("Kim"))
    assert exc.value.code == "error.evaluation_note_required"
    assert get_action(engine, a.id).status == "finished"
    with pytest.raises(ValidationError) as exc:
        move_action(engine, a.id, "decided", a.version, actor=who("Kim"))
    assert exc.value.code == "error.action_skip"
    with pytest.raises(ValidationError) as exc:
        move_action(engine, a.id, "parked", a.version, actor=who("Kim"))
    assert exc.value.code == "error.unknown_status"
    a = move_action(engine, a.id, "evaluated", a.version, actor=who("Lis"), note="Virkede")
    assert a.evaluation_note == "Virkede" and a.updated_by == "Lis"
    events = action_history(engine, a.id)
    assert [(e.kind, e.from_status, e.to_status, e.actor) for e in events] == [
        ("created", None, "decided", "Ole"), ("moved", "decided", "started", "Kim"),
        ("moved", "started", "finished", "Kim"), ("moved", "finished", "evaluated", "Lis")]
    periods = status_times(events, events[-1].happened_at + timedelta(days=2))
    assert [p.status for p in periods] == list(ActionStatus)
    assert periods[-1].left_at is None and periods[-1].duration >= timedelta(days=2)


def test_two_people_moving_the_same_card(engine: Engine, plan_ids) -> None:
    a = _action(engine, plan_ids[0])
    seen = a.version  # both screens show version 1
    move_action(engine, a.id, "started", seen, actor=who("Kim"))
    with pytest.raises(StaleError) as exc:
        move_action(engine, a.id, "started", seen, actor=who("Lis"))
    assert exc.value.current.status == "started"
    text = exc.value.message()
    assert "Kim" in text and "Igangsat" in text
    assert [e.actor for e in action_history(engine, a.id)] == ["Ole", "Kim"]
    with pytest.raises(StaleError):
        update_action(engine, a.id, seen, ActionInput("Nyt", "Lis", ON), actor=who("Lis"))
    assert get_action(engine, a.id).title == "Ring op"


def test_update_records_what_changed(engine: Engine, plan_ids) -> None:
    a = _action(engine, plan_ids[0])
    b = update_action(engine, a.id, a.version,
                      ActionInput("Ring op", "Kim", ON + timedelta(days=3), 2), actor=who("Ole"))
    assert b.version == a.version + 1 and b.responsible == "Kim"
    last = action_history(engine, a.id)[-1]
    assert last.kind == "edited" and "Mette → Kim" in last.detail
    with pytest.raises(ValidationError) as exc:
        update_action(engine, a.id, b.version,
                      ActionInput("Ring op", "Kim", ON - timedelta(days=3), 2), actor=SYSTEM)
    assert exc.value.code == "error.deadline_before_decided"


def test_table_edit_is_all_or_nothing(engine: Engine, plan_ids) -> None:
    a = _action(engine, plan_ids[0], "A")
    b = _action(engine, plan_ids[0], "B")
    changes = [
        ActionChange(a.id, a.version, ActionInput("A2", "Mette", a.deadline, 2), "started"),
        ActionChange(b.id, b.version, ActionInput("B", "Mette", b.deadline, 2), "finished"),
    ]
    with pytest.raises(ActionBatchError) as exc:
        update_actions(engine, changes, actor=who("Ole"))
    assert [i for i, _ in exc.value.errors] == [1]
    assert get_action(engine, a.id).title == "A"  # nothing written
    changes[1] = ActionChange(b.id, b.version, ActionInput("B", "", b.deadline, 2), "started")
    with pytest.raises(ActionBatchError) as exc:
        update_actions(engine, changes, actor=who("Ole"))
    assert exc.value.errors[0][1].field == "responsible"
    changes[1] = ActionChange(b.id, b.version, ActionInput("B", "Kim", b.deadline, 2),
                              "started")
    done = update_actions(engine, changes, actor=who("Ole"))
    assert [(x.title, x.status) for x in done] == [("A2", "started"), ("B", "started")]


def test_board_read_model_counts_overdue_and_capacity(engine: Engine, plan_ids) -> None:
    plan_id = plan_ids[0]
    overdue = create_action(engine, plan_id, ActionInput("Gammel", "Mette",
                                                         ON - timedelta(days=5), 3),
                            on=ON - timedelta(days=30), actor=SYSTEM)
    _action(engine, plan_id, "Snart", deadline=ON + timedelta(days=7), resources=1)
    done = _action(engine, plan_id, "Færdig", deadline=ON + timedelta(days=1), resources=4)
    done = move_action(engine, done.id, "started", done.version, actor=SYSTEM)
    move_action(engine, done.id, "finished", done.version, actor=SYSTEM)
    df = actions_frame(engine, plan_id, ON)
    assert dict(zip(df["title"], df["attention"], strict=True)) == {
        "Gammel": "overdue", "Snart": "due_soon", "Færdig": "none"}
    summary = board_summary(engine, plan_id, ON, df)
    assert summary.counts == {"decided": 2, "started": 0, "finished": 1, "evaluated": 0}
    assert (summary.overdue, summary.due_soon, summary.committed) == (1, 1, 4)
    assert summary.committed == capacity_check(engine, plan_id).committed
    set_action_archived(engine, overdue.id, True, overdue.version, actor=who("Ole"))
    assert board_summary(engine, plan_id, ON).overdue == 0
    assert capacity_check(engine, plan_id).committed == 1
    archived = actions_frame(engine, plan_id, ON, include_archived=True)
    assert len(archived) == 3  # archived, never deleted


def test_ideas_by_field_green_first(engine: Engine, plan_ids) -> None:
    plan_id = plan_ids[0]
    for text, e, r in [("rød", 1, 5), ("grøn lav", 3, 1), ("grøn høj", 5, 2), ("gul", 4, 4),
                       ("orange", 2, 2)]:
        idea = add_idea(engine, plan_id, text, actor=SYSTEM)
        score_idea(engine, idea.id, effect=e, resources=r, actor=SYSTEM)
    add_idea(engine, plan_id, "uvurderet", actor=SYSTEM)
    groups = ideas_by_field(ideas_frame(engine, plan_id))
    assert list(groups) == ["green", "yellow", "orange", "red"]
    assert list(groups["green"]["text"]) == ["grøn høj", "grøn lav"]
    assert sum(len(g) for g in groups.values()) == 5


def test_unknown_ids_are_not_found(engine: Engine, plan_ids) -> None:
    with pytest.raises(NotFoundError):
        score_idea(engine, 999, effect=3, actor=SYSTEM)
    with pytest.raises(NotFoundError):
        move_action(engine, 999, "started", 1, actor=SYSTEM)
