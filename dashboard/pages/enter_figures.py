"""Indtast tal: benefit owners enter the realised figure of a month, or correct a year."""

from __future__ import annotations

import math
from datetime import date

import pandas as pd
import streamlit as st

from dashboard.components.cache import cached
from dashboard.components.context import access_note, actor, current_plan, may
from dashboard.components.engine import engine
from dashboard.components.figure_upload import figure_upload
from dashboard.components.i18n import error_text, lang, t
from dashboard.components.messages import flash, msg, show_flash
from dashboard.components.months import month_select
from dashboard.components.text import md_escape
from tracking.auth.roles import Permission
from tracking.board_rules import StaleError
from tracking.clock import today
from tracking.errors import GevinstError
from tracking.formatting import format_date, format_month, format_number, format_value
from tracking.months import month_of, month_range, parse_iso_month
from tracking.readmodel.goal import figure_versions, plan_series
from tracking.readmodel.measurements import measurement_history
from tracking.readmodel.plans import list_indicators
from tracking.rules import last_closed_month
from tracking.services.measurements import (
    FigureBatchError,
    FigureInput,
    Outcome,
    record_actual,
    record_actuals,
)
from tracking.units import DEFAULT_DECIMALS, Unit

plan = current_plan()
if plan is None:
    st.info(t("ui.no_plans"))
    st.stop()
lg, now = lang(), today()
st.title(f"{t('nav.enter')}: {md_escape(plan.name)}")

indicators = cached(list_indicators)(plan.id)
if not indicators:
    st.info(t("ui.no_indicators"))
    st.stop()
by_id = {i.id: i for i in indicators}
last_open = min(plan.end_month, month_of(now))
months = list(reversed(list(month_range(plan.start_month, last_open)))) \
    if plan.start_month <= last_open else []
if not months:
    st.info(t("ui.plan_not_started", start=format_month(plan.start_month, lg)))
    st.stop()

# A deep link from Mine opgaver or a reminder e-mail: ?indikator=ID&maaned=YYYY-MM chooses
# the indicator and month once; then the links are dropped so the choice stays the user's.
if (wanted := st.query_params.get("indikator", "")).isdigit() and int(wanted) in by_id:
    st.session_state["enter_indicator"] = int(wanted)
    st.session_state["enter_mode"] = "one"
if wanted_month := st.query_params.get("maaned"):
    try:
        if parse_iso_month(wanted_month) in months:
            st.session_state["enter_month"] = parse_iso_month(wanted_month)
    except ValueError:
        pass
for _param in ("indikator", "maaned"):
    if _param in st.query_params:
        del st.query_params[_param]

# Who may enter what: a reader is told once and shown the figures only; a benefit owner
# enters the indicators they own (the service checks every figure again).
may_enter = access_note(Permission.ENTER_FIGURES)
# One figure at a time, or a whole month from a spreadsheet (dashboard/components/figure_upload).
if may_enter and st.segmented_control(" ", ["one", "upload"], default="one", key="enter_mode",
                        label_visibility="collapsed", format_func=lambda m: t(f"import.mode_{m}"),
                        ) == "upload":
    figure_upload(plan)
    st.stop()


def _show_result(message: str) -> None:
    flash(message, slot="enter_figures")


def _saw(indicator_id: int, month: date, version: int) -> None:
    """This person's own save is the version they have seen now (form and table)."""
    st.session_state["enter_seen"].setdefault(indicator_id, {})[month] = version
    grid_seen = st.session_state.get(f"seen_grid_{indicator_id}_{month.year}")
    if grid_seen is not None:
        grid_seen[month] = version


def _plain(value: float, unit: str) -> str:
    """A value as the user would type it back (Danish decimals, no unit). A value no
    form accepts (an infinity an older version stored) shows as it is, to be typed over."""
    if not math.isfinite(value):
        return format_number(value, 0, lg)
    decimals = max(DEFAULT_DECIMALS[Unit(unit)], 1 if value != int(value) else 0)
    return format_number(value, decimals, lg).replace(".", "") if lg == "da" \
        else format_number(value, decimals, lg).replace(",", "")


# Outside the form: the year's table beside it follows the chosen indicator at once.
ind_id = st.selectbox(t("ui.indicator"), list(by_id), key="enter_indicator",
                      format_func=lambda i: by_id[i].name, placeholder=t("ui.choose"))
# The versions this person was shown: a save names them, so that a figure someone else
# has changed since is refused (with who and when) instead of overwritten. The form uses
# the previous run's (a submit reruns the page first), the table those of when it opened.
versions = figure_versions(engine(), ind_id)
shown_before = st.session_state.get("enter_seen", {}).get(ind_id, versions)
st.session_state["enter_seen"] = {ind_id: versions}
unit_text = t(f"unit.{by_id[ind_id].unit}")
left, right = st.columns([2, 3], gap="large")
enterable = may(Permission.ENTER_FIGURES, indicator_id=ind_id)
if may_enter and not enterable:
    left.info(msg("access.not_owner", indicator=by_id[ind_id].name),
              icon=":material/visibility:")
