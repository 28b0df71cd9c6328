"""The assessment matrix: effect up, resources across, the four fields coloured behind.

Pure Altair (no Streamlit). Ideas with the same two scores share a cell; they are
spread out inside it (stacked, each with its own label) so that none hides another.
"""

from __future__ import annotations

import json

import altair as alt
import pandas as pd

from tracking.board_rules import SCORES, FieldRule
from tracking.i18n import translate

FIELD_FILL = {"green": "#b7e4b0", "yellow": "#fff0a0", "orange": "#fdd0a2", "red": "#f7b4ae"}
POINT_COLOUR = "#08306b"
FONT_SIZE = 15
LABEL_CHARS = 22


def _label(idea_id: int, text: str) -> str:
    short = text if len(text) <= LABEL_CHARS else text[:LABEL_CHARS - 1].rstrip() + "…"
    return f"#{idea_id} {short}"


def matrix_points(ideas: pd.DataFrame) -> pd.DataFrame:
    """Scored ideas with a position inside their cell (x = resources, y = effect)."""
    scored = ideas[ideas["effect"].notna() & ideas["resources"].notna()].copy()
    if scored.empty:
        return scored.assign(x=[], y=[], label=[])
    scored = scored.sort_values("id")
    scored["effect"] = scored["effect"].astype(int)
    scored["resources"] = scored["resources"].astype(int)
    xs, ys = [], []
    for (_, _), cell in scored.groupby(["effect", "resources"], sort=False):
        n = len(cell)
        step = min(0.8 / n, 0.26)
        for j, (_, row) in enumerate(cell.iterrows()):
            xs.append((row.name, row["resources"] - 0.38))
            ys.append((row.name, row["effect"] + ((n - 1) / 2 - j) * step))
    scored["x"] = pd.Series(dict(xs))
    scored["y"] = pd.Series(dict(ys))
    scored["label"] = [_label(int(i), t) for i, t in zip(scored["id"], scored["text"],
                                                         strict=True)]
    return scored


def field_areas(rule: FieldRule, lang: str) -> pd.DataFrame:
    """The four fields as rectangles in score space, with their names."""
    lo, hi = SCORES[0] - 0.5, SCORES[-1] + 0.5
    e_cut, r_cut = rule.effect_high_from - 0.5, rule.resources_many_from - 0.5
    rows = [("green", lo, r_cut, e_cut, hi), ("yellow", r_cut, hi, e_cut, hi),
            ("orange", lo, r_cut, lo, e_cut), ("red", r_cut, hi, lo, e_cut)]
    return pd.DataFrame([{
        "field": f, "x": x1, "x2": x2, "y": y1, "y2": y2,
        "name": translate(f"quadrant.{f}", lang),
        "label_x": (x1 + x2) / 2, "label_y": y2 - 0.12,
    } for f, x1, x2, y1, y2 in rows])


def matrix_chart(ideas: pd.DataFrame, rule: FieldRule, lang: str,
                 height: int = 560, width: int = 760) -> alt.LayerChart:
    areas = field_areas(rule, lang)
    points = matrix_points(ideas)
    effect_title = translate("board.effect", lang)
    resources_title = translate("board.resources", lang)
    labels = json.dumps(["", *(translate(f"resources.{n}", lang) for n in SCORES)])
    e_labels = json.dumps(["", *(translate(f"effect.{n}", lang) for n in SCORES)])
    x_scale = alt.Scale(domain=[0.5, 5.5], nice=False)
    y_scale = alt.Scale(domain=[0.5, 5.5], nice=False)
    x_axis = alt.Axis(values=list(SCORES), title=resources_title, labelFontSize=FONT_SIZE,
                      titleFontSize=FONT_SIZE + 1, grid=False,
                      labelExpr=f"datum.value + ' ' + {labels}[datum.value]")
    y_axis = alt.Axis(values=list(SCORES), title=effect_title, labelFontSize=FONT_SIZE,
                      titleFontSize=FONT_SIZE + 1, grid=False,
                      labelExpr=f"datum.value + ' ' + {e_labels}[datum.value]")
    fill = alt.Color("field:N", legend=None, scale=alt.Scale(
        domain=list(FIELD_FILL), range=list(FIELD_FILL.values())))
    background = alt.Chart(areas).mark_rect(opacity=0.9, stroke="white", strokeWidth=3).encode(
        x=alt.X("x:Q", scale=x_scale, axis=x_axis), x2="x2:Q",
        y=alt.Y("y:Q", scale=y_scale, axis=y_axis), y2="y2:Q", color=fill, tooltip=alt.value(None))
    names = alt.Chart(areas).mark_text(fontSize=22, fontWeight="bold", opacity=0.55,
                                       baseline="top").encode(
        x=alt.X("label_x:Q", scale=x_scale), y=alt.Y("label_y:Q", scale=y_scale),
        text="name:N")
    layers = [background, names]
    if not points.empty:
        tooltip = [alt.Tooltip("text:N", title=translate("ideas.title", lang)),
                   alt.Tooltip("effect:Q", title=effect_title),
                   alt.Tooltip("resources:Q", title=resources_title)]
        base = alt.Chart(points[["id", "x", "y", "label", "text", "effect", "resources"]])
        layers.append(base.mark_circle(size=170, color=POINT_COLOUR, opacity=1).encode(
            x=alt.X("x:Q", scale=x_scale), y=alt.Y("y:Q", scale=y_scale), tooltip=tooltip))
        layers.append(base.mark_text(align="left", dx=9, fontSize=FONT_SIZE,
                                     color="#111111").encode(
            x=alt.X("x:Q", scale=x_scale), y=alt.Y("y:Q", scale=y_scale), text="label:N",
            tooltip=tooltip))
    return (alt.layer(*layers).properties(height=height, width=width)
            .configure_view(stroke=None))
