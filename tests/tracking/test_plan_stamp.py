"""The per-plan change stamp: a write in one plan bumps that plan's stamp and no other's;
a write that belongs to no single plan bumps the shared stamp every plan depends on."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import Engine, text

from tests.support.actors import SYSTEM, who
from tracking import changes
from tracking.auth.signin import SignInRefused, sign_in, sign_out
from tracking.errors import ValidationError
from tracking.models import Indicator
from tracking.readmodel.plans import list_indicators
from tracking.services.ideas import add_idea
from tracking.services.measurements import record_actual
from tracking.services.plans import IndicatorInput, PlanInput, create_indicator, create_plan
from tracking.services.users import create_user

ON = date(2026, 11, 23)


def two_plans(engine: Engine) -> tuple[int, int]:
    a = create_plan(engine, PlanInput("A", date(2025, 1, 1), date(2027, 12, 1)), actor=SYSTEM)
    b = create_plan(engine, PlanInput("B", date(2025, 1, 1), date(2027, 12, 1)), actor=SYSTEM)
    return a.id, b.id  # type: ignore[return-value]


def _indicator(engine: Engine, plan_id: int) -> Indicator:
    """A case-time indicator in `plan_id`, with targets from Jan 2025."""
    create_indicator(engine, plan_id, IndicatorInput(
        name="Sagsbehandlingstid", unit="days", direction="lower", baseline_value=30,
        baseline_month=date(2024, 12, 1), target_value=20,
        target_start_month=date(2025, 1, 1), full_effect_month=date(2025, 10, 1)),
        actor=SYSTEM)
    return list_indicators(engine, plan_id)[0]


def test_a_write_in_one_plan_bumps_only_that_plan(engine: Engine):
    a, b = two_plans(engine)
    before_a, before_b = changes.plan_current(engine, a), changes.plan_current(engine, b)
    everything = changes.current(engine)
    add_idea(engine, a, "Færre blanketter", actor=who("t"))
    after_a, after_b = changes.plan_current(engine, a), changes.plan_current(engine, b)
    assert after_a[1] == before_a[1] + 1
    assert after_a[0] == before_a[0]  # not a shared write
    assert after_b == before_b
    assert changes.current(engine) == everything + 1  # cross-plan reads still see it


def test_a_figure_bumps_its_plan_through_its_indicator(engine: Engine):
    a, b = two_plans(engine)
    ind = _indicator(engine, a)
    before_a, before_b = changes.plan_current(engine, a), changes.plan_current(engine, b)
    record_actual(engine, ind.id, date(2026, 9, 1), 7.0, actor=who("t"), on=ON)
    assert changes.plan_current(engine, a)[1] > before_a[1]
    assert changes.plan_current(engine, a)[0] == before_a[0]
    assert changes.plan_current(engine, b) == before_b


def test_a_write_of_no_plan_bumps_the_shared_stamp(engine: Engine):
    a, b = two_plans(engine)
    before_a, before_b = changes.plan_current(engine, a), changes.plan_current(engine, b)
    create_user(engine, "ny@example.org", "Ny Bruger", actor=SYSTEM, password="hemmelig-kode-1")
    assert changes.plan_current(engine, a)[0] == before_a[0] + 1
    assert changes.plan_current(engine, b)[0] == before_b[0] + 1


def test_a_plan_write_nobody_attributed_bumps_the_shared_stamp(engine: Engine):
    """The safe fallback: a raw write to a plan's rows, past the audit trail."""
    a, b = two_plans(engine)
    before = changes.plan_current(engine, b)
    with engine.begin() as conn:
        conn.execute(text("UPDATE plan SET name = 'A2' WHERE id = :a"), {"a": a})
    assert changes.plan_current(engine, b)[0] == before[0] + 1


def test_a_refused_write_bumps_nothing(engine: Engine):
    a, _ = two_plans(engine)
    before = changes.plan_current(engine, a)
    with pytest.raises(ValidationError):
        add_idea(engine, a, "", actor=who("t"))
    assert changes.plan_current(engine, a) == before


