"""The board on one wall screen: Mål, Ideer, Vurdering, Handleplan side by side.

`render_wall(plan, interactive)` draws the four fields in fixed-height boxes sized for
1920x1080 (other screens see them scaled to fit); `interactive=False` (the kiosk) draws
no widget at all. The wall versions of the fields are denser than the pages: small
post-its, a smaller matrix, action cards of two lines; each field can be enlarged to the
full page body, where all the work can be done, and back with one click.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from dashboard.charts.matrix import matrix_chart
from dashboard.components.action_plan import SLOT, _move, status_label
from dashboard.components.board import field_markdown, known_field
from dashboard.components.cache import cached
from dashboard.components.goal_specs import goal_spec
from dashboard.components.i18n import lang, t
from dashboard.components.messages import show_flash
from dashboard.components.status import SYMBOLS
from dashboard.components.text import md_escape
from tracking.board_rules import FIELD_ORDER, STATUS_ORDER, Attention, neighbour
from tracking.forecast import Forecast
from tracking.formatting import format_date, format_month, format_value, initials
from tracking.models import ActionStatus, Indicator, Plan
from tracking.readmodel.board import actions_frame, ideas_by_field, ideas_frame
from tracking.readmodel.board_settings import field_rule
from tracking.readmodel.forecast import indicator_forecasts
from tracking.readmodel.goal import LatestStatus, latest_status, plan_series
from tracking.readmodel.plans import list_indicators
from tracking.rules import Status

FIELDS = ("goal", "ideas", "assessment", "actions")
WIDTHS = (1.15, 1.0, 1.0, 1.3)  # the action plan gets the most room: it drives decisions
FOCUS_KEY = "wall_focus"
MAX_INDICATORS = 3
MAX_IDEAS = 20
POSTIT_CHARS = 90  # a post-it on the wall shows this much; the enlarged field shows all
LINE_CHARS = 48  # a candidate's line under the matrix
CANDIDATES = 4
# Post-its of the Ideer field at 1080p: about 13 characters a line in two columns, and
# this many lines of 24 px fit under the capture box.
POSTIT_LINE_CHARS = 14
POSTIT_LINES = 31

# Readable from three metres: no text that matters under 18 px, nothing cut off. The
# layout is drawn for 1920x1080; any other screen shows it scaled (CSS zoom) by the
# largest step that fits both its width and height: a 4K screen at 200 %, as a TV at
# 200 % would, a 1366x768 projector at 71 % (1366/1920 = 768/1080), whose picture is
# as large on the wall as a 1080p one, so the letters are too.
ZOOM_STEPS = (0.5, 0.6, 0.667, 0.711, 0.75, 0.8, 0.889, 1.0, 1.25, 1.333, 1.5, 1.75, 2.0)
MIN_ZOOM_WIDTH = 960  # below this a phone or narrow window: Streamlit's own stacked layout


def _zoom_css() -> str:
    """One media query per step, smallest first, so the largest step that fits wins.
    Streamlit gives a chart the width it measures on screen (zoomed), which the zoom
    then scales again: the chart's box is made 1/zoom wide to cancel that."""
    return "\n".join(
        f"@media (min-width: {max(MIN_ZOOM_WIDTH, int(1920 * z))}px) and "
        f"(min-height: {int(1080 * z) if z > ZOOM_STEPS[0] else 0}px) {{ html {{ zoom: {z}; }}"
        f' div[class*="st-key-field-"] [data-testid="stVegaLiteChart"] {{'
        f" width: {100 / z:.2f}% !important; max-width: none !important; }} }}"
        for z in ZOOM_STEPS)


