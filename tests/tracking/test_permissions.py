"""Roles checked in the services: every role against every write service.

Each write is tried by every kind of person; a refused write must leave the database
exactly as it was (no change, no audit record), an allowed one must go through.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from sqlalchemy import Engine, func
from sqlmodel import Session, select

from tests.support.actors import SYSTEM
from tracking.auth import Actor, PermissionDenied, bind
from tracking.models import AuditRecord, Membership, UserAccount
from tracking.services.actions import (
    ActionInput,
    create_action,
    move_action,
    promote_idea,
    set_action_archived,
    update_action,
)
from tracking.services.ideas import (
    add_idea,
    edit_idea,
    park_idea,
    score_idea,
    set_board_settings,
)
from tracking.services.measurements import FigureInput, record_actual, record_actuals
from tracking.services.meetings import add_participant, create_kiosk_link, start_meeting
from tracking.services.plans import (
    IndicatorInput,
    PlanInput,
    create_indicator,
    create_plan,
    set_plan_archived,
    update_indicator,
    update_plan,
)
from tracking.services.themes import ThemeInput, save_theme
from tracking.services.tree import NodeInput, add_node
from tracking.themes import THEME_KEYS

ON = date(2026, 11, 23)
PERSONS = ("stranger", "viewer", "member", "owner", "other_owner", "facilitator", "admin")


@dataclass
class World:
    plan_id: int
    owned: int  # indicator owned by "owner"
    other: int  # indicator owned by "other_owner"
    idea_id: int
    action_id: int
    actors: dict[str, Actor]


def _indicator(name: str, owner: int) -> IndicatorInput:
    return IndicatorInput(name, "pct", "higher", 35, date(2024, 12, 1), 85, date(2025, 1, 1),
                          date(2026, 6, 1), owner_user_id=owner)


def _people(engine: Engine, plan_id: int) -> dict[str, Actor]:
    roles = {"viewer": "viewer", "member": "member", "owner": "owner",
             "other_owner": "owner", "facilitator": "facilitator"}
    actors = {}
    with Session(engine) as s:
        bind(s, SYSTEM)
        for name in PERSONS:
            user = UserAccount(email=f"{name}@fjordby.dk", name=name.title(),
                               is_admin=name == "admin")
            s.add(user)
            s.flush()
            if name in roles:
                s.add(Membership(plan_id=plan_id, user_id=user.id, role=roles[name]))
            actors[name] = Actor(name=user.name, user_id=user.id, email=user.email)
        s.commit()
    return actors


@pytest.fixture
def world(engine: Engine) -> World:
    plan = create_plan(engine, PlanInput("KSD", date(2025, 1, 1), date(2027, 12, 1)),
                       actor=SYSTEM)
    actors = _people(engine, plan.id)
    owned = create_indicator(engine, plan.id, _indicator("Selvbetjening",
                                                         actors["owner"].user_id), SYSTEM)
    other = create_indicator(engine, plan.id, _indicator("Digital post",
                                                         actors["other_owner"].user_id), SYSTEM)
    idea = add_idea(engine, plan.id, "Ring til borgere", actor=SYSTEM)
    score_idea(engine, idea.id, effect=4, resources=1, actor=SYSTEM)
    action = create_action(engine, plan.id, ActionInput("Ring op", "Mette",
                                                        ON + timedelta(days=14), 1),
                           actor=SYSTEM, on=ON)
    return World(plan.id, owned.id, other.id, idea.id, action.id, actors)


Write = Callable[[Engine, World, Actor], object]
# (name, the write, who may do it)
BOARD = {"member", "owner", "other_owner", "facilitator", "admin"}
PLAN = {"facilitator", "admin"}
WRITES: list[tuple[str, Write, set[str]]] = [
    ("add_idea", lambda e, w, a: add_idea(e, w.plan_id, "Ny idé", actor=a), BOARD),
    ("edit_idea", lambda e, w, a: edit_idea(e, w.idea_id, "Ændret", actor=a), BOARD),
    ("score_idea", lambda e, w, a: score_idea(e, w.idea_id, effect=2, actor=a), BOARD),
    ("park_idea", lambda e, w, a: park_idea(e, w.idea_id, "senere", actor=a), BOARD),
    ("promote_idea", lambda e, w, a: promote_idea(e, w.idea_id, "Kim", ON + timedelta(days=7),
                                                  actor=a, on=ON), BOARD),
    ("create_action", lambda e, w, a: create_action(
        e, w.plan_id, ActionInput("Skriv brev", "Kim", ON + timedelta(days=7)), actor=a,
        on=ON), BOARD),
    ("move_action", lambda e, w, a: move_action(e, w.action_id, "started", 1, actor=a), BOARD),
    ("update_action", lambda e, w, a: update_action(
        e, w.action_id, 1, ActionInput("Ring op", "Kim", ON + timedelta(days=9)), actor=a),
     BOARD),
    ("archive_action", lambda e, w, a: set_action_archived(e, w.action_id, True, 1, actor=a),
     BOARD),
    ("record_own_figure", lambda e, w, a: record_actual(
        e, w.owned, date(2026, 10, 1), "50", actor=a, on=ON), {"owner", "facilitator", "admin"}),
    ("record_others_figure", lambda e, w, a: record_actual(
        e, w.other, date(2026, 10, 1), "50", actor=a, on=ON),
     {"other_owner", "facilitator", "admin"}),
    ("record_figures", lambda e, w, a: record_actuals(
        e, [FigureInput(w.owned, date(2026, 9, 1), "40")], actor=a, on=ON),
     {"owner", "facilitator", "admin"}),
    ("board_settings", lambda e, w, a: set_board_settings(e, w.plan_id, 3, 3, 8, actor=a), PLAN),
    ("update_plan", lambda e, w, a: update_plan(
        e, w.plan_id, PlanInput("KSD 2", date(2025, 1, 1), date(2027, 12, 1)), actor=a), PLAN),
    ("archive_plan", lambda e, w, a: set_plan_archived(e, w.plan_id, True, actor=a), PLAN),
    ("create_indicator", lambda e, w, a: create_indicator(
        e, w.plan_id, _indicator("Ny", w.actors["owner"].user_id), actor=a), PLAN),
    ("update_indicator", lambda e, w, a: update_indicator(
        e, w.owned, _indicator("Selvbetjening 2", w.actors["owner"].user_id), actor=a), PLAN),
    ("add_tree_node", lambda e, w, a: add_node(e, w.plan_id, NodeInput("goal", "Mål"), a), PLAN),
    ("save_theme", lambda e, w, a: save_theme(e, w.plan_id, THEME_KEYS[0], ThemeInput(), a), PLAN),
    ("start_meeting", lambda e, w, a: start_meeting(e, w.plan_id, ["Mette"], actor=a), PLAN),
    ("kiosk_link", lambda e, w, a: create_kiosk_link(e, w.plan_id, "TV", actor=a), PLAN),
    ("add_participant", lambda e, w, a: add_participant(e, w.plan_id, "Lis", actor=a), PLAN),
    ("create_plan", lambda e, w, a: create_plan(
        e, PlanInput("Ny plan", date(2026, 1, 1), date(2026, 12, 1)), actor=a), {"admin"}),
]


def _audit_count(engine: Engine) -> int:
    with Session(engine) as s:
        return s.exec(select(func.count()).select_from(AuditRecord)).one()


@pytest.mark.parametrize("name,write,allowed", WRITES, ids=[w[0] for w in WRITES])
def test_every_role_against_every_write(engine: Engine, world: World, name: str,
                                        write: Write, allowed: set[str]) -> None:
    for person in (p for p in PERSONS if p not in allowed):
        before = _audit_count(engine)
        with pytest.raises(PermissionDenied) as refused:
            write(engine, world, world.actors[person])
        assert refused.value.message(), person
        assert _audit_count(engine) == before, f"{person}: refused {name} left a record"
    # Then one allowed write (the least privileged): the first may change what later see.
    person = next(p for p in PERSONS if p in allowed)
    actor, before = world.actors[person], _audit_count(engine)
    write(engine, world, actor)
    assert _audit_count(engine) > before, f"{person}: {name} wrote no audit record"
    with Session(engine) as s:
        last = s.exec(select(AuditRecord).order_by(AuditRecord.id.desc())).first()
    assert (last.user_id, last.actor) == (actor.user_id, actor.name)


def test_a_refusal_names_what_is_missing(engine: Engine, world: World) -> None:
    with pytest.raises(PermissionDenied) as refused:
        record_actual(engine, world.other, date(2026, 10, 1), "50",
                      actor=world.actors["owner"], on=ON)
    assert refused.value.message() == (
        "Du er ikke gevinstansvarlig for indikatoren »Digital post« i planen »KSD«; kun "
        "dens gevinstansvarlige eller planens facilitator kan indtaste tal.")
    with pytest.raises(PermissionDenied) as refused:
        add_idea(engine, world.plan_id, "Idé", actor=world.actors["viewer"])
    assert "medlem af planen »KSD«" in refused.value.message()
    with pytest.raises(PermissionDenied) as refused:
        add_idea(engine, world.plan_id, "Idé", actor=None)
    assert refused.value.code == "error.not_signed_in"


def test_a_deactivated_account_and_an_ended_membership_write_nothing(
        engine: Engine, world: World) -> None:
    member = world.actors["member"]
    with Session(engine) as s:
        bind(s, SYSTEM)
        m = s.exec(select(Membership).where(Membership.user_id == member.user_id)).one()
        m.archived_at = m.created_at
        s.add(m)
        s.commit()
    with pytest.raises(PermissionDenied):
        add_idea(engine, world.plan_id, "Idé", actor=member)
    facilitator = world.actors["facilitator"]
    with Session(engine) as s:
        bind(s, SYSTEM)
        user = s.get(UserAccount, facilitator.user_id)
        user.archived_at = user.created_at
        s.add(user)
        s.commit()
    with pytest.raises(PermissionDenied) as refused:
        add_idea(engine, world.plan_id, "Idé", actor=facilitator)
    assert refused.value.code == "error.account_inactive"


def test_a_plain_name_is_not_an_actor(engine: Engine, world: World) -> None:
    with pytest.raises(TypeError):
        add_idea(engine, world.plan_id, "Idé", actor="Mette")  # type: ignore[arg-type]
