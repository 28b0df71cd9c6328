"""Signing in and out on DuckDB and PostgreSQL: passwords, refusals, the rate limit,
session expiry, deactivated accounts, and OpenID Connect matching."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from tests.support.accounts import TEST_ACTOR, ensure_account
from tracking.auth.passwords import hash_password, needs_rehash, validate_password, verify_password
from tracking.auth.signin import (
    ABSOLUTE_TIMEOUT,
    IDLE_TIMEOUT,
    SessionExpired,
    SignInRefused,
    resume,
    sign_in,
    sign_in_oidc,
    sign_out,
)
from tracking.errors import ValidationError
from tracking.models import AuditRecord, LoginSession, UserAccount
from tracking.services.users import deactivate_user, reactivate_user, set_password

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
PASSWORD = "rigtig-kode-123"


@pytest.fixture
def mette(engine: Engine):
    return ensure_account(engine, "Mette@Fjordby.example", "Mette Sørensen", PASSWORD)


def _audit(engine: Engine, action: str) -> list[AuditRecord]:
    with Session(engine) as s:
        return list(s.exec(select(AuditRecord).where(AuditRecord.action == action)
                           .order_by(AuditRecord.id)).all())


def test_password_rules_and_hashing() -> None:
    with pytest.raises(ValidationError) as exc:
        validate_password("kort")
    assert exc.value.message() == "Adgangskoden skal være mindst 10 tegn lang."
    with pytest.raises(ValidationError) as exc:
        validate_password("          ")
    assert exc.value.code == "error.password_required"
    hashed = hash_password("en lang nok kode")
    assert hashed.startswith("$argon2id$") and "en lang nok kode" not in hashed
    assert verify_password(hashed, "en lang nok kode")
    assert not verify_password(hashed, "en anden kode!")
    assert not verify_password(None, "en lang nok kode")
    assert not verify_password("ikke en hash", "en lang nok kode")
    assert not needs_rehash(hashed)


def test_right_password_signs_in_and_is_audited(engine: Engine, mette) -> None:
    actor, token = sign_in(engine, "  mette@FJORDBY.example ", PASSWORD, at=T0)
    assert (actor.name, actor.user_id, actor.email, actor.is_admin) == \
        ("Mette Sørensen", mette.id, "mette@fjordby.example", False)
    assert len(token) >= 40
    with Session(engine) as s:
        stored = s.exec(select(LoginSession)).one()
    assert stored.token_hash != token and token not in stored.token_hash
    logins = _audit(engine, "login")
    assert [(r.actor, r.user_id, r.entity) for r in logins] == \
        [("Mette Sørensen", mette.id, "user_account")]
    assert resume(engine, token, at=T0 + timedelta(minutes=5)) == actor


def test_wrong_password_and_unknown_user_get_the_same_message(engine: Engine, mette) -> None:
    with pytest.raises(SignInRefused) as wrong:
        sign_in(engine, "mette@fjordby.example", "forkert-kode-123", at=T0)
    with pytest.raises(SignInRefused) as unknown:
        sign_in(engine, "ingen@fjordby.example", PASSWORD, at=T0)
    assert wrong.value.message() == unknown.value.message() == \
        "Forkert e-mail eller adgangskode."
    failed = _audit(engine, "login_failed")
    assert [(r.actor, r.entity, r.user_id) for r in failed] == [
        ("mette@fjordby.example", "user_account", None),
        ("ingen@fjordby.example", "user_account", None)]
    assert "forkert-kode" not in failed[0].new_values  # the typed password is never kept
    with Session(engine) as s:
        assert s.exec(select(LoginSession)).first() is None


def test_one_audit_record_per_failed_attempt_and_no_hash_in_the_trail(engine: Engine,
                                                                       mette) -> None:
    with pytest.raises(SignInRefused):
        sign_in(engine, "mette@fjordby.example", "", at=T0)
    assert len(_audit(engine, "login_failed")) == 1
    with Session(engine) as s:
        hashed = s.get(UserAccount, mette.id).password_hash
        texts = [r.old_values + r.new_values for r in s.exec(select(AuditRecord)).all()]
    assert hashed and not any(hashed in t or "argon2" in t for t in texts)


def test_more_than_five_failures_lock_the_email_for_fifteen_minutes(engine: Engine,
                                                                    mette) -> None:
    for minute in range(5):
        with pytest.raises(SignInRefused) as exc:
            sign_in(engine, "mette@fjordby.example", "forkert-kode-123",
                    at=T0 + timedelta(minutes=minute))
        assert exc.value.code == "error.sign_in_failed"
    # The sixth attempt is refused even with the right password.
    with pytest.raises(SignInRefused) as exc:
        sign_in(engine, "METTE@fjordby.example", PASSWORD, at=T0 + timedelta(minutes=5))
    assert exc.value.message() == ("For mange forkerte forsøg med denne e-mail. "
                                   "Prøv igen om 10 minutter.")
    # Another e-mail is not affected.
    ensure_account(engine, "jonas@fjordby.example", "Jonas Holm", PASSWORD)
    sign_in(engine, "jonas@fjordby.example", PASSWORD, at=T0 + timedelta(minutes=5))
    # When the first failure leaves the window, the right password works again.
    with pytest.raises(SignInRefused) as exc:
        sign_in(engine, "mette@fjordby.example", PASSWORD, at=T0 + timedelta(minutes=14))
    assert exc.value.message().endswith("Prøv igen om et minut.")
    actor, _ = sign_in(engine, "mette@fjordby.example", PASSWORD,
                       at=T0 + timedelta(minutes=15, seconds=1))
    assert actor.user_id == mette.id
    assert len(_audit(engine, "login_failed")) == 5
    assert len(_audit(engine, "login_blocked")) == 2


def test_session_expires_after_idle_time_and_at_the_absolute_limit(engine: Engine,
                                                                   mette) -> None:
    _, token = sign_in(engine, "mette@fjordby.example", PASSWORD, at=T0)
    # Used every 7 hours, it lives until the absolute limit.
    at = T0
    while at + timedelta(hours=7) < T0 + ABSOLUTE_TIMEOUT:
        at += timedelta(hours=7)
        resume(engine, token, at=at)
    with pytest.raises(SessionExpired) as exc:
        resume(engine, token, at=T0 + ABSOLUTE_TIMEOUT)
    assert exc.value.message() == "Din session er udløbet. Log ind igen."

    _, idle = sign_in(engine, "mette@fjordby.example", PASSWORD, at=T0)
    resume(engine, idle, at=T0 + IDLE_TIMEOUT - timedelta(minutes=1))
    with pytest.raises(SessionExpired):
        resume(engine, idle, at=T0 + 2 * IDLE_TIMEOUT)
    for bad in ("", None, "not-a-token"):
        with pytest.raises(SessionExpired):
            resume(engine, bad, at=T0)


def test_sign_out_ends_the_session(engine: Engine, mette) -> None:
    _, token = sign_in(engine, "mette@fjordby.example", PASSWORD, at=T0)
    sign_out(engine, token)
    sign_out(engine, token)  # twice: nothing happens
    with pytest.raises(SessionExpired):
        resume(engine, token)
    assert len(_audit(engine, "logout")) == 1


def test_deactivated_account_cannot_sign_in_and_its_sessions_end(engine: Engine,
                                                                 mette) -> None:
    _, token = sign_in(engine, "mette@fjordby.example", PASSWORD)
    deactivate_user(engine, mette.id, actor=TEST_ACTOR)
    with pytest.raises(SessionExpired):
        resume(engine, token)
    # The right and a wrong password get the same answer: it tells nothing about either.
    with pytest.raises(SignInRefused) as right:
        sign_in(engine, "mette@fjordby.example", PASSWORD)
    with pytest.raises(SignInRefused) as wrong:
        sign_in(engine, "mette@fjordby.example", "forkert-kode-123")
    assert right.value.code == wrong.value.code == "error.sign_in_failed"
    assert right.value.message() == wrong.value.message()
    assert right.value.field == wrong.value.field
    reasons = [r.new_values for r in _audit(engine, "login_failed")]
    assert reasons == ['{"reason": "inactive"}', '{"reason": "password"}']  # the trail knows
    reactivate_user(engine, mette.id, actor=TEST_ACTOR)
    assert sign_in(engine, "mette@fjordby.example", PASSWORD)[0].user_id == mette.id


def test_new_password_from_admin_ends_sessions(engine: Engine, mette) -> None:
    _, token = sign_in(engine, "mette@fjordby.example", PASSWORD)
    set_password(engine, mette.id, "helt-ny-kode-456", actor=TEST_ACTOR)
    with pytest.raises(SessionExpired):
        resume(engine, token)
    with pytest.raises(SignInRefused):
        sign_in(engine, "mette@fjordby.example", PASSWORD)
    sign_in(engine, "mette@fjordby.example", "helt-ny-kode-456")


def test_resume_sees_a_changed_name_at_once(engine: Engine, mette) -> None:
    _, token = sign_in(engine, "mette@fjordby.example", PASSWORD)
    with Session(engine) as s:
        user = s.get(UserAccount, mette.id)
    from tracking.services.users import update_user
    update_user(engine, mette.id, actor=TEST_ACTOR, expected_version=user.version,
                name="Mette S. Holm", email=user.email, is_admin=True)
    actor = resume(engine, token)
    assert (actor.name, actor.is_admin) == ("Mette S. Holm", True)


def test_oidc_matches_the_account_by_email(engine: Engine, mette) -> None:
    actor, token = sign_in_oidc(engine, "METTE@fjordby.example", "Mette Sørensen")
    assert actor.user_id == mette.id
    assert resume(engine, token).user_id == mette.id
    assert [r.new_values for r in _audit(engine, "login")] == ['{"method": "oidc"}']


def test_oidc_refuses_unknown_and_deactivated_accounts(engine: Engine, mette) -> None:
    with pytest.raises(SignInRefused) as exc:
        sign_in_oidc(engine, "ukendt@fjordby.example", "Ukendt Person")
    assert exc.value.message() == ("Der findes ingen konto til ukendt@fjordby.example på "
                                   "Gevinsttavlen. Bed en administrator om at oprette dig "
                                   "med denne e-mail.")
    deactivate_user(engine, mette.id, actor=TEST_ACTOR)
    with pytest.raises(SignInRefused) as exc:
        sign_in_oidc(engine, "mette@fjordby.example", "Mette Sørensen")
    assert exc.value.code == "error.account_inactive"
    assert len(_audit(engine, "login_failed")) == 2


def test_oidc_only_account_cannot_use_a_password(engine: Engine) -> None:
    ensure_account(engine, "oidc@fjordby.example", "Kun OIDC")
    with pytest.raises(SignInRefused) as exc:
        sign_in(engine, "oidc@fjordby.example", "hvad-som-helst-1")
    assert exc.value.code == "error.sign_in_failed"
    assert sign_in_oidc(engine, "oidc@fjordby.example", "Kun OIDC")[0].name == "Kun OIDC"


@pytest.mark.parametrize("right_password", [False, True])
def test_twenty_parallel_attempts_cannot_race_past_the_limit(engine: Engine, mette,
                                                             right_password: bool) -> None:
    """20 threads try one e-mail at once: only MAX_FAILURES passwords are checked, the
    rest are refused as locked (with the right password too: it comes after the limit)."""
    from concurrent.futures import ThreadPoolExecutor
    from threading import Barrier

    from tracking.auth.signin import MAX_FAILURES

    start = Barrier(20)
    attempts = ["forkert-kode-123"] * 19 + [PASSWORD if right_password else "forkert-kode-9"]

    def attempt(password: str) -> str:
        start.wait()
        try:
            sign_in(engine, "mette@fjordby.example", password, at=T0)
            return "signed_in"
        except SignInRefused as exc:
            return exc.code

    with ThreadPoolExecutor(20) as pool:
        codes = list(pool.map(attempt, attempts))
    checked = codes.count("error.sign_in_failed") + codes.count("signed_in")
    assert checked <= MAX_FAILURES + codes.count("signed_in")
    assert codes.count("error.sign_in_failed") == MAX_FAILURES
    assert len(_audit(engine, "login_failed")) == MAX_FAILURES
    assert len(_audit(engine, "login_blocked")) == 20 - checked
