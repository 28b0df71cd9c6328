"""The upgrade from names to accounts, on a database made before actions had an account:
unambiguous names are linked, the rest listed for an administrator."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import Engine, MetaData
from sqlmodel import Session, SQLModel, select

from tests.support.actors import SYSTEM
from tracking.auth import bind
from tracking.db import get_engine, init_schema, session_scope
from tracking.models import Action, Indicator, Plan, UserAccount
from tracking.readmodel.people import unmatched_names
from tracking.services.actions import ActionInput, create_action

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
    left = {(n.name, n.where, n.ambiguous) for n in unmatched_names(engine)}
    assert left == {("Anne Lund", "action", True), ("Sara Nielsen", "action", False)}
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
