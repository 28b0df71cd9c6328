"""The demo plans shipped in data/demo_plan.json (a fictional municipality)."""

from __future__ import annotations

import copy
import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Engine
from sqlmodel import Session, select

from tracking.auth import Actor
from tracking.clock import today
from tracking.config import REPO_ROOT
from tracking.demo_benefits import load_plan_extras
from tracking.demo_board import load_board
from tracking.demo_users import load_demo_accounts
from tracking.errors import ValidationError
from tracking.models import Plan
from tracking.months import add_months, iso_month, months_between, parse_iso_month
from tracking.people import link_named_people
from tracking.rules import last_due_month
from tracking.services.measurements import FigureInput, record_actuals
from tracking.services.plans import IndicatorInput, PlanInput, create_indicator, create_plan
from tracking.services.reminders import set_meeting_schedule

DEMO_FILE = REPO_ROOT / "data" / "demo_plan.json"
# The demo was written on this day: its last reported month is the last one due then.
WRITTEN_ON = date(2026, 11, 23)
_MONTH_KEYS = ("start_month", "end_month", "baseline_month", "target_start_month",
               "full_effect_month", "phase_in_start", "month", "budget_month")
_DATE_KEYS = ("decided_on", "deadline", "approved_on")
# The loader acts as the system, in the names of the people the demo figures came from.
LOADER = Actor.system("demo")


def relative_to(doc: dict[str, Any], on: date) -> dict[str, Any]:
    """The demo as if it had been written on `on`: every month moves by the months from
    the last month due when it was written to the last due `on` (so the latest figures,
    the summer dip and the one missing month keep their places relative to today), and
    every action date by the days between the two dates (so overdue stays overdue)."""
    months = months_between(last_due_month(WRITTEN_ON), last_due_month(on))
    days = (on - WRITTEN_ON).days
    out = copy.deepcopy(doc)

    def walk(node: Any) -> None:
        if isinstance(node, list):
            for item in node:
                walk(item)
        elif isinstance(node, dict):
            for key, value in node.items():
                if key in _MONTH_KEYS and isinstance(value, str):
                    node[key] = iso_month(add_months(parse_iso_month(value), months))
                elif key in _DATE_KEYS and isinstance(value, str):
                    node[key] = (date.fromisoformat(value) + timedelta(days=days)).isoformat()
                else:
                    walk(value)

    walk(out["plans"])
    return out


def load_demo(engine: Engine, path: Path = DEMO_FILE, on: date | None = None) -> list[Plan]:
    """Load the demo plans through the ordinary services, laid out relative to `on`
    (today). Refuses to load them twice."""
    doc = relative_to(json.loads(path.read_text(encoding="utf-8")), on or today())
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
                phase_in=i["phase_in"], step_percentages=i.get("step_percentages", []),
                measure=i.get("measure"), budget_effect=i.get("budget_effect", True)),
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
