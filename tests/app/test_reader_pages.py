"""A reader (Læser) is shown no write control on any page, and each page says once what
the role allows (issue 21); a member is shown the board's controls but not the meeting's.
The services refuse such writes anyway (tests/tracking/test_permissions*): this is about
not offering what cannot work."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select
from streamlit.testing.v1 import AppTest

from tests.support.accounts import TEST_ACTOR, ensure_account, signed_in_app
from tracking.config import REPO_ROOT
from tracking.demo import load_demo
from tracking.models import Plan
from tracking.services.users import set_membership

APP = str(REPO_ROOT / "dashboard" / "app.py")
PASSWORD = "et-langt-kodeord-1"
READER = "laeser@fjordby.dk"
MEMBER = "medlem@fjordby.dk"
READ_ONLY_NOTE = "Du har rollen »Læser« i denne plan"
PAGES = ["action_plan", "ideas", "assessment", "board", "enter_figures", "plans", "tree",
         "business_case", "themes"]
# Every button a reader may see: moving around, reading, signing out.
READING_BUTTONS = {"Log ud", "Detaljer", ""}


@pytest.fixture
def plan_id(app_env: str, duck_engine: Engine) -> int:
    load_demo(duck_engine)
    with Session(duck_engine) as s:
        plan = s.exec(select(Plan).where(Plan.name.startswith("KSD"))).one()
    for email, name, role in ((READER, "Lis Læser", "viewer"),
                              (MEMBER, "Mads Medlem", "member")):
        user = ensure_account(duck_engine, email, name, PASSWORD)
        set_membership(duck_engine, plan.id, user.id, role, actor=TEST_ACTOR)
    return plan.id


def _open(page: str, plan_id: int, email: str) -> AppTest:
    at = signed_in_app(APP, default_timeout=60, email=email, password=PASSWORD)
    at.query_params["plan"] = str(plan_id)
    at.run()
    at.switch_page(f"pages/{page}.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _inputs(at: AppTest) -> list[str]:
    """Labels of every input on the page outside the sidebar."""
    found = []
    for kind in ("text_input", "text_area", "number_input", "date_input", "checkbox",
                 "radio", "multiselect", "button_group", "toggle", "selectbox"):
        found += [f"{kind}:{w.label}" for w in at.main.get(kind)]
    return found


@pytest.mark.parametrize("page", PAGES)
def test_a_reader_is_offered_no_write_control_and_told_so_once(plan_id: int,
                                                                page: str) -> None:
    at = _open(page, plan_id, READER)
    notes = [i.value for i in at.main.info if READ_ONLY_NOTE in i.value]
    assert len(notes) == 1, [i.value for i in at.main.info]
    buttons = {b.label for b in at.main.button}
    assert buttons <= READING_BUTTONS | PAGE_READING.get(page, set()), buttons
    # Choosing what to look at (a plan, an indicator, a year, a view) is reading.
    assert [i for i in _inputs(at) if i not in PAGE_CHOICES.get(page, set())] == []
    assert not at.main.get("form")


# Looking, not changing: the choices a page offers a reader.
PAGE_CHOICES = {
    "action_plan": {"toggle:Kun mine", "toggle:Kun overskredne", "button_group:Visning"},
    "enter_figures": {"selectbox:Indikator", "button_group:År", "selectbox:Måned"},
    "plans": {"toggle:Vis arkiverede", "selectbox:Plan"},
    "history": set(),
}
PAGE_READING: dict[str, set[str]] = {}


def test_a_member_works_on_the_board_but_does_not_run_the_meeting(plan_id: int) -> None:
    at = _open("board", plan_id, MEMBER)
    assert any("kun en facilitator kan starte og styre mødet" in i.value for i in at.main.info)
    labels = {b.label for b in at.main.button}
    assert "Start møde" not in labels
    assert any(w.label.startswith("Ny ide") for w in at.main.text_input)  # ideas go up
    at = _open("action_plan", plan_id, MEMBER)
    assert not [i for i in at.main.info if "Du har rollen" in i.value]
    assert any(b.label == "Frem" for b in at.main.button)
    assert any(b.label == "Opret handling" for b in at.main.button)


def test_the_reader_is_told_in_english_too(plan_id: int) -> None:
    at = signed_in_app(APP, default_timeout=60, email=READER, password=PASSWORD)
    at.session_state["lang"] = "en"
    at.query_params["plan"] = str(plan_id)
    at.run()
    at.switch_page("pages/action_plan.py")
    at.run()
    assert [i.value for i in at.main.info if "Your role in this plan is “Viewer”" in i.value]
