"""Accounts for tests: an administrator with a known password, and signing in.

    admin = ensure_admin(engine)                   # created once per database
    sign_in_apptest(at, engine)                    # AppTest: put a live session in place
    at = signed_in_app(APP, default_timeout=30)    # AppTest of DATABASE_URL, signed in
    signed_in_page(page, url, "Mål: KSD")          # browser: fill in the sign-in form
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine
from streamlit.testing.v1 import AppTest

from tracking.auth import Actor
from tracking.auth.signin import sign_in
from tracking.db import get_engine
from tracking.readmodel.users import UserRow, find_user
from tracking.services.users import create_user, set_membership, set_password

ADMIN_EMAIL = "admin@test.example"
ADMIN_NAME = "Test Administrator"
ADMIN_PASSWORD = "test-admin-password"
TEST_ACTOR = Actor.system("test")


def ensure_account(engine: Engine, email: str, name: str, password: str | None = None,
                   is_admin: bool = False) -> UserRow:
    """The account with this e-mail, created (or given this password) if needed."""
    user = find_user(engine, email)
    if user is None:
        return create_user(engine, email, name, actor=TEST_ACTOR, password=password,
                           is_admin=is_admin)
    if password is not None:
        set_password(engine, user.id, password, actor=TEST_ACTOR)
    return user


def plan_person(engine: Engine, plan_id: int, name: str, role: str = "member") -> UserRow:
    """An account named `name` with a role in the plan: one of the plan's people, whom
    the name pickers offer and who can get reminders."""
    email = ".".join(name.casefold().split()).replace("ø", "oe") + "@test.example"
    user = ensure_account(engine, email, name)
    set_membership(engine, plan_id, user.id, role, actor=TEST_ACTOR)
    return user


def ensure_admin(engine: Engine) -> UserRow:
    return ensure_account(engine, ADMIN_EMAIL, ADMIN_NAME, ADMIN_PASSWORD, is_admin=True)


def sign_in_apptest(at: Any, engine: Engine, email: str = ADMIN_EMAIL,
                    password: str = ADMIN_PASSWORD) -> Actor:
    """Sign `at` (an AppTest) in as `email`, as the sign-in form would (admin by default)."""
    if email == ADMIN_EMAIL:
        ensure_admin(engine)
    actor, token = sign_in(engine, email, password)
    at.session_state["signed_in"] = actor
    at.session_state["session_token"] = token
    return actor


def signed_in_app(script: str, default_timeout: float = 30, email: str = ADMIN_EMAIL,
                  password: str = ADMIN_PASSWORD, name: str | None = None) -> AppTest:
    """`AppTest.from_file(script)` with the test administrator (or `email`) signed in, on
    the database of DATABASE_URL (the `app_env` fixture sets it).

    `name`: sign in as an administrator of that name instead (the name the pages write on
    changes), created on first use.
    """
    at = AppTest.from_file(script, default_timeout=default_timeout)
    engine = get_engine()
    if name is not None:
        email = "".join(c for c in name.lower() if c.isalnum()) + "@test.example"
        ensure_account(engine, email, name, password, is_admin=True)
    sign_in_apptest(at, engine, email, password)
    return at
