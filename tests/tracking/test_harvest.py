"""Harvest (hjemtagning): who may record it, what is refused, the audit trail, and the
sums beside the overview's economy, checked by hand on the demo. Both engines.

Demo KSD plan (by hand): FTE freed is a level, baseline 0, 2,9 in October 2026, target
4,0; one FTE costs 30.000 × 12 × 1,17 + 120.000 = 541.200 kr. Realised to date
2,9 × 541.200 = 1.569.480 kr.; planned (whole period) 4,0 × 541.200 = 2.164.800 kr.
Harvest lines: 270.600 harvested (2026), 541.200 decided (2027), 541.200 planned (2028).
Råderum = 1.569.480 − 541.200 − 270.600 = 757.680 kr.
"""

from __future__ import annotations

import io
from datetime import date

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from sqlalchemy import Engine, text
from sqlmodel import Session, select

from tests.conftest import TODAY
from tests.support.actors import SYSTEM
from tracking.auth import Actor, PermissionDenied, bind
from tracking.db import init_schema
from tracking.errors import ValidationError
from tracking.models import AuditRecord, BenefitHarvest, Membership, UserAccount
from tracking.readmodel.harvest import plan_harvest_summary
from tracking.readmodel.harvest_lines import can_decide_harvest, harvest_sums, list_harvests
from tracking.readmodel.overview import plan_overview
from tracking.readmodel.plans import list_plans
from tracking.reports.excel import overview_workbook
from tracking.reports.pdf import overview_pdf
from tracking.services.harvest import HarvestInput, archive_harvest, save_harvest
from tracking.services.plans import PlanInput, create_plan, set_plan_archived


def _people(engine: Engine, plan_id: int) -> dict[str, Actor]:
    """member and facilitator of the plan; a director (viewer of no plan); an admin."""
    actors = {}
    with Session(engine) as s:
        bind(s, SYSTEM)
        for name, role in (("member", "member"), ("facilitator", "facilitator"),
                           ("viewer", "viewer"), ("director", None), ("admin", None)):
            user = UserAccount(email=f"{name}@fjordby.dk", name=name.title(),
                               is_admin=name == "admin", is_director=name == "director")
            s.add(user)
            s.flush()
            if role:
                s.add(Membership(plan_id=plan_id, user_id=user.id, role=role))
            actors[name] = Actor(name=user.name, user_id=user.id, email=user.email)
        s.commit()
    return actors


@pytest.fixture
def plan_and_people(engine: Engine) -> tuple[int, dict[str, Actor]]:
    plan = create_plan(engine, PlanInput("KSD", date(2025, 1, 1), date(2027, 12, 1)),
                       actor=SYSTEM)
    return plan.id, _people(engine, plan.id)


LINE = HarvestInput(budget_year=2027, amount=541_200, account="Jobcenter (løn)",
                    decision="Indarbejdet i budget 2027", status="decided")


def _count(engine: Engine) -> tuple[int, int]:
    with Session(engine) as s:
        return (len(s.exec(select(BenefitHarvest)).all()),
                len(s.exec(select(AuditRecord)).all()))


@pytest.mark.parametrize("who,allowed", [("member", False), ("viewer", False),
                                         ("facilitator", True), ("director", True),
                                         ("admin", True)])
def test_a_director_or_the_facilitator_decides(engine: Engine, plan_and_people, who: str,
                                               allowed: bool) -> None:
    plan_id, people = plan_and_people
    assert can_decide_harvest(engine, people[who], plan_id) is allowed
    before = _count(engine)
    if allowed:
        row = save_harvest(engine, plan_id, LINE, people[who])
        assert row.approved_by == people[who].name  # empty: the person deciding
        assert row.approved_on == TODAY
    else:
        with pytest.raises(PermissionDenied) as refused:
            save_harvest(engine, plan_id, LINE, people[who])
        assert refused.value.code == "error.harvest_needs_decider"
        assert "»KSD«" in refused.value.message("da")
        assert _count(engine) == before  # nothing written, nothing in the trail
    with pytest.raises(PermissionDenied):
        save_harvest(engine, plan_id, LINE, None)  # nobody signed in


def test_every_change_is_in_the_audit_trail_and_versioned(engine: Engine,
                                                          plan_and_people) -> None:
    plan_id, people = plan_and_people
    row = save_harvest(engine, plan_id, HarvestInput(2027, 541_200, "Jobcenter (løn)",
                                                     status="planned"), people["facilitator"])
    assert (row.status, row.approved_by, row.approved_on, row.version) == \
        ("planned", "", None, 1)
    changed = save_harvest(engine, plan_id, LINE, people["director"], harvest_id=row.id,
                           expected_version=1)
    assert changed.version == 2 and changed.status == "decided"
    with pytest.raises(ValidationError) as stale:  # a second person saving what they saw
        save_harvest(engine, plan_id, LINE, people["facilitator"], harvest_id=row.id,
                     expected_version=1)
    assert stale.value.code == "error.harvest_stale" and "Director" in stale.value.message()
    archive_harvest(engine, row.id, people["facilitator"])
    assert list_harvests(engine, plan_id) == []
    with Session(engine) as s:
        trail = s.exec(select(AuditRecord).where(AuditRecord.entity == "benefit_harvest")
                       .order_by(AuditRecord.id)).all()
    assert [(a.action, a.actor, a.plan_id) for a in trail] == [
        ("create", "Facilitator", plan_id), ("update", "Director", plan_id),
        ("update", "Facilitator", plan_id)]
    assert '"status": "decided"' in trail[1].new_values
    assert '"status": "planned"' in trail[1].old_values