_CSS = """
<style>
[data-testid="stHeader"] { background: transparent; pointer-events: none; }
[data-testid="stHeader"] button { pointer-events: auto; }
/* Streamlit sizes the page body 100dvh, which a CSS zoom scales too: fill the app instead. */
div:has(> [data-testid="stMain"]), [data-testid="stMain"] { height: 100% !important; }
[data-testid="stMainBlockContainer"] { padding: 2.9rem 1.4rem 0.4rem 1.4rem; max-width: 100%; }
[data-testid="stMain"] h3 { font-size: 1.7rem; padding: 0; }
[data-testid="stMain"] button p, [data-testid="stMain"] label p,
[data-testid="stMain"] input, [data-testid="stMain"] input::placeholder,
[data-testid="stMain"] [data-testid="stCaptionContainer"],
[data-testid="stMain"] [data-testid="stCaptionContainer"] p { font-size: 18px; }
div[class*="st-key-field-"] { background: #fbfbfc; }
div[class*="st-key-field-"] { overflow-x: hidden !important; }
div[class*="st-key-field-"][class*="-active"] {
  border: 4px solid #08519c !important; box-shadow: 0 0 0 3px #c6dbef; }
div[class*="st-key-field-"] [data-testid="stVerticalBlock"] { gap: 0.45rem; }
div[class*="st-key-fieldtitle-"] p { font-size: 1.7rem; font-weight: 700; line-height: 1.2; }
div[class*="st-key-wlegend"] p { font-size: 19px; line-height: 1.2; }
div[class*="st-key-wpostit-"] {
  background: #fff8c4; border-radius: 5px; padding: 0.3rem 0.5rem;
  box-shadow: 1px 2px 4px rgba(0,0,0,0.18); border-left: 10px solid #bdbdbd; }
div[class*="st-key-wpostit-green-"] { border-left-color: #2e9d3a; }
div[class*="st-key-wpostit-yellow-"] { border-left-color: #e6b800; }
div[class*="st-key-wpostit-orange-"] { border-left-color: #f07f09; }
div[class*="st-key-wpostit-red-"] { border-left-color: #d62728; }
div[class*="st-key-wpostit-"] p { font-size: 19px; line-height: 1.25; }
div[class*="st-key-wcard-"] {
  background: #ffffff; border-radius: 5px; padding: 0.2rem 0.55rem;
  border: 1px solid #d0d0d0; border-left: 10px solid #6baed6; }
div[class*="st-key-wcard-overdue-"] { background: #fde0dc; border: 3px solid #b71c1c;
  border-left-width: 10px; }
div[class*="st-key-wcard-due_soon-"] { border-left-color: #f07f09; }
div[class*="st-key-wcard-"] [data-testid="stVerticalBlock"] { gap: 0.1rem; }
div[class*="st-key-wtitle-"] p { font-size: 19px; font-weight: 650; line-height: 1.2; }
div[class*="st-key-wmeta-"] p { font-size: 18px; line-height: 1.2; }
div[class*="st-key-wgroup-"] p { font-size: 1.25rem; font-weight: 700; }
div[class*="st-key-wind-"] p { font-size: 19px; line-height: 1.25; }
div[class*="st-key-wline-"] p { font-size: 19px; line-height: 1.3; }
div[class*="st-key-wline-"] p span { font-size: 18px !important; }
div[class*="st-key-wcard-"] button, div[class*="st-key-fieldbar-"] button {
  min-height: 2.2rem; padding: 0.1rem 0.6rem; }
</style>
"""


def wall_style() -> None:
    st.html(_CSS.replace("</style>", _zoom_css() + "\n</style>"))


def field_height(with_meeting_bar: bool) -> int:
    """The fields' height at 1080p: the rest of the screen under the bars."""
    return 826 if with_meeting_bar else 910


def focus() -> str | None:
    found = st.session_state.get(FOCUS_KEY)
    return found if found in FIELDS else None


def _set_focus(field: str | None) -> None:
    st.session_state[FOCUS_KEY] = field


