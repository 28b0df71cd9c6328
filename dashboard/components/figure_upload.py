"""Upload of a month's figures on Indtast tal: template, file, preview, then commit."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pandas as pd
import streamlit as st

from dashboard.components.cache import cached
from dashboard.components.context import actor
from dashboard.components.engine import engine
from dashboard.components.i18n import error_text, lang, t
from dashboard.components.messages import flash, msg, show_flash
from dashboard.components.text import md_escape
from dashboard.components.widgets import file_upload
from tracking.clock import today
from tracking.errors import GevinstError
from tracking.formatting import format_month, format_value
from tracking.importing.preview import (
    ImportPreview,
    LineStatus,
    commit_import,
    preview_file,
    read_as,
)
from tracking.importing.reading import Column, Layout, header_candidates, sheet_names
from tracking.importing.template import template_csv, template_xlsx
from tracking.models import Plan
from tracking.readmodel.import_mapping import saved_import_mapping
from tracking.services.import_mapping import save_import_mapping

_NO_HEADER = {"error.import_no_header", "error.import_no_header_sheet"}

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _templates(plan: Plan) -> None:
    st.markdown(t("import.intro"))
    a, b, _ = st.columns([1, 1, 2])
    name = f"gevinsttavlen-skabelon-plan-{plan.id}"
    # Built when the button is clicked, not on every rerun of the page (a large plan's
    # template takes seconds); the callables hold no Streamlit call.
    eng, plan_id, on = engine(), plan.id, today()
    a.download_button(t("import.template_xlsx"), lambda: template_xlsx(eng, plan_id, on),
                      file_name=f"{name}.xlsx", mime=XLSX_MIME, icon=":material/download:",
                      width="stretch", key="template_xlsx")
    b.download_button(t("import.template_csv"), lambda: template_csv(eng, plan_id, on),
                      file_name=f"{name}.csv", mime="text/csv", icon=":material/download:",
                      width="stretch", key="template_csv")
    st.caption(t("import.template_help"))


def _show_preview(preview: ImportPreview) -> None:
    lg = lang()
    st.subheader(t("import.preview"))
    if preview.table.layout is Layout.WIDE:
        st.info(md_escape(read_as(preview.table, lg)), icon=":material/view_column:")
    else:
        st.caption(md_escape(read_as(preview.table, lg)))
    cols = st.columns(4)
    cols[0].metric(t("import.new"), preview.count(LineStatus.NEW))
    cols[1].metric(t("import.corrected"), preview.count(LineStatus.CORRECTED))
    cols[2].metric(t("import.unchanged"), preview.count(LineStatus.UNCHANGED))
    cols[3].metric(t("import.errors"), len(preview.errors))
    if preview.errors:
        st.error(t("import.errors_title"), icon=":material/error:")
        st.dataframe(pd.DataFrame({
            t("import.row"): [e.row for e in preview.errors],
            t("import.column"): [e.column for e in preview.errors],
            t("import.reason"): [e.message(lg) for e in preview.errors],
        }), hide_index=True, width="stretch", key="upload_errors",
            column_config={t("import.row"): st.column_config.NumberColumn(width="small"),
                           t("import.column"): st.column_config.TextColumn(width="small"),
                           t("import.reason"): st.column_config.TextColumn(width="large")})
    if preview.lines:
        st.dataframe(pd.DataFrame({
            t("import.row"): [x.row for x in preview.lines],
            t("ui.indicator"): [x.indicator_name for x in preview.lines],
            t("ui.month"): [format_month(x.month, lg) for x in preview.lines],
            t("import.status"): [t(f"import.status.{x.status.value}") for x in preview.lines],
            t("import.before"): [format_value(x.old_value, x.unit, lg) for x in preview.lines],
            t("import.after"): [format_value(x.value, x.unit, lg) for x in preview.lines],
            t("ui.comment"): [x.comment for x in preview.lines],
        }), hide_index=True, width="stretch", key="upload_lines",
            column_config={t("import.row"): st.column_config.NumberColumn(width="small")})
    if preview.skipped:
        st.caption(t("import.skipped", rows=", ".join(map(str, preview.skipped))))


def _mapping_form(plan: Plan, data: bytes, name: str, sheet: str | None, nonce: int,
                  again: bool = False) -> bool:
    """Ask which column is which, for a file whose header row is not recognised; the
    answer is remembered for the plan. False if the file has no row that looks like
    headers (then only the refusal is shown)."""
    heads = header_candidates(data, name, sheet)
    if len(heads) < 3:
        return False
    if not again:
        st.subheader(t("import.map_title"))
        st.warning(t("import.map_intro"), icon=":material/table_rows:")
    none = t("import.map_none")
    with st.form(f"upload_mapping_{nonce}_{again}", border=not again):
        a, b = st.columns([3, 1])
        indicator = a.selectbox(t("import.map_indicator"), heads, index=0)
        kind = b.radio(t("import.map_indicator_kind"), ["name", "id"], horizontal=True,
                       format_func=lambda k: t(f"import.map_kind_{k}"))
        c, d, e = st.columns(3)
        month = c.selectbox(t("import.map_month"), heads, index=min(1, len(heads) - 1))
        value = d.selectbox(t("import.map_value"), heads, index=min(2, len(heads) - 1))
        comment = e.selectbox(t("import.map_comment"), [none, *heads])
        if st.form_submit_button(t("import.map_use"), type="primary",
                                 icon=":material/table_rows:"):
            mapping = {Column.INDICATOR_ID if kind == "id" else Column.INDICATOR: indicator,
                       Column.MONTH: month, Column.VALUE: value}
            if comment != none:
                mapping[Column.COMMENT] = comment
            try:
                save_import_mapping(engine(), plan.id, mapping, actor())
            except GevinstError as exc:
                st.error(error_text(exc), icon=":material/error:")
                return True
            st.rerun()
    return True


def as_shown(preview: ImportPreview, shown: dict[tuple[int, date], int]) -> ImportPreview:
    """The preview with the stored figures' versions the person was shown."""
    lines = [replace(x, old_version=shown.get((x.indicator_id, x.month), x.old_version))
             for x in preview.lines]
    return replace(preview, lines=lines)


