"""Workbooks as Excel and LibreOffice write them, for the import tests.

openpyxl writes text as inline strings and formulas without a stored result; Excel and
LibreOffice write text to the shared-string table and store each formula's last result.
`office_xlsx` builds a workbook with openpyxl (number formats included) and then edits
the zip's XML the way those programs write it; `edit_part` changes any part by hand
(a declared dimension, a formula's cached value)."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Sequence
from datetime import date, datetime
from xml.sax.saxutils import escape

from openpyxl import Workbook


class Fmt:
    """A value with an Excel number format: Fmt(0.812, '0.0%') shows 81,2 %."""

    def __init__(self, value: object, number_format: str) -> None:
        self.value, self.number_format = value, number_format


class Text:
    """A cell typed as text (Excel's 'number stored as text', or format '@')."""

    def __init__(self, text: str) -> None:
        self.text = text


class Formula:
    """A formula, with the result Excel stored (None: a script wrote it, no result)."""

    def __init__(self, formula: str, cached: object = None,
                 number_format: str | None = None) -> None:
        self.formula, self.cached, self.number_format = formula, cached, number_format


Cell = object
Sheets = dict[str, Sequence[Sequence[Cell]]]


def _openpyxl_book(sheets: Sheets) -> tuple[bytes, dict[tuple[str, str], object]]:
    book = Workbook()
    book.remove(book.active)
    cached: dict[tuple[str, str], object] = {}
    for name, rows in sheets.items():
        ws = book.create_sheet(name)
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row, start=1):
                if value is None:
                    continue
                cell = ws.cell(r, c)
                if isinstance(value, Fmt):
                    cell.value = value.value
                    cell.number_format = value.number_format
                elif isinstance(value, Text):
                    cell.value = value.text
                    cell.data_type = "s"
                    cell.number_format = "@"
                elif isinstance(value, Formula):
                    cell.value = "=" + value.formula.lstrip("=")
                    if value.number_format:
                        cell.number_format = value.number_format
                    if value.cached is not None:
                        cached[(name, cell.coordinate)] = value.cached
                else:
                    cell.value = value
                    if isinstance(value, datetime | date):
                        cell.number_format = "mmm yy"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue(), cached


def edit_part(data: bytes, path: str, change: Callable[[bytes], bytes]) -> bytes:
    """The workbook with one zip part rewritten (other parts copied unchanged)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            part = src.read(info.filename)
            dst.writestr(info.filename, change(part) if info.filename == path else part)
    return out.getvalue()


def add_part(data: bytes, path: str, content: bytes) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, src.read(info.filename))
        dst.writestr(path, content)
    return out.getvalue()


def _sheet_paths(data: bytes) -> dict[str, str]:
    """Sheet name -> zip path, in workbook order (openpyxl names them sheet1.xml, ...)."""
    z = zipfile.ZipFile(io.BytesIO(data))
    names = re.findall(rb'<sheet [^>]*name="([^"]+)"', z.read("xl/workbook.xml"))
    return {n.decode(): f"xl/worksheets/sheet{i}.xml" for i, n in enumerate(names, start=1)}


_INLINE = re.compile(rb'<c r="([A-Z]+\d+)"([^>]*?) t="inlineStr"><is><t[^>]*>(.*?)</t></is></c>',
                     re.S)


def _shared_strings(data: bytes) -> bytes:
    """Inline strings moved to a shared-string table, as Excel and LibreOffice store text."""
    table: list[bytes] = []
    index: dict[bytes, int] = {}

    def share(match: re.Match[bytes]) -> bytes:
        text = match.group(3)
        if text not in index:
            index[text] = len(table)
            table.append(text)
        return b'<c r="%s"%s t="s"><v>%d</v></c>' % (match.group(1), match.group(2),
                                                    index[text])

    for path in _sheet_paths(data).values():
        data = edit_part(data, path, lambda xml: _INLINE.sub(share, xml))
    items = b"".join(b'<si><t xml:space="preserve">%s</t></si>' % t for t in table)
    sst = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns='
           b'"http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d" '
           b'uniqueCount="%d">%s</sst>' % (len(table), len(table), items))
    data = add_part(data, "xl/sharedStrings.xml", sst)
    data = edit_part(data, "[Content_Types].xml", lambda xml: xml.replace(
        b"</Types>", b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
        b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>'))
    return edit_part(data, "xl/_rels/workbook.xml.rels", lambda xml: xml.replace(
        b"</Relationships>", b'<Relationship Id="rIdSST" Type="http://schemas.openxmlformats'
        b'.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
        b"</Relationships>"))


def _cached_values(data: bytes, cached: dict[tuple[str, str], object]) -> bytes:
    paths = _sheet_paths(data)
    for (sheet, coordinate), value in cached.items():
        if isinstance(value, str):
            # Excel stores an error result (#DIV/0!, #N/A) as t="e", text as t="str".
            kind = b' t="e"' if value.startswith("#") else b' t="str"'

            def put(xml: bytes, c: str = coordinate, v: str = value, kind: bytes = kind) -> bytes:
                return re.sub(rb'(<c r="%s")([^>]*)><f>(.*?)</f><v\s*/>' % c.encode(),
                              lambda m: m.group(1) + m.group(2) + kind + b"><f>" + m.group(3)
                              + b"</f><v>" + escape(v).encode() + b"</v>", xml)
        else:
            def put(xml: bytes, c: str = coordinate, v: object = value) -> bytes:
                return re.sub(rb'(<c r="%s"[^>]*><f>.*?</f>)<v\s*/>' % c.encode(),
                              lambda m: m.group(1) + b"<v>" + repr(v).encode() + b"</v>", xml)
        data = edit_part(data, paths[sheet], put)
    return data


def office_xlsx(sheets: Sheets, program: str = "excel") -> bytes:
    """A workbook as Excel (or LibreOffice: program='libreoffice') saves it: shared
    strings, number formats, formulas with their stored results."""
    data, cached = _openpyxl_book(sheets)
    data = _shared_strings(data)
    data = _cached_values(data, cached)
    if program == "libreoffice":  # LibreOffice names itself in docProps/app.xml
        data = edit_part(data, "docProps/app.xml", lambda xml: re.sub(
            rb"<Application>.*?</Application>", b"<Application>LibreOffice/24.2</Application>",
            xml))
    return data


def set_dimension(data: bytes, sheet: str, ref: str) -> bytes:
    """Declare another used range for a sheet, as a file whose range reaches row
    1,048,576 does."""
    path = _sheet_paths(data)[sheet]
    return edit_part(data, path, lambda xml: re.sub(
        rb'<dimension ref="[^"]*"\s*/>', b'<dimension ref="%s"/>' % ref.encode(), xml))


def sheet_xml(data: bytes, sheet: str) -> bytes:
    return zipfile.ZipFile(io.BytesIO(data)).read(_sheet_paths(data)[sheet])
