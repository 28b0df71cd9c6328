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


def _mapping_script() -> None:
    """The mapping form for a CSV whose headers are not the template's (the component
    alone, as the page shows it after the refusal)."""
    from sqlmodel import Session

    from dashboard.components.figure_upload import _mapping_form
    from tracking.db import get_engine
    from tracking.models import Plan as PlanModel

    data = ("Afdelingens nøgletal;Periode start;Antal;Noter\r\n"
            "Sagsbehandlingstid (dage);okt 2026;17,5;fra ESDH\r\n").encode("cp1252")
    with Session(get_engine()) as s:
        plan = s.get(PlanModel, 1)
    _mapping_form(plan, data, "afdeling.csv", None, 0)


def test_the_column_mapping_form_remembers_the_columns_for_the_plan(app_env,
                                                                    duck_engine) -> None:
    from tests.support.accounts import sign_in_apptest
    from tracking.importing.reading import Column
    from tracking.readmodel.import_mapping import saved_import_mapping

    load_demo(duck_engine)
    at = AppTest.from_function(_mapping_script, default_timeout=60)
    sign_in_apptest(at, duck_engine)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert [s.value for s in at.subheader] == ["Hvilke kolonner er hvad?"]
    assert at.selectbox[0].options == ["Afdelingens nøgletal", "Periode start", "Antal",
                                       "Noter"]
    at.selectbox[3].set_value("Noter")  # the comment
    at.button[0].click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert saved_import_mapping(duck_engine, 1) == {
        Column.INDICATOR: "Afdelingens nøgletal", Column.MONTH: "Periode start",
        Column.VALUE: "Antal", Column.COMMENT: "Noter"}
