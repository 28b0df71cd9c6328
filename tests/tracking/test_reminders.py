"""Reminders by e-mail through a real SMTP server on loopback, on both engines: who gets
which message on which day, never twice, and what happens when the server refuses."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from tests.support.actors import SYSTEM
from tests.support.smtp import Inbox, smtp_server
from tracking.auth import bind
from tracking.db import session_scope
from tracking.mail import SmtpSettings
from tracking.models import (
    Action,
    AuditRecord,
    Indicator,
    Measurement,
    MeetingSchedule,
    Membership,
    Plan,
    PlanParticipant,
    ReminderOutbox,
    ReminderPreference,
    UserAccount,
)
from tracking.readmodel.reminders import failed_reminders
from tracking.reminder_sending import run_reminders

OLGA = "olga@fjordby.example"  # owns an indicator whose October figure is missing
RASMUS = "rasmus@fjordby.example"  # responsible for an action due 8 November
DORTE = "dorte@fjordby.example"  # director
ULLA = "ulla@fjordby.example"  # owns an indicator too, but has stopped all reminders


def _world(engine: Engine) -> None:
    with session_scope(engine) as s:
        bind(s, SYSTEM)
        plan = Plan(name="KSD – sygedagpenge", start_month=date(2026, 1, 1),
                    end_month=date(2027, 12, 1))
        s.add(plan)
        users = {e: UserAccount(email=e, name=n, is_director=e == DORTE) for e, n in [
            (OLGA, "Olga Holm"), (RASMUS, "Rasmus Berg"), (DORTE, "Dorte Vang"),
            (ULLA, "Ulla Krag")]}
        s.add_all(users.values())
        s.flush()
        for email, role in [(OLGA, "owner"), (RASMUS, "member"), (ULLA, "owner"),
                            (DORTE, "viewer")]:
            s.add(Membership(plan_id=plan.id, user_id=users[email].id, role=role))
        inds = [Indicator(plan_id=plan.id, name=name, unit="dage", direction="lower",
                          owner=users[e].name, owner_user_id=users[e].id, baseline_value=30,
                          baseline_month=date(2026, 1, 1), target_value=20,
                          target_start_month=date(2026, 2, 1),
                          full_effect_month=date(2026, 12, 1))
                for name, e in [("Sagsbehandlingstid", OLGA), ("Åbne sager", ULLA)]]
        s.add_all(inds)
        s.flush()
        for ind in inds:
            s.add_all(Measurement(indicator_id=ind.id, month=date(2026, m, 1), value=25)
                      for m in range(1, 10))
        s.add(Action(plan_id=plan.id, title="Ny skabelon til partshøring",
                     responsible="rasmus berg", deadline=date(2026, 11, 8),
                     decided_on=date(2026, 10, 1), status="started"))
        s.add(Action(plan_id=plan.id, title="Kampagne for selvbetjening",
                     responsible="Ukendt Person", deadline=date(2026, 10, 1),
                     decided_on=date(2026, 9, 1)))
        s.add(MeetingSchedule(plan_id=plan.id, weekday=1, start_time="09:00",
                              length_minutes=20))
        s.add(ReminderPreference(user_id=users[ULLA].id, all_off=True))
        s.add(PlanParticipant(plan_id=plan.id, name="Dorte Vang"))  # a viewer who attends
        s.add(PlanParticipant(plan_id=plan.id, name="Gæst Uden Konto"))


@pytest.fixture
def smtp() -> Iterator[tuple[Inbox, SmtpSettings]]:
    with smtp_server() as server:
        yield server


def _received(inbox: Inbox) -> set[tuple[str, str]]:
    """(recipient, kind) of each message, the kind read from the subject's wording."""
    out = set()
    for m in inbox.take():
        subject = m["Subject"]
        kind = ("figure_due" if "skal ind senest" in subject else
                "figure_missing" if "mangler" in subject else
                "action_due" if "har frist" in subject else
                "action_overdue" if "over fristen" in subject else
                "meeting_agenda" if "Tavlemøde" in subject else
                "director_letter" if "Månedsbrev" in subject else subject)
        out.add((m["To"].addresses[0].addr_spec, kind))
    return out


