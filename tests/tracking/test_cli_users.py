"""`gevinst setup` makes the first administrator; `gevinst user ...`, as real subprocesses."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from tracking.auth.signin import sign_in
from tracking.config import duckdb_url
from tracking.db import dispose_engine, get_engine


def gevinst(*args: str, stdin: str | None = None, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tracking.cli", *args], capture_output=True,
                          text=True, timeout=120, input=stdin, env={**os.environ, **env})


def _signs_in(url: str, email: str, password: str) -> str:
    try:
        return sign_in(get_engine(url), email, password)[0].name
    finally:
        dispose_engine(url)


def test_setup_prints_the_first_admin_password_once(tmp_path: Path) -> None:
    url = duckdb_url(tmp_path / "g.duckdb")
    first = gevinst("--database", url, "setup")
    assert first.returncode == 0, first.stderr
    found = re.search(r"Administrator oprettet: admin@localhost\nAdgangskode \(vises kun "
                      r"denne ene gang\): (\S+)", first.stdout)
    assert found, first.stdout
    password = found.group(1)
    assert len(password) >= 16
    again = gevinst("--database", url, "setup")
    assert again.returncode == 0 and password not in again.stdout
    assert "Administrator oprettet" not in again.stdout
    assert _signs_in(url, "admin@localhost", password) == "Administrator"


def test_setup_takes_email_and_password_from_the_environment(tmp_path: Path) -> None:
    url = duckdb_url(tmp_path / "g.duckdb")
    result = gevinst("--database", url, "setup", GEVINST_ADMIN_EMAIL="It@Fjordby.example",
                     GEVINST_ADMIN_PASSWORD="automation-pw-1")
    assert result.returncode == 0, result.stderr
    assert "it@fjordby.example (adgangskode fra GEVINST_ADMIN_PASSWORD)" in result.stdout
    assert "automation-pw-1" not in result.stdout
    assert _signs_in(url, "it@fjordby.example", "automation-pw-1") == "Administrator"


def test_user_commands(tmp_path: Path) -> None:
    url = duckdb_url(tmp_path / "g.duckdb")
    assert gevinst("--database", url, "init").returncode == 0
    added = gevinst("--database", url, "user", "add", "Mette@Fjordby.example",
                    "--name", "Mette Sørensen")
    assert added.returncode == 0, added.stderr
    password = re.search(r"Adgangskode \(vises kun denne ene gang\): (\S+)",
                         added.stdout).group(1)
    assert _signs_in(url, "mette@fjordby.example", password) == "Mette Sørensen"
    piped = gevinst("--database", url, "user", "add", "jonas@fjordby.example", "--name",
                    "Jonas Holm", "--admin", "--password-stdin", stdin="jonas-kode-123\n")
    assert piped.returncode == 0 and "jonas-kode-123" not in piped.stdout
    assert _signs_in(url, "jonas@fjordby.example", "jonas-kode-123") == "Jonas Holm"
    oidc = gevinst("--database", url, "user", "add", "leder@fjordby.example", "--name",
                   "Leder", "--no-password")
    assert "organisationens login" in oidc.stdout
    new = gevinst("--database", url, "user", "passwd", "mette@fjordby.example",
                  "--password-stdin", stdin="mettes-nye-kode\n")
    assert new.returncode == 0, new.stderr
    assert _signs_in(url, "mette@fjordby.example", "mettes-nye-kode") == "Mette Sørensen"
    off = gevinst("--database", url, "user", "deactivate", "mette@fjordby.example")
    assert off.returncode == 0 and "mette@fjordby.example er deaktiveret." in off.stdout
    listed = gevinst("--database", url, "user", "list").stdout.splitlines()
    assert [line.split()[0] for line in listed] == [
        "jonas@fjordby.example", "leder@fjordby.example", "mette@fjordby.example"]
    assert "Deaktiveret" in listed[2] and "Administrator" in listed[0]


def test_user_commands_refuse_bad_input_with_exit_2(tmp_path: Path) -> None:
    url = duckdb_url(tmp_path / "g.duckdb")
    assert gevinst("--database", url, "init").returncode == 0
    for args, stdin, message in [
        (["user", "add", "ikke-en-mail", "--name", "X"], None,
         "»ikke-en-mail« er ikke en e-mailadresse"),
        (["user", "add", "a@b.example", "--name", "X", "--password-stdin"], "kort\n",
         "Adgangskoden skal være mindst 10 tegn lang."),
        (["user", "add", "a@b.example", "--name", "X", "--password-stdin"], "",
         "Ingen adgangskode på standard input."),
        (["user", "passwd", "ingen@b.example"], None, "Ingen konto med e-mailen ingen@b.example."),
        (["user", "deactivate", "ingen@b.example"], None, "Ingen konto med e-mailen"),
    ]:
        result = gevinst("--database", url, *args, stdin=stdin)
        assert result.returncode == 2, (args, result.stdout, result.stderr)
        assert message in result.stderr and "Traceback" not in result.stderr
