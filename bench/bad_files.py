"""Time and peak memory of reading hostile and very large uploads (issue 15, class 5).

Each file is read in a fresh process (`read_tables`, as the upload page and `gevinst
import` do), so its peak resident memory is the reader's own plus the interpreter's.
The issue's bad workbooks took 30 s / 1.7 GB and 110 s / 2.9 GB before; the goal is a
few seconds and about 200 MB.

    python -m bench.bad_files            # prints a table
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from tests.tracking.import_files import csv_bytes
from tests.tracking.office_files import (
    _sheet_paths,
    add_part,
    edit_part,
    office_xlsx,
    set_dimension,
)

HEADER = ["Indikator", "Måned", "Værdi", "Kommentar"]


def _dimension_to_last_row() -> bytes:
    """The 5 KB workbook whose used range reaches row 1,048,576."""
    data = office_xlsx({"Tal": [HEADER, ["Restancer", "2026-10", 1, ""]]})
    return set_dimension(data, "Tal", "A1:XFD1048576")


def _cell_at_last_row() -> bytes:
    """A small workbook with one cell at row 1,048,576 and no honest dimension."""
    data = set_dimension(office_xlsx({"Tal": [HEADER, ["Restancer", "2026-10", 1, ""]]}),
                         "Tal", "A1")
    return edit_part(data, _sheet_paths(data)["Tal"], lambda xml: xml.replace(
        b"</sheetData>", b'<row r="1048576"><c r="A1048576" t="n"><v>1</v></c></row>'
                         b"</sheetData>"))


def _styled_empty_cells(rows: int = 6_500, cols: int = 60) -> bytes:
    """Hundreds of KB of formatted empty cells (a sheet formatted down and across),
    within the row and size limits, so the streaming read itself is measured."""
    data = set_dimension(office_xlsx({"Tal": [HEADER, ["Restancer", "2026-10", 1, ""]]}),
                         "Tal", f"A1:BH{rows}")
    letters = [chr(65 + i) if i < 26 else "A" + chr(65 + i - 26) if i < 52 else
               "B" + chr(65 + i - 52) for i in range(cols)]
    body = b"".join(b'<row r="%d">' % r + b"".join(b'<c r="%s%d" s="1"/>' % (c.encode(), r)
                                                     for c in letters) + b"</row>"
                    for r in range(3, rows + 1))
    return edit_part(data, _sheet_paths(data)["Tal"],
                     lambda xml: xml.replace(b"</sheetData>", body + b"</sheetData>"))


def _zip_bomb() -> bytes:
    return add_part(office_xlsx({"Tal": [HEADER]}), "xl/media/fyld.bin",
                    b"\x00" * (200 * 1024 * 1024))


def _long_field_csv() -> bytes:
    return csv_bytes([HEADER, ["Restancer", "2026-10", "1", "x" * (9 * 1024 * 1024)]])


def _largest_allowed_xlsx() -> bytes:
    rows = [HEADER] + [[f"Indikator {i % 500}", f"2026-{i % 12 + 1:02d}", i * 1.5, "ok"]
                       for i in range(19_999)]
    return office_xlsx({"Tal": rows})


def _largest_allowed_csv() -> bytes:
    rows = [HEADER] + [[f"Indikator {i % 500}", f"2026-{i % 12 + 1:02d}", f"{i},5", "ok"]
                       for i in range(19_999)]
    return csv_bytes(rows, "cp1252")


FILES: list[tuple[str, str, Callable[[], bytes]]] = [
    ("dimension", "xlsx, brugt område til række 1.048.576 (5 KB)", _dimension_to_last_row),
    ("last_row", "xlsx, én celle i række 1.048.576", _cell_at_last_row),
    ("styled", "xlsx, 390.000 formaterede tomme celler", _styled_empty_cells),
    ("styled_big", "xlsx, 900.000 formaterede tomme celler",
     lambda: _styled_empty_cells(15_000)),
    ("bomb", "xlsx, 200 MB nuller pakket (zip-bombe)", _zip_bomb),
    ("long_field", "CSV, ét felt på 9 MB", _long_field_csv),
    ("big_xlsx", "xlsx, 20.000 rækker (grænsen)", _largest_allowed_xlsx),
    ("big_csv", "CSV, 20.000 rækker (grænsen)", _largest_allowed_csv),
]

_CHILD = r"""
import json, re, sys, time
from tracking.errors import ValidationError
from tracking.importing.reading import read_tables
import openpyxl  # noqa: F401  (loaded before the base line, as in a running dashboard)
def peak():  # this process's own high-water mark (ru_maxrss would include the parent's)
    return int(re.search(r"VmHWM:\s+(\d+)", open("/proc/self/status").read())[1]) / 1024
data = open(sys.argv[1], "rb").read()
base = peak()
start = time.perf_counter()
try:
    rows = sum(len(t.rows) for t in read_tables(data, "fil"))
    outcome = f"{rows} {'række' if rows == 1 else 'rækker'}"
except ValidationError as exc:
    outcome = exc.code
seconds = time.perf_counter() - start
print(json.dumps({"seconds": seconds, "peak_mb": peak(), "base_mb": base,
                  "outcome": outcome}))
"""


def measure() -> list[dict[str, object]]:
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for key, label, build in FILES:
            path = Path(tmp) / key
            data = build()
            path.write_bytes(data)
            done = subprocess.run([sys.executable, "-c", _CHILD, str(path)], check=True,
                                  capture_output=True, text=True, timeout=300)
            found = json.loads(done.stdout.strip().splitlines()[-1])
            results.append({"key": key, "label": label, "kb": round(len(data) / 1024),
                            **found})
    return results


def markdown(results: list[dict[str, object]]) -> str:
    lines = ["| Fil | Størrelse | Tid | Maks. hukommelse (proces) | heraf læsningen | Udfald |",
             "|---|---|---|---|---|---|"]
    for r in results:
        lines.append(f"| {r['label']} | {r['kb']} KB | {r['seconds']:.2f} s | "
                     f"{r['peak_mb']:.0f} MB | {r['peak_mb'] - r['base_mb']:.0f} MB | "
                     f"{r['outcome']} |")
    return "\n".join(lines)


if __name__ == "__main__":
    print(markdown(measure()))
