"""Gevinsttavlen: domain, storage and services. Never imports Streamlit."""
