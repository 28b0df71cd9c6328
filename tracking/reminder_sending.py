"""Send the reminders due on a day: record each in the outbox, then send it once.

Safe to run twice and from several processes at once: a reminder is inserted into
`reminder_outbox` under its unique key before anything is sent, and only the process
that moves the row from *pending* to *sending* sends it. A transient SMTP failure is
retried in the run (and, if it persists, by the next run while the reminder is still
due); a permanent one is recorded as *failed* and listed for administrators. The audit
trail gets one record per reminder sent or failed: to whom, what, when; never the body.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from zoneinfo import ZoneInfo

from sqlalchemy import Engine, and_, select, update
from sqlalchemy.exc import DBAPIError, IntegrityError

from tracking.audit import record
from tracking.auth import Actor
from tracking.clock import now, today
from tracking.config import LANGUAGES, default_language
from tracking.db import session_scope
from tracking.i18n import translate, translate_count
from tracking.mail import MailError, SmtpSettings, base_url, send_message, smtp_settings
from tracking.models import OutboxStatus, ReminderOutbox
from tracking.reminder_mail import Letter, compose
from tracking.reminder_rules import Kind
from tracking.reminders import Reminder, due_reminders

log = logging.getLogger(__name__)
SYSTEM = Actor.system("påmindelser")
RETRY_DELAYS = (2.0, 10.0)  # seconds before the 2nd and 3rd try within one run
OUTBOX = ReminderOutbox.__table__  # type: ignore[attr-defined]
_UNSET = object()


@dataclass
class RunReport:
    on: date
    configured: bool
    due: int = 0
    sent: list[Reminder] = field(default_factory=list)
    skipped: int = 0  # already sent, sending or failed before
    retry: list[Reminder] = field(default_factory=list)  # transient failure, kept pending
    failed: list[Reminder] = field(default_factory=list)

    def summary(self, lang: str = "da") -> str:
        if not self.configured:
            return translate_count("remind.cli_no_smtp", self.due, lang)
        return translate("remind.cli_done", lang, day=self.on.isoformat(), sent=len(self.sent),
                         skipped=self.skipped, retry=len(self.retry), failed=len(self.failed))


def _key_clause(r: Reminder):
    user_id, kind, subject, occasion = r.key
    return and_(OUTBOX.c.user_id == user_id, OUTBOX.c.kind == kind,
                OUTBOX.c.subject == subject, OUTBOX.c.occasion == occasion)


def _record_in_outbox(engine: Engine, r: Reminder) -> None:
    """Insert the reminder's row unless it is there (here or by another process)."""
    with engine.begin() as conn:
        if conn.execute(select(OUTBOX.c.id).where(_key_clause(r))).first() is not None:
            return
    try:
        with engine.begin() as conn:
            conn.execute(OUTBOX.insert().values(
                user_id=r.person.user_id, email=r.person.email, kind=r.kind.value,
                subject=r.subject, occasion=r.occasion, plan_id=r.plan_id,
                status=OutboxStatus.PENDING, attempts=0, last_error="", created_at=now()))
    except (IntegrityError, DBAPIError) as exc:
        # Another process inserted it between our look and our insert.
        if not isinstance(exc, IntegrityError) and "constraint" not in str(exc).lower():
            raise


def _claim(engine: Engine, r: Reminder) -> int | None:
    """Move the row from pending to sending; the id if this process won it."""
    with engine.begin() as conn:
        row = conn.execute(select(OUTBOX.c.id, OUTBOX.c.status).where(_key_clause(r))).first()
        if row is None or row.status != OutboxStatus.PENDING:
            return None
        done = conn.execute(update(OUTBOX).where(
            OUTBOX.c.id == row.id, OUTBOX.c.status == OutboxStatus.PENDING).values(
            status=OutboxStatus.SENDING, attempts=OUTBOX.c.attempts + 1))
        return row.id if done.rowcount == 1 else None