def figure_upload(plan: Plan) -> None:
    """The whole upload section for `plan`."""
    _templates(plan)
    show_flash("upload")
    nonce = st.session_state.setdefault("upload_nonce", 0)  # a new uploader after a commit
    upload = file_upload(t("import.file"), key=f"figure_upload_{nonce}")
    if upload is None:
        return
    data = upload.getvalue()
    sheets = sheet_names(data)
    sheet = None
    if len(sheets) > 1:
        sheet = st.selectbox(t("import.sheet"), [None, *sheets], key=f"upload_sheet_{nonce}",
                             format_func=lambda s: t("import.sheet_auto") if s is None else s)
    try:
        preview = preview_file(engine(), data, upload.name, plan.id, sheet, today(),
                               mapping=cached(saved_import_mapping)(plan.id))
    except GevinstError as exc:
        if exc.code in _NO_HEADER and _mapping_form(plan, data, upload.name, sheet, nonce):
            return
        st.error(error_text(exc), icon=":material/error:")
        return
    # A click reruns the page and so builds the preview again; the save must be based on
    # the preview the person read (the previous run's), or a figure changed since would be
    # overwritten unseen.
    shown_key = f"upload_shown_{nonce}"
    shown = st.session_state.get(shown_key, {})
    st.session_state[shown_key] = {(x.indicator_id, x.month): x.old_version
                                   for x in preview.lines}
    table = preview.table
    if table.several_sheets:
        others = ", ".join(f"»{s}«" for s in table.sheets if s != table.sheet)
        st.warning(t("import.sheet_chosen", sheet=md_escape(table.sheet), others=md_escape(
            others)), icon=":material/tab:")
    _show_preview(preview)
    if table.mapped:
        with st.expander(t("import.map_again"), icon=":material/table_rows:"):
            _mapping_form(plan, data, upload.name, sheet, nonce, again=True)
    if not preview.errors and not preview.changes:
        st.info(t("import.nothing_to_save"), icon=":material/info:")
    confirmed = True
    if preview.corrections and not preview.errors:
        confirmed = st.checkbox(t("import.confirm_corrections", count=preview.corrections),
                                key=f"upload_confirm_{nonce}")
    if st.button(t("import.commit", count=len(preview.changes)), type="primary",
                 disabled=not (preview.can_commit and confirmed),
                 key=f"upload_commit_{nonce}", icon=":material/save:"):
        try:
            result = commit_import(engine(), as_shown(preview, shown), actor(), today(),
                                   allow_corrections=confirmed)
        except GevinstError as exc:
            st.error(error_text(exc))
            return
        flash(" ".join([msg(
            "import.saved", name=upload.name, created=result.created,
            corrected=result.corrected, unchanged=result.unchanged), msg("import.done_hint")]),
            slot="upload")
        st.session_state["upload_nonce"] = nonce + 1
        st.rerun()
