"""Streamlit widgets with Danish texts where Streamlit has English built in.

The file uploader's button ("Upload") and limit ("200MB per file") have no parameter;
a stylesheet hides them and shows the catalogue's text instead, and the limit is the
program's own (tracking.importing.reading.MAX_BYTES, also `server.maxUploadSize`)."""

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


def file_upload(label: str, key: str, **kwargs: Any) -> Any:
    """`st.file_uploader` with the program's size limit and Danish button and limit."""
    st.html(_UPLOADER_CSS.format(button=json.dumps(t("upload.button"), ensure_ascii=False),
                                 limit=json.dumps(t("upload.limit", mb=MAX_MB),
                                                  ensure_ascii=False)))
    return st.file_uploader(label, key=key, max_upload_size=MAX_MB, **kwargs)
