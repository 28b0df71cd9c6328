"""The matrix chart builder (pure Altair): fields follow the rule, no idea hides another."""

from __future__ import annotations

import pandas as pd

from dashboard.charts.matrix import field_areas, matrix_chart, matrix_points
from tracking.board_rules import FieldRule


def _ideas(rows: list[tuple[int, str, int | None, int | None]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["id", "text", "effect", "resources"]).astype(
        {"effect": "Int64", "resources": "Int64"})


def test_ideas_in_the_same_cell_are_spread_apart() -> None:
    points = matrix_points(_ideas([(1, "a", 4, 2), (2, "b", 4, 2), (3, "c", 4, 2),
                                   (4, "d", 1, 5), (5, "uvurderet", None, None)]))
    assert list(points["id"]) == [1, 2, 3, 4]
    same = points[points["effect"] == 4]
    assert same["y"].nunique() == 3
    assert (same["y"].between(3.5, 4.5)).all()  # still inside their cell
    assert points.loc[points["id"] == 4, "y"].item() == 1


def test_field_areas_follow_the_rule() -> None:
    areas = field_areas(FieldRule(4, 2), "da").set_index("field")
    assert areas.loc["green", "y"] == 3.5 and areas.loc["green", "x2"] == 1.5
    assert areas.loc["red", "name"] == "Rød"


def test_chart_builds_with_labels_of_user_text() -> None:
    spec = matrix_chart(_ideas([(7, "<b>Ring</b> til borgere om selvbetjening nu", 5, 1)]),
                        FieldRule(), "da").to_dict()
    values = [row for ds in spec["datasets"].values() for row in ds]
    assert any(str(row.get("label", "")).startswith("#7 <b>Ring</b>") for row in values)
