"""Accounts and memberships through the services, on DuckDB and PostgreSQL: only an
administrator may change them, each change is audited (never the password hash), stale
edits are refused, accounts are deactivated and never deleted."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from tests.support.accounts import TEST_ACTOR, ensure_account
from tracking.auth import Actor, PermissionDenied, Role, role_in_plan
from tracking.auth.guard import bind
from tracking.auth.signin import sign_in
from tracking.board_rules import StaleError
from tracking.errors import NotFoundError, ValidationError
from tracking.models import AuditRecord, Membership, Plan, UserAccount
from tracking.readmodel.users import list_members, list_users
from tracking.services.users import (
    create_user,
    deactivate_user,
    reactivate_user,
    set_membership,
    set_password,
    update_user,
)


def _plan(engine: Engine, name: str = "KSD") -> int:
    with Session(engine) as s:
        bind(s, TEST_ACTOR)
        plan = Plan(name=name, start_month=date(2026, 1, 1), end_month=date(2027, 12, 1))
        s.add(plan)
        s.commit()
        return plan.id


@pytest.fixture
def admin(engine: Engine) -> Actor:
    ensure_account(engine, "chef@fjordby.example", "Chef", "chefens-kode-1", is_admin=True)
    return sign_in(engine, "chef@fjordby.example", "chefens-kode-1")[0]


@pytest.fixture
def member(engine: Engine) -> Actor:
    ensure_account(engine, "pia@fjordby.example", "Pia Andersen", "pias-kode-123")
    return sign_in(engine, "pia@fjordby.example", "pias-kode-123")[0]


def _records(engine: Engine, entity: str) -> list[AuditRecord]:
    with Session(engine) as s:
        return list(s.exec(select(AuditRecord).where(AuditRecord.entity == entity)
                           .order_by(AuditRecord.id)).all())


def test_admin_creates_an_account_and_the_trail_has_no_hash(engine: Engine, admin) -> None:
    row = create_user(engine, " Jonas@Fjordby.example ", " Jonas Holm ", actor=admin,
                      password="jonas-kode-123")
    assert (row.email, row.name, row.is_admin, row.active, row.has_password) == \
        ("jonas@fjordby.example", "Jonas Holm", False, True, True)
    created = [r for r in _records(engine, "user_account") if r.entity_id == str(row.id)]
    assert [r.action for r in created] == ["create", "password_set"]
    assert all(r.actor == "Chef" and r.user_id == admin.user_id for r in created)
    assert '"email": "jonas@fjordby.example"' in created[0].new_values
    assert "password" not in created[0].new_values and "argon2" not in created[1].new_values
    assert sign_in(engine, "jonas@fjordby.example", "jonas-kode-123")[0].user_id == row.id


@pytest.mark.parametrize(("email", "name", "password", "code", "field"), [
    ("", "Navn", None, "error.email_required", "email"),
    ("ikke-en-mail", "Navn", None, "error.email_invalid", "email"),
    ("a@b.example", "  ", None, "error.user_name_required", "name"),
    ("a@b.example", "Navn", "kort", "error.password_too_short", "password"),
    ("CHEF@fjordby.example", "Navn", None, "error.email_taken", "email"),
])
def test_bad_input_is_refused_and_nothing_is_written(engine: Engine, admin, email, name,
                                                     password, code, field) -> None:
    before = len(list_users(engine))
    with pytest.raises(ValidationError) as exc:
        create_user(engine, email, name, actor=admin, password=password)
    assert (exc.value.code, exc.value.field) == (code, field)
    assert exc.value.message() != code  # a Danish sentence, not the key
    assert len(list_users(engine)) == before


def test_only_admins_manage_users(engine: Engine, admin, member) -> None:
    plan_id = _plan(engine)
    set_membership(engine, plan_id, member.user_id, "facilitator", actor=admin)
    audit_before = len(_records(engine, "user_account"))
    attempts = [
        lambda: create_user(engine, "x@fjordby.example", "X", actor=member),
        lambda: update_user(engine, member.user_id, actor=member, expected_version=1,
                            name="Pia", email="pia@fjordby.example", is_admin=True),
        lambda: set_password(engine, admin.user_id, "overtaget-123", actor=member),
        lambda: deactivate_user(engine, admin.user_id, actor=member),
        lambda: reactivate_user(engine, admin.user_id, actor=member),
        lambda: set_membership(engine, plan_id, member.user_id, "viewer", actor=member),
    ]
    for attempt in attempts:
        with pytest.raises(PermissionDenied) as exc:
            attempt()
        assert exc.value.code in ("error.admin_only", "error.needs_manage_users")
    assert len(_records(engine, "user_account")) == audit_before
    anonymous = Actor(name="Ingen")
    with pytest.raises(PermissionDenied) as exc:
        create_user(engine, "x@fjordby.example", "X", actor=anonymous)
    assert exc.value.code == "error.not_signed_in"


def test_update_refuses_a_stale_version_and_names_who_changed_it(engine: Engine,
                                                                  admin) -> None:
    row = create_user(engine, "lars@fjordby.example", "Lars Kjær", actor=admin)
    first = update_user(engine, row.id, actor=admin, expected_version=row.version,
                        name="Lars K. Kjær", email=row.email, is_admin=False)
    assert first.version == row.version + 1
    with pytest.raises(StaleError) as exc:
        update_user(engine, row.id, actor=TEST_ACTOR, expected_version=row.version,
                    name="Lars Kjær (gammel)", email=row.email, is_admin=True)
    assert exc.value.current.name == "Lars K. Kjær"
    assert exc.value.message().startswith("Kontoen »Lars K. Kjær« er ændret af Chef ")
    with Session(engine) as s:
        assert s.get(UserAccount, row.id).name == "Lars K. Kjær"
    updates = [r for r in _records(engine, "user_account") if r.action == "update"]
    assert len(updates) == 1 and '"name": "Lars Kjær"' in updates[0].old_values


def test_the_last_admin_cannot_be_removed_or_deactivate_themselves(engine: Engine,
                                                                    admin) -> None:
    with Session(engine) as s:
        version = s.get(UserAccount, admin.user_id).version
    with pytest.raises(ValidationError) as exc:
        update_user(engine, admin.user_id, actor=TEST_ACTOR, expected_version=version,
                    name="Chef", email="chef@fjordby.example", is_admin=False)
    assert exc.value.code == "error.last_admin"
    with pytest.raises(ValidationError) as exc:
        deactivate_user(engine, admin.user_id, actor=admin)
    assert exc.value.code == "error.cannot_deactivate_self"
    with pytest.raises(ValidationError) as exc:
        deactivate_user(engine, admin.user_id, actor=TEST_ACTOR)
    assert exc.value.code == "error.last_admin"


def test_deactivate_keeps_the_account(engine: Engine, admin, member) -> None:
    deactivate_user(engine, member.user_id, actor=admin)
    rows = {r.id: r for r in list_users(engine)}
    assert not rows[member.user_id].active
    assert [r.id for r in list_users(engine, include_inactive=False)] == [admin.user_id]
    assert reactivate_user(engine, member.user_id, actor=admin).active
    actions = [r.action for r in _records(engine, "user_account")
               if r.entity_id == str(member.user_id)]
    assert actions[-2:] == ["update", "update"]


def test_own_password_needs_the_current_one(engine: Engine, member) -> None:
    with pytest.raises(ValidationError) as exc:
        set_password(engine, member.user_id, "ny-pia-kode-1", actor=member,
                     old_password="gættet-kode-1")
    assert (exc.value.code, exc.value.field) == ("error.old_password_wrong", "old_password")
    with pytest.raises(ValidationError) as exc:
        set_password(engine, member.user_id, "kort", actor=member, old_password="pias-kode-123")
    assert exc.value.field == "new_password"
    set_password(engine, member.user_id, "ny-pia-kode-1", actor=member,
                 old_password="pias-kode-123")
    assert sign_in(engine, "pia@fjordby.example", "ny-pia-kode-1")[0].user_id == member.user_id
    changes = [r for r in _records(engine, "user_account") if r.action == "password_set"]
    assert [(r.actor, r.new_values) for r in changes][-1] == \
        ("Pia Andersen", '{"by_admin": false}')


def test_memberships_are_added_changed_and_ended(engine: Engine, admin, member) -> None:
    plan_id = _plan(engine)
    other = _plan(engine, "RPA")
    row = set_membership(engine, plan_id, member.user_id, Role.MEMBER, actor=admin)
    assert row is not None and row.role is Role.MEMBER
    set_membership(engine, plan_id, member.user_id, "owner", actor=admin)
    set_membership(engine, other, admin.user_id, "viewer", actor=admin)
    assert [(m.name, m.role) for m in list_members(engine, plan_id)] == \
        [("Pia Andersen", Role.OWNER)]
    with Session(engine) as s:
        assert role_in_plan(s, member.user_id, plan_id) is Role.OWNER
    assert set_membership(engine, plan_id, member.user_id, None, actor=admin) is None
    assert list_members(engine, plan_id) == []
    with Session(engine) as s:
        assert role_in_plan(s, member.user_id, plan_id) is None
        assert len(s.exec(select(Membership)).all()) == 2  # ended, not deleted
    set_membership(engine, plan_id, member.user_id, "facilitator", actor=admin)
    assert list_members(engine, plan_id)[0].role is Role.FACILITATOR
    trail = [(r.action, r.plan_id) for r in _records(engine, "membership")]
    assert trail == [("create", plan_id), ("update", plan_id), ("create", other),
                     ("update", plan_id), ("update", plan_id)]


def test_membership_refusals(engine: Engine, admin, member) -> None:
    plan_id = _plan(engine)
    with pytest.raises(ValidationError) as exc:
        set_membership(engine, plan_id, member.user_id, "chef", actor=admin)
    assert exc.value.message() == ("Ukendt rolle »chef« (brug viewer, member, owner eller "
                                   "facilitator).")
    with pytest.raises(NotFoundError):
        set_membership(engine, 999, member.user_id, "member", actor=admin)
    with pytest.raises(NotFoundError):
        set_membership(engine, plan_id, 999, "member", actor=admin)
    deactivate_user(engine, member.user_id, actor=admin)
    with pytest.raises(ValidationError) as exc:
        set_membership(engine, plan_id, member.user_id, "member", actor=admin)
    assert exc.value.code == "error.user_inactive"
    assert _records(engine, "membership") == []


def test_demo_people_have_roles_own_their_indicators_and_no_password(demo_engine: Engine
                                                                     ) -> None:
    from tracking.models import Indicator
    users = {u.email: u for u in list_users(demo_engine)}
    # Everyone named on the demo's cards has an account (11), Birgitte Lund is the director.
    assert len(users) == 11 and not any(u.has_password or u.is_admin for u in users.values())
    assert [u.name for u in users.values() if u.is_director] == ["Birgitte Lund"]
    with Session(demo_engine) as s:
        ksd = s.exec(select(Plan).where(Plan.name.startswith("KSD"))).one()
        owners = {i.name: i.owner_user_id for i in s.exec(
            select(Indicator).where(Indicator.plan_id == ksd.id))}
    roles = {m.name: m.role.value for m in list_members(demo_engine, ksd.id)}
    assert roles == {"Camilla Berg": "facilitator", "Mette Sørensen": "owner",
                     "Jonas Holm": "owner", "Ahmed Rasmussen": "member",
                     "Sara Nielsen": "member", "Ahmed Rashid": "member",
                     "Birgitte Lund": "viewer"}
    mette = users["mette.sorensen@fjordby.example"].id
    assert owners == {"Andel ansøgninger via selvbetjening": mette,
                      "Sagsbehandlingstid (dage)": users["jonas.holm@fjordby.example"].id,
                      "Frigjorte årsværk": mette}
