"""A figure edited from a stale screen is refused, from every way a figure is edited:
the form (record_actual), the year table (record_actuals) and an upload whose preview is
older than the stored figure; the refusal names who changed it and when."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import Engine

from tests.conftest import TODAY
from tests.support.actors import who
from tests.tracking.import_files import csv_bytes
from tracking.board_rules import StaleError
from tracking.importing.preview import commit_import, preview_file
from tracking.readmodel.goal import figure_versions
from tracking.services.measurements import FigureInput, record_actual, record_actuals

OCT = date(2026, 10, 1)  # the demo's indicator 2 has no figure in Oct 2026; 1 has one


def _value(engine: Engine, ind: int, month: date) -> float | None:
    from sqlmodel import Session, select

    from tracking.models import Measurement
    with Session(engine) as s:
        m = s.exec(select(Measurement).where(Measurement.indicator_id == ind,
                                             Measurement.month == month)).first()
        return m.value if m else None


def test_the_form_refuses_a_save_based_on_an_older_figure(demo_engine: Engine) -> None:
    seen = figure_versions(demo_engine, 2).get(OCT, 0)  # both screens: no figure yet
    record_actual(demo_engine, 2, OCT, "111", actor=who("Lis Holm"), on=TODAY,
                  seen_version=seen)
    with pytest.raises(StaleError) as refused:
        record_actual(demo_engine, 2, OCT, "222", actor=who("Ole Berg"), on=TODAY,
                      seen_version=seen)
    text = refused.value.message("da")
    assert "Lis Holm" in text and "2026" in text  # who, and when (date and time)
    assert _value(demo_engine, 2, OCT) == 111
    assert figure_versions(demo_engine, 2)[OCT] == 1


def test_the_table_refuses_all_when_one_row_is_stale(demo_engine: Engine) -> None:
    versions = figure_versions(demo_engine, 1)
    record_actual(demo_engine, 1, OCT, "50", actor=who("Lis Holm"), on=TODAY,
                  seen_version=versions[OCT])
    sep = date(2026, 9, 1)
    with pytest.raises(StaleError) as refused:
        record_actuals(demo_engine, [
            FigureInput(1, sep, "60", seen_version=versions[sep]),
            FigureInput(1, OCT, "61", seen_version=versions[OCT])], who("Ole Berg"), TODAY)
    assert "Lis Holm" in refused.value.message("en")
    assert _value(demo_engine, 1, OCT) == 50
    assert _value(demo_engine, 1, sep) != 60  # all or nothing


def test_an_upload_preview_older_than_the_stored_figure_is_refused(
        demo_engine: Engine) -> None:
    data = csv_bytes([["Indikator-id", "Måned", "Værdi", "Kommentar"],
                      ["2", "2026-10", "17", ""], ["1", "2026-10", "81,2", ""]])
    preview = preview_file(demo_engine, data, plan_id=1, on=TODAY)
    record_actual(demo_engine, 2, OCT, "18", actor=who("Lis Holm"), on=TODAY)
    with pytest.raises(StaleError) as refused:
        commit_import(demo_engine, preview, who("Ole Berg"), TODAY, allow_corrections=True)
    assert "Lis Holm" in refused.value.message("da")
    assert _value(demo_engine, 2, OCT) == 18
    assert _value(demo_engine, 1, OCT) != 81.2
    fresh = preview_file(demo_engine, data, plan_id=1, on=TODAY)  # a new preview saves
    assert commit_import(demo_engine, fresh, who("Ole Berg"), TODAY,
                         allow_corrections=True).corrected == 2
