"""Upload of a month's figures on Indtast tal: template, file, preview, then commit."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pandas as pd
import streamlit as st

from dashboard.components.context import actor, engine
from dashboard.components.i18n import error_text, lang, t
from dashboard.components.text import md_escape
from tracking.clock import today
from tracking.errors import GevinstError
from tracking.formatting import format_month, format_value
from tracking.importing.preview import ImportPreview, LineStatus, commit_import, preview_file
from tracking.importing.reading import sheet_names
from tracking.importing.template import template_csv, template_xlsx
from tracking.models import Plan

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_SEPARATORS = {";": "import.sep_semicolon", ",": "import.sep_comma", "\t": "import.sep_tab"}


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


def _read_as(preview: ImportPreview) -> str:
    table = preview.table
    details = f" ({table.encoding}, {t(_SEPARATORS[table.separator])})" \
        if table.kind == "csv" else ""
    return t("import.read_as", kind=t(f"import.kind_{table.kind}"), details=details)


def _show_preview(preview: ImportPreview) -> None:
    lg = lang()
    st.subheader(t("import.preview"))
    st.caption(md_escape(_read_as(preview)))
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


def as_shown(preview: ImportPreview, shown: dict[tuple[int, date], int]) -> ImportPreview:
    """The preview with the stored figures' versions the person was shown."""
    lines = [replace(x, old_version=shown.get((x.indicator_id, x.month), x.old_version))
             for x in preview.lines]
    return replace(preview, lines=lines)


def figure_upload(plan: Plan) -> None:
    """The whole upload section for `plan`."""
    _templates(plan)
    if "upload_saved" in st.session_state:
        st.success(md_escape(st.session_state.pop("upload_saved")), icon=":material/check:")
    nonce = st.session_state.setdefault("upload_nonce", 0)  # a new uploader after a commit
    upload = st.file_uploader(t("import.file"), key=f"figure_upload_{nonce}")
    if upload is None:
        return
    data = upload.getvalue()
    sheets = sheet_names(data)
    sheet = None
    if len(sheets) > 1:
        sheet = st.selectbox(t("import.sheet"), [None, *sheets], key=f"upload_sheet_{nonce}",
                             format_func=lambda s: t("import.sheet_auto") if s is None else s)
    try:
        preview = preview_file(engine(), data, upload.name, plan.id, sheet, today())
    except GevinstError as exc:
        st.error(md_escape(error_text(exc)), icon=":material/error:")
        return
    # A click reruns the page and so builds the preview again; the save must be based on
    # the preview the person read (the previous run's), or a figure changed since would be
    # overwritten unseen.
    shown_key = f"upload_shown_{nonce}"
    shown = st.session_state.get(shown_key, {})
    st.session_state[shown_key] = {(x.indicator_id, x.month): x.old_version
                                   for x in preview.lines}
    if preview.table.several_sheets:
        st.info(md_escape(t("import.sheet_used", count=len(preview.table.sheets),
                            sheet=preview.table.sheet)), icon=":material/tab:")
    _show_preview(preview)
    if not preview.errors and not preview.changes:
        st.info(t("import.nothing_to_save"), icon=":material/info:")
    if st.button(t("import.commit", count=len(preview.changes)), type="primary",
                 disabled=not preview.can_commit, key=f"upload_commit_{nonce}",
                 icon=":material/save:"):
        try:
            result = commit_import(engine(), as_shown(preview, shown), actor(), today())
        except GevinstError as exc:
            st.error(md_escape(error_text(exc)))
            return
        st.session_state["upload_saved"] = " ".join([t(
            "import.saved", name=upload.name, created=result.created,
            corrected=result.corrected, unchanged=result.unchanged), t("import.done_hint")])
        st.session_state["upload_nonce"] = nonce + 1
        st.rerun()