@pytest.mark.parametrize("change,field,code", [
    ({"amount": 0}, "amount", "error.harvest_amount"),
    ({"amount": -5}, "amount", "error.harvest_amount"),
    ({"amount": float("nan")}, "amount", "error.harvest_amount"),
    ({"amount": "mange"}, "amount", "error.harvest_amount"),
    ({"budget_year": 27}, "budget_year", "error.harvest_year"),
    ({"status": "maybe"}, "status", "error.harvest_status"),
    ({"decision": ""}, "decision", "error.harvest_decision_required"),
    ({"decision": "x" * 501}, "decision", "error.harvest_text_too_long"),
    ({"account": "Konto\x07"}, "account", "error.control_chars"),
])
def test_bad_input_is_refused_with_the_field_named(engine: Engine, plan_and_people,
                                                    change: dict, field: str, code: str) -> None:
    plan_id, people = plan_and_people
    data = HarvestInput(**{**LINE.__dict__, **change})
    before = _count(engine)
    with pytest.raises(ValidationError) as refused:
        save_harvest(engine, plan_id, data, people["facilitator"])
    assert (refused.value.field, refused.value.code) == (field, code)
    assert not refused.value.message("da").startswith("error.")  # a Danish sentence
    assert _count(engine) == before


def test_an_archived_plan_takes_no_harvest(engine: Engine, plan_and_people) -> None:
    plan_id, people = plan_and_people
    set_plan_archived(engine, plan_id, True, actor=SYSTEM)
    with pytest.raises(PermissionDenied) as refused:
        save_harvest(engine, plan_id, LINE, people["director"])
    assert refused.value.code == "error.plan_archived_named"


def test_demo_sums_by_hand(demo_engine: Engine) -> None:
    ksd = next(p.id for p in list_plans(demo_engine) if p.name.startswith("KSD"))
    lines = list_harvests(demo_engine, ksd)
    assert [(h.status, h.amount) for h in lines] == [
        ("harvested", 270_600), ("decided", 541_200), ("planned", 541_200)]
    assert [h.budget_year for h in lines] == [2026, 2027, 2028]
    assert lines[1].decision.startswith("Indarbejdet i budget 2027")
    assert (lines[1].approved_by, lines[1].approved_on) == ("Økonomiudvalget", date(2026, 10, 6))
    summary = plan_harvest_summary(demo_engine, ksd, TODAY)
    assert summary == pytest.approx({
        "planned_total": 4.0 * 541_200, "realised_to_date": 2.9 * 541_200,
        "harvest_planned": 541_200, "harvest_decided": 541_200, "harvested": 270_600,
        "leeway": 2.9 * 541_200 - 541_200 - 270_600})
    assert summary["leeway"] == pytest.approx(757_680)
    ov = plan_overview(demo_engine, TODAY)
    row = ov.plans.set_index("plan")
    assert row.loc["KSD – sygedagpenge", "harvested"] == 270_600
    assert row.loc["KSD – sygedagpenge", "leeway"] == pytest.approx(757_680)
    assert row.loc["Fakturaautomatisering (RPA)", "harvested"] == 0
    assert ov.total["harvested"] == 270_600 and ov.total["leeway"] == pytest.approx(757_680)
    dep = ov.departments.set_index("department")
    assert dep.loc["Beskæftigelse og Social", "harvest_decided"] == 541_200
    # The reports carry the same numbers.
    book = load_workbook(io.BytesIO(overview_workbook(ov, "da")))
    sheet = book.worksheets[2]
    headers = [c.value for c in sheet[1]]
    values = {h: v for h, v in zip(headers, [c.value for c in sheet[2]], strict=True)}
    assert values["Hjemtaget (kr.)"] == 270_600
    assert values["Råderum (kr.)"] == pytest.approx(757_680)
    pdf = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(
        overview_pdf(ov, "da"))).pages)
    assert "Hjemtagning" in pdf and "270.600 kr." in pdf and "757.680 kr." in pdf


def test_an_older_database_gets_the_harvest_table(engine: Engine) -> None:
    """A database made before the harvest: the table arrives with init_schema."""
    plan = create_plan(engine, PlanInput("KSD", date(2025, 1, 1), date(2027, 12, 1)),
                       actor=SYSTEM)
    with engine.begin() as conn:
        conn.execute(text("DROP TABLE benefit_harvest"))
        conn.execute(text("DROP SEQUENCE benefit_harvest_id_seq"))
    assert init_schema(engine) is False  # not a new database: upgraded in place
    save_harvest(engine, plan.id, LINE, SYSTEM)
    assert harvest_sums(engine).loc[plan.id, "harvest_decided"] == 541_200
