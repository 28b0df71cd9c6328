"""Comments in the pages (AppTest on the demo, a real DuckDB file): an action's details,
an idea's thread, an indicator's on Mål; shown as text, never as Markdown."""

from __future__ import annotations

from sqlalchemy import Engine

from tests.app.test_goal_pages import run_app
from tests.app.test_tree_pages import _app, _ksd
from tests.conftest import TODAY
from tracking.readmodel.comments import list_comments
from tracking.readmodel.plans import list_indicators


def test_comment_on_an_action_in_its_details(app_env: str, duck_engine: Engine) -> None:
    from dashboard.components import action_plan  # noqa: F401 (the page's component)
    from tracking.readmodel.board import actions_frame

    plan_id = _ksd(duck_engine)
    action_id = int(actions_frame(duck_engine, plan_id, TODAY).iloc[0]["id"])
    at = _app(plan_id, "pages/action_plan.py")
    detail = [b for b in at.button if b.key and b.key.startswith(f"details_{action_id}")]
    if detail:
        detail[0].click().run()
    # The thread lives in the card's details; write through its box.
    box = [a for a in at.text_area if a.key == f"comment_new_action_{action_id}"]
    assert box, [b.key for b in at.button][:20]
    # (A click inside a dialog reruns only the dialog in a browser; AppTest reruns the
    # page, where the dialog is closed, so the write is tested on Gevinsttræ below.)


def test_comment_on_a_benefit_shown_as_text(app_env: str, duck_engine: Engine) -> None:
    from tracking.readmodel.tree import read_tree

    plan_id = _ksd(duck_engine)
    benefit = next(n for n in read_tree(duck_engine, plan_id).nodes if n.kind == "benefit")
    at = _app(plan_id, "pages/tree.py")
    at.selectbox(key="tree_edit_node").select(benefit.id).run()
    at.text_area(key=f"comment_new_benefit_{benefit.id}").set_value(
        "**Husk** at måle\nfør fredag")
    at.button(key=f"comment_add_benefit_{benefit.id}").click().run()
    assert not at.exception
    thread = list_comments(duck_engine, "benefit", benefit.id)
    assert [(c.text, c.author) for c in thread] == [("**Husk** at måle\nfør fredag", "Tester")]
    assert "**Husk** at måle\nfør fredag" in [el.value for el in at.get("text")]  # as text
    # An empty comment is refused with a Danish sentence, nothing saved.
    at.text_area(key=f"comment_new_benefit_{benefit.id}").set_value("  ")
    at.button(key=f"comment_add_benefit_{benefit.id}").click().run()
    assert "Kommentaren er tom." in [e.value for e in at.error]
    assert len(list_comments(duck_engine, "benefit", benefit.id)) == 1


def test_comment_button_on_mal(app_env: str, duck_engine: Engine) -> None:
    plan_id = _ksd(duck_engine)
    ind = list_indicators(duck_engine, plan_id)[0]
    at = run_app(query={"plan": str(plan_id)})
    button = at.button(key=f"comments_indicator_{ind.id}")
    assert button.label == "0"
