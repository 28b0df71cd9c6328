"""The audit trail: written with every change, in the same transaction; stale edits refused."""

from __future__ import annotations

import io
import json
from datetime import date, timedelta

import pytest
from openpyxl import load_workbook
from sqlalchemy import Engine, func
from sqlmodel import Session, select

from tests.support.actors import SYSTEM, who
from tracking.audit import UnauditedWriteError
from tracking.board_rules import StaleError
from tracking.models import Action, AuditRecord, Idea
from tracking.readmodel.history import (
    HistoryFilter,
    describe_change,
    history_workbook,
    plan_history,
)
from tracking.services.actions import (
    ActionBatchError,
    ActionChange,
    ActionInput,
    create_action,
    move_action,
    update_actions,
)
from tracking.services.ideas import add_idea, edit_idea, score_idea
from tracking.services.measurements import record_actual
from tracking.services.plans import (
    IndicatorInput,
    PlanInput,
    create_indicator,
    create_plan,
    update_plan,
)

ON = date(2026, 11, 23)


@pytest.fixture
def plan(engine: Engine) -> tuple[int, int]:
    plan = create_plan(engine, PlanInput("KSD", date(2025, 1, 1), date(2027, 12, 1)),
                       actor=SYSTEM)
    ind = create_indicator(engine, plan.id, IndicatorInput(
        "Sagsbehandlingstid", "days", "lower", 30, date(2024, 12, 1), 20, date(2025, 1, 1),
        date(2026, 6, 1)), actor=SYSTEM)
    return plan.id, ind.id


def _records(engine: Engine, entity: str) -> list[AuditRecord]:
    with Session(engine) as s:
        return list(s.exec(select(AuditRecord).where(AuditRecord.entity == entity)
                           .order_by(AuditRecord.id)).all())


def _count(engine: Engine) -> int:
    with Session(engine) as s:
        return s.exec(select(func.count()).select_from(AuditRecord)).one()


def test_a_corrected_figure_records_who_and_both_values(engine: Engine, plan) -> None:
    plan_id, ind_id = plan
    record_actual(engine, ind_id, date(2026, 3, 1), "27,5", actor=who("Mette"), on=ON)
    record_actual(engine, ind_id, date(2026, 3, 1), "26,9", actor=who("Jonas"), on=ON)
    created, corrected = _records(engine, "measurement")
    assert (created.action, created.actor, created.plan_id) == ("create", "Mette", plan_id)
    assert json.loads(created.new_values)["value"] == 27.5
    assert (corrected.action, corrected.actor) == ("update", "Jonas")
    assert json.loads(corrected.old_values)["value"] == 27.5
    assert json.loads(corrected.new_values)["value"] == 26.9
    assert "value: 27.5 → 26.9" in describe_change(corrected.old_values, corrected.new_values)


def test_a_moved_card_records_the_statuses(engine: Engine, plan) -> None:
    plan_id, _ = plan
    a = create_action(engine, plan_id, ActionInput("Ring op", "Kim", ON + timedelta(days=7)),
                      actor=who("Ole"), on=ON)
    move_action(engine, a.id, "started", a.version, actor=who("Kim"))
    last = _records(engine, "action")[-1]
    assert (last.action, last.actor, last.plan_id) == ("update", "Kim", plan_id)
    assert json.loads(last.old_values)["status"] == "decided"
    assert json.loads(last.new_values)["status"] == "started"


