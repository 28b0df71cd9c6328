"""The sign-in gate and the Brugere page, run in-process by AppTest on a DuckDB file.

AppTest runs the router (app.py) on every run only because no page's url_path equals its
file name (see app.py); these tests would notice if that changed.
"""

from __future__ import annotations

import re
from datetime import date

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select
from streamlit.testing.v1 import AppTest

from tests.support.accounts import (
    ADMIN_EMAIL,
    ADMIN_PASSWORD,
    TEST_ACTOR,
    ensure_account,
    ensure_admin,
    sign_in_apptest,
)
from tracking.auth import Actor
from tracking.auth.guard import bind
from tracking.auth.signin import SessionExpired, resume, sign_in, sign_out
from tracking.config import REPO_ROOT
from tracking.models import Plan
from tracking.readmodel.users import find_user, list_members
from tracking.services.users import deactivate_user

APP = str(REPO_ROOT / "dashboard" / "app.py")


def texts(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [e.value for e in at.error] + \
        [s.value for s in at.success] + [w.value for w in at.warning] + \
        [i.value for i in at.info] + [h.value for h in at.title] + \
        [c.value for c in at.caption] + [h.value for h in at.subheader]
    # What a person reads: escapes removed, and the invisible word joiner that keeps an
    # e-mail from becoming a link (dashboard/components/text.py).
    shown = "\n".join(str(p) for p in parts).replace("**", "").replace("\u2060", "")
    return re.sub(r"\\(.)", r"\1", shown)


def _plan(engine: Engine, name: str) -> int:
    with Session(engine) as s:
        bind(s, TEST_ACTOR)
        plan = Plan(name=name, start_month=date(2026, 1, 1), end_month=date(2027, 12, 1))
        s.add(plan)
        s.commit()
        return plan.id


def _run(at: AppTest) -> AppTest:
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _fill_sign_in(at: AppTest, email: str, password: str) -> AppTest:
    at.text_input(key="signin_email").input(email)
    at.text_input(key="signin_password").input(password)
    _submit(at, "Log ind")
    return _run(at)


def _submit(at: AppTest, label: str) -> None:
    buttons = [b for b in at.button if b.label == label]
    assert buttons, f"no button {label!r}: {[b.label for b in at.button]}"
    buttons[0].click()


@pytest.fixture
def app(app_env: str, duck_engine: Engine) -> tuple[AppTest, Engine]:
    ensure_admin(duck_engine)
    return AppTest.from_file(APP, default_timeout=30), duck_engine


def test_not_signed_in_shows_only_the_sign_in_form(app) -> None:
    at, _ = app
    _run(at)
    assert "Log ind på Gevinsttavlen" in texts(at)
    assert [t.label for t in at.text_input] == ["E-mail", "Adgangskode"]
    assert at.sidebar.selectbox.len == 0  # no navigation, no plan picker before sign-in
    assert "signed_in" not in at.session_state


def test_the_sign_in_page_loads_the_chart_library_while_the_form_is_shown(app) -> None:
    """The landing page's first chart should not wait for Streamlit's chart chunks
    (dashboard/components/preload.py): the form's page imports them."""
    at, _ = app
    _run(at)
    scripts = [h.proto.body for h in at.get("html") if "<script>" in h.proto.body]
    assert any("ArrowVegaLiteChart." in body and "embed." in body for body in scripts)


def test_wrong_password_is_refused_and_the_right_one_signs_in(app) -> None:
    at, _ = app
    _run(at)
    _fill_sign_in(at, ADMIN_EMAIL, "forkert-kode-123")
    assert [e.value for e in at.error] == ["Forkert e-mail eller adgangskode."]
    assert "signed_in" not in at.session_state
    _fill_sign_in(at, ADMIN_EMAIL.upper(), ADMIN_PASSWORD)
    actor = at.session_state["signed_in"]
    assert isinstance(actor, Actor) and actor.email == ADMIN_EMAIL and actor.is_admin
    assert "Log ind på Gevinsttavlen" not in texts(at)
    assert "Logget ind som Test Administrator" in texts(at)
    assert "Log ud" in [b.label for b in at.sidebar.button]
    assert "Dit navn" not in [t.label for t in at.text_input]  # the free-text name is gone


def test_an_ended_session_shows_the_form_with_a_message(app) -> None:
    at, engine = app
    sign_in_apptest(at, engine)
    _run(at)
    assert "Logget ind som" in texts(at)
    token = at.session_state["session_token"]
    sign_out(engine, token)  # e.g. signed out in another tab, or expired
    again = AppTest.from_file(APP, default_timeout=30)
    again.session_state["signed_in"] = at.session_state["signed_in"]
    again.session_state["session_token"] = token
    _run(again)
    assert "Din session er udløbet. Log ind igen." in texts(again)
    assert "Log ind på Gevinsttavlen" in texts(again)
    assert "signed_in" not in again.session_state


def test_the_gate_runs_on_every_click(app) -> None:
    at, engine = app
    sign_in_apptest(at, engine)
    _run(at)
    sign_out(engine, at.session_state["session_token"])
    _run(at)
    assert "Din session er udløbet. Log ind igen." in texts(at)


def test_sign_out_button(app) -> None:
    at, engine = app
    sign_in_apptest(at, engine)
    _run(at)
    token = at.session_state["session_token"]
    next(b for b in at.sidebar.button if b.label == "Log ud").click()
    _run(at)
    assert "Du er logget ud." in texts(at)
    assert "session_token" not in at.session_state
    with pytest.raises(SessionExpired):
        resume(engine, token)


def test_a_deactivated_account_is_signed_out(app) -> None:
    _, engine = app
    ensure_account(engine, "pia@fjordby.example", "Pia Andersen", "pias-kode-123")
    at = AppTest.from_file(APP, default_timeout=30)
    sign_in_apptest(at, engine, "pia@fjordby.example", "pias-kode-123")
    deactivate_user(engine, find_user(engine, "pia@fjordby.example").id, actor=TEST_ACTOR)
    _run(at)
    assert "Din konto er deaktiveret. Kontakt en administrator." in texts(at)
    assert "signed_in" not in at.session_state


def test_an_actor_without_a_session_counts_for_nothing(app) -> None:
    at, _ = app
    at.session_state["signed_in"] = Actor(name="Indsmuglet", user_id=1, is_admin=True)
    _run(at)
    assert "Log ind på Gevinsttavlen" in texts(at)
    assert "signed_in" not in at.session_state


def test_a_member_sees_their_role_in_the_sidebar(app) -> None:
    at, engine = app
    plan_id = _plan(engine, "KSD – sygedagpenge")
    ensure_account(engine, "jonas@fjordby.example", "Jonas Holm", "jonas-kode-123")
    from tracking.services.users import set_membership
    set_membership(engine, plan_id, find_user(engine, "jonas@fjordby.example").id, "owner",
                   actor=TEST_ACTOR)
    sign_in_apptest(at, engine, "jonas@fjordby.example", "jonas-kode-123")
    _run(at)
    assert "Rolle i planen: Gevinstansvarlig" in texts(at)


def _users_page(at: AppTest, engine: Engine) -> AppTest:
    sign_in_apptest(at, engine)
    _run(at)
    at.switch_page("pages/users.py")
    return _run(at)


def test_brugere_creates_an_account_and_refuses_bad_input(app) -> None:
    at, engine = _users_page(*app), app[1]
    assert "Brugere" in texts(at)
    at.text_input(key="users_new_name").input("Camilla Berg")
    at.text_input(key="users_new_email").input("ikke-en-mail")
    _submit(at, "Opret konto")
    _run(at)
    assert "»ikke-en-mail« er ikke en e-mailadresse (mangler @?)." in texts(at)
    at.text_input(key="users_new_email").input("camilla@fjordby.example")
    at.text_input(key="users_new_pw").input("camillas-kode-1")
    _submit(at, "Opret konto")
    _run(at)
    assert "Kontoen til Camilla Berg er oprettet." in texts(at)
    assert sign_in(engine, "camilla@fjordby.example", "camillas-kode-1")[0].name == \
        "Camilla Berg"


def test_brugere_refuses_lookalike_emails_and_empty_looking_names(app) -> None:
    at = _users_page(*app)
    at.text_input(key="users_new_name").input("\u200b\u200b")
    at.text_input(key="users_new_email").input("m\u0435tte@fjordby.example")  # Cyrillic e
    _submit(at, "Opret konto")
    _run(at)
    assert "ligner latinske" in texts(at)
    at.text_input(key="users_new_email").input("mette@fjordby.example")
    _submit(at, "Opret konto")
    _run(at)
    assert "Skriv personens navn." in texts(at)


def test_brugere_sets_roles_resets_passwords_and_deactivates(app) -> None:
    at, engine = app
    plan_id = _plan(engine, "KSD – sygedagpenge")
    pia = ensure_account(engine, "pia@fjordby.example", "Pia Andersen", "pias-kode-123")
    _users_page(at, engine)
    # Roles in plans
    at.selectbox(key=f"users_person_{plan_id}").set_value(pia.id)
    at.selectbox(key=f"users_role_{plan_id}").set_value("facilitator")
    _submit(at, "Gem rolle")
    _run(at)
    assert "Pia Andersen er nu Facilitator i planen." in texts(at)
    assert [(m.name, m.role.value) for m in list_members(engine, plan_id)] == \
        [("Pia Andersen", "facilitator")]
    # A new password for Pia
    at.selectbox(key="users_pick").set_value(pia.id)
    _run(at)
    at.text_input(key=f"user_new_pw_{pia.id}").input("kort")
    _submit(at, "Sæt ny adgangskode")
    _run(at)
    assert "Adgangskoden skal være mindst 10 tegn lang." in texts(at)
    at.text_input(key=f"user_new_pw_{pia.id}").input("pias-nye-kode-1")
    _submit(at, "Sæt ny adgangskode")
    _run(at)
    assert "Ny adgangskode sat for Pia Andersen" in texts(at)
    sign_in(engine, "pia@fjordby.example", "pias-nye-kode-1")
    # Deactivate and reactivate
    _submit(at, "Deaktivér konto")
    _run(at)
    assert "Pia Andersen er deaktiveret og kan ikke længere logge ind." in texts(at)
    assert not find_user(engine, "pia@fjordby.example").active
    _submit(at, "Genaktivér konto")
    _run(at)
    assert find_user(engine, "pia@fjordby.example").active


def test_brugere_refuses_a_stale_edit_and_shows_the_other_change(app) -> None:
    at, engine = app
    pia = ensure_account(engine, "pia@fjordby.example", "Pia Andersen", "pias-kode-123")
    _users_page(at, engine)
    at.selectbox(key="users_pick").set_value(pia.id)
    _run(at)  # the form is open with version 1
    from tracking.services.users import update_user
    update_user(engine, pia.id, actor=TEST_ACTOR, expected_version=pia.version,
                name="Pia Holm", email=pia.email, is_admin=False)
    at.text_input(key=f"user_name_{pia.id}").input("Pia A. Andersen")
    _submit(at, "Gem ændringer")
    _run(at)
    assert "Kontoen »Pia Holm« er ændret af test" in texts(at)
    assert find_user(engine, "pia@fjordby.example").name == "Pia Holm"
    assert at.text_input(key=f"user_name_{pia.id}").value == "Pia Holm"


def test_brugere_is_not_offered_to_others(app) -> None:
    at, engine = app
    ensure_account(engine, "pia@fjordby.example", "Pia Andersen", "pias-kode-123")
    sign_in_apptest(at, engine, "pia@fjordby.example", "pias-kode-123")
    _run(at)
    assert "Logget ind som Pia Andersen" in texts(at)
    with pytest.raises(ValueError):  # not in this person's navigation
        at.switch_page("pages/users.py")


AUTH = {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "test-secret",
        "client_id": "client", "client_secret": "secret",
        "server_metadata_url": "https://login.example/tenant/v2.0/.well-known/openid-configuration"}


def test_oidc_configured_offers_the_organisation_login(app) -> None:
    at, _ = app
    at.secrets["auth"] = AUTH
    _run(at)
    labels = [b.label for b in at.button]
    assert "Log ind med Microsoft/din organisation" in labels and "Log ind" in labels


def test_oidc_signs_in_the_account_with_that_email(app) -> None:
    at, engine = app
    ensure_account(engine, "mette@fjordby.example", "Mette Sørensen")  # no password
    at.secrets["auth"] = AUTH
    at.user = {"is_logged_in": True, "email": "Mette@Fjordby.example", "name": "Mette S."}
    _run(at)
    assert at.session_state["signed_in"].email == "mette@fjordby.example"
    assert "Logget ind som Mette Sørensen" in texts(at)


def test_oidc_refuses_an_email_without_an_account(app) -> None:
    at, _ = app
    at.secrets["auth"] = AUTH
    at.user = {"is_logged_in": True, "email": "ny@fjordby.example", "name": "Ny"}
    _run(at)
    assert "Der findes ingen konto til ny@fjordby.example på Gevinsttavlen." in texts(at)
    assert "Log ind med en anden konto" in [b.label for b in at.button]
    assert "signed_in" not in at.session_state
    _run(at)  # no new attempt (and audit record) on every rerun
    from tracking.models import AuditRecord
    with Session(app[1]) as s:
        failed = [r for r in s.exec(select(AuditRecord)).all() if r.action == "login_failed"]
    assert len(failed) == 1
