"""The national portfolio's groups, search and pages (pure functions on the plans)."""

from __future__ import annotations

import pandas as pd
import pytest

from tracking.readmodel.portfolio import (
    page_of,
    plans_of_group,
    portfolio_groups,
    search_plans,
)


def _plans() -> pd.DataFrame:
    rows = [  # (plan, municipality, department, status, overdue, money, realised, planned)
        ("KSD · Aarhus", "Aarhus", "Job", "on_track", 0, 1, 100.0, 120.0),
        ("RPA · Aarhus", "Aarhus", "Økonomi", "off_track", 2, 1, 10.0, 50.0),
        ("KSD · Vejle", "Vejle", "Job", "missing", 0, 0, 0.0, 0.0),
        ("Kørsel · Vejle", "Vejle", "Økonomi", "no_indicators", 1, 0, 0.0, 0.0),
        ("Robot · Odense", "Odense", "", "at_risk", 0, 1, 5.0, 5.0),
    ]
    frame = pd.DataFrame(rows, columns=["plan", "municipality", "department", "status",
                                        "overdue_actions", "money_indicators",
                                        "realised_ytd", "planned_ytd"])
    frame["plan_id"] = range(1, len(frame) + 1)
    frame["area"] = ""
    for col in ("realised_to_date", "planned_total", "harvested", "leeway"):
        frame[col] = 1.0
    return frame


def test_groups_count_statuses_and_sum_money_most_red_first():
    groups = portfolio_groups(_plans(), "municipality")
    assert list(groups["group"]) == ["Aarhus", "Vejle", "Odense"]
    aarhus = groups.iloc[0]
    assert (aarhus["plans"], aarhus["off_track"], aarhus["on_track"], aarhus["overdue"]) == \
        (2, 1, 1, 1)
    assert aarhus["realised_ytd"] == 110.0 and aarhus["planned_ytd"] == 170.0
    vejle = groups.iloc[1]
    assert (vejle["missing"], vejle["other"], vejle["money_plans"]) == (1, 1, 0)


def test_a_group_without_a_name_is_kept_and_drilled_into():
    groups = portfolio_groups(_plans(), "department")
    assert set(groups["group"]) == {"Job", "Økonomi", ""}
    assert list(plans_of_group(_plans(), "department", "")["plan"]) == ["Robot · Odense"]


def test_search_ignores_case_and_takes_the_text_literally():
    assert list(search_plans(_plans(), "ksd")["plan"]) == ["KSD · Aarhus", "KSD · Vejle"]
    assert search_plans(_plans(), "(").empty  # not a pattern
    assert len(search_plans(_plans(), "  ")) == 5


def test_pages_are_a_screenful_and_clamped():
    frame = pd.DataFrame({"n": range(45)})
    rows, pages = page_of(frame, 3, 20)
    assert pages == 3 and list(rows["n"]) == list(range(40, 45))
    assert list(page_of(frame, 99, 20)[0]["n"]) == list(range(40, 45))
    assert page_of(frame.iloc[0:0], 1, 20)[1] == 1


def test_an_unknown_grouping_is_refused():
    with pytest.raises(ValueError):
        portfolio_groups(_plans(), "town")