def field_header(field: str, interactive: bool, extra: object = None) -> None:
    """The field's title, large, with its enlarge button (and any field tools)."""
    if not interactive:
        st.container(key=f"fieldtitle-{field}").markdown(t(f"meeting.field.{field}"))
        return
    title_col, size_col = st.columns([6, 1], vertical_alignment="center", gap="small")
    title_col.container(key=f"fieldtitle-{field}").markdown(t(f"meeting.field.{field}"))
    if callable(extra):
        with st.container(key=f"fieldbar-{field}", horizontal=True):
            extra()
    size_col.button("", key=f"enlarge_{field}", icon=":material/open_in_full:",
                    help=t("meeting.enlarge"), on_click=_set_focus, args=(field,),
                    type="tertiary")


def shrink_button() -> None:
    st.button(t("meeting.shrink"), key="shrink", icon=":material/close_fullscreen:",
              on_click=_set_focus, args=(None,), type="primary")


# Mål --------------------------------------------------------------------------------------

def goal_field(plan: Plan, on: date, height: int, full: bool = False) -> None:
    lg = lang()
    indicators = cached(list_indicators)(plan.id)
    if not indicators:
        st.info(t("ui.no_indicators"))
        return
    shown = indicators if full else indicators[:MAX_INDICATORS]
    series = cached(plan_series)(plan.id)
    statuses = cached(latest_status)(plan.id, on)
    forecasts, _ = cached(indicator_forecasts)(on, (plan.id,))
    # Per indicator: name, latest figure and status (one block), then the chart; the
    # two lines are named once, above all charts. The charts take the rest of the field.
    more = len(indicators) - len(shown)
    chart_h = 300 if full else max(110, (height - 150 - (30 if more else 0)) // len(shown) - 95)
    if not full:
        st.container(key="wlegend").markdown(
            f":blue[**━ {t('ui.legend.actual')}**] · "
            f"<span style='color:#6baed6'>**━ {t('ui.legend.target')}**</span>",
            unsafe_allow_html=True)
    for ind in shown:
        with st.container(key=f"wgoal-{ind.id}"):
            _indicator(ind, statuses.get(ind.id), series, lg, on, chart_h, full,
                       forecasts.get(ind.id))
    if more:
        st.container(key="wgoal-more").caption(t("meeting.indicator_more", count=more))


def _indicator(ind: Indicator, latest: LatestStatus | None, series: pd.DataFrame, lg: str,
               on: date, chart_h: int, full: bool, fc: Forecast | None = None) -> None:
    """One indicator: its name, latest figure and status, and its chart."""
    status = latest.status if latest else Status.NOT_STARTED
    lines = [f"**{md_escape(ind.name)}**"]
    if latest is not None and latest.month is not None:
        if latest.actual is None:
            line = t("meeting.no_figure", month=format_month(latest.month, lg))
        else:
            line = t("meeting.latest", month=format_month(latest.month, lg),
                     actual=format_value(latest.actual, ind.unit, lg),
                     target=format_value(latest.target, ind.unit, lg))
        colour = {Status.ON_TRACK: "green", Status.AT_RISK: "orange",
                  Status.OFF_TRACK: "red"}.get(status, "gray")
        lines.append(f"{md_escape(line)} · :{colour}[**{SYMBOLS[status]} "
                     f"{t(f'status.{status.value}')}**]")
        if latest.awaiting_month is not None and full:
            lines.append(f":gray[{SYMBOLS[Status.AWAITING]} " + t(
                "report.awaiting_until", month=format_month(latest.awaiting_month, lg),
                deadline=format_date(latest.awaiting_due, lg)) + "]")
    st.container(key=f"wind-{ind.id}").markdown("  \n".join(lines))
    rows = series[series["indicator_id"] == ind.id]
    spec = goal_spec(rows, ind, lg, on, height=chart_h, wall=not full, fc=fc)
    st.vega_lite_chart(spec, width="stretch", key=f"goalchart-{ind.id}")


# Ideer ------------------------------------------------------------------------------------

def ideas_field(plan: Plan, interactive: bool, height: int = 910) -> None:
    from dashboard.components.ideas import capture_box

    if interactive:
        capture_box(plan, compact=True)
    ideas = cached(ideas_frame)(plan.id)
    open_ideas = ideas[ideas["state"] == "open"].iloc[::-1]
    promoted = int((ideas["state"] == "promoted").sum())
    if open_ideas.empty:
        st.info(t("meeting.ideas_none"))
    texts = list(open_ideas["text"].head(MAX_IDEAS))
    # The lines of post-its follow the field's height (a meeting bar takes some).
    fit = postits_that_fit(texts, interactive, POSTIT_LINES * (height - 180) // (910 - 180))
    shown = open_ideas.head(fit)
    cols = st.columns(2, gap="small")
    for n, (_, row) in enumerate(shown.iterrows()):
        field = known_field(row["field"]) or "none"
        with cols[n % 2], st.container(key=f"wpostit-{field}-{row['id']}"):
            st.markdown(md_escape(_shorten(row["text"], POSTIT_CHARS)))
    notes = []
    if len(open_ideas) > fit:
        notes.append(t("meeting.idea_more", count=len(open_ideas) - fit))
    if promoted:
        notes.append(t("meeting.promoted_count", count=promoted))
    if notes:
        st.container(key="wideas-note").caption(" · ".join(notes))


def _shorten(text: str, limit: int) -> str:
    """The whole text up to `limit` characters, else cut at a word with '…' (the
    enlarged field shows it all)."""
    text = " ".join(str(text).split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",.;:") + " …"


def postits_that_fit(texts: list[str], with_capture_box: bool,
                     lines_high: int = POSTIT_LINES) -> int:
    """How many post-its (newest first) the Ideer field holds without scrolling (1080p,
    `lines_high` lines high): each takes its lines of text plus its padding, in two
    columns."""
    budget = lines_high - (4 if with_capture_box else 0)
    used = [0, 0]
    for n, text in enumerate(texts):
        lines = -(-len(_shorten(text, POSTIT_CHARS)) // POSTIT_LINE_CHARS) + 1  # + padding
        col = n % 2
        if used[col] + lines > budget:
            return n
        used[col] += lines
    return len(texts)


# Vurdering --------------------------------------------------------------------------------

def assessment_field(plan: Plan, height: int) -> None:
    ideas = cached(ideas_frame)(plan.id)
    open_ideas = ideas[ideas["state"] == "open"]
    rule = cached(field_rule)(plan.id)
    # Points carry only their number here: the wall is too narrow for the texts, which
    # the lists below give for the candidates (green and yellow).
    st.altair_chart(matrix_chart(open_ideas, rule, lang(), height=min(330, height - 530),
                                 width="container", compact=True), width="stretch",
                    key="wall-matrix")
    groups = ideas_by_field(ideas)
    st.container(key="wline-fields").markdown(" ".join(
        f"{field_markdown(field.value)} **{len(groups[field.value])}**"
        for field in FIELD_ORDER))
    # The candidates for the action plan: green first, then yellow.
    candidates = pd.concat([groups["green"], groups["yellow"]]).head(CANDIDATES)
    for _, row in candidates.iterrows():
        st.container(key=f"wline-idea-{row['id']}").markdown(
            f"{field_markdown(row['field'])} **{row['id']}** "
            f"{md_escape(_shorten(row['text'], LINE_CHARS))}")
    unscored = int(open_ideas["field"].isna().sum())
    if unscored:
        st.caption(t("meeting.unscored", count=unscored))


# Handleplan -------------------------------------------------------------------------------

def _action_buttons(row: pd.Series) -> None:
    status = ActionStatus(row["status"])
    action_id, version = int(row["id"]), int(row["version"])
    back, forward = neighbour(status, -1), neighbour(status, 1)
    back_col, fwd_col = st.columns(2, gap="small")
    if back is not None:
        back_col.button("", key=f"wback_{action_id}", icon=":material/arrow_back:",
                        help=status_label(back.value), on_click=_move,
                        args=(action_id, back.value, version))
    if forward is ActionStatus.EVALUATED:
        with fwd_col.popover("", icon=":material/arrow_forward:", help=status_label(
                forward.value)):
            note_key = f"wevaluation_{action_id}"
            st.text_area(t("plan.note_to_evaluate"), key=note_key, height=120)
            st.button(t("plan.evaluate"), key=f"wevaluate_{action_id}", type="primary",
                      on_click=_move, args=(action_id, forward.value, version, note_key))
    elif forward is not None:
        fwd_col.button("", key=f"wforward_{action_id}", icon=":material/arrow_forward:",
                       help=status_label(forward.value), on_click=_move,
                       args=(action_id, forward.value, version), type="primary")


def _action_card(row: pd.Series, interactive: bool, two_lines: bool,
                 anonymous: bool = False) -> None:
    lg = lang()
    attention = row["attention"]
    with st.container(key=f"wcard-{attention}-{row['id']}"):
        text_col, button_col = (st.columns([4, 1.25], gap="small", vertical_alignment="center")
                                if interactive else (st.container(), None))
        with text_col:
            st.container(key=f"wtitle-{row['id']}").markdown(md_escape(row["title"]))
            if two_lines:
                flag = ""
                if attention == Attention.OVERDUE.value:
                    flag = f":red[**:material/alarm: {t('attention.overdue')}**] · "
                elif attention == Attention.DUE_SOON.value:
                    flag = f":orange[**:material/schedule: {t('attention.due_soon')}**] · "
                who = initials(row["responsible"]) if anonymous else row["responsible"]
                st.container(key=f"wmeta-{row['id']}").markdown(
                    f"{flag}{md_escape(who)} · "
                    f"{format_date(row['deadline'], lg)}")
        if button_col is not None:
            with button_col:
                _action_buttons(row)


def actions_field(plan: Plan, on: date, interactive: bool, anonymous: bool = False) -> None:
    show_flash(SLOT, toast=True)
    actions = cached(actions_frame)(plan.id, on)
    overdue = int((actions["attention"] == Attention.OVERDUE.value).sum())
    if overdue:
        st.container(key="wline-overdue").markdown(
            f":red[**:material/alarm: {t('plan.overdue_header', count=overdue)}**]")
    actions = actions.assign(late=actions["attention"] != Attention.OVERDUE.value)
    actions = actions.sort_values(["late", "deadline", "id"])  # overdue first
    for status in STATUS_ORDER:
        rows = actions[actions["status"] == status.value]
        if status is ActionStatus.EVALUATED:
            st.container(key="wgroup-evaluated").markdown(
                t("meeting.evaluated_count", count=len(rows)))
            continue
        st.container(key=f"wgroup-{status.value}").markdown(
            f"{status_label(status.value)} ({len(rows)})")
        for _, row in rows.iterrows():
            _action_card(row, interactive, two_lines=status is not ActionStatus.FINISHED,
                         anonymous=anonymous)


# The wall ---------------------------------------------------------------------------------

def render_wall(plan: Plan, on: date, interactive: bool, height: int,
                active: str | None = None, tools: dict | None = None,
                anonymous: bool = False) -> None:
    """The four fields side by side; `active` (the agenda's field) is outlined;
    `anonymous`: people's initials instead of their names (a screen the public sees)."""
    wall_style()
    tools = tools or {}
    columns = st.columns(list(WIDTHS), gap="small")
    for col, field in zip(columns, FIELDS, strict=True):
        state = "active" if field == active else "idle"
        with col, st.container(height=height, border=True, key=f"field-{field}-{state}"):
            field_header(field, interactive, tools.get(field))
            if field == "goal":
                goal_field(plan, on, height)
            elif field == "ideas":
                ideas_field(plan, interactive, height)
            elif field == "assessment":
                assessment_field(plan, height)
            else:
                actions_field(plan, on, interactive, anonymous)
