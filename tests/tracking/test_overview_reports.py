"""The overview's reports: the workbook opens with the figures as numbers, the PDF has
pages with the plans and one chart per indicator."""

from __future__ import annotations

import io

import pypdf
import pytest
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
                             "Økonomi pr. forvaltning", "Udregning"]
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


def test_the_demo_economy_can_be_redone_by_hand(duck_engine):
    """Budget effect only: KSD's freed FTE, a level, at 541.200 kr. a year each (30.000 kr.
    a month, 17 % pension, 120.000 kr. overhead). The arrears are a level without budget
    effect: their fall from the baseline is shown apart and never summed over months."""
    load_demo(duck_engine)
    ov = plan_overview(duck_engine, TODAY)
    cost = 30_000 * 12 * 1.17 + 120_000
    assert cost == 541_200
    ksd = ov.plans.set_index("plan")
    assert ksd.loc["KSD – sygedagpenge", "realised_to_date"] == pytest.approx(2.9 * cost)
    assert ksd.loc["KSD – sygedagpenge", "realised_ytd"] == pytest.approx((2.9 - 1.0) * cost)
    assert ksd.loc["KSD – sygedagpenge", "planned_ytd"] == pytest.approx((3.0 - 1.0) * cost)
    assert ksd.loc["KSD – sygedagpenge", "planned_total"] == pytest.approx(4.0 * cost)
    rpa = ksd.loc["Fakturaautomatisering (RPA)"]
    assert rpa["realised_ytd"] == 0 and rpa["money_indicators"] == 0
    assert rpa["other_realised_to_date"] == pytest.approx(1_411_741 - 957_074)
    assert ov.total["realised_ytd"] == pytest.approx(1.9 * cost)  # budget effects only

    wb = load_workbook(io.BytesIO(overview_workbook(ov)))
    calc = {row[1]: row for row in wb["Udregning"].iter_rows(min_row=2, values_only=True)}
    arrears = calc["Restancer"]
    assert arrears[2] == "Niveau ved månedens slut" and arrears[3] == "Ingen budgetvirkning"
    assert arrears[6] == pytest.approx(454_667)  # realised to date, a number
    assert "fra baseline 1.411.741 kr. til 957.074 kr., forbedring 454.667 kr." in arrears[-1]

    text = " ".join(" ".join(page.extract_text() for page in
                             pypdf.PdfReader(io.BytesIO(overview_pdf(ov, "da"))).pages).split())
    assert "tæller ikke i budgetvirkningen" in text
    assert "1.028.280 kr." in text and "454.667 kr." in text