def test_who_gets_what_on_which_day_and_never_twice(
        engine: Engine, smtp: tuple[Inbox, SmtpSettings]) -> None:
    inbox, settings = smtp
    _world(engine)

    def run(day: date) -> set[tuple[str, str]]:
        run_reminders(engine, on=day, settings=settings, link_base="https://gevinst.test")
        return _received(inbox)

    # The first of the month: the action is due within 7 days; September's figures are in.
    assert run(date(2026, 11, 1)) == {(RASMUS, "action_due")}
    # The day before the deadline (a Monday): October's figure is due, the action is a day
    # overdue, and tomorrow's board meeting sends its agenda to the plan's members.
    assert run(date(2026, 11, 9)) == {
        (OLGA, "figure_due"), (RASMUS, "action_overdue"),
        (OLGA, "meeting_agenda"), (RASMUS, "meeting_agenda"), (DORTE, "meeting_agenda")}
    # The deadline: the figure reminder went out yesterday and is not repeated.
    assert run(date(2026, 11, 10)) == set()
    # A day after the deadline: the figure is missing; the directors get their letter.
    assert run(date(2026, 11, 11)) == {(OLGA, "figure_missing"), (DORTE, "director_letter")}
    # A week later: missing and overdue again (weekly), no second letter.
    assert run(date(2026, 11, 18)) == {(OLGA, "figure_missing"), (RASMUS, "action_overdue")}
    # The same day again (cron twice, or a second process): nothing new.
    report = run_reminders(engine, on=date(2026, 11, 18), settings=settings)
    assert report.sent == [] and report.skipped == 3  # incl. the letter, sent on the 11th
    assert inbox.take() == []
    with Session(engine) as s:
        outbox = s.exec(select(ReminderOutbox)).all()
        assert {o.email for o in outbox}.isdisjoint({ULLA})  # stopped all reminders
        assert all(o.status == "sent" for o in outbox) and len(outbox) == 10
        trail = s.exec(select(AuditRecord).where(AuditRecord.entity == "reminder")).all()
    assert len(trail) == 10 and {t.action for t in trail} == {"sent"}
    first = json.loads(trail[0].new_values)
    assert set(first) == {"to", "kind", "subject", "occasion"}  # never the body


def test_the_letter_and_links(engine: Engine, smtp: tuple[Inbox, SmtpSettings]) -> None:
    inbox, settings = smtp
    _world(engine)
    run_reminders(engine, on=date(2026, 11, 11), settings=settings,
                  link_base="https://gevinst.fjordby.dk")
    by_kind = {m["To"].addresses[0].addr_spec: m for m in inbox.take()}
    letter = by_kind[DORTE]
    pdf = [p for p in letter.iter_attachments() if p.get_content_type() == "application/pdf"]
    assert len(pdf) == 1 and pdf[0].get_content().startswith(b"%PDF")
    assert "KSD – sygedagpenge" in letter.get_body(("plain",)).get_content()
    missing = by_kind[OLGA]
    text = missing.get_body(("plain",)).get_content()
    assert "Sagsbehandlingstid" in text and "okt. 2026" in text
    assert "https://gevinst.fjordby.dk/indtast?plan=1&indikator=1&maaned=2026-10" in text
    assert 'href="https://gevinst.fjordby.dk/indtast?plan=' in \
        missing.get_body(("html",)).get_content()


