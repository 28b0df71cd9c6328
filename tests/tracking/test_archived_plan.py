"""Archiving a plan during its meeting closes the meeting with minutes, and every write
into an archived plan is refused, by every write service, for everyone (issue 22, item 6)."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine

from tests.support.actors import SYSTEM
from tests.tracking import test_permissions as perms
from tests.tracking.test_permissions import WRITES, World, _audit_count
from tracking.auth import PlanArchived
from tracking.readmodel.meetings import closed_meetings, open_meeting
from tracking.services.meetings import start_meeting
from tracking.services.plans import set_plan_archived

world = perms.world  # the same plan, people and cards as the permission matrix
CONTENT_WRITES = [w for w in WRITES if w[0] not in ("archive_plan", "create_plan")]


def test_archiving_closes_the_open_meeting_and_keeps_its_minutes(engine: Engine,
                                                                 world: World) -> None:
    meeting = start_meeting(engine, world.plan_id, ["Mette", "Jonas"],
                            actor=world.actors["facilitator"])
    set_plan_archived(engine, world.plan_id, True, actor=world.actors["facilitator"])
    assert open_meeting(engine, world.plan_id) is None
    [past] = closed_meetings(engine, world.plan_id)
    assert past.meeting.id == meeting.id
    assert past.minutes.attendees == ["Jonas", "Mette"]
    assert past.minutes.closed_by == world.actors["facilitator"].name


@pytest.mark.parametrize("name,write,allowed", CONTENT_WRITES, ids=[w[0] for w in CONTENT_WRITES])
def test_every_write_into_an_archived_plan_is_refused(engine: Engine, world: World,
                                                      name: str, write, allowed) -> None:
    set_plan_archived(engine, world.plan_id, True, actor=SYSTEM)
    before = _audit_count(engine)
    for person in ("admin", "facilitator"):
        with pytest.raises(PlanArchived) as refused:
            write(engine, world, world.actors[person])
        assert "arkiveret" in refused.value.message("da") and "KSD" in refused.value.message()
    with pytest.raises(PlanArchived):
        write(engine, world, SYSTEM)  # the CLI and imports too
    assert _audit_count(engine) == before
    set_plan_archived(engine, world.plan_id, False, actor=SYSTEM)  # restored: writes again
    write(engine, world, world.actors["admin"])
