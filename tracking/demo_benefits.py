"""Demo data for the plan around the board: benefit tree, business case, themes, harvest.

Read from the optional keys "benefit_tree", "business_case", "themes" and "harvest" of a
plan (and "reference_case" of an indicator) in data/demo_plan.json and written through the
ordinary services.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Engine

from tracking.auth import Actor
from tracking.months import parse_iso_month
from tracking.readmodel.business_case import BusinessCaseInput, CostInput, TaskInput
from tracking.readmodel.plans import list_indicators
from tracking.services.business_case import save_business_case
from tracking.services.harvest import HarvestInput, save_harvest
from tracking.services.reference_cases import link_reference_case
from tracking.services.themes import ThemeInput, save_theme
from tracking.services.tree import NodeInput, add_node, link_nodes, set_benefit_indicators

DEMO_ACTOR = Actor.system("demo")


def load_plan_extras(engine: Engine, plan_id: int, doc: dict[str, Any]) -> None:
    """Load whichever of the three parts the plan's JSON has."""
    if "benefit_tree" in doc:
        _tree(engine, plan_id, doc["benefit_tree"])
    if "business_case" in doc:
        _business_case(engine, plan_id, doc["business_case"])
    for theme, answer in doc.get("themes", {}).items():
        save_theme(engine, plan_id, theme, ThemeInput(
            answer["answers"], answer["status"], answer["responsible"]), DEMO_ACTOR)
    by_name = {i.name: i.id for i in list_indicators(engine, plan_id)}
    for ind in doc.get("indicators", []):
        if ind.get("reference_case"):
            link_reference_case(engine, by_name[ind["name"]], ind["reference_case"], DEMO_ACTOR)
    for line in doc.get("harvest", []):
        # The budget year moves with the demo's months (`tracking.demo.relative_to`).
        save_harvest(engine, plan_id, HarvestInput(
            budget_year=parse_iso_month(line["budget_month"]).year, amount=line["amount"],
            account=line["account"], decision=line["decision"], status=line["status"],
            approved_by=line["approved_by"],
            approved_on=date.fromisoformat(line["approved_on"]) if line["approved_on"]
            else None), DEMO_ACTOR)


def _tree(engine: Engine, plan_id: int, doc: dict[str, Any]) -> None:
    indicators = {i.name: i.id for i in list_indicators(engine, plan_id)}
    ids: dict[str, int] = {}
    for n in doc["nodes"]:
        node = add_node(engine, plan_id, NodeInput(
            n["kind"], n["name"], n.get("description", ""), n.get("benefit_type", ""),
            n.get("owner", "")), DEMO_ACTOR)
        ids[n["key"]] = node.id
        if n.get("indicators"):
            set_benefit_indicators(engine, node.id, [indicators[name] for name in
                                                     n["indicators"]], DEMO_ACTOR)
    for source, target in doc["links"]:
        link_nodes(engine, ids[source], ids[target], DEMO_ACTOR)


def _business_case(engine: Engine, plan_id: int, doc: dict[str, Any]) -> None:
    fields = {k: v for k, v in doc.items() if k not in ("tasks", "costs", "phase_in_start")}
    save_business_case(engine, plan_id, BusinessCaseInput(
        phase_in_start=parse_iso_month(doc["phase_in_start"]),
        tasks=[TaskInput(*row) for row in doc["tasks"]],
        costs=[CostInput(*row) for row in doc["costs"]], **fields), DEMO_ACTOR)
