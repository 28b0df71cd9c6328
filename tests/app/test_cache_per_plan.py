"""The dashboard's cached reads are kept per plan: after a write in plan A, a read of
plan A is made again and a read of plan B is served from the cache (counted by the
loader's calls, not by time), on DuckDB and PostgreSQL."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest
from sqlalchemy import Engine

from dashboard.components import cache
from dashboard.components.cache import _call, cached, stamp
from dashboard.components.engine import engine as dashboard_engine
from tests.support.actors import SYSTEM, who
from tracking.readmodel.ideas import list_ideas
from tracking.readmodel.plans import list_plans
from tracking.services.ideas import add_idea
from tracking.services.plans import PlanInput, create_plan, set_plan_archived
from tracking.services.users import create_user

calls: Counter = Counter()


def count_ideas(engine: Engine, plan_id: int) -> int:
    calls[plan_id] += 1
    return len(list_ideas(engine, plan_id))


def count_plans(engine: Engine) -> int:
    calls["all"] += 1
    return len(list_plans(engine))


@pytest.fixture
def plans(engine: Engine, db_url: str, monkeypatch: pytest.MonkeyPatch) -> tuple[int, int]:
    monkeypatch.setenv("DATABASE_URL", db_url)  # the dashboard's engine is this one
    calls.clear()
    a = create_plan(engine, PlanInput("A", date(2025, 1, 1), date(2027, 12, 1)), actor=SYSTEM)
    b = create_plan(engine, PlanInput("B", date(2025, 1, 1), date(2027, 12, 1)), actor=SYSTEM)
    return a.id, b.id  # type: ignore[return-value]


def test_a_write_in_one_plan_leaves_the_other_plans_cache_warm(engine: Engine, plans):
    a, b = plans
    read = cached(count_ideas)
    assert (read(a), read(b), cached(count_plans)()) == (0, 0, 2)
    assert (read(a), read(b)) == (0, 0)
    assert calls == {a: 1, b: 1, "all": 1}  # the second reads came from the cache
    add_idea(engine, a, "Færre blanketter", actor=who("t"))
    assert read(a) == 1  # read again: its plan was written
    assert read(b) == 0
    cached(count_plans)()
    assert calls == {a: 2, b: 1, "all": 2}  # plan B's read was not made again


def test_a_write_of_no_plan_makes_every_plans_reads_again(engine: Engine, plans):
    a, b = plans
    read = cached(count_ideas)
    read(a), read(b)
    create_user(engine, "ny@example.org", "Ny Bruger", actor=SYSTEM, password="hemmelig-kode-1")
    read(a), read(b)
    assert calls == {a: 2, b: 2}


def test_a_reads_entry_of_an_older_stamp_is_dropped(engine: Engine, plans):
    """One entry per read: the entry made before a write is gone once the read is made
    again (asked for with the old stamp, the loader runs again instead of answering 0)."""
    a, _ = plans
    read = cached(count_ideas)
    read(a)
    old = stamp(a)
    add_idea(engine, a, "Færre blanketter", actor=who("t"))
    read(a)
    assert calls[a] == 2
    name = f"{count_ideas.__module__}.{count_ideas.__qualname__}"
    assert _call(name, old, str(dashboard_engine().url), (a,), ()) == 1  # not the old 0:
    assert calls[a] == 3  # made again, its entry had been dropped



def count_plan_list(engine: Engine) -> list[int]:
    calls["plan_list"] += 1
    return [p.id for p in list_plans(engine)]


def test_the_plan_list_is_made_again_only_after_a_write_of_a_plan(
        engine: Engine, plans, monkeypatch: pytest.MonkeyPatch):
    """A read of the `plan` table alone (the plan list): an idea or a figure leaves it
    cached; an archived plan is seen by the very next read."""
    a, b = plans
    assert f"{list_plans.__module__}.{list_plans.__qualname__}" in cache.PLAN_TABLE_READS
    name = f"{count_plan_list.__module__}.{count_plan_list.__qualname__}"
    monkeypatch.setattr(cache, "PLAN_TABLE_READS", cache.PLAN_TABLE_READS | {name})
    read = cached(count_plan_list)
    assert read() == [a, b]
    add_idea(engine, a, "Færre blanketter", actor=who("t"))
    assert read() == [a, b]
    assert calls["plan_list"] == 1  # not made again
    set_plan_archived(engine, b, True, actor=SYSTEM)
    assert read() == [a]
    assert calls["plan_list"] == 2
