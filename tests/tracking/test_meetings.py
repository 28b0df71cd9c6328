"""The board meeting: start, steps, closing with minutes; participants; kiosk links."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import Engine

from tests.conftest import TODAY
from tests.support.actors import SYSTEM, who
from tracking.errors import ValidationError
from tracking.meeting_rules import AGENDA, Visit, format_clock, meeting_clock, step_budgets
from tracking.minutes import from_json, render_markdown, render_pdf, to_json
from tracking.readmodel.kiosk import list_kiosk_links
from tracking.readmodel.meetings import (
    attendees,
    closed_meetings,
    current_step,
    get_minutes,
    open_meeting,
    plan_people,
)
from tracking.readmodel.plans import list_indicators, list_plans
from tracking.services.actions import move_action, promote_idea
from tracking.services.ideas import add_idea, score_idea
from tracking.services.measurements import record_actual
from tracking.services.meetings import (
    add_participant,
    advance_step,
    close_meeting,
    create_kiosk_link,
    go_to_step,
    kiosk_plan_id,
    remove_participant,
    revoke_kiosk_link,
    set_attendance,
    start_meeting,
)


def _ksd(engine: Engine) -> int:
    return next(p.id for p in list_plans(engine) if p.name.startswith("KSD"))


def test_budgets_add_up_and_clock_warns() -> None:
    assert [b.total_seconds() / 60 for b in step_budgets(15)] == [2, 4, 3, 3, 3]
    assert sum(step_budgets(30), timedelta()) == timedelta(minutes=30)
    from datetime import UTC, datetime
    t0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
    visits = [Visit(0, t0, t0 + timedelta(minutes=3)),
              Visit(1, t0 + timedelta(minutes=3), None)]
    clock = meeting_clock(t0, 15, visits, t0 + timedelta(minutes=16))
    assert clock.step == 1 and clock.over and clock.step_over
    assert clock.step_elapsed == timedelta(minutes=13)
    assert format_clock(clock.remaining) == "-1:00"
    early = meeting_clock(t0, 15, visits, t0 + timedelta(minutes=5))
    assert not early.over and not early.step_over


def test_whole_meeting_writes_frozen_minutes(demo_engine: Engine) -> None:
    plan_id = _ksd(demo_engine)
    people = plan_people(demo_engine, plan_id)
    assert "Mette Sørensen" in people and "Jonas Holm" in people
    meeting = start_meeting(demo_engine, plan_id, ["Mette Sørensen", "Jonas Holm"], 15,
                            actor=who("Mette Sørensen"))
    assert open_meeting(demo_engine, plan_id).id == meeting.id
    with pytest.raises(ValidationError) as err:
        start_meeting(demo_engine, plan_id, ["Jonas Holm"], actor=who("x"))
    assert err.value.code == "error.meeting_already_open"
    ind = list_indicators(demo_engine, plan_id)[0]
    record_actual(demo_engine, ind.id, date(2026, 11, 1), "71", actor=who("Mette Sørensen"),
                  on=TODAY)
    advance_step(demo_engine, meeting.id, actor=who("Mette Sørensen"))
    assert current_step(demo_engine, meeting.id) == 1
    idea = add_idea(demo_engine, plan_id, "Chatbot på hjemmesiden", author="Jonas Holm",
                    actor=SYSTEM)
    score_idea(demo_engine, idea.id, effect=4, resources=2, actor=SYSTEM)
    action = promote_idea(demo_engine, idea.id, "Jonas Holm", TODAY + timedelta(days=14),
                          who("Mette Sørensen"), TODAY, confirm_over_capacity=True)
    move_action(demo_engine, action.id, "started", action.version, who("Jonas Holm"))
    set_attendance(demo_engine, meeting.id, ["Mette Sørensen", "Jonas Holm", "Sara Nielsen"],
                   actor=SYSTEM)
    go_to_step(demo_engine, meeting.id, len(AGENDA) - 1, actor=SYSTEM)
    minutes = close_meeting(demo_engine, meeting.id, actor=who("Mette Sørensen"), on=TODAY)
    assert minutes.attendees == ["Jonas Holm", "Mette Sørensen", "Sara Nielsen"]
    assert [f.value for f in minutes.figures_entered] == [71.0]
    assert [i.text for i in minutes.ideas_added] == ["Chatbot på hjemmesiden"]
    assert [(i.effect, i.resources, i.field) for i in minutes.ideas_scored] == [(4, 2, "green")]
    assert [a.title for a in minutes.actions_created] == ["Chatbot på hjemmesiden"]
    assert [(a.from_status, a.status) for a in minutes.actions_moved] == [("decided", "started")]
    assert len(minutes.figures_seen) == 3
    assert open_meeting(demo_engine, plan_id) is None
    # Closing twice is refused; the stored minutes do not change later.
    with pytest.raises(ValidationError) as err:
        close_meeting(demo_engine, meeting.id, actor=who("x"))
    assert err.value.code == "error.meeting_closed"
    add_idea(demo_engine, plan_id, "Efter mødet", actor=SYSTEM)
    stored = get_minutes(demo_engine, meeting.id)
    assert stored == minutes == from_json(to_json(minutes))
    md = render_markdown(stored)
    assert "Chatbot på hjemmesiden" in md and "Besluttet → Igangsat" in md
    assert "Efter mødet" not in md
    assert render_pdf(stored).startswith(b"%PDF")
    assert closed_meetings(demo_engine, plan_id)[0].meeting.id == meeting.id


def test_empty_meeting_keeps_attendance(demo_engine: Engine) -> None:
    plan_id = _ksd(demo_engine)
    with pytest.raises(ValidationError) as err:
        start_meeting(demo_engine, plan_id, [], actor=who("x"))
    assert err.value.code == "error.attendees_required"
    with pytest.raises(ValidationError):
        start_meeting(demo_engine, plan_id, ["Jonas Holm"], 40, actor=SYSTEM)  # 15-30 min.
    meeting = start_meeting(demo_engine, plan_id, ["Jonas Holm", " jonas  holm "], 30, actor=SYSTEM)
    assert attendees(demo_engine, meeting.id) == ["Jonas Holm"]
    minutes = close_meeting(demo_engine, meeting.id, actor=who("Jonas Holm"))
    assert minutes.nothing_happened and minutes.attendees == ["Jonas Holm"]
    assert "Jonas Holm" in render_markdown(minutes)
    with pytest.raises(ValidationError):
        set_attendance(demo_engine, meeting.id, ["Sara Nielsen"], actor=SYSTEM)


def test_participants(demo_engine: Engine) -> None:
    plan_id = _ksd(demo_engine)
    row = add_participant(demo_engine, plan_id, "Birgit Lund", actor=SYSTEM)
    assert "Birgit Lund" in plan_people(demo_engine, plan_id)
    with pytest.raises(ValidationError) as err:
        add_participant(demo_engine, plan_id, "birgit lund", actor=SYSTEM)
    assert err.value.code == "error.participant_exists"
    with pytest.raises(ValidationError):
        add_participant(demo_engine, plan_id, "  ", actor=SYSTEM)
    remove_participant(demo_engine, row.id, actor=SYSTEM)
    assert "Birgit Lund" not in plan_people(demo_engine, plan_id)


def test_kiosk_links(demo_engine: Engine) -> None:
    plan_id = _ksd(demo_engine)
    link, token = create_kiosk_link(demo_engine, plan_id, "Skærm ved kaffen", actor=who("x"))
    assert token not in link.token_hash and len(token) >= 30
    assert kiosk_plan_id(demo_engine, token) == plan_id
    assert kiosk_plan_id(demo_engine, token + "x") is None
    assert kiosk_plan_id(demo_engine, "") is None
    assert [k.id for k in list_kiosk_links(demo_engine, plan_id)] == [link.id]
    revoke_kiosk_link(demo_engine, link.id, actor=who("x"))
    assert kiosk_plan_id(demo_engine, token) is None
    assert list_kiosk_links(demo_engine, plan_id) == []
    with pytest.raises(ValidationError):
        revoke_kiosk_link(demo_engine, link.id, actor=SYSTEM)


def test_kiosk_links_expire_note_their_last_use_and_may_hide_names(demo_engine: Engine) -> None:
    from datetime import UTC, datetime, timedelta

    from sqlalchemy import update
    from sqlmodel import Session

    from tracking.models import KioskLink
    from tracking.readmodel.kiosk import kiosk_expires_at
    from tracking.services.meetings import kiosk_view

    plan_id = _ksd(demo_engine)
    t0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
    default, token = create_kiosk_link(demo_engine, plan_id, "TV", actor=who("x"))
    assert kiosk_expires_at(default) - default.created_at.replace(tzinfo=UTC) \
        >= timedelta(days=365)
    short, short_token = create_kiosk_link(demo_engine, plan_id, "Messe", actor=who("x"),
                                           valid_months=1, anonymous=True)
    made = short.created_at.replace(tzinfo=UTC) if short.created_at.tzinfo is None \
        else short.created_at
    view = kiosk_view(demo_engine, short_token, at=made + timedelta(days=27))
    assert view is not None and view.anonymous and view.plan_id == plan_id
    assert kiosk_view(demo_engine, short_token, at=made + timedelta(days=32)) is None
    for months in (0, 25):
        with pytest.raises(ValidationError):
            create_kiosk_link(demo_engine, plan_id, "", actor=who("x"), valid_months=months)

    # Last use: noted on the first view, then at most every ten minutes.
    assert kiosk_plan_id(demo_engine, token, at=t0) == plan_id
    assert kiosk_plan_id(demo_engine, token, at=t0 + timedelta(minutes=5)) == plan_id
    [link] = [k for k in list_kiosk_links(demo_engine, plan_id) if k.id == default.id]
    assert link.last_used_at.replace(tzinfo=UTC) == t0
    kiosk_plan_id(demo_engine, token, at=t0 + timedelta(minutes=11))
    [link] = [k for k in list_kiosk_links(demo_engine, plan_id) if k.id == default.id]
    assert link.last_used_at.replace(tzinfo=UTC) == t0 + timedelta(minutes=11)

    # A link made before expiry existed (no expiry stored) stops 12 months after it was made.
    with Session(demo_engine) as s:
        s.exec(update(KioskLink).where(KioskLink.id == default.id).values(
            expires_at=None, created_at=t0 - timedelta(days=400)))
        s.commit()
    assert kiosk_plan_id(demo_engine, token, at=t0) is None
