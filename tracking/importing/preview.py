"""What an upload would change, row by row, before anything is written; and the commit.

Every row becomes either a figure (new, corrected or unchanged against the database)
or an error naming its row, its column and the reason. Rows without a value are
skipped, so a template can be sent around half filled in. An empty comment keeps the
comment already saved: importing the same file twice changes nothing.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from sqlalchemy import Engine
from sqlmodel import Session, select

from tracking.auth import Actor
from tracking.clock import today
from tracking.errors import GevinstError, NotFoundError, ValidationError
from tracking.importing.cells import parse_month
from tracking.importing.reading import (
    TEMPLATE_HEADERS,
    Column,
    SheetTable,
    SourceRow,
    read_table,
)
from tracking.models import Indicator, Measurement, Plan
from tracking.parsing import parse_number
from tracking.services.measurements import (
    FigureInput,
    Outcome,
    check_figure,
    record_actuals,
)


class LineStatus(StrEnum):
    NEW = "new"
    CORRECTED = "corrected"
    UNCHANGED = "unchanged"


@dataclass(frozen=True)
class PreviewLine:
    row: int
    indicator_id: int
    indicator_name: str
    unit: str
    month: date
    value: float
    comment: str
    status: LineStatus
    old_value: float | None = None
    old_comment: str | None = None
    # The version of the stored figure the preview was built from (0: none yet); the
    # save refuses a figure someone else has changed since.
    old_version: int = 0


@dataclass(frozen=True)
class RowError:
    row: int
    column: str  # the column's header as written in the file
    error: GevinstError

    def message(self, lang: str = "da") -> str:
        return self.error.message(lang)


@dataclass
class ImportPreview:
    table: SheetTable
    plan_id: int | None
    lines: list[PreviewLine] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    skipped: list[int] = field(default_factory=list)  # rows without a value

    def count(self, status: LineStatus) -> int:
        return sum(line.status is status for line in self.lines)

    @property
    def changes(self) -> list[PreviewLine]:
        return [line for line in self.lines if line.status is not LineStatus.UNCHANGED]

    @property
    def can_commit(self) -> bool:
        return not self.errors and bool(self.changes)


@dataclass(frozen=True)
class ImportResult:
    created: int
    corrected: int
    unchanged: int


def _key(name: object) -> str:
    return unicodedata.normalize("NFC", str(name or "")).strip()


def _blank(cell: object) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def _as_id(cell: object) -> int | None:
    if isinstance(cell, bool):
        return None
    if isinstance(cell, int):
        return cell
    if isinstance(cell, float) and cell.is_integer():
        return int(cell)
    text = str(cell).strip()
    if text.endswith(".0"):
        text = text[:-2]
    return int(text) if text.isdigit() else None


class _Scope:
    """The indicators a file may name: the plan's active ones (or every active plan's)."""

    def __init__(self, session: Session, plan_id: int | None) -> None:
        query = select(Indicator, Plan).join(Plan, Plan.id == Indicator.plan_id).where(
            Indicator.archived_at.is_(None), Plan.archived_at.is_(None))
        pairs = list(session.exec(query).all())
        self.plan_id = plan_id
        self.all_by_id = {ind.id: (ind, plan) for ind, plan in pairs}
        self.by_id = {i: ind for i, (ind, p) in self.all_by_id.items()
                      if plan_id is None or p.id == plan_id}
        self.by_name: dict[str, list[Indicator]] = {}
        for ind in self.by_id.values():
            self.by_name.setdefault(_key(ind.name), []).append(ind)

    def resolve(self, row: SourceRow) -> Indicator:
        """The indicator a row names; raises ValidationError with the reason."""
        id_cell, name_cell = row.cells.get(Column.INDICATOR_ID), row.cells.get(Column.INDICATOR)
        if not _blank(id_cell):
            ind_id = _as_id(id_cell)
            if ind_id is None:
                raise ValidationError("error.import_bad_indicator_id", Column.INDICATOR_ID,
                                      text=str(id_cell).strip())
            ind = self.by_id.get(ind_id)
            if ind is None:
                other = self.all_by_id.get(ind_id)
                if other is not None:
                    raise ValidationError("error.import_indicator_other_plan",
                                          Column.INDICATOR_ID, id=ind_id,
                                          name=other[0].name, plan=other[1].name)
                raise ValidationError("error.import_unknown_indicator_id",
                                      Column.INDICATOR_ID, id=ind_id)
            if not _blank(name_cell) and _key(name_cell) != _key(ind.name):
                raise ValidationError("error.import_id_name_mismatch", Column.INDICATOR,
                                      id=ind_id, name=_key(name_cell), actual=ind.name)
            return ind
        if _blank(name_cell):
            raise ValidationError("error.import_indicator_missing", Column.INDICATOR)
        found = self.by_name.get(_key(name_cell), [])
        if not found:
            raise ValidationError("error.import_unknown_indicator", Column.INDICATOR,
                                  name=_key(name_cell))
        if len(found) > 1:
            raise ValidationError("error.import_ambiguous_indicator", Column.INDICATOR,
                                  name=_key(name_cell), count=len(found))
        return found[0]


_FIELD_COLUMN = {"month": Column.MONTH, "value": Column.VALUE, "comment": Column.COMMENT,
                 "indicator_id": Column.INDICATOR_ID}


def _column_name(table: SheetTable, column: Column | str | None) -> str:
    col = Column(_FIELD_COLUMN.get(str(column), column)) if column else Column.VALUE
    if col is Column.INDICATOR_ID and col not in table.headers:
        col = Column.INDICATOR
    if col is Column.INDICATOR and col not in table.headers:
        col = Column.INDICATOR_ID
    return table.headers.get(col, TEMPLATE_HEADERS[col])


def build_preview(engine: Engine, table: SheetTable, plan_id: int | None = None,
                  on: date | None = None) -> ImportPreview:
    """Compare the rows of `table` with the database. Writes nothing."""
    on = on or today()
    preview = ImportPreview(table, plan_id)
    with Session(engine) as session:
        scope = _Scope(session, plan_id)
        saved = {(m.indicator_id, m.month): m for m in session.exec(
            select(Measurement).where(Measurement.indicator_id.in_(list(scope.by_id) or [-1])))}
        first_row: dict[tuple[int, date], int] = {}
        for row in table.rows:
            try:
                line = _line(session, scope, saved, first_row, row, on)
            except _RowRefused as refused:
                preview.errors.extend(RowError(row.number, _column_name(table, exc.field), exc)
                                      for exc in refused.errors)
                continue
            if line is None:
                preview.skipped.append(row.number)
            else:
                preview.lines.append(line)
    return preview


class _RowRefused(Exception):
    def __init__(self, errors: list[GevinstError]) -> None:
        super().__init__(errors)
        self.errors = errors


def _line(session: Session, scope: _Scope, saved: dict, first_row: dict, row: SourceRow,
          on: date) -> PreviewLine | None:
    """The row as a figure; raises _RowRefused with every reason (indicator, month and
    value are each checked, so one pass over the file shows all that is wrong)."""
    value_cell = row.cells.get(Column.VALUE)
    month_cell = row.cells.get(Column.MONTH)
    if _blank(value_cell):
        return None  # a template row left for later
    errors: list[GevinstError] = []
    ind = month = value = None
    try:
        ind = scope.resolve(row)
    except ValidationError as exc:
        errors.append(exc)
    try:
        if _blank(month_cell):
            raise ValidationError("error.import_month_missing", Column.MONTH)
        month = parse_month(month_cell)
    except ValidationError as exc:
        errors.append(exc)
    try:
        value = parse_number(value_cell if isinstance(value_cell, int | float) else
                             str(value_cell), "value")
    except ValidationError as exc:
        errors.append(exc)
    if errors:
        raise _RowRefused(errors)
    comment_cell = row.cells.get(Column.COMMENT)
    current = saved.get((ind.id, month))
    comment = "" if _blank(comment_cell) else str(comment_cell).strip()
    if not comment and current is not None:
        comment = current.comment  # an empty cell is no instruction to erase a comment
    key = (ind.id, month)
    if key in first_row:
        raise _RowRefused([ValidationError("error.import_duplicate_row", Column.MONTH,
                                           first=first_row[key], name=ind.name, month=month)])
    first_row[key] = row.number
    try:
        _, month, value = check_figure(session, FigureInput(ind.id, month, value, comment), on)
    except (ValidationError, NotFoundError) as exc:
        raise _RowRefused([exc]) from None
    if current is None:
        status = LineStatus.NEW
    elif current.value == value and current.comment == comment:
        status = LineStatus.UNCHANGED
    else:
        status = LineStatus.CORRECTED
    return PreviewLine(row.number, ind.id, ind.name, ind.unit, month, value, comment, status,
                       current.value if current else None,
                       current.comment if current else None,
                       current.version if current else 0)


def preview_file(engine: Engine, data: bytes, filename: str = "", plan_id: int | None = None,
                 sheet: str | None = None, on: date | None = None) -> ImportPreview:
    """Read an upload and preview it (ValidationError if the file itself is refused)."""
    return build_preview(engine, read_table(data, filename, sheet), plan_id, on)


def commit_import(engine: Engine, preview: ImportPreview, actor: Actor | None,
                  on: date | None = None) -> ImportResult:
    """Write the previewed figures all or nothing, in one transaction.

    Refuses a preview with row errors, and (StaleError, nothing written) a preview
    older than a stored figure: one someone else changed after the preview was built.
    """
    if preview.errors:
        raise ValidationError("error.import_has_errors", None, count=len(preview.errors))
    figures = [FigureInput(line.indicator_id, line.month, line.value, line.comment,
                           seen_version=line.old_version)
               for line in preview.changes]
    results = record_actuals(engine, figures, actor, on) if figures else []
    created = sum(r.outcome is Outcome.CREATED for r in results)
    corrected = sum(r.outcome is Outcome.CORRECTED for r in results)
    return ImportResult(created, corrected, len(preview.lines) - created - corrected)
