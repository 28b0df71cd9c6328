"""Look-alike e-mails and empty-looking or multi-line names are refused when an account is
created (service, page and CLI share the check); sign-in finds the account it looks like."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import Engine

from tests.support.accounts import TEST_ACTOR
from tracking.auth.signin import sign_in
from tracking.config import duckdb_url
from tracking.errors import ValidationError
from tracking.identity_text import normalize_email, normalize_text
from tracking.services.users import create_user, update_user

ZWSP, ZWJ, RLM, SHY = "\u200b", "\u200d", "\u200f", "\u00ad"


def test_normalize_text_and_email() -> None:
    assert normalize_text(f"  Mette{ZWSP} {SHY}Sørensen\x07 ") == "Mette Sørensen"
    assert normalize_text("Ｍｅｔｔｅ") == "Mette"  # full-width, NFKC
    assert normalize_text(ZWSP + ZWJ + RLM) == ""
    assert normalize_email(f" METTE{ZWSP}@Fjordby.dk ") == "mette@fjordby.dk"


@pytest.mark.parametrize(("email", "code"), [
    (f"mette{ZWSP}@fjordby.dk", "error.email_hidden_characters"),
    (f"mette@fjordby.dk{RLM}", "error.email_hidden_characters"),
    ("mette@fjordby.dk\nanden@fjordby.dk", "error.email_hidden_characters"),
    ("m\u0435tte@fjordby.dk", "error.email_lookalike"),  # Cyrillic e
    ("mette@fj\u043erdby.dk", "error.email_lookalike"),  # Cyrillic o
])
def test_lookalike_emails_are_refused(engine: Engine, email: str, code: str) -> None:
    create_user(engine, "mette@fjordby.dk", "Mette Sørensen", actor=TEST_ACTOR)
    with pytest.raises(ValidationError) as refused:
        create_user(engine, email, "Mette Sørensen", actor=TEST_ACTOR)
    assert refused.value.code == code
    assert "{" not in refused.value.message("da")


@pytest.mark.parametrize(("name", "code"), [
    (ZWSP * 3, "error.user_name_required"),
    (f" {ZWJ}{SHY} ", "error.user_name_required"),
    ("Mette\nSørensen", "error.name_multiline"),
    ("Mette\u2028Sørensen", "error.name_multiline"),
])
def test_empty_looking_and_multiline_names_are_refused(engine: Engine, name: str,
                                                       code: str) -> None:
    with pytest.raises(ValidationError) as refused:
        create_user(engine, "mette@fjordby.dk", name, actor=TEST_ACTOR)
    assert refused.value.code == code
    user = create_user(engine, "mette@fjordby.dk", "Mette", actor=TEST_ACTOR)
    with pytest.raises(ValidationError):
        update_user(engine, user.id, actor=TEST_ACTOR, expected_version=user.version,
                    name=name, email=user.email, is_admin=False)


def test_danish_letters_and_pasted_invisibles_in_names_are_kept_clean(engine: Engine) -> None:
    user = create_user(engine, "søren@fjordby.dk", f"Søren{ZWSP} Ærø", actor=TEST_ACTOR,
                       password="et-langt-kodeord")
    assert (user.email, user.name) == ("søren@fjordby.dk", "Søren Ærø")
    # Signing in with the address pasted with an invisible character finds the account.
    assert sign_in(engine, f"S{ZWSP}øren@fjordby.dk", "et-langt-kodeord")[0].user_id == user.id


def test_the_cli_refuses_them_too(tmp_path: Path) -> None:
    url = duckdb_url(tmp_path / "g.duckdb")

    def gevinst(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "tracking.cli", "--database", url, *args],
                              capture_output=True, text=True, timeout=120)

    assert gevinst("init").returncode == 0
    for args, message in [
        (["user", "add", "m\u0435tte@fjordby.dk", "--name", "Mette"], "ligner latinske"),
        (["user", "add", f"mette{ZWSP}@fjordby.dk", "--name", "Mette"], "usynlige tegn"),
        (["user", "add", "mette@fjordby.dk", "--name", ZWSP], "Skriv personens navn."),
        (["user", "add", "mette@fjordby.dk", "--name", "Mette\nSørensen"], "én linje"),
    ]:
        result = gevinst(*args)
        assert result.returncode == 2, (args, result.stdout, result.stderr)
        assert message in result.stderr and "Traceback" not in result.stderr
