"""The upgrade from names to accounts, on a database made before actions had an account:
unambiguous names are linked, the rest listed for an administrator."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import Engine, MetaData
from sqlmodel import Session, SQLModel, select

from tests.support.actors import SYSTEM
from tracking.auth import bind
from tracking.db import get_engine, init_schema, session_scope
from tracking.models import Action, Idea, Indicator, Plan, PlanTheme, TreeNode, UserAccount
from tracking.readmodel.people import unmatched_names
from tracking.services.actions import ActionInput, create_action
from tracking.services.ideas import add_idea, edit_idea
from tracking.services.tree import NodeInput, add_node, update_node

WHEN = datetime(2026, 11, 1, tzinfo=UTC)


def _old_database(db_url: str) -> tuple[Engine, dict[str, int]]:
    """A database as the version before accounts on cards made it: no
    action.responsible_user_id (DuckDB cannot drop a column others refer to, so the old
    schema is created rather than altered)."""
    engine = get_engine(db_url)
    old = MetaData()
    for table in SQLModel.metadata.sorted_tables:
        table.to_metadata(old)
    action = old.tables["action"]
    action._columns.remove(action.c.responsible_user_id)
    for table, column in [("idea", "author_user_id"), ("plan_theme", "responsible_user_id"),
                          ("tree_node", "owner_user_id")]:
        old.tables[table]._columns.remove(old.tables[table].c[column])
    old.create_all(engine)
    with session_scope(engine) as s:
        bind(s, SYSTEM)
        plan = Plan(name="KSD", start_month=date(2026, 1, 1), end_month=date(2026, 12, 1))
        s.add(plan)
        accounts = [UserAccount(email=e, name=n) for e, n in [
            ("olga@x.dk", "Olga Holm"), ("rasmus@x.dk", "Rasmus Berg"),
            ("anne1@x.dk", "Anne Lund"), ("anne2@x.dk", "Anne Lund")]]
        s.add_all(accounts)
        s.flush()
        s.add(Indicator(plan_id=plan.id, name="Sagsbehandlingstid", unit="dage",
                        direction="lower", owner="olga  holm", baseline_value=30,
                        baseline_month=date(2026, 1, 1), target_value=20,
                        target_start_month=date(2026, 2, 1),
                        full_effect_month=date(2026, 12, 1)))
        s.flush()
        ids = {a.email: a.id for a in accounts}
        plan_id = plan.id
    with engine.begin() as conn:
        for who in ("Rasmus Berg", "Anne Lund", "Sara Nielsen"):
            conn.execute(action.insert().values(
                plan_id=plan_id, title=f"Opgave for {who}", responsible=who,
                deadline=date(2026, 12, 1), decided_on=date(2026, 11, 1), resources=1,
                status="decided", created_at=WHEN, updated_at=WHEN,
                version=1, description="", evaluation_note="", created_by="", updated_by=""))
        for text, author in [("Ring op", "Rasmus Berg"), ("Skriv kort", "Sara Nielsen")]:
            conn.execute(old.tables["idea"].insert().values(
                plan_id=plan_id, text=text, author=author, state="open", created_at=WHEN,
                updated_at=WHEN, version=1, created_by="", scored_by=""))
        conn.execute(old.tables["plan_theme"].insert().values(
            plan_id=plan_id, theme="channel", answers="{}", status="started",
            responsible="Olga Holm", updated_at=WHEN, updated_by="", version=1))
        conn.execute(old.tables["tree_node"].insert().values(
            plan_id=plan_id, kind="benefit", name="Færre opkald", benefit_type="economic",
            owner="Anne Lund", description="", sort_order=0, created_at=WHEN, created_by="",
            updated_at=WHEN, updated_by="", version=1))
    return engine, ids


def test_names_are_linked_to_accounts_where_unambiguous(db_url: str) -> None:
    engine, ids = _old_database(db_url)
    init_schema(engine)  # the upgrade: adds the column and links the names
    with Session(engine) as s:
        linked = {a.responsible: a.responsible_user_id for a in s.exec(select(Action))}
        owner = s.exec(select(Indicator)).one().owner_user_id
    assert linked == {"Rasmus Berg": ids["rasmus@x.dk"], "Anne Lund": None,
                      "Sara Nielsen": None}
    assert owner == ids["olga@x.dk"]
    with Session(engine) as s:
        authors = {i.author: i.author_user_id for i in s.exec(select(Idea))}
        theme = s.exec(select(PlanTheme)).one().responsible_user_id
        benefit = s.exec(select(TreeNode)).one().owner_user_id
    assert authors == {"Rasmus Berg": ids["rasmus@x.dk"], "Sara Nielsen": None}
    assert (theme, benefit) == (ids["olga@x.dk"], None)
    left = {(n.name, n.where, n.ambiguous) for n in unmatched_names(engine)}
    assert left == {("Anne Lund", "action", True), ("Sara Nielsen", "action", False),
                    ("Sara Nielsen", "idea", False), ("Anne Lund", "benefit", True)}
    init_schema(engine)  # a second start changes nothing


def test_a_new_action_is_linked_by_its_responsible(db_url: str) -> None:
    engine, ids = _old_database(db_url)
    init_schema(engine)
    with Session(engine) as s:
        plan_id = s.exec(select(Plan.id)).one()
    action = create_action(engine, plan_id, ActionInput("Ring til arbejdsgivere", "Olga Holm",
                                                        date(2026, 12, 4)),
                           actor=SYSTEM, on=date(2026, 11, 23))
    assert action.responsible_user_id == ids["olga@x.dk"]


def test_ideas_and_benefits_are_linked_when_written(db_url: str) -> None:
    """After the upgrade, the services link each name as it is typed or chosen; a name
    that means no single account (or an edit to one) leaves or clears the link."""
    engine, ids = _old_database(db_url)
    init_schema(engine)
    with Session(engine) as s:
        plan_id = s.exec(select(Plan.id)).one()
    idea = add_idea(engine, plan_id, "Sms før mødet", author=" olga holm ", actor=SYSTEM)
    assert idea.author_user_id == ids["olga@x.dk"]
    idea = edit_idea(engine, idea.id, "Sms før mødet", author="Ukendt Person", actor=SYSTEM)
    assert idea.author_user_id is None
    node = add_node(engine, plan_id, NodeInput("benefit", "Færre rykkere", "", "economic",
                                               "Rasmus Berg"), actor=SYSTEM)
    assert node.owner_user_id == ids["rasmus@x.dk"]
    node = update_node(engine, node.id, NodeInput("benefit", "Færre rykkere", "", "economic",
                                                  "Anne Lund"), actor=SYSTEM)
    assert node.owner_user_id is None  # two accounts are called Anne Lund
