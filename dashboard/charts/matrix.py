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
WALL_FONT_SIZE = 19
LABEL_CHARS = 22


def _label(idea_id: int, text: str) -> str:
    short = text if len(text) <= LABEL_CHARS else text[:LABEL_CHARS - 1].rstrip() + "…"
    return f"#{idea_id} {short}"


def matrix_points(ideas: pd.DataFrame, compact: bool = False) -> pd.DataFrame:
    """Scored ideas with a position inside their cell (x = resources, y = effect).

    Ideas that share a cell are spread over it in a small grid, never onto the cell's
    edge (the axis labels) nor its top band (where a field's name may stand)."""
    scored = ideas[ideas["effect"].notna() & ideas["resources"].notna()].copy()
    if scored.empty:
        return scored.assign(x=[], y=[], label=[])
    scored = scored.sort_values("id")
    scored["effect"] = scored["effect"].astype(int)
    scored["resources"] = scored["resources"].astype(int)
    xs, ys = [], []
    for (_, _), cell in scored.groupby(["effect", "resources"], sort=False):
        n = len(cell)
        per_row = min(n, 2) if compact else 1
        rows = -(-n // per_row)
        for j, (_, row) in enumerate(cell.iterrows()):
            r, c = divmod(j, per_row)
            if compact:  # numbered dots, centred; ties in a grid of two columns
                x = row["resources"] + (c - (per_row - 1) / 2) * 0.44
                y = row["effect"] + ((rows - 1) / 2 - r) * min(0.5, 0.9 / rows)
            else:  # dots with a label to the right: the left, lower part of the cell
                x = row["resources"] - 0.3
                y = row["effect"] - 0.12 + ((rows - 1) / 2 - r) * min(0.62 / rows, 0.3)
            xs.append((row.name, x))
            ys.append((row.name, y))
    scored["x"] = pd.Series(dict(xs))
    scored["y"] = pd.Series(dict(ys))
    scored["label"] = ([str(int(i)) for i in scored["id"]] if compact else
                       [_label(int(i), t) for i, t in zip(scored["id"], scored["text"],
                                                          strict=True)])
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
        "label_x": (x1 + x2) / 2, "label_y": y2 - 0.04,
    } for f, x1, x2, y1, y2 in rows])


def matrix_chart(ideas: pd.DataFrame, rule: FieldRule, lang: str,
                 height: int = 560, width: int | str = 760,
                 compact: bool = False) -> alt.LayerChart:
    """The matrix; `compact` (the wall): axes numbered 1-5, each idea a dot with its
    number in it, no field names (the list beside it names the fields), all text 18 px
    or more, readable from three metres."""
    areas = field_areas(rule, lang)
    points = matrix_points(ideas, compact)
    font = WALL_FONT_SIZE if compact else FONT_SIZE
    effect_title = translate("board.effect", lang)
    resources_title = translate("board.resources", lang)
    labels = json.dumps(["", *(translate(f"resources.{n}", lang) for n in SCORES)])
    e_labels = json.dumps(["", *(translate(f"effect.{n}", lang) for n in SCORES)])
    x_scale = alt.Scale(domain=[0.5, 5.5], nice=False)
    y_scale = alt.Scale(domain=[0.5, 5.5], nice=False)
    numbers = "datum.value"  # the wall: 1-5 only, the words do not fit a narrow field
    x_axis = alt.Axis(values=list(SCORES), title=resources_title, labelFontSize=font,
                      titleFontSize=font + 1, grid=False, labelPadding=6,
                      labelExpr=numbers if compact else
                      f"datum.value + ' ' + {labels}[datum.value]")
    y_axis = alt.Axis(values=list(SCORES), title=effect_title, labelFontSize=font,
                      titleFontSize=font + 1, grid=False, labelPadding=6,
                      labelExpr=numbers if compact else
                      f"datum.value + ' ' + {e_labels}[datum.value]")
    fill = alt.Color("field:N", legend=None, scale=alt.Scale(
        domain=list(FIELD_FILL), range=list(FIELD_FILL.values())))
    background = alt.Chart(areas).mark_rect(opacity=0.9, stroke="white", strokeWidth=3).encode(
        x=alt.X("x:Q", scale=x_scale, axis=x_axis), x2="x2:Q",
        y=alt.Y("y:Q", scale=y_scale, axis=y_axis), y2="y2:Q", color=fill, tooltip=alt.value(None))
    names = alt.Chart(areas).mark_text(fontSize=22, fontWeight="bold", opacity=0.55,
                                       baseline="top").encode(
        x=alt.X("label_x:Q", scale=x_scale), y=alt.Y("label_y:Q", scale=y_scale),
        text="name:N")
    layers = [background] if compact else [background, names]
    if not points.empty and compact:
        tooltip = [alt.Tooltip("text:N", title=translate("ideas.title", lang))]
        base = alt.Chart(points[["id", "x", "y", "label", "text"]])
        layers.append(base.mark_circle(size=620, color=POINT_COLOUR, opacity=1).encode(
            x=alt.X("x:Q", scale=x_scale), y=alt.Y("y:Q", scale=y_scale), tooltip=tooltip))
        layers.append(base.mark_text(fontSize=font - 1, fontWeight="bold", color="white",
                                     baseline="middle", align="center").encode(
            x=alt.X("x:Q", scale=x_scale), y=alt.Y("y:Q", scale=y_scale), text="label:N",
            tooltip=tooltip))
    elif not points.empty:
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
