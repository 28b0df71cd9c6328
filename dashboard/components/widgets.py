"""Streamlit widgets with Danish texts where Streamlit has English built in.

The file uploader's button ("Upload") and limit ("200MB per file") have no parameter;
a stylesheet hides them and shows the catalogue's text instead, and the limit is the
program's own (tracking.importing.reading.MAX_BYTES, also `server.maxUploadSize`).
A list that finds nothing ("No results") gets the same treatment on every page
(`widget_texts`). What no stylesheet can reach: the date picker's calendar (English
month and weekday names); the date field itself shows DD.MM.YYYY."""

from __future__ import annotations

import json
from typing import Any

import streamlit as st

from dashboard.components.i18n import t
from tracking.importing.reading import MAX_BYTES

MAX_MB = MAX_BYTES // (1024 * 1024)

_UPLOADER_CSS = """<style>
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p,
[data-testid="stFileUploaderDropzoneInstructions"] span {{ font-size: 0; }}
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p::after
  {{ content: {button}; font-size: 1rem; }}
[data-testid="stFileUploaderDropzoneInstructions"] span::after
  {{ content: {limit}; font-size: 0.9rem; }}
</style>"""


# A selectbox's or multiselect's list with nothing that matches the typed text: its only
# row is an "option" that holds the English text.
_NO_RESULTS_CSS = """<style>
[role="listbox"] > div[role="option"][style*="contents"]:only-child > span {{ font-size: 0; }}
[role="listbox"] > div[role="option"][style*="contents"]:only-child > span::after
  {{ content: {text}; font-size: 1rem; }}
</style>"""


def _css_string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def widget_texts() -> None:
    """Streamlit's own words on every page in the user's language (call once a run)."""
    st.html(_NO_RESULTS_CSS.format(text=_css_string(t("ui.no_results"))))


def file_upload(label: str, key: str, **kwargs: Any) -> Any:
    """`st.file_uploader` with the program's size limit and Danish button and limit."""
    st.html(_UPLOADER_CSS.format(button=_css_string(t("upload.button")),
                                 limit=_css_string(t("upload.limit", mb=MAX_MB))))
    return st.file_uploader(label, key=key, max_upload_size=MAX_MB, **kwargs)
