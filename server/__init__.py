"""The one server: the Streamlit dashboard and, beside it in the same process, the HTTP
API (`server.api`), run by uvicorn through Streamlit's ASGI app (`server.asgi`).

Not part of `tracking` (which never imports Streamlit) nor of `dashboard` (pages only).
"""
