"""The synthetic data generator: counts, determinism, and data the services accept."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from sqlalchemy import Engine, text

from tests.support.actors import SYSTEM, who
from tracking.board_rules import DEFAULT_CAPACITY
from tracking.db import get_engine, init_schema
from tracking.readmodel.actions import get_action
from tracking.readmodel.board import board_summary
from tracking.readmodel.goal import latest_status, plan_series
from tracking.readmodel.plans import list_indicators, list_plans
from tracking.rules import target_for_month
from tracking.services.actions import move_action
from tracking.services.ideas import add_idea
from tracking.services.measurements import record_actual
from tracking.services.plans import create_indicator
from tracking.synth import SCALES, generate, scale_of
from tracking.synth.names import MUNICIPALITIES
from tracking.trajectory_codec import trajectory_of

ON = date(2026, 11, 23)


def _count(engine: Engine, table: str) -> int:
    with engine.connect() as conn:
        return conn.execute(text(f'SELECT COUNT(*) FROM "{table}"')).scalar()


def test_scales_promise_the_sizes_of_the_issue():
    m, big = SCALES["M"], SCALES["L"]
    assert (SCALES["S"].plans, m.plans, big.plans) == (1, 30, 2940)
    assert len(MUNICIPALITIES) == big.municipalities == 98
    assert big.indicators * big.months == 882_000  # about 880,000 figures
    assert big.plans * big.ideas_per_plan == 117_600
    assert big.plans * big.actions_per_plan == 73_500


def test_scale_s_counts_and_the_services_read_it(engine: Engine):
    summary = generate(engine, scale_of("S"), seed=7)
    assert summary.rows["plan"] == _count(engine, "plan") == 1
    assert _count(engine, "indicator") == 5
    assert _count(engine, "target_month") == 5 * 60
    assert 280 <= _count(engine, "measurement") <= 300  # a few months left empty
    assert _count(engine, "idea") == 40 and _count(engine, "action") == 25
    plan = list_plans(engine)[0]
    assert "·" in plan.name and "Kommune" in plan.team
    statuses = latest_status(engine, plan.id, ON)
    assert len(statuses) == 5 and all(s.month == date(2026, 10, 1) for s in statuses.values())
    summary = board_summary(engine, plan.id, ON)
    assert sum(summary.counts.values()) == 25
    assert summary.committed <= DEFAULT_CAPACITY  # open actions fit the default capacity
    # Targets are the rules' targets, month by month.
    series = plan_series(engine, plan.id)
    for ind in list_indicators(engine, plan.id):
        rows = series[series["indicator_id"] == ind.id]
        expected = [target_for_month(trajectory_of(ind), m.date()) for m in rows["month"]]
        assert list(rows["target"]) == expected


def test_services_write_after_synthetic_data_with_fresh_ids(engine: Engine):
    generate(engine, scale_of("S"))
    plan = list_plans(engine)[0]
    idea = add_idea(engine, plan.id, "Ny idé efter de syntetiske", actor=who("t"))
    assert idea.id == 41
    ind = list_indicators(engine, plan.id)[0]
    result = record_actual(engine, ind.id, date(2026, 10, 1), 55.5, actor=who("t"), on=ON)
    assert result.measurement.value == 55.5
    new_ind = create_indicator(engine, plan.id, replace(_indicator_input(ind)), actor=SYSTEM)
    assert new_ind.id == 6
    with engine.connect() as conn:
        action_id = conn.execute(text(
            "SELECT id FROM action WHERE status = 'started' OR status = 'decided' "
            "ORDER BY id")).scalars().first()
    action = get_action(engine, action_id)
    target = "started" if action.status == "decided" else "finished"
    assert move_action(engine, action_id, target, action.version, actor=who("t")).status == target


def _indicator_input(ind):
    from tracking.services.plans import IndicatorInput

    return IndicatorInput(name="Ekstra", unit=ind.unit, direction=ind.direction,
                          baseline_value=ind.baseline_value, baseline_month=ind.baseline_month,
                          target_value=ind.target_value,
                          target_start_month=ind.target_start_month,
                          full_effect_month=ind.full_effect_month)


def _dump(engine: Engine) -> dict[str, list]:
    with engine.connect() as conn:
        return {t: conn.execute(text(f'SELECT * FROM "{t}" ORDER BY 1, 2')).all()
                for t in ("plan", "indicator", "target_month", "measurement", "idea",
                          "action", "action_event")}


def test_same_seed_same_data_other_seed_other_data(tmp_path):
    engines = []
    for name, seed in (("a", 3), ("b", 3), ("c", 4)):
        eng = get_engine(f"duckdb:///{tmp_path / name}.duckdb")
        init_schema(eng)
        generate(eng, replace(scale_of("M"), plans_per_municipality=3), seed=seed)
        engines.append(eng)
    a, b, c = (_dump(e) for e in engines)
    assert a == b
    assert a["measurement"] != c["measurement"]
    for eng in engines:
        eng.dispose()


def test_cli_refuses_a_database_with_plans(tmp_path, capsys):
    from tracking.cli import main

    url = f"duckdb:///{tmp_path / 'x.duckdb'}"
    assert main(["--database", url, "synth", "--scale", "s"]) == 0
    assert "skala S" in capsys.readouterr().out
    assert main(["--database", url, "synth", "--scale", "S"]) == 2
    assert "allerede planer" in capsys.readouterr().err
    assert main(["--database", url, "synth", "--scale", "S", "--add", "--seed", "2"]) == 0
    eng = get_engine(url)
    assert len(list_plans(eng)) == 2
    eng.dispose()
