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


def _action_dialog_script() -> None:
    """The action plan's details dialog, open on every run (as after a click on a card):
    a click inside it reruns the script, which opens it again, as the browser keeps it."""
    import streamlit as st

    from dashboard.components.action_plan import details_dialog

    details_dialog(int(st.session_state["open_action"]))


def test_a_comment_written_and_edited_inside_the_action_dialog(app_env: str,
                                                              duck_engine: Engine) -> None:
    from sqlmodel import Session, select
    from streamlit.testing.v1 import AppTest

    from tests.support.accounts import ensure_admin, sign_in_apptest
    from tracking.models import AuditRecord
    from tracking.readmodel.board import actions_frame

    plan_id = _ksd(duck_engine)
    action_id = int(actions_frame(duck_engine, plan_id, TODAY).iloc[0]["id"])
    at = AppTest.from_function(_action_dialog_script, default_timeout=60)
    admin = sign_in_apptest(at, duck_engine)
    ensure_admin(duck_engine)
    at.session_state["open_action"] = action_id
    at.session_state["plan_id"] = plan_id
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert "Ingen kommentarer endnu." in [c.value for c in at.caption]
    at.text_area(key=f"comment_new_action_{action_id}").set_value("<b>Ring</b> til IT")
    at.button(key=f"comment_add_action_{action_id}").click().run()
    assert not at.exception, [e.value for e in at.exception]
    [comment] = list_comments(duck_engine, "action", action_id)
    assert (comment.text, comment.author) == ("<b>Ring</b> til IT", admin.name)
    assert "<b>Ring</b> til IT" in [el.value for el in at.get("text")]  # as text
    # Its author edits it in the same dialog, with the version they saw.
    at.text_area(key=f"comment_edit_{comment.id}_1").set_value("Ring til IT i morgen")
    at.button(key=f"comment_save_{comment.id}_1").click().run()
    assert not at.exception, [e.value for e in at.exception]
    [edited] = list_comments(duck_engine, "action", action_id)
    assert (edited.text, edited.version) == ("Ring til IT i morgen", 2)
    assert any("rettet" in c.value for c in at.caption)
    with Session(duck_engine) as s:
        trail = s.exec(select(AuditRecord).where(AuditRecord.entity == "comment")
                       .order_by(AuditRecord.id)).all()
    assert [a.action for a in trail] == ["create", "update"]


def test_historik_names_a_comments_fields(app_env: str, duck_engine: Engine) -> None:
    """The trail of a comment in words: 'Kommentar', 'Står på: Handling; Tekst: …', not
    the table's column names, and no internal ids."""
    from tests.support.actors import SYSTEM
    from tracking.readmodel.board import actions_frame
    from tracking.readmodel.history import describe_change, plan_history
    from tracking.services.comments import add_comment, edit_comment

    plan_id = _ksd(duck_engine)
    action_id = int(actions_frame(duck_engine, plan_id, TODAY).iloc[0]["id"])
    c = add_comment(duck_engine, "action", action_id, "Første udkast", SYSTEM)
    edit_comment(duck_engine, c.id, "Andet udkast", SYSTEM, c.version)
    at = run_app("pages/history.py", {"plan": str(plan_id)})
    at.selectbox(key="history_entity").set_value("comment").run()
    assert not at.exception, [e.value for e in at.exception]
    shown = at.dataframe[0].value
    assert set(shown["Hvad"]) == {"Kommentar"}
    edited, written = (c.split("; ") for c in shown["Ændring"])
    assert "Tekst: Første udkast → Andet udkast" in edited
    assert any(p.startswith("Rettet:  → ") and " kl. " in p for p in edited)  # Danish time
    assert written == ["Skrevet af: system", "Står på: Handling", f"Nr.: {action_id}",
                       "Tekst: Første udkast"]  # no internal ids (plan, author's account)
    row = plan_history(duck_engine, plan_id).iloc[0]
    assert "Text: Første udkast → Andet udkast" in describe_change(
        row["old_values"], row["new_values"], "comment", "en")
