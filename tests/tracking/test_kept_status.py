"""The kept overview rows (`indicator_status`) equal a full recomputation after any
sequence of writes: figures new and corrected, targets, thresholds, a business case,
indicators archived and restored. On DuckDB and PostgreSQL (the `engine` fixture)."""

from __future__ import annotations

import contextlib
from dataclasses import replace
from datetime import date

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, text

from tests.support.actors import SYSTEM, who
from tracking import clock
from tracking.auth import bind
from tracking.db import session_scope
from tracking.errors import GevinstError
from tracking.kept_status import COLUMNS, compute, current_closed_month, is_fresh, rebuild
from tracking.models import BusinessCaseRecord
from tracking.readmodel.overview import plan_overview
from tracking.services.measurements import record_actual
from tracking.services.plans import (
    IndicatorInput,
    PlanInput,
    create_indicator,
    create_plan,
    set_indicator_archived,
    update_indicator,
    update_plan,
)

TODAY = date(2026, 11, 23)
MONTHS = [date(2026, m, 1) for m in range(1, 12)]  # Jan–Nov 2026: figures may be entered


@pytest.fixture(autouse=True)
def pinned(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(clock.PIN_VAR, TODAY.isoformat())
    monkeypatch.delenv(clock.SINCE_VAR, raising=False)


def _plan_input(name: str, end: date, on_track: float = 0.95) -> PlanInput:
    return PlanInput(name=name, department="D", start_month=date(2026, 1, 1), end_month=end,
                     on_track_threshold=on_track, at_risk_threshold=0.5)


def _input(name: str, unit: str, direction: str, baseline: float, target: float,
           start: date, full: date, measure: str | None = None) -> IndicatorInput:
    """An indicator input with a baseline in December 2025."""
    return IndicatorInput(name=name, unit=unit, direction=direction, baseline_value=baseline,
                          baseline_month=date(2025, 12, 1), target_value=target,
                          target_start_month=start, full_effect_month=full, measure=measure)


INDICATORS = [  # (plan, input): a flow in kr., a level in FTE, a rate, a count
    (0, _input("Udgift", "kr", "lower", 100, 60, date(2026, 1, 1), date(2026, 12, 1))),
    (0, _input("Årsværk", "fte", "lower", 10, 8, date(2026, 2, 1), date(2026, 10, 1),
               measure="level")),
    (1, _input("Andel", "pct", "higher", 20, 60, date(2026, 1, 1), date(2026, 8, 1))),
    (1, _input("Sager", "count", "higher", 5, 50, date(2026, 3, 1), date(2026, 7, 1))),
]


@pytest.fixture
def world(engine: Engine) -> dict:
    # Plan B ends in August: both of its judged months are capped to its last month.
    plans = [create_plan(engine, _plan_input("A", date(2027, 6, 1)), actor=SYSTEM).id,
             create_plan(engine, _plan_input("B", date(2026, 8, 1)), actor=SYSTEM).id]
    inds = [create_indicator(engine, plans[p], data, actor=SYSTEM).id
            for p, data in INDICATORS]
    return {"plans": plans, "indicators": inds, "inputs": [d for _, d in INDICATORS]}


def _kept(engine: Engine) -> pd.DataFrame:
    with engine.connect() as conn:
        result = conn.execute(text(f"SELECT {', '.join(COLUMNS)} FROM indicator_status"))
        return pd.DataFrame(result.all(), columns=list(result.keys()))


def _recomputed(engine: Engine) -> pd.DataFrame:
    with engine.connect() as conn:
        return compute(conn, current_closed_month())


def _normal(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.sort_values(["indicator_id", "judged"]).reset_index(drop=True)
    for col in out.columns:
        if col in ("judged", "closed_month", "month"):
            out[col] = pd.to_datetime(out[col])
        elif col in ("closed_has_figure", "in_economics"):
            out[col] = out[col].astype(bool)
        elif col in ("status", "trend", "movement"):
            out[col] = out[col].astype(object).where(out[col].notna(), "").astype(str)
        else:
            out[col] = pd.to_numeric(out[col])
    return out.astype({c: "float64" for c in out.columns
                       if c not in ("judged", "closed_month", "month", "status", "trend",
                                    "movement", "closed_has_figure", "in_economics")})


def assert_kept_equals_recomputed(engine: Engine) -> None:
    pd.testing.assert_frame_equal(_normal(_kept(engine)), _normal(_recomputed(engine)),
                                  check_dtype=False, check_exact=False, atol=1e-9)


_figure = st.tuples(st.just("figure"), st.integers(0, 3), st.sampled_from(MONTHS),
                    st.integers(0, 120))
_target = st.tuples(st.just("target"), st.integers(0, 3), st.integers(1, 80), st.just(0))
_archive = st.tuples(st.just("archive"), st.integers(0, 3), st.booleans(), st.just(0))
_threshold = st.tuples(st.just("threshold"), st.integers(0, 1),
                       st.sampled_from([0.6, 0.9, 0.99]), st.just(0))
_salary = st.tuples(st.just("salary"), st.just(0), st.integers(20_000, 40_000), st.just(0))
WRITES = st.lists(st.one_of(_figure, _figure, _target, _archive, _threshold, _salary),
                  min_size=1, max_size=6)


def _apply(engine: Engine, world: dict, write: tuple) -> None:
    kind, k, a, b = write
    if kind == "figure":
        record_actual(engine, world["indicators"][k], a, b, actor=who("test"), on=TODAY)
    elif kind == "target":
        data = replace(world["inputs"][k], target_value=a)
        update_indicator(engine, world["indicators"][k], data, actor=SYSTEM)
        world["inputs"][k] = data
    elif kind == "archive":
        set_indicator_archived(engine, world["indicators"][k], a, actor=SYSTEM)
    elif kind == "threshold":
        end = date(2027, 6, 1) if k == 0 else date(2026, 8, 1)
        update_plan(engine, world["plans"][k], _plan_input("AB"[k], end, a), actor=SYSTEM)
    else:
        with session_scope(engine) as s:
            bind(s, SYSTEM)
            record = s.get(BusinessCaseRecord, world["plans"][0])
            if record is None:
                record = BusinessCaseRecord(plan_id=world["plans"][0], monthly_salary=a,
                                            pension_rate=0.17, overhead=120000,
                                            paid_hours=1924, effective_share=0.6, fte=10,
                                            phase_in_start=MONTHS[0])
            record.monthly_salary = a
            s.add(record)


@settings(max_examples=8, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture,
                                 HealthCheck.too_slow])
@given(writes=WRITES)
def test_kept_rows_equal_a_recomputation_after_random_writes(engine, world, writes):
    for write in writes:
        # A refused write (a figure of an archived indicator, say) writes nothing.
        with contextlib.suppress(GevinstError):
            _apply(engine, world, write)
    assert_kept_equals_recomputed(engine)
    # And the overview read from them is the one computed live from every figure.
    kept, live = plan_overview(engine, TODAY), plan_overview(engine, TODAY, live=True)
    for name in ("plans", "indicators", "departments"):
        assert_same_values(getattr(kept, name), getattr(live, name))
    columns = list(kept.economics.columns)
    assert_same_values(kept.economics, live.economics.reindex(columns=columns).sort_values(
        ["plan_id", "indicator_id"]).reset_index(drop=True))


def assert_same_values(a: pd.DataFrame, b: pd.DataFrame) -> None:
    """Equal values, whatever the dtype (a column of only NULLs is NaN or None)."""
    pd.testing.assert_frame_equal(a.astype(object).where(a.notna(), None),
                                  b.astype(object).where(b.notna(), None),
                                  check_dtype=False)


def test_a_new_indicator_gets_its_rows_at_once(engine, world):
    with engine.connect() as conn:
        assert is_fresh(conn, current_closed_month())
    kept = _kept(engine)
    assert set(kept["indicator_id"]) == set(world["indicators"])
    # Plan B ends in August: its indicators have one row (both candidates capped).
    assert kept.groupby("indicator_id").size().to_dict() == {
        world["indicators"][0]: 2, world["indicators"][1]: 2,
        world["indicators"][2]: 1, world["indicators"][3]: 1}


def test_a_failed_write_leaves_the_kept_rows_as_they_were(engine, world):
    record_actual(engine, world["indicators"][0], MONTHS[9], 70, actor=who("test"), on=TODAY)
    before = _kept(engine)
    with pytest.raises(GevinstError):
        record_actual(engine, world["indicators"][0], MONTHS[10], "ikke et tal",
                      actor=who("test"), on=TODAY)
    pd.testing.assert_frame_equal(_normal(_kept(engine)), _normal(before))


def test_rebuild_restores_emptied_or_stale_rows(engine, world):
    record_actual(engine, world["indicators"][0], MONTHS[9], 30, actor=who("test"), on=TODAY)
    with engine.begin() as conn:
        conn.execute(text("DELETE FROM indicator_status"))
        assert not is_fresh(conn, current_closed_month())
        rebuild(conn)
    assert_kept_equals_recomputed(engine)


def test_figures_saved_at_once_for_one_indicator_all_count(engine, world):
    """Two people saving new months of the same indicator at the same moment: both are
    saved (no deadlock on PostgreSQL) and the kept rows hold both."""
    import threading

    errors: list[BaseException] = []

    def save(month: date, value: float) -> None:
        try:
            record_actual(engine, world["indicators"][0], month, value, actor=who("test"),
                          on=TODAY)
        except BaseException as exc:
            errors.append(exc)

    for round_no in range(3):
        months = MONTHS[2 * round_no:2 * round_no + 2]
        threads = [threading.Thread(target=save, args=(m, 50 + round_no)) for m in months]
        for th in threads:
            th.start()
        for th in threads:
            th.join()
    assert errors == []
    assert_kept_equals_recomputed(engine)