def _finish(engine: Engine, outbox_id: int, r: Reminder, status: str, error: str = "") -> None:
    with session_scope(engine) as session:
        values: dict = {"status": status, "last_error": error[:500]}
        if status == OutboxStatus.SENT:
            values["sent_at"] = now()
        session.connection().execute(update(OUTBOX).where(OUTBOX.c.id == outbox_id)
                                     .values(**values))
        if status != OutboxStatus.PENDING:
            record(session, SYSTEM, "reminder", outbox_id,
                   "sent" if status == OutboxStatus.SENT else "failed", r.plan_id, new={
                       "to": r.person.email, "kind": r.kind.value, "subject": r.subject,
                       "occasion": r.occasion, **({"error": error[:200]} if error else {})})


def _letter(engine: Engine, on: date, lang: str) -> Letter:
    from tracking.readmodel.overview import plan_overview
    from tracking.reports.pdf import overview_pdf

    ov = plan_overview(engine, on)
    lines = []
    for row in ov.plans.itertuples():
        status = translate(f"status.{row.status}", lang) if row.status != "no_indicators" \
            else translate("overview.status.no_indicators", lang)
        line = translate("mail.letter.line", lang, plan=row.plan, status=status)
        if row.overdue_actions:
            line += "; " + translate_count("mail.letter.overdue", int(row.overdue_actions), lang)
        lines.append(line)
    return Letter(tuple(lines), overview_pdf(ov, lang))


def run_reminders(engine: Engine, on: date | None = None, settings: object = _UNSET,
                  lang: str | None = None, link_base: str | None = None,
                  retry_delays: tuple[float, ...] = RETRY_DELAYS,
                  sleep: Callable[[float], None] = time.sleep) -> RunReport:
    """Send what is due on `on` (default today). Without SMTP settings nothing is
    recorded or sent, and the report says how many would have gone."""
    on = on or today()
    lang = lang or default_language()
    smtp: SmtpSettings | None = smtp_settings() if settings is _UNSET else settings  # type: ignore[assignment]
    due = due_reminders(engine, on)
    report = RunReport(on=on, configured=smtp is not None, due=len(due))
    if smtp is None:
        return report
    link_base = link_base or base_url()
    letters: dict[str, Letter] = {}  # the directors' letter, built once per language
    for r in due:
        _record_in_outbox(engine, r)
        outbox_id = _claim(engine, r)
        if outbox_id is None:
            report.skipped += 1
            continue
        reader = r.person.language if r.person.language in LANGUAGES else lang
        if r.kind is Kind.DIRECTOR_LETTER and reader not in letters:
            letters[reader] = _letter(engine, on, reader)
        message = compose(r, sender=smtp.sender, on=on, lang=reader, base_url=link_base,
                          letter=letters.get(reader))
        error = _send_with_retries(smtp, message, retry_delays, sleep)
        if error is None:
            _finish(engine, outbox_id, r, OutboxStatus.SENT)
            report.sent.append(r)
        elif error.transient:
            _finish(engine, outbox_id, r, OutboxStatus.PENDING, str(error))
            report.retry.append(r)
        else:
            _finish(engine, outbox_id, r, OutboxStatus.FAILED, str(error))
            report.failed.append(r)
    return report


def _send_with_retries(smtp: SmtpSettings, message, delays: tuple[float, ...],
                       sleep: Callable[[float], None]) -> MailError | None:
    for attempt in range(len(delays) + 1):
        try:
            send_message(smtp, message)
            return None
        except MailError as exc:
            if not exc.transient or attempt == len(delays):
                return exc
            sleep(delays[attempt])
    return None  # pragma: no cover


SEND_FROM_HOUR = 7  # Europe/Copenhagen: no reminders in the night
EVERY_SECONDS = 3600


def run_periodically(engine: Engine, stop: threading.Event,
                     every_seconds: float = EVERY_SECONDS,
                     from_hour: int = SEND_FROM_HOUR) -> None:
    """The embedded default's scheduler: run the day's reminders once an hour from 07:00
    local time, until `stop` is set. Each run is idempotent, so an hourly run (or one in
    every dashboard process, or beside a cron job) sends each reminder once."""
    while not stop.is_set():
        if now().astimezone(ZoneInfo("Europe/Copenhagen")).hour >= from_hour:
            try:
                report = run_reminders(engine)
                if report.sent or report.failed or report.retry:
                    log.info("%s", report.summary())
            except Exception:
                log.exception("reminder run failed")
        stop.wait(every_seconds)
