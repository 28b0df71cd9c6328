"""The demo's board: ideas in all four fields and actions in every column.

Loaded through the ordinary services, from the `board` key of each demo plan. Its dates
are written as of 23 Nov 2026 and moved to today by `tracking.demo.relative_to`, so some
actions are always overdue.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Engine

from tracking.auth import Actor
from tracking.board_rules import STATUS_ORDER
from tracking.models import ActionStatus, Plan
from tracking.readmodel.plans import list_indicators
from tracking.services.actions import ActionInput, create_action, move_action, promote_idea
from tracking.services.ideas import add_idea, park_idea, score_idea, set_board_settings


def load_board(engine: Engine, plan: Plan, doc: dict[str, Any]) -> None:
    board = doc.get("board")
    if not board:
        return
    set_board_settings(engine, plan.id, 3, 3, board.get("capacity", 10),
                       actor=Actor.system(plan.benefit_owner))
    indicators = {i.name: i.id for i in list_indicators(engine, plan.id)}
    ideas: dict[str, int] = {}
    for d in board.get("ideas", []):
        idea = add_idea(engine, plan.id, d["text"], author=d.get("author", ""),
                        indicator_id=indicators.get(d.get("indicator", "")),
                        actor=Actor.system(d.get("author", "") or "demo"))
        ideas[d["text"]] = idea.id
        if "effect" in d:
            score_idea(engine, idea.id, effect=d["effect"], resources=d["resources"],
                       actor=Actor.system(plan.benefit_owner))
        if "parked" in d:
            park_idea(engine, idea.id, d["parked"], actor=Actor.system(plan.benefit_owner))
    for a in board.get("actions", []):
        decided_on = date.fromisoformat(a["decided_on"])
        deadline = date.fromisoformat(a["deadline"])
        who = a["responsible"]
        if "idea" in a:
            action = promote_idea(engine, ideas[a["idea"]], who, deadline, actor=Actor.system(who),
                                  on=decided_on, confirm_over_capacity=True)
        else:
            action = create_action(engine, plan.id, ActionInput(
                a["title"], who, deadline, a.get("resources", 1),
                indicators.get(a.get("indicator", ""))), actor=Actor.system(who), on=decided_on,
                confirm_over_capacity=True)
        target = STATUS_ORDER.index(ActionStatus(a.get("status", "decided")))
        for status in STATUS_ORDER[1:target + 1]:
            note = a.get("evaluation_note", "") if status is ActionStatus.EVALUATED else ""
            action = move_action(engine, action.id, status, action.version, actor=Actor.system(who),
                                 note=note)
