"""The page bodies render in compact form, as the board meeting screen will use them."""

from __future__ import annotations

from sqlalchemy import Engine
from streamlit.testing.v1 import AppTest

from tracking.demo import load_demo


def _meeting_wall() -> None:
    import streamlit as st

    from dashboard.components.action_plan import render_action_plan
    from dashboard.components.assessment import render_assessment
    from dashboard.components.engine import engine
    from dashboard.components.ideas import render_ideas
    from tracking.readmodel.plans import list_plans

    plan = next(p for p in list_plans(engine()) if p.name.startswith("KSD"))
    ideas, assessment, actions = st.columns(3)
    with ideas:
        render_ideas(plan, compact=True)
    with assessment:
        render_assessment(plan, compact=True)
    with actions:
        render_action_plan(plan, compact=True)


def test_three_fields_side_by_side(app_env: str, duck_engine: Engine) -> None:
    load_demo(duck_engine)
    at = AppTest.from_function(_meeting_wall, default_timeout=30)
    at.run()
    assert not at.exception, at.exception
    text = "\n".join(m.value for m in at.markdown) + "\n".join(s.value for s in at.subheader)
    assert "Bed borgerservice spørge om digital post" in text  # an idea card
    assert "Evalueret (1)" in text  # the board's last column
    assert len(at.get("vega_lite_chart")) == 1
    assert not any(b.key and b.key.startswith("details_") for b in at.button)
