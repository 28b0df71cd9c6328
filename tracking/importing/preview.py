"""What an upload would change, row by row, before anything is written; and the commit.

Every row becomes either a figure (new, corrected or unchanged against the database)
or an error naming its row, its column and the reason. Rows without a value are
skipped, so a template can be sent around half filled in. An empty comment keeps the
comment already saved: importing the same file twice changes nothing.
"""

from __future__ import annotations

import difflib
import re
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
from tracking.importing.numbers import read_number
from tracking.importing.reading import (
    TEMPLATE_HEADERS,
    CellProblem,
    Column,
    SheetTable,
    SourceRow,
    read_tables,
)
from tracking.models import Indicator, Measurement, Plan
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
    def corrections(self) -> int:
        """Figures already saved that the file would change: the user must confirm them."""
        return self.count(LineStatus.CORRECTED)

    @property
    def can_commit(self) -> bool:
        return not self.errors and bool(self.changes)


@dataclass(frozen=True)
class ImportResult:
    created: int
    corrected: int
    unchanged: int


def _key(name: object) -> str:
    """A name as typed, for messages: NFC, no surrounding or doubled (non-breaking) spaces."""
    text = unicodedata.normalize("NFC", str(name if name is not None else ""))
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()


def _match_key(name: object) -> str:
    """A name for matching: case does not matter either."""
    return _key(name).casefold()


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
            self.by_name.setdefault(_match_key(ind.name), []).append(ind)
        self.names = {key: inds[0].name for key, inds in self.by_name.items()}

    def matches(self, row: SourceRow) -> bool:
        try:
            self.resolve(row)
        except ValidationError:
            return False
        return True

    def _suggestion(self, name: object) -> str | None:
        close = difflib.get_close_matches(_match_key(name), list(self.names), n=1, cutoff=0.6)
        return self.names[close[0]] if close else None

    def resolve(self, row: SourceRow) -> Indicator:
        """The indicator a row names; raises ValidationError with the reason."""
        id_cell, name_cell = row.cells.get(Column.INDICATOR_ID), row.cells.get(Column.INDICATOR)
        if isinstance(id_cell, CellProblem) or isinstance(name_cell, CellProblem):
            problem = id_cell if isinstance(id_cell, CellProblem) else name_cell
            raise ValidationError(problem.code, Column.INDICATOR, text=problem.text)
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
            if not _blank(name_cell) and _match_key(name_cell) != _match_key(ind.name):
                raise ValidationError("error.import_id_name_mismatch", Column.INDICATOR,
                                      id=ind_id, name=_key(name_cell), actual=ind.name)
            return ind
        if _blank(name_cell):
            raise ValidationError("error.import_indicator_missing", Column.INDICATOR)
        found = self.by_name.get(_match_key(name_cell), [])
        if not found:
            suggestion = self._suggestion(name_cell)
            if suggestion:
                raise ValidationError("error.import_unknown_indicator_suggest",
                                      Column.INDICATOR, name=_key(name_cell),
                                      suggestion=suggestion)
            raise ValidationError("error.import_unknown_indicator", Column.INDICATOR,
                                  name=_key(name_cell))
        if len(found) > 1:
            raise ValidationError("error.import_ambiguous_indicator", Column.INDICATOR,
                                  name=_key(name_cell), count=len(found))
        return found[0]


_FIELD_COLUMN = {"month": Column.MONTH, "value": Column.VALUE, "comment": Column.COMMENT,
                 "indicator_id": Column.INDICATOR_ID}


