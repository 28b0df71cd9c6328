"""The demo's people: accounts, their roles in the demo plans, and the indicators they own.

Demo accounts get no password, so a database made by `gevinst setup` has no account with a
password known from this repository; the administrator printed by setup can give one
(`gevinst user passwd EMAIL` or the Brugere page). Indicator owners are matched by name
with the indicator's `owner` text.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine
from sqlmodel import select

from tracking.auth import Actor, Permission, authorize
from tracking.db import session_scope
from tracking.models import Indicator, Plan
from tracking.readmodel.users import find_user
from tracking.services.reminders import set_director
from tracking.services.users import create_user, set_membership

DEMO = Actor.system("demo")


def load_demo_accounts(engine: Engine, plans: list[Plan], doc: dict[str, Any]) -> None:
    by_name = {p.name: p.id for p in plans}
    user_ids: dict[str, int] = {}
    for a in doc.get("accounts", []):
        existing = find_user(engine, a["email"])
        user = existing or create_user(engine, a["email"], a["name"], actor=DEMO)
        user_ids[a["name"]] = user.id
        if a.get("director"):
            set_director(engine, user.id, True, actor=DEMO)
        for plan_name, role in a["roles"].items():
            if plan_name in by_name:
                set_membership(engine, by_name[plan_name], user.id, role, actor=DEMO)
    for plan_id in by_name.values():
        with session_scope(engine) as session:
            authorize(session, DEMO, Permission.EDIT_PLAN, plan_id=plan_id)
            for ind in session.exec(select(Indicator).where(Indicator.plan_id == plan_id)):
                owner = user_ids.get(ind.owner)
                if owner is not None and ind.owner_user_id != owner:
                    ind.owner_user_id = owner
                    session.add(ind)
