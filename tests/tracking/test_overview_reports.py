"""The overview's reports: the workbook opens with the figures as numbers, the PDF has
pages with the plans and one chart per indicator."""

from __future__ import annotations

import io

import pypdf
from openpyxl import load_workbook

from dashboard.charts.overview import report_charts
from tests.conftest import TODAY
from tracking.demo import load_demo
from tracking.readmodel.overview import overview_series, plan_overview
from tracking.reports.excel import overview_workbook
from tracking.reports.pdf import overview_pdf


def test_workbook_has_a_sheet_per_view_with_numbers(duck_engine):
    load_demo(duck_engine)
    ov = plan_overview(duck_engine, TODAY)
    wb = load_workbook(io.BytesIO(overview_workbook(ov)))
    assert wb.sheetnames == ["Planer", "Indikatorer", "Økonomi pr. plan",
                             "Økonomi pr. forvaltning"]
    plans = wb["Planer"]
    assert plans["B1"].value == "Plan" and plans["A1"].value == "Status"
    assert [plans.cell(row=r, column=2).value for r in (2, 3)] == \
        ["KSD – sygedagpenge", "Fakturaautomatisering (RPA)"]
    assert (plans["A2"].value, plans["A3"].value) == ("? Mangler tal", "! Overskredne handlinger")
    economy = wb["Økonomi pr. plan"]
    realised = economy["C2"]
    assert isinstance(realised.value, int | float)  # a number, not text
    assert realised.value == ov.plans.iloc[0]["realised_ytd"]
    assert "kr." in realised.number_format
    totals = wb["Økonomi pr. forvaltning"]
    last = totals.max_row
    assert totals.cell(row=last, column=1).value == "I alt"
    assert totals.cell(row=last, column=3).value == ov.total["realised_ytd"]
    indicators = wb["Indikatorer"]
    assert indicators.max_row == 1 + 5
    assert indicators["I1"].value == "Seneste"


def test_pdf_has_pages_plans_and_charts(duck_engine):
    load_demo(duck_engine)
    ov = plan_overview(duck_engine, TODAY)
    charts = report_charts(ov, overview_series(duck_engine), "da", TODAY)
    assert len(charts) == 1 + 5  # the economy, then each indicator
    reader = pypdf.PdfReader(io.BytesIO(overview_pdf(ov, "da", charts)))
    assert len(reader.pages) >= 2
    first = reader.pages[0].extract_text()
    assert "KSD – sygedagpenge" in first and "Mangler tal" in first
    assert "I alt" in first
    images = sum(len(page.images) for page in reader.pages)
    assert images == len(charts)


def test_reports_of_an_empty_municipality(duck_engine):
    ov = plan_overview(duck_engine, TODAY)
    assert load_workbook(io.BytesIO(overview_workbook(ov))).sheetnames[0] == "Planer"
    reader = pypdf.PdfReader(io.BytesIO(overview_pdf(ov, "da", [])))
    assert "Der er ingen aktive planer" in reader.pages[0].extract_text()
