"""API tokens (tracking.services.api_tokens) on both engines, `gevinst token` as a real
subprocess, and the API's pure parts: the rate limit and the reply language."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlalchemy import Engine

from server.api.language import reply_language
from server.api.ratelimit import RateLimited, RateLimiter
from tests.support.accounts import TEST_ACTOR, ensure_account, ensure_admin
from tests.tracking.test_cli_users import gevinst
from tracking.auth import Actor, PermissionDenied
from tracking.config import duckdb_url
from tracking.db import dispose_engine, get_engine
from tracking.errors import ValidationError
from tracking.readmodel.api_tokens import list_tokens
from tracking.services.api_tokens import (
    IdempotencyConflict,
    TokenRefused,
    authenticate,
    claim_key,
    create_token,
    keep_reply,
    release_key,
    revoke_token,
    stored_reply,
)
from tracking.services.users import deactivate_user, reactivate_user


def test_a_token_acts_as_its_account_until_revoked(demo_engine: Engine) -> None:
    admin = ensure_admin(demo_engine)
    row, token = create_token(demo_engine, admin.id, actor=TEST_ACTOR, label="KSD-robot",
                              plan_ids=[2, 1, 2], read_only=True)
    assert token.startswith("gvt_") and len(token) > 40
    assert row.plan_ids == (1, 2) and row.read_only
    grant = authenticate(demo_engine, token)
    assert grant.actor.name == "Test Administrator via API"
    assert grant.actor.user_id == admin.id and grant.read_only
    assert grant.covers(1) and not grant.covers(3)
    assert [r.label for r in list_tokens(demo_engine)] == ["KSD-robot"]
    revoke_token(demo_engine, row.id, actor=TEST_ACTOR)
    with pytest.raises(TokenRefused):
        authenticate(demo_engine, token)
    assert list_tokens(demo_engine) == []
    assert [r.label for r in list_tokens(demo_engine, include_revoked=True)] == ["KSD-robot"]


def test_a_deactivated_account_token_is_refused_while_it_is(demo_engine: Engine) -> None:
    ensure_admin(demo_engine)
    robot = ensure_account(demo_engine, "robot@test.example", "Robot")
    _, token = create_token(demo_engine, robot.id, actor=TEST_ACTOR)
    deactivate_user(demo_engine, robot.id, actor=TEST_ACTOR)
    with pytest.raises(TokenRefused) as refused:
        authenticate(demo_engine, token)
    assert refused.value.code == "error.api_token_refused"
    reactivate_user(demo_engine, robot.id, actor=TEST_ACTOR)
    assert authenticate(demo_engine, token).actor.email == "robot@test.example"


def test_only_an_admin_makes_tokens(demo_engine: Engine) -> None:
    person = ensure_account(demo_engine, "p@test.example", "P")
    actor = Actor(name="P", user_id=person.id, email="p@test.example")
    with pytest.raises(PermissionDenied):
        create_token(demo_engine, person.id, actor=actor)
    with pytest.raises(ValidationError):
        create_token(demo_engine, person.id, actor=TEST_ACTOR, label="x" * 101)


@pytest.mark.parametrize("token", [None, "", "nope", "gvt_unknown"])
def test_unknown_tokens_are_refused(demo_engine: Engine, token: str | None) -> None:
    with pytest.raises(TokenRefused):
        authenticate(demo_engine, token)


def test_a_kept_reply_is_replayed_and_the_key_bound_to_its_request(engine: Engine) -> None:
    admin = ensure_admin(engine)
    row, _ = create_token(engine, admin.id, actor=TEST_ACTOR)
    assert stored_reply(engine, row.id, "k", "digest-a") is None
    assert claim_key(engine, row.id, "k", "digest-a") is None  # this request holds it
    # A parallel retry meanwhile waits for the first reply rather than writing too.
    with pytest.raises(IdempotencyConflict) as waited:
        claim_key(engine, row.id, "k", "digest-a", wait=0.2)
    assert waited.value.code == "error.idempotency_in_progress"
    keep_reply(engine, row.id, "k", 200, {"created": [1]})
    assert claim_key(engine, row.id, "k", "digest-a") == (200, {"created": [1]})
    assert stored_reply(engine, row.id, "k", "digest-a") == (200, {"created": [1]})
    with pytest.raises(IdempotencyConflict):
        stored_reply(engine, row.id, "k", "digest-b")
    with pytest.raises(IdempotencyConflict):  # the key with another request
        claim_key(engine, row.id, "k", "digest-b")


def test_a_refused_request_gives_its_key_back(engine: Engine) -> None:
    admin = ensure_admin(engine)
    row, _ = create_token(engine, admin.id, actor=TEST_ACTOR)
    assert claim_key(engine, row.id, "k", "digest-a") is None
    release_key(engine, row.id, "k")
    assert stored_reply(engine, row.id, "k", "digest-a") is None
    assert claim_key(engine, row.id, "k", "digest-a") is None  # a retry is served anew


def test_token_commands(tmp_path: Path) -> None:
    url = duckdb_url(tmp_path / "g.duckdb")
    assert gevinst("--database", url, "setup").returncode == 0
    made = gevinst("--database", url, "token", "create", "admin@localhost", "--plan", "1",
                   "--read-only", "--label", "KSD-robot")
    assert made.returncode == 0, made.stderr
    assert made.stdout.startswith("API-nøgle 1 til admin@localhost, kun plan 1, kun læsning.")
    token = re.search(r"^(gvt_\S+)$", made.stdout, re.M)
    assert token is not None
    listed = gevinst("--database", url, "token", "list")
    assert "KSD-robot" in listed.stdout and "read-only" in listed.stdout
    assert token.group(1) not in listed.stdout
    unknown = gevinst("--database", url, "token", "create", "nobody@x.dk")
    assert unknown.returncode == 2 and "nobody@x.dk" in unknown.stderr
    revoked = gevinst("--database", url, "token", "revoke", "1")
    assert revoked.stdout.strip() == "API-nøgle 1 (admin@localhost) er tilbagekaldt."
    try:
        with pytest.raises(TokenRefused):
            authenticate(get_engine(url), token.group(1))
    finally:
        dispose_engine(url)


def test_the_rate_limit_slides_over_a_minute() -> None:
    limiter = RateLimiter(limit=3)
    for at in (0.0, 10.0, 20.0):
        limiter.hit(1, at)
    with pytest.raises(RateLimited) as limited:
        limiter.hit(1, 30.0)
    assert limited.value.seconds == 30  # the call at 0 leaves the window at 60
    limiter.hit(2, 30.0)  # another token is not held up
    limiter.hit(1, 60.0)
    RateLimiter(limit=0).hit(1, 0.0)  # 0: no limit


@pytest.mark.parametrize("header, lang", [
    (None, "da"), ("", "da"), ("en", "en"), ("en-GB,en;q=0.9", "en"), ("da-DK", "da"),
    ("de-DE,en;q=0.5,da;q=0.7", "da"), ("fr", "da"), ("en;q=0", "da"), ("en;q=x", "da"),
])
def test_reply_language(header: str | None, lang: str) -> None:
    assert reply_language(header) == lang
