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
    assert 0.5 < points.loc[points["id"] == 4, "y"].item() < 1.5


def _box(x: float, y: float, half: float) -> tuple[float, float, float, float]:
    return x - half, x + half, y - half, y + half


def test_wall_dots_stay_inside_their_cell_and_apart_from_each_other() -> None:
    """The wall's numbered dots (about 0.25 score units across): inside the cell, off
    the axis labels, and ties spread so that no dot covers another."""
    rows = [(i, "x", 5, 2) for i in range(1, 5)] + [(9, "y", 1, 1), (10, "z", 3, 5),
                                                     (11, "z", 3, 5)]
    points = matrix_points(_ideas(rows), compact=True)
    assert set(points["label"]) == {"1", "2", "3", "4", "9", "10", "11"}
    for _, p in points.iterrows():
        assert abs(p["x"] - p["resources"]) <= 0.5 - 0.12
        assert abs(p["y"] - p["effect"]) <= 0.5 - 0.12
    centres = list(zip(points["x"], points["y"], strict=True))
    for i, a in enumerate(centres):
        for b in centres[i + 1:]:
            assert max(abs(a[0] - b[0]), abs(a[1] - b[1])) >= 0.4, (a, b)


def test_the_wall_matrix_has_no_text_under_18_px_and_no_field_names() -> None:
    spec = matrix_chart(_ideas([(7, "Ring", 5, 1)]), FieldRule(), "da", compact=True).to_dict()
    layers = spec["layer"]
    texts = [layer["mark"] for layer in layers if layer["mark"]["type"] == "text"]
    assert texts and all(m["fontSize"] >= 18 for m in texts)
    axes = [layer["encoding"][c]["axis"] for layer in layers for c in ("x", "y")
            if "axis" in layer["encoding"].get(c, {})]
    assert axes and all(a["labelFontSize"] >= 18 and a["titleFontSize"] >= 18 for a in axes)
    assert not any(layer["encoding"].get("text", {}).get("field") == "name"
                   for layer in layers)  # no field name for a dot to sit on


def test_field_areas_follow_the_rule() -> None:
    areas = field_areas(FieldRule(4, 2), "da").set_index("field")
    assert areas.loc["green", "y"] == 3.5 and areas.loc["green", "x2"] == 1.5
    assert areas.loc["red", "name"] == "Rød"


def test_chart_builds_with_labels_of_user_text() -> None:
    spec = matrix_chart(_ideas([(7, "<b>Ring</b> til borgere om selvbetjening nu", 5, 1)]),
                        FieldRule(), "da").to_dict()
    values = [row for ds in spec["datasets"].values() for row in ds]
    assert any(str(row.get("label", "")).startswith("#7 <b>Ring</b>") for row in values)
