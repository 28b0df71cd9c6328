"""The forecast on Mål: a dashed "Prognose" line with its band, and the expected
attainment at full effect beside each chart (AppTest on a real DuckDB file)."""

from __future__ import annotations

import json

from tests.app.test_goal_pages import charts, demo, run_app, texts  # noqa: F401 (fixture)


def _layers(spec: dict) -> list[dict]:
    return spec["layer"]


def test_goal_page_draws_the_forecast_and_the_expected_attainment(demo):  # noqa: F811
    _, ksd = demo
    at = run_app(query={"plan": str(ksd.id)})
    specs = charts(at)
    for spec in specs:
        dumped = json.dumps(spec, ensure_ascii=False)
        assert "Prognose" in dumped and "#6a51a3" in dumped
        dashed = [layer for layer in _layers(spec)
                  if isinstance(layer.get("mark"), dict) and layer["mark"].get("strokeDash")]
        assert dashed, "the forecast line is dashed"
        bands = [layer for layer in _layers(spec)
                 if isinstance(layer.get("mark"), dict) and layer["mark"].get("type") == "area"]
        assert bands, "the forecast has a band"
    body = texts(at)
    # Self-service: full effect in Jun 2026 is reported: (87,7 − 35) / (85 − 35) = 105 %.
    assert "Forventet målopfyldelse ved fuld effekt: **105 % (realiseret i jun. 2026" in body
    # Case time and FTE freed are forecast to their full-effect months (Dec 2026, Jan 2027).
    assert "(dec. 2026:" in body and "(jan. 2027:" in body
    assert "Forventet målopfyldelse ved fuld effekt (plan):" in body


def test_overview_sorts_by_expected_attainment(app_env, duck_engine):
    from tests.app.test_overview_page import open_overview
    from tracking.demo import load_demo

    load_demo(duck_engine)
    at = open_overview()
    assert "Forventet ved fuld effekt" not in texts(at)  # computed only when asked for
    at.selectbox(key="ov_sort").select("expected").run()
    assert not at.exception, [e.value for e in at.exception]
    # KSD's weakest: case time forecast to 24,0 days at Dec 2026, (24,0 − 30) / (20 − 30).
    assert "Forventet ved fuld effekt: **60 %**" in texts(at)
    at.toggle(key="ov_compact").set_value(True).run()
    assert not at.exception
    table = at.dataframe[0].value
    assert list(table["expected"]) == ["60 %", "90 %"]
