"""Reports of the overview: an Excel workbook and a PDF for a committee meeting.

Pure (no Streamlit): the dashboard offers them as downloads, and a script or a test can
build them from `tracking.readmodel.overview.plan_overview` alone.
"""
