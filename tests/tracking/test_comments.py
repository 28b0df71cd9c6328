"""Comment threads: who writes and edits, versions, the audit trail, refused input, and
the minutes of the meeting during which a comment was written. Both engines."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from tests.conftest import TODAY
from tests.support.actors import SYSTEM
from tracking.auth import Actor, PermissionDenied, bind
from tracking.errors import NotFoundError, ValidationError
from tracking.minutes import from_json, minutes_sections, to_json
from tracking.models import AuditRecord, Membership, UserAccount
from tracking.readmodel.comments import list_comments
from tracking.services.actions import ActionInput, create_action
from tracking.services.comments import add_comment, archive_comment, edit_comment
from tracking.services.ideas import add_idea
from tracking.services.meetings import close_meeting, start_meeting
from tracking.services.plans import IndicatorInput, PlanInput, create_indicator, create_plan
from tracking.services.tree import NodeInput, add_node


@pytest.fixture
def world(engine: Engine) -> dict:
    plan = create_plan(engine, PlanInput("KSD", date(2025, 1, 1), date(2027, 12, 1)),
                       actor=SYSTEM)
    people = {}
    with Session(engine) as s:
        bind(s, SYSTEM)
        for name in ("member", "other", "viewer", "facilitator"):
            user = UserAccount(email=f"{name}@fjordby.dk", name=name.title())
            s.add(user)
            s.flush()
            s.add(Membership(plan_id=plan.id, user_id=user.id,
                             role="member" if name == "other" else name))
            people[name] = Actor(name=user.name, user_id=user.id, email=user.email)
        s.commit()
    ind = create_indicator(engine, plan.id, IndicatorInput(
        "Selvbetjening", "pct", "higher", 35, date(2024, 12, 1), 85, date(2025, 1, 1),
        date(2026, 6, 1)), SYSTEM)
    idea = add_idea(engine, plan.id, "Ring til borgere", actor=SYSTEM)
    action = create_action(engine, plan.id, ActionInput("Ring op", "Mette",
                                                        TODAY + timedelta(days=14), 1),
                           actor=SYSTEM, on=TODAY)
    benefit = add_node(engine, plan.id, NodeInput("benefit", "Sparet tid",
                                                  benefit_type="economic"), SYSTEM)
    return {"plan": plan.id, "people": people, "indicator": ind.id, "idea": idea.id,
            "action": action.id, "benefit": benefit.id}


def test_a_thread_on_each_kind_and_who_may_write(engine: Engine, world: dict) -> None:
    member = world["people"]["member"]
    for target in ("idea", "action", "indicator", "benefit"):
        add_comment(engine, target, world[target], f"Om {target}\nanden linje", member)
        thread = list_comments(engine, target, world[target])
        assert [(c.text, c.author) for c in thread] == [(f"Om {target}\nanden linje",
                                                         "Member")]
    with pytest.raises(PermissionDenied):
        add_comment(engine, "idea", world["idea"], "Må ikke", world["people"]["viewer"])
    with pytest.raises(PermissionDenied):
        add_comment(engine, "idea", world["idea"], "Ingen", None)
    with pytest.raises(NotFoundError):  # a change node is not a benefit
        add_comment(engine, "benefit", world["indicator"] + 999, "x", member)


@pytest.mark.parametrize("text,code", [("   ", "error.comment_empty"),
                                       ("x" * 2001, "error.comment_too_long"),
                                       ("bip\x07", "error.control_chars")])
def test_bad_text_is_refused(engine: Engine, world: dict, text: str, code: str) -> None:
    with pytest.raises(ValidationError) as refused:
        add_comment(engine, "idea", world["idea"], text, world["people"]["member"])
    assert refused.value.code == code and refused.value.field == "text"
    assert list_comments(engine, "idea", world["idea"]) == []
    with pytest.raises(ValidationError):
        add_comment(engine, "plan", world["plan"], "x", world["people"]["member"])


def test_edit_by_author_or_facilitator_with_version_and_audit(engine: Engine,
                                                               world: dict) -> None:
    p = world["people"]
    c = add_comment(engine, "action", world["action"], "Første udgave", p["member"])
    with pytest.raises(PermissionDenied) as not_author:
        edit_comment(engine, c.id, "Ændret af en anden", p["other"], expected_version=1)
    assert "Member" in not_author.value.message("da")
    edited = edit_comment(engine, c.id, "Anden udgave", p["member"], expected_version=1)
    assert (edited.version, edited.text) == (2, "Anden udgave") and edited.edited_at
    with pytest.raises(ValidationError) as stale:
        edit_comment(engine, c.id, "Tredje", p["facilitator"], expected_version=1)
    assert stale.value.code == "error.comment_stale"
    edit_comment(engine, c.id, "Tredje", p["facilitator"], expected_version=2)
    archive_comment(engine, c.id, p["member"], expected_version=3)
    assert list_comments(engine, "action", world["action"]) == []
    with Session(engine) as s:
        trail = s.exec(select(AuditRecord).where(AuditRecord.entity == "comment")
                       .order_by(AuditRecord.id)).all()
    assert [(a.action, a.actor) for a in trail] == [
        ("create", "Member"), ("update", "Member"), ("update", "Facilitator"),
        ("update", "Member")]
    assert '"text": "Første udgave"' in trail[1].old_values  # the earlier text is kept


def test_the_minutes_list_comments_written_during_the_meeting(engine: Engine,
                                                              world: dict) -> None:
    p = world["people"]
    add_comment(engine, "idea", world["idea"], "Skrevet før mødet", p["member"])
    meeting = start_meeting(engine, world["plan"], ["Member"], actor=p["facilitator"])
    add_comment(engine, "idea", world["idea"], "Godt forslag, prøv i uge 50", p["member"])
    add_comment(engine, "indicator", world["indicator"], "Tallet for okt. er foreløbigt",
                p["other"])
    minutes = close_meeting(engine, meeting.id, p["facilitator"], on=TODAY)
    assert [(c.target, c.about, c.text) for c in minutes.comments] == [
        ("idea", "Ring til borgere", "Godt forslag, prøv i uge 50"),
        ("indicator", "Selvbetjening", "Tallet for okt. er foreløbigt")]
    again = from_json(to_json(minutes))
    sections = dict(minutes_sections(again, "da"))
    assert sections["Kommentarer skrevet på mødet"] == [
        "Idé »Ring til borgere«: Godt forslag, prøv i uge 50 (Member)",
        "Indikator »Selvbetjening«: Tallet for okt. er foreløbigt (Other)"]
    # Minutes written before comments existed read as before.
    old = to_json(minutes).replace('"comments"', '"ignored"')
    assert from_json(old).comments == []
