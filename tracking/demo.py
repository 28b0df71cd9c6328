"""The demo plans shipped in data/demo_plan.json (a fictional municipality)."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import Engine
from sqlmodel import Session, select

from tracking.auth import Actor
from tracking.config import REPO_ROOT
from tracking.demo_benefits import load_plan_extras
from tracking.demo_board import load_board
from tracking.demo_users import load_demo_accounts
from tracking.errors import ValidationError
from tracking.models import Plan
from tracking.months import parse_iso_month
from tracking.people import link_named_people
from tracking.services.measurements import FigureInput, record_actuals
from tracking.services.plans import IndicatorInput, PlanInput, create_indicator, create_plan
from tracking.services.reminders import set_meeting_schedule

DEMO_FILE = REPO_ROOT / "data" / "demo_plan.json"
# The loader acts as the system, in the names of the people the demo figures came from.
LOADER = Actor.system("demo")


def load_demo(engine: Engine, path: Path = DEMO_FILE) -> list[Plan]:
    """Load the demo plans through the ordinary services. Refuses to load them twice."""
    doc = json.loads(path.read_text(encoding="utf-8"))
    names = [p["name"] for p in doc["plans"]]
    with Session(engine) as session:
        existing = session.exec(select(Plan.name).where(Plan.name.in_(names))).first()
    if existing:
        raise ValidationError("error.demo_exists", None, name=existing)
    plans = []
    for p in doc["plans"]:
        plan = create_plan(engine, PlanInput(
            name=p["name"], solution=p["solution"], team=p["team"],
            benefit_owner=p["benefit_owner"], department=p.get("department", ""),
            area=p.get("area", ""), start_month=parse_iso_month(p["start_month"]),
            end_month=parse_iso_month(p["end_month"])), actor=LOADER)
        for i in p["indicators"]:
            ind = create_indicator(engine, plan.id, IndicatorInput(
                name=i["name"], unit=i["unit"], direction=i["direction"], kind=i["kind"],
                owner=i["owner"], baseline_value=i["baseline_value"],
                baseline_month=parse_iso_month(i["baseline_month"]),
                target_value=i["target_value"],
                target_start_month=parse_iso_month(i["target_start_month"]),
                full_effect_month=parse_iso_month(i["full_effect_month"]),
                phase_in=i["phase_in"], step_percentages=i.get("step_percentages", [])),
                actor=LOADER)
            by_person: dict[str, list[FigureInput]] = {}
            for m in i["measurements"]:
                by_person.setdefault(m["entered_by"], []).append(FigureInput(
                    ind.id, parse_iso_month(m["month"]), m["value"], m["comment"]))
            for person, figures in by_person.items():
                record_actuals(engine, figures, actor=Actor.system(person))
        load_board(engine, plan, p)
        load_plan_extras(engine, plan.id, p)
        if "meeting_schedule" in p:
            set_meeting_schedule(engine, plan.id, **p["meeting_schedule"], actor=LOADER)
        plans.append(plan)
    load_demo_accounts(engine, plans, doc)
    link_named_people(engine)  # the cards were written before the accounts existed
    return plans