def _column_name(table: SheetTable, column: Column | str | None,
                 row: SourceRow | None = None) -> str:
    col = Column(_FIELD_COLUMN.get(str(column), column)) if column else Column.VALUE
    if row is not None and col in row.columns:
        return row.columns[col]
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
                line = _line(session, scope, saved, first_row, row, on, table.decimal_mark,
                         table.date_order)
            except _RowRefused as refused:
                preview.errors.extend(
                    RowError(row.number, _column_name(table, exc.field, row), exc)
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


def _value(cell: object, decimal_mark: str | None) -> float:
    """The value cell as a number: what Excel shows, or text read by the file's marks."""
    if isinstance(cell, CellProblem):
        raise ValidationError(cell.code, Column.VALUE, text=cell.text)
    if isinstance(cell, bool):
        raise ValidationError("error.not_a_number", Column.VALUE, text=str(cell))
    if isinstance(cell, date):
        raise ValidationError("error.import_value_is_date", Column.VALUE,
                              text=cell.strftime("%d.%m.%Y"))
    if isinstance(cell, int | float):
        if cell != cell or cell in (float("inf"), float("-inf")):
            raise ValidationError("error.not_a_number", Column.VALUE, text=str(cell))
        return float(cell)
    return read_number(str(cell), decimal_mark, Column.VALUE)


def _line(session: Session, scope: _Scope, saved: dict, first_row: dict, row: SourceRow,
          on: date, decimal_mark: str | None = None,
          date_order: str | None = None) -> PreviewLine | None:
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
        if isinstance(month_cell, CellProblem):
            raise ValidationError(month_cell.code, Column.MONTH, text=month_cell.text)
        month = parse_month(month_cell, date_order)
    except ValidationError as exc:
        errors.append(exc)
    try:
        value = _value(value_cell, decimal_mark)
    except ValidationError as exc:
        errors.append(exc)
    if errors:
        raise _RowRefused(errors)
    comment_cell = row.cells.get(Column.COMMENT)
    current = saved.get((ind.id, month))
    comment = "" if _blank(comment_cell) or isinstance(comment_cell, CellProblem) \
        else unquote(str(comment_cell).strip())
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


def read_as(table: SheetTable, lang: str = "da") -> str:
    """How the file was read, in a sentence: kind, encoding, separator, layout, marks."""
    from tracking.i18n import translate

    separators = {";": "import.sep_semicolon", ",": "import.sep_comma", "\t": "import.sep_tab"}
    details = []
    if table.kind == "csv":
        details += [table.encoding or "", translate(separators[table.separator or ";"], lang)]
    details.append(translate(f"import.layout_{table.layout.value}", lang))
    if table.mapped:
        details.append(translate("import.mapped", lang, columns=", ".join(
            f"{translate(f'import.role.{c.value}', lang)} = »{h}«"
            for c, h in table.headers.items())))
    if table.decimal_mark:
        details.append(translate("import.decimal_mark", lang, mark=f"»{table.decimal_mark}«"))
    return translate("import.read_as", lang, kind=translate(f"import.kind_{table.kind}", lang),
                     details=" (" + "; ".join(details) + ")")


def unquote(text: str) -> str:
    """Undo the apostrophe our CSV writer puts before text that looks like a formula
    (so a template sent back keeps its comments unchanged)."""
    if len(text) > 1 and text[0] == "'" and text[1] in "=+-@\t\r":
        return text[1:]
    return text


def choose_table(engine: Engine, tables: list[SheetTable], plan_id: int | None) -> SheetTable:
    """The sheet whose rows name the most of the plan's indicators (an instructions sheet
    with an example row loses to the data sheet). A tie between sheets is refused: the
    user chooses the sheet."""
    if len(tables) == 1:
        return tables[0]
    with Session(engine) as session:
        scope = _Scope(session, plan_id)
        counts = [sum(scope.matches(row) for row in t.rows) for t in tables]
    best = max(counts)
    winners = [t for t, c in zip(tables, counts, strict=True) if c == best]
    if len(winners) > 1 and best > 0:
        raise ValidationError("error.import_sheet_unclear", "sheet",
                              sheets=", ".join(f"»{t.sheet}«" for t in winners))
    return winners[0]


def preview_file(engine: Engine, data: bytes, filename: str = "", plan_id: int | None = None,
                 sheet: str | None = None, on: date | None = None,
                 mapping: dict[Column, str] | None = None) -> ImportPreview:
    """Read an upload and preview it (ValidationError if the file itself is refused).
    `mapping`: the columns of a sheet whose headers are not recognised (`--map`, or the
    plan's remembered mapping)."""
    table = choose_table(engine, read_tables(data, filename, sheet, mapping), plan_id)
    return build_preview(engine, table, plan_id, on)


def commit_import(engine: Engine, preview: ImportPreview, actor: Actor | None,
                  on: date | None = None, allow_corrections: bool = False) -> ImportResult:
    """Write the previewed figures all or nothing, in one transaction.

    Refuses a preview with row errors, and (StaleError, nothing written) a preview
    older than a stored figure: one someone else changed after the preview was built.
    A file that corrects saved figures is refused unless `allow_corrections` says the
    user confirmed them.
    """
    if preview.errors:
        raise ValidationError("error.import_has_errors", None, count=len(preview.errors))
    if preview.corrections and not allow_corrections:
        raise ValidationError("error.import_corrections_unconfirmed", None,
                              count=preview.corrections)
    figures = [FigureInput(line.indicator_id, line.month, line.value, line.comment,
                           seen_version=line.old_version)
               for line in preview.changes]
    results = record_actuals(engine, figures, actor, on) if figures else []
    created = sum(r.outcome is Outcome.CREATED for r in results)
    corrected = sum(r.outcome is Outcome.CORRECTED for r in results)
    return ImportResult(created, corrected, len(preview.lines) - created - corrected)