if enterable:
    with left, st.form("enter_figure", border=True):
        st.subheader(t("ui.enter_one"))
        month = month_select(t("ui.month"), months, last_closed_month(now), key="enter_month")
        value = st.text_input(f"{t('ui.value')} ({unit_text})", key="enter_value",
                              placeholder=t("ui.value_hint"))
        comment = st.text_area(t("ui.comment"), key="enter_comment", height=90)
        if st.form_submit_button(t("ui.save"), type="primary", width="stretch"):
            try:
                res = record_actual(engine(), ind_id, month, value, comment, actor(), now,
                                    seen_version=shown_before.get(month, 0))
                _saw(ind_id, month, res.measurement.version)
                ind = by_id[ind_id]
                shown = format_value(res.measurement.value, ind.unit, lg)
                key = {Outcome.CREATED: "ui.saved_new", Outcome.CORRECTED: "ui.saved_corrected",
                       Outcome.UNCHANGED: "ui.saved_unchanged"}[res.outcome]
                _show_result(msg(key, indicator=ind.name, month=format_month(month, lg),
                                 value=shown,
                                 previous=format_value(res.previous_value, ind.unit, lg)))
            except GevinstError as exc:
                st.error(error_text(exc))
with left:
    show_flash("enter_figures")

with right:
    st.subheader(t("ui.year_table"))
    table_ind = by_id[ind_id]
    series = plan_series(engine(), plan.id)
    rows = series[(series["indicator_id"] == table_ind.id)
                  & (series["month"] <= pd.Timestamp(last_open))]
    years = sorted({m.year for m in rows["month"]}, reverse=True)
    year = st.segmented_control(t("ui.year"), years, default=years[0], key="enter_year")
    rows = rows[rows["month"].dt.year == (year or years[0])]
    table = pd.DataFrame({
        "month": [format_month(m.date(), lg) for m in rows["month"]],
        "target": [format_value(v, table_ind.unit, lg) for v in rows["target"]],
        "actual": ["" if pd.isna(v) else _plain(v, table_ind.unit) for v in rows["actual"]],
        "comment": rows["comment"].fillna("").tolist(),
        "entered_by": rows["entered_by"].fillna("").tolist(),
    })
    month_of_row = [m.date() for m in rows["month"]]
    grid_key = f"grid_{table_ind.id}_{year}"
    grid_seen = st.session_state.setdefault(f"seen_{grid_key}", versions)
    edited = st.data_editor(
        table, hide_index=True, width="stretch", key=grid_key,
        disabled=["month", "target", "entered_by"] if enterable else True, num_rows="fixed",
        column_config={
            "month": st.column_config.TextColumn(t("ui.month")),
            "target": st.column_config.TextColumn(t("ui.target")),
            "actual": st.column_config.TextColumn(
                f"{t('ui.actual')} ({unit_text})", help=t("ui.value_hint")),
            "comment": st.column_config.TextColumn(t("ui.comment"), max_chars=1000),
            "entered_by": st.column_config.TextColumn(t("ui.entered_by")),
        })
    changed = [i for i in range(len(table))
               if (edited.at[i, "actual"], edited.at[i, "comment"])
               != (table.at[i, "actual"], table.at[i, "comment"])]
    if enterable and st.button(t("ui.save_table", count=len(changed)), disabled=not changed,
                               key="save_table"):
        figures = [FigureInput(table_ind.id, month_of_row[i], edited.at[i, "actual"] or "",
                               edited.at[i, "comment"] or "",
                               seen_version=grid_seen.get(month_of_row[i], 0))
                   for i in changed]
        try:
            results = record_actuals(engine(), figures, actor(), now)
            _show_result(msg("ui.table_saved", count=sum(
                r.outcome is not Outcome.UNCHANGED for r in results)))
            del st.session_state[grid_key]  # edits are saved now
            del st.session_state[f"seen_{grid_key}"]
            st.rerun()
        except FigureBatchError as batch:
            st.error(error_text(batch))
            for e in batch.errors:
                st.error(f"{format_month(e.figure.month, lg)}: {error_text(e.error)}")
        except StaleError as exc:
            st.error(error_text(exc))  # told now: a second save overwrites knowingly
            st.session_state[f"seen_{grid_key}"] = versions
        except GevinstError as exc:
            st.error(error_text(exc))

    with st.expander(t("ui.history")):
        hist_month = month_select(t("ui.month"), months, key="history_month")
        revisions = measurement_history(engine(), table_ind.id, hist_month)
        if not revisions:
            st.caption(t("ui.no_history"))
        else:
            st.dataframe(pd.DataFrame({
                t("ui.earlier_value"): [format_value(r.value, table_ind.unit, lg)
                                        for r in revisions],
                t("ui.comment"): [r.comment for r in revisions],
                t("ui.entered_by"): [r.entered_by for r in revisions],
                t("ui.replaced_by"): [r.replaced_by for r in revisions],
                t("ui.replaced_at"): [format_date(r.replaced_at.date(), lg) for r in revisions],
            }), hide_index=True, width="stretch")
