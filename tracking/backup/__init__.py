"""Backup and restore of the whole database, or of one plan.

`document` makes and restores a JSON document of every table in SQLModel.metadata
(so every area's tables are covered without changes here); `excel` writes the same
rows as an Excel workbook with Danish headers, for people rather than for restoring.
"""

from tracking.backup.document import (
    FORMAT,
    RestoreSummary,
    backed_up_tables,
    export_document,
    load_document,
    restore_document,
    write_document,
)
from tracking.backup.excel import export_workbook, write_workbook

__all__ = [
    "FORMAT", "RestoreSummary", "backed_up_tables", "export_document", "export_workbook",
    "load_document", "restore_document", "write_document",
    "write_workbook",
]
