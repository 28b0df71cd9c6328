"""Indtast tal with the spreadsheet upload (AppTest): both modes render, and the
single-figure form still saves. The upload itself is driven in tests/e2e (AppTest
cannot send a file)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import Session, select
from streamlit.testing.v1 import AppTest

from tests.support.accounts import signed_in_app
from tracking.config import REPO_ROOT
from tracking.demo import load_demo
from tracking.models import Measurement

APP = str(REPO_ROOT / "dashboard" / "app.py")


@pytest.fixture
def at(app_env, duck_engine) -> AppTest:
    load_demo(duck_engine)
    app = signed_in_app(APP, default_timeout=60)
    app.query_params["plan"] = "1"
    app.run()
    app.switch_page("pages/enter_figures.py")
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def test_upload_mode_offers_templates_and_a_file_field(at: AppTest) -> None:
    at.button_group(key="enter_mode").set_value("upload").run()
    assert not at.exception, [e.value for e in at.exception]
    buttons = at.get("download_button")
    assert [b.proto.label for b in buttons] == ["Skabelon (Excel)", "Skabelon (CSV)"]
    # Built only when clicked (deferred), not on every rerun of the page.
    assert all(b.proto.deferred_file_id and not b.proto.url for b in buttons)
    assert len(at.get("file_uploader")) == 1
    assert "Indtast et tal" not in [s.value for s in at.subheader]


def test_the_single_figure_form_still_saves(at: AppTest, duck_engine) -> None:
    assert "Indtast et tal" in [s.value for s in at.subheader]
    at.selectbox(key="enter_indicator").set_value(2)
    at.text_input(key="enter_value").set_value("17,5")
    at.button[0].click().run()
    assert not at.exception, [e.value for e in at.exception]
    with Session(duck_engine) as s:
        saved = s.exec(select(Measurement).where(Measurement.indicator_id == 2,
                                                 Measurement.month == date(2026, 10, 1))).one()
    assert saved.value == 17.5
