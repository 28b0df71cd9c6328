"""The board's pure rules: field of an idea, capacity, transitions, attention."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tracking.board_rules import (
    Attention,
    BoardField,
    FieldRule,
    StaleError,
    attention,
    card_text,
    check_capacity,
    check_score,
    check_transition,
    field_of,
    neighbour,
    parse_status,
    validate_capacity,
    validate_rule,
)
from tracking.errors import ValidationError
from tracking.models import ActionStatus

G, Y, OR, R = BoardField.GREEN, BoardField.YELLOW, BoardField.ORANGE, BoardField.RED

# The documented default, written out by hand: rows are effect 5..1, columns resources 1..5.
DEFAULT_TABLE = {
    5: [G, G, Y, Y, Y],
    4: [G, G, Y, Y, Y],
    3: [G, G, Y, Y, Y],
    2: [OR, OR, R, R, R],
    1: [OR, OR, R, R, R],
}


@pytest.mark.parametrize("effect", [1, 2, 3, 4, 5])
@pytest.mark.parametrize("resources", [1, 2, 3, 4, 5])
def test_all_25_score_pairs_against_the_default_rule(effect: int, resources: int) -> None:
    assert field_of(effect, resources) is DEFAULT_TABLE[effect][resources - 1]


def test_a_changed_threshold_moves_the_middle() -> None:
    strict = FieldRule(effect_high_from=4, resources_many_from=4)
    assert field_of(3, 3) is Y  # default: middle effect is high, middle resources many
    assert field_of(3, 3, strict) is OR  # strict: middle effect is low, middle resources few
    assert field_of(4, 3, strict) is G
    assert field_of(3, 4, strict) is R
    assert field_of(5, 5, strict) is Y
    counts = {f: 0 for f in BoardField}
    for e in range(1, 6):
        for r in range(1, 6):
            counts[field_of(e, r, strict)] += 1
    assert counts == {G: 6, Y: 4, OR: 9, R: 6}


def test_unscored_idea_has_no_field() -> None:
    assert field_of(None, 3) is None
    assert field_of(4, None) is None


@pytest.mark.parametrize("bad", [0, 6, -1, 2.5, "3", True])
def test_scores_outside_1_to_5_are_refused(bad: object) -> None:
    with pytest.raises(ValidationError) as exc:
        check_score(bad, "effect")
    assert exc.value.code == "error.score_range" and exc.value.field == "effect"
    with pytest.raises(ValidationError):
        field_of(3, bad)  # type: ignore[arg-type]


@pytest.mark.parametrize("bad", [1, 6, 0])
def test_rule_thresholds_must_leave_both_sides(bad: int) -> None:
    with pytest.raises(ValidationError) as exc:
        validate_rule(FieldRule(effect_high_from=bad))
    assert exc.value.field == "effect_high_from"
    assert validate_rule(FieldRule(2, 5)) == FieldRule(2, 5)


def test_capacity_check_is_a_soft_limit_at_the_edge() -> None:
    assert not check_capacity(7, 3, 10).exceeds  # exactly full is fine
    over = check_capacity(8, 3, 10)
    assert over.exceeds and over.after == 11 and over.free == 2
    assert check_capacity(0, 1, 0).exceeds
    assert validate_capacity(0) == 0
    with pytest.raises(ValidationError):
        validate_capacity(-1)
    with pytest.raises(ValidationError):
        validate_capacity(2.5)


D, S, F, E = (ActionStatus.DECIDED, ActionStatus.STARTED, ActionStatus.FINISHED,
              ActionStatus.EVALUATED)


@pytest.mark.parametrize(("current", "target"), [(D, S), (S, F), (S, D), (F, S), (E, F)])
def test_one_step_forward_or_back_is_allowed(current, target) -> None:
    check_transition(current, target)


def test_evaluated_needs_a_note() -> None:
    with pytest.raises(ValidationError) as exc:
        check_transition(F, E, "  ")
    assert exc.value.code == "error.evaluation_note_required"
    assert exc.value.field == "evaluation_note"
    check_transition(F, E, "Virkede: selvbetjening steg 4 point")


@pytest.mark.parametrize(("current", "target"), [(D, F), (D, E), (S, E), (E, D), (F, D),
                                                 (E, S)])
def test_skipped_steps_are_refused(current, target) -> None:
    with pytest.raises(ValidationError) as exc:
        check_transition(current, target, "note")
    assert exc.value.code == "error.action_skip"
    labels = {D: "Besluttet", S: "Igangsat", F: "Afsluttet", E: "Evalueret"}
    text = exc.value.message()
    assert f"fra »{labels[current]}«" in text and f"til »{labels[target]}«" in text


@pytest.mark.parametrize("status", list(ActionStatus))
def test_staying_put_is_refused(status) -> None:
    with pytest.raises(ValidationError) as exc:
        check_transition(status, status, "note")
    assert exc.value.code == "error.action_same_status"


def test_unknown_status_is_refused_with_the_value() -> None:
    with pytest.raises(ValidationError) as exc:
        parse_status("done")
    assert exc.value.field == "status" and "done" in exc.value.message()
    assert parse_status("started") is S


def test_neighbours_stop_at_the_ends() -> None:
    assert neighbour(D, -1) is None and neighbour(E, 1) is None
    assert neighbour(D, 1) is S and neighbour(E, -1) is F


ON = date(2026, 11, 23)


@pytest.mark.parametrize(("days", "expected"), [
    (-30, Attention.OVERDUE), (-1, Attention.OVERDUE), (0, Attention.DUE_SOON),
    (1, Attention.DUE_SOON), (7, Attention.DUE_SOON), (8, Attention.NONE),
])
@pytest.mark.parametrize("status", [D, S])
def test_attention_at_date_boundaries(days: int, expected: Attention, status) -> None:
    assert attention(status, ON + timedelta(days=days), ON) is expected


@pytest.mark.parametrize("status", [F, E])
def test_finished_actions_are_never_overdue(status) -> None:
    assert attention(status, ON - timedelta(days=30), ON) is Attention.NONE
    assert attention(status, ON + timedelta(days=2), ON) is Attention.NONE


def test_card_text_is_shortened_but_says_so() -> None:
    assert card_text("kort") == ("kort", False)
    shown, cut = card_text("x" * 400)
    assert cut and shown.endswith("…") and len(shown) < 170


def test_stale_error_message_names_status_and_person() -> None:
    from datetime import UTC, datetime
    err = StaleError("error.action_changed", "version", current=None, title="Ring op",
                     status=S, by="Ole", at=datetime(2026, 11, 23, 9, 0, tzinfo=UTC))
    text = err.message()
    assert "Igangsat" in text and "Ole" in text and "23.11.2026" in text