def test_an_old_database_gets_the_stamp_table(engine: Engine):
    from tracking.db import init_schema

    with engine.begin() as conn:
        conn.execute(text("DROP TABLE plan_stamp"))
    init_schema(engine)
    a, b = two_plans(engine)
    add_idea(engine, a, "Idé", actor=who("t"))
    assert changes.plan_current(engine, a)[1] >= 1
    assert changes.plan_current(engine, b)[1] >= 1  # created, so written once


def _has_index(engine: Engine, name: str) -> bool:
    query = ("SELECT index_name FROM duckdb_indexes() WHERE index_name = :n"
             if engine.dialect.name == "duckdb"
             else "SELECT indexname FROM pg_indexes WHERE indexname = :n")
    with engine.connect() as conn:
        return conn.execute(text(query), {"n": name}).first() is not None


def test_an_old_database_gets_the_indexes_a_plans_reads_use(engine: Engine):
    from tracking.db import init_schema

    name = "ix_measurement_revision_indicator_id"
    assert _has_index(engine, name)
    with engine.begin() as conn:
        conn.execute(text(f"DROP INDEX {name}"))
    assert not _has_index(engine, name)
    init_schema(engine)
    assert _has_index(engine, name)


def test_a_sign_in_bumps_nothing(engine: Engine):
    """Sessions and trail records of no plan are bookkeeping: a visitor signing in (or
    failing to) leaves every cached read warm."""
    a, _ = two_plans(engine)
    create_user(engine, "ny@example.org", "Ny Bruger", actor=SYSTEM, password="hemmelig-kode-1")
    before = changes.current(engine), changes.plan_current(engine, a), changes.local_writes()
    _, token = sign_in(engine, "ny@example.org", "hemmelig-kode-1")
    with pytest.raises(SignInRefused):
        sign_in(engine, "ny@example.org", "forkert-kode")
    sign_out(engine, token)
    assert (changes.current(engine), changes.plan_current(engine, a),
            changes.local_writes()) == before


def test_only_a_write_of_the_plan_table_bumps_the_plan_list_stamp(engine: Engine):
    """The plan list reads the `plan` table only: a figure or an idea leaves its stamp
    alone; a new, renamed or archived plan, or a raw write past the audit trail, bumps it."""
    from tracking.services.plans import set_plan_archived

    a, _ = two_plans(engine)
    ind = _indicator(engine, a)
    before, local = changes.plan_list_current(engine), changes.local_plan_list_writes()
    record_actual(engine, ind.id, date(2026, 9, 1), 7.0, actor=who("t"), on=ON)
    add_idea(engine, a, "Færre blanketter", actor=who("t"))
    assert changes.plan_list_current(engine) == before
    assert changes.local_plan_list_writes() == local
    set_plan_archived(engine, a, True, actor=SYSTEM)
    assert changes.plan_list_current(engine) == before + 1
    assert changes.local_plan_list_writes() == local + 1
    create_plan(engine, PlanInput("C", date(2025, 1, 1), date(2027, 12, 1)), actor=SYSTEM)
    assert changes.plan_list_current(engine) == before + 2
    with engine.begin() as conn:
        conn.execute(text("UPDATE plan SET name = 'B2' WHERE name = 'B'"))
    assert changes.plan_list_current(engine) == before + 3


def test_an_old_stamp_row_gets_the_plan_list_column(engine: Engine):
    from tracking.db import init_schema

    with engine.begin() as conn:
        conn.execute(text("DROP TABLE change_stamp"))
        conn.execute(text("CREATE TABLE change_stamp (id INTEGER PRIMARY KEY, "
                          "counter INTEGER, shared INTEGER)"))
        conn.execute(text("INSERT INTO change_stamp VALUES (1, 5, 2)"))
    init_schema(engine)
    assert changes.plan_list_current(engine) == 0
    two_plans(engine)
    assert changes.plan_list_current(engine) == 2
