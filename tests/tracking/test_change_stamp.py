"""The change stamp: every writing transaction bumps it, reads do not; and concurrent
writes from two connections on PostgreSQL keep every write."""

from __future__ import annotations

import threading
from datetime import date

import pytest
from sqlalchemy import Engine, text

from tests.support.actors import who
from tracking import changes
from tracking.backup import export_document, restore_document
from tracking.db import get_engine
from tracking.errors import ValidationError
from tracking.readmodel.goal import plan_series
from tracking.readmodel.ideas import list_ideas
from tracking.readmodel.measurements import measurement_history
from tracking.readmodel.plans import list_indicators, list_plans
from tracking.services.ideas import add_idea
from tracking.services.measurements import record_actual
from tracking.synth import generate, scale_of

ON = date(2026, 11, 23)


def test_writes_bump_the_stamp_and_reads_do_not(engine: Engine):
    start = changes.current(engine)
    local = changes.local_writes()
    generate(engine, scale_of("S"))
    after_synth = changes.current(engine)
    assert after_synth > start
    plan = list_plans(engine)[0]
    plan_series(engine, plan.id)
    list_ideas(engine, plan.id)
    assert changes.current(engine) == after_synth
    ind = list_indicators(engine, plan.id)[0]
    record_actual(engine, ind.id, date(2026, 9, 1), 42.0, actor=who("t"), on=ON)
    assert changes.current(engine) == after_synth + 1
    assert changes.local_writes() > local
    # A refused write (rolled back) changes nothing, and the next write still counts.
    with pytest.raises(ValidationError):
        record_actual(engine, ind.id, date(2030, 1, 1), 1.0, actor=who("t"), on=ON)
    assert changes.current(engine) == after_synth + 1
    add_idea(engine, plan.id, "Endnu en idé", actor=who("t"))
    assert changes.current(engine) == after_synth + 2


def test_backup_leaves_the_stamp_out_and_restore_bumps_it(engine: Engine, tmp_path):
    generate(engine, scale_of("S"))
    doc = export_document(engine)
    assert "change_stamp" not in doc["tables"]
    target = get_engine(f"duckdb:///{tmp_path / 'restored.duckdb'}")
    before = changes.current(target) if target.dialect.has_table(
        target.connect(), "change_stamp") else 0
    restore_document(target, doc)
    assert changes.current(target) > before
    target.dispose()


def test_concurrent_writes_from_two_connections_keep_every_write(pg_url: str):
    engine = get_engine(pg_url)
    generate(engine, scale_of("S"))
    plan = list_plans(engine)[0]
    indicators = [i.id for i in list_indicators(engine, plan.id)]
    start = changes.current(engine)
    errors: list[BaseException] = []

    def worker(k: int) -> None:
        # Each worker has its own engine (own pool): as two dashboard processes would.
        own = get_engine(pg_url + f"?application_name=worker{k}")
        try:
            for n in range(10):
                ind = indicators[n % len(indicators)]
                month = date(2026, 1 + n // len(indicators) + 2 * k, 1)
                record_actual(own, ind, month, 1000 * k + n, actor=who(f"w{k}"), on=ON)
                add_idea(own, plan.id, f"Idé {k}-{n}", actor=who(f"w{k}"))
        except BaseException as exc:  # reported below
            errors.append(exc)
        finally:
            own.dispose()

    threads = [threading.Thread(target=worker, args=(k,)) for k in (0, 1)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    ideas = {i.text for i in list_ideas(engine, plan.id)}
    assert {f"Idé {k}-{n}" for k in (0, 1) for n in range(10)} <= ideas
    with engine.connect() as conn:
        values = {r.value for r in conn.execute(text(
            "SELECT m.value FROM measurement m JOIN indicator i ON i.id = m.indicator_id "
            "WHERE m.entered_by IN ('w0', 'w1')"))}
    assert values == {float(1000 * k + n) for k in (0, 1) for n in range(10)}
    assert changes.current(engine) == start + 40  # every transaction counted


def test_concurrent_corrections_of_one_figure_keep_every_value(pg_url: str):
    """Two people correct the same month at once: one value is current, every other
    value is in the figure's history (no lost update)."""
    engine = get_engine(pg_url)
    generate(engine, scale_of("S"))
    ind = list_indicators(engine, list_plans(engine)[0].id)[0]
    month = date(2026, 10, 1)
    barrier = threading.Barrier(2)

    def worker(k: int) -> None:
        own = get_engine(pg_url + f"?application_name=fix{k}")
        for n in range(8):
            barrier.wait()
            record_actual(own, ind.id, month, 500 + 10 * n + k, actor=who(f"f{k}"), on=ON)
        own.dispose()

    threads = [threading.Thread(target=worker, args=(k,)) for k in (0, 1)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    with engine.connect() as conn:
        current = conn.execute(text(
            "SELECT value FROM measurement WHERE indicator_id = :i AND month = :m"),
            {"i": ind.id, "m": month}).scalar()
    seen = {current} | {r.value for r in measurement_history(engine, ind.id, month)}
    assert {float(500 + 10 * n + k) for n in range(8) for k in (0, 1)} <= seen