def test_a_failing_write_leaves_neither_change_nor_audit_record(engine: Engine, plan) -> None:
    plan_id, _ = plan
    a = create_action(engine, plan_id, ActionInput("Ring op", "Kim", ON + timedelta(days=7)),
                      actor=SYSTEM, on=ON)
    b = create_action(engine, plan_id, ActionInput("Skriv", "Kim", ON + timedelta(days=7)),
                      actor=SYSTEM, on=ON)
    before = _count(engine)
    good = ActionChange(a.id, a.version, ActionInput("Ring op nu", "Kim", a.deadline),
                        "started")  # written (and audited) first ...
    bad = ActionChange(b.id, b.version, ActionInput("Skriv", "Kim", a.deadline),
                       "evaluated")  # ... then refused: two steps at once
    with pytest.raises(ActionBatchError):
        update_actions(engine, [good, bad], actor=who("Ole"))
    assert _count(engine) == before
    with Session(engine) as s:
        stored = s.get(Action, a.id)
    assert (stored.title, stored.status, stored.version) == ("Ring op", "decided", 1)


def test_a_write_without_an_actor_is_refused_and_leaves_nothing(engine: Engine, plan) -> None:
    plan_id, _ = plan
    before = _count(engine)
    with Session(engine) as s, pytest.raises(UnauditedWriteError):
        s.add(Idea(plan_id=plan_id, text="Sneget ind"))
        s.commit()
    with Session(engine) as s:
        assert s.exec(select(Idea).where(Idea.text == "Sneget ind")).first() is None
    assert _count(engine) == before


def test_a_stale_edit_is_refused_and_names_the_other_change(engine: Engine, plan) -> None:
    plan_id, ind_id = plan
    idea = add_idea(engine, plan_id, "Ring til borgere", actor=who("Ole"))
    seen = idea.version  # both screens show version 1
    score_idea(engine, idea.id, effect=4, actor=who("Kim"), expected_version=seen)
    with pytest.raises(StaleError) as stale:
        edit_idea(engine, idea.id, "Skriv til borgere", actor=who("Ole"), expected_version=seen)
    assert "ændret af Kim" in stale.value.message()
    assert stale.value.current.effect == 4
    with Session(engine) as s:
        assert s.get(Idea, idea.id).text == "Ring til borgere"  # Kim's version stands

    p = update_plan(engine, plan_id, PlanInput("KSD 2", date(2025, 1, 1), date(2027, 12, 1)),
                    actor=who("Lis"), expected_version=1)
    with pytest.raises(StaleError) as stale:
        update_plan(engine, plan_id, PlanInput("KSD 3", date(2025, 1, 1), date(2027, 12, 1)),
                    actor=who("Ole"), expected_version=1)
    assert "ændret af Lis" in stale.value.message() and p.version == 2

    record_actual(engine, ind_id, date(2026, 3, 1), "27", actor=who("Mette"), on=ON,
                  seen_version=0)
    with pytest.raises(StaleError) as stale:  # Jonas saw the month empty
        record_actual(engine, ind_id, date(2026, 3, 1), "25", actor=who("Jonas"), on=ON,
                      seen_version=0)
    assert "ændret af Mette" in stale.value.message()


def test_plan_history_filters_and_exports(engine: Engine, plan) -> None:
    plan_id, ind_id = plan
    record_actual(engine, ind_id, date(2026, 3, 1), "27", actor=who("Mette"), on=ON)
    add_idea(engine, plan_id, "<script>alert(1)</script>", actor=who("Ole"))
    everything = plan_history(engine, plan_id)
    assert {"plan", "indicator", "measurement", "idea"} <= set(everything["entity"])
    figures = plan_history(engine, plan_id, HistoryFilter(entity="measurement"))
    assert figures["actor"].tolist() == ["Mette"]
    assert plan_history(engine, plan_id, HistoryFilter(actor="Ole"))["entity"].tolist() \
        == ["idea"]
    assert plan_history(engine, plan_id, HistoryFilter(until=date(2000, 1, 1))).empty
    book = load_workbook(io.BytesIO(history_workbook(everything)))
    sheet = book["Historik"]
    assert [c.value for c in sheet[1]] == ["Tidspunkt", "Hvem", "Hvad", "Id", "Handling",
                                           "Ændring"]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert len(rows) == len(everything)
    assert any(r[1] == "Ole" and r[2] == "Ide" and "<script>" in r[5] for r in rows)