def test_a_transient_failure_is_retried(engine: Engine,
                                        smtp: tuple[Inbox, SmtpSettings]) -> None:
    inbox, settings = smtp
    _world(engine)
    inbox.transient_failures = 1
    report = run_reminders(engine, on=date(2026, 11, 1), settings=settings,
                           retry_delays=(0, 0))
    assert [r.person.email for r in report.sent] == [RASMUS]
    assert inbox.tries == 2 and len(inbox.take()) == 1
    # Still refused after every try: kept pending, and the next run sends it.
    inbox.transient_failures = 3
    report = run_reminders(engine, on=date(2026, 11, 9), settings=settings,
                           retry_delays=(0, 0))
    assert len(report.retry) == 1 and len(report.sent) == 4
    assert [f.status for f in failed_reminders(engine)] == ["pending"]
    report = run_reminders(engine, on=date(2026, 11, 9), settings=settings,
                           retry_delays=(0, 0))
    assert len(report.sent) == 1 and failed_reminders(engine) == []


def test_a_permanent_failure_is_reported(engine: Engine,
                                         smtp: tuple[Inbox, SmtpSettings]) -> None:
    inbox, settings = smtp
    _world(engine)
    inbox.refuse = {RASMUS}
    report = run_reminders(engine, on=date(2026, 11, 1), settings=settings,
                           retry_delays=(0, 0))
    assert [r.person.email for r in report.failed] == [RASMUS]
    assert inbox.tries == 0  # refused at RCPT, not retried
    [failed] = failed_reminders(engine)
    assert failed.email == RASMUS and failed.kind == "action_due" and "550" in failed.error
    # Not sent again by a later run the same day.
    assert run_reminders(engine, on=date(2026, 11, 1), settings=settings).failed == []
    with Session(engine) as s:
        trail = s.exec(select(AuditRecord).where(AuditRecord.entity == "reminder")).all()
    assert [t.action for t in trail] == ["failed"]


def test_without_smtp_nothing_is_sent_or_recorded(engine: Engine) -> None:
    _world(engine)
    report = run_reminders(engine, on=date(2026, 11, 9), settings=None)
    assert not report.configured and report.due == 5
    assert "ikke sat op" in report.summary()
    with Session(engine) as s:
        assert s.exec(select(ReminderOutbox)).all() == []


def test_the_embedded_scheduler_sends_once(duck_engine: Engine, monkeypatch,
                                           smtp: tuple[Inbox, SmtpSettings]) -> None:
    import threading
    import time

    from tracking.reminder_sending import run_periodically

    inbox, settings = smtp
    _world(duck_engine)
    monkeypatch.setenv("GEVINST_SMTP_HOST", settings.host)
    monkeypatch.setenv("GEVINST_SMTP_PORT", str(settings.port))
    monkeypatch.setenv("GEVINST_SMTP_TLS", "none")
    stop = threading.Event()
    worker = threading.Thread(target=run_periodically, args=(duck_engine, stop, 0.05, 0))
    worker.start()
    try:
        deadline = time.monotonic() + 20
        while not inbox.messages and time.monotonic() < deadline:
            time.sleep(0.1)
        time.sleep(0.5)  # several more runs: none may send again
    finally:
        stop.set()
        worker.join(10)
    # Today is pinned to Monday 23 November: Olga's figure is missing, Rasmus's action
    # overdue, the letter due, and both get tomorrow's agenda; each once however often
    # the scheduler ran.
    assert sorted(m["To"].addresses[0].addr_spec for m in inbox.take()) == [
        DORTE, DORTE, OLGA, OLGA, RASMUS, RASMUS]


def test_each_person_reads_their_own_language(engine: Engine,
                                              smtp: tuple[Inbox, SmtpSettings]) -> None:
    from tracking.services.reminders import set_language

    inbox, settings = smtp
    _world(engine)
    with Session(engine) as s:
        rasmus = s.exec(select(UserAccount).where(UserAccount.email == RASMUS)).one()
    set_language(engine, rasmus.id, "en", actor=SYSTEM)
    run_reminders(engine, on=date(2026, 11, 1), settings=settings, lang="da")
    [message] = inbox.take()
    assert message["Subject"] == "The action “Ny skabelon til partshøring” is due 8 Nov 2026"
    assert message.get_body(("plain",)).get_content().startswith("Hello Rasmus")
