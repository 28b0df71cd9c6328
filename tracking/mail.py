"""E-mail through SMTP: settings from the environment (or secrets.toml) and one send.

`GEVINST_SMTP_HOST` switches e-mail on; without it nothing is sent. A failure is sorted
into *transient* (worth a retry: connection lost, timeout, a 4xx answer) and *permanent*
(a 5xx answer such as an unknown recipient or refused login).
"""

from __future__ import annotations

import os
import smtplib
import ssl
import tomllib
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path

from tracking.config import REPO_ROOT

TLS_MODES = ("starttls", "ssl", "none")
DEFAULT_BASE_URL = "http://localhost:8501"


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int
    tls: str  # starttls, ssl or none
    user: str
    password: str
    sender: str
    timeout: float = 20.0


class MailError(Exception):
    def __init__(self, text: str, transient: bool) -> None:
        super().__init__(text)
        self.transient = transient


def _secrets() -> dict:
    for path in (Path.cwd() / ".streamlit" / "secrets.toml",
                 REPO_ROOT / ".streamlit" / "secrets.toml"):
        if path.is_file():
            try:
                return tomllib.loads(path.read_text(encoding="utf-8"))
            except (OSError, tomllib.TOMLDecodeError):
                return {}
    return {}


def smtp_settings() -> SmtpSettings | None:
    """The SMTP settings, or None when e-mail is not switched on. The environment wins
    over `.streamlit/secrets.toml` (same keys, at its top level)."""
    secrets = _secrets()

    def get(name: str, default: str = "") -> str:
        key = f"GEVINST_SMTP_{name}"
        return str(os.environ.get(key) or secrets.get(key) or default).strip()

    host = get("HOST")
    if not host:
        return None
    tls = get("TLS", "starttls").lower()
    if tls not in TLS_MODES:
        raise ValueError(f"GEVINST_SMTP_TLS must be one of {', '.join(TLS_MODES)}, not {tls!r}")
    default_port = {"starttls": "587", "ssl": "465", "none": "25"}[tls]
    user = get("USER")
    return SmtpSettings(host=host, port=int(get("PORT", default_port)), tls=tls, user=user,
                        password=get("PASSWORD"), sender=get("FROM", user or "gevinst@localhost"))


def base_url() -> str:
    """Where people open the dashboard: links in e-mails start here."""
    return (os.environ.get("GEVINST_BASE_URL") or _secrets().get("GEVINST_BASE_URL")
            or DEFAULT_BASE_URL).rstrip("/")


def _connect(s: SmtpSettings) -> smtplib.SMTP:
    if s.tls == "ssl":
        return smtplib.SMTP_SSL(s.host, s.port, timeout=s.timeout,
                                context=ssl.create_default_context())
    conn = smtplib.SMTP(s.host, s.port, timeout=s.timeout)
    if s.tls == "starttls":
        conn.starttls(context=ssl.create_default_context())
    return conn


def _classify(exc: Exception) -> MailError:
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _ in exc.recipients.values()]
        return MailError(f"recipient refused: {codes}", all(400 <= c < 500 for c in codes))
    if isinstance(exc, smtplib.SMTPResponseException):
        text = exc.smtp_error.decode(errors="replace") if isinstance(exc.smtp_error, bytes) \
            else str(exc.smtp_error)
        return MailError(f"{exc.smtp_code} {text}".strip(), 400 <= exc.smtp_code < 500)
    # Lost connection, refused connection, timeout, DNS: the server may be back later.
    return MailError(f"{type(exc).__name__}: {exc}", transient=True)


def send_message(settings: SmtpSettings, message: EmailMessage) -> None:
    """Send one message, raising `MailError` (transient or not) on any failure."""
    try:
        with _connect(settings) as conn:
            if settings.user:
                conn.login(settings.user, settings.password)
            conn.send_message(message)
    except (smtplib.SMTPException, OSError) as exc:
        raise _classify(exc) from exc
