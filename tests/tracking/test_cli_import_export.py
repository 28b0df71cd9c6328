"""`gevinst import`, `export` and `restore`: summaries, exit codes, clear messages."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

from tests.tracking.import_files import csv_bytes, xlsx_bytes
from tracking.cli import main
from tracking.db import dispose_engine, get_engine
from tracking.models import Measurement


@pytest.fixture
def demo_url(duck_engine: Engine, duckdb_file_url: str) -> str:
    from tracking.demo import load_demo

    load_demo(duck_engine)
    return duckdb_file_url


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def _figures(url: str) -> int:
    with get_engine(url).connect() as conn:
        return conn.execute(select(func.count()).select_from(Measurement)).scalar()


def test_import_prints_a_summary_and_saves(demo_url: str, tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "oktober.csv"
    path.write_bytes(csv_bytes([["Indikator-id", "Måned", "Værdi"], ["2", "okt 2026", "17,5"],
                                ["1", "2026-10", "81"], ["3", "2026-10", ""]], "cp1252"))
    code, out, err = _run(capsys, "--database", demo_url, "import", str(path), "--dry-run")
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "Læst som CSV (Windows-1252; semikolon; én række pr. indikator og måned; "
        "decimaltegn »,«).",
        "oktober.csv: 3 rækker læst; 1 nye, 1 rettede, 0 uændrede, 1 uden værdi, 0 fejl.",
        "Prøvekørsel: intet er gemt."]
    assert _figures(demo_url) == 109
    code, out, err = _run(capsys, "--database", demo_url, "import", str(path), "--plan", "1")
    assert code == 2 and err.splitlines()[-1] == (
        "gevinst: Filen retter 1 tal, der allerede er gemt. Bekræft rettelsen, før der gemmes.")
    assert _figures(demo_url) == 109
    code, out, _ = _run(capsys, "--database", demo_url, "import", str(path), "--plan", "1",
                        "--actor", "Mette", "--allow-corrections")
    assert code == 0 and out.splitlines()[-1] == "Gemt: 1 nye og 1 rettede tal."
    assert _figures(demo_url) == 110
    code, out, _ = _run(capsys, "--database", demo_url, "import", str(path))
    assert code == 0 and "0 nye, 0 rettede, 2 uændrede" in out


def test_import_with_bad_rows_lists_them_and_saves_nothing(
        demo_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "fejl.xlsx"
    path.write_bytes(xlsx_bytes({
        "Vejledning": [["Se arket Tal"]],
        "Tal": [["Indikator", "Måned", "Værdi"], ["Restancer", "okt 2026", "1.200.000 kr."],
                ["Restancer", "okt 2026", "1.100.000"], ["Ukendt", "2026-10", "3"]]}))
    code, out, err = _run(capsys, "--database", demo_url, "import", str(path))
    assert code == 2
    assert out.splitlines()[0] == "Filen har 2 ark; arket »Tal« er brugt."
    assert err.splitlines() == [
        "  række 3, kolonne »Måned«: Restancer, okt. 2026 står også i række 2; hver "
        "indikator og måned må kun stå én gang.",
        "  række 4, kolonne »Indikator«: Ukendt indikator: »Ukendt«. Skriv indikatorens id "
        "eller præcise navn.",
        "gevinst: 2 rækker har fejl; intet er gemt."]
    assert _figures(demo_url) == 109


@pytest.mark.parametrize("content,message", [
    (b"", "gevinst: Filen tom.csv er tom."),
    (b"\x00\x01\x02\x03binary" * 10, "gevinst: Filen tom.csv kan ikke læses som CSV eller "
                                     "Excel (.xlsx). Åbn den i Excel eller LibreOffice og "
                                     "gem den som Excel-projektmappe (.xlsx) eller som CSV "
                                     "(semikolonsepareret), og prøv igen."),
])
def test_import_of_a_broken_file(demo_url: str, tmp_path: Path, content: bytes, message: str,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "tom.csv"
    path.write_bytes(content)
    code, _, err = _run(capsys, "--database", demo_url, "import", str(path))
    assert (code, err.strip()) == (2, message)


def test_import_of_a_missing_file(demo_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(capsys, "--database", demo_url, "import", "/nowhere/x.csv")
    assert (code, err.strip()) == (2, "gevinst: Filen /nowhere/x.csv findes ikke eller kan "
                                      "ikke læses.")


def test_export_and_restore_through_the_cli(demo_url: str, tmp_path: Path, pg_url: str,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    backup, workbook = tmp_path / "backup.json", tmp_path / "alt.xlsx"
    code, out, _ = _run(capsys, "--database", demo_url, "export", str(backup))
    assert code == 0
    # Every table is exported (other areas add theirs); the goal field's counts:
    assert out.startswith(f"Eksporteret til {backup}: ")
    for part in ("plan 2", "indicator 5", "measurement 109", "target_month 204",
                 "measurement_revision 0"):
        assert part in out
    assert json.loads(backup.read_text("utf-8"))["schema_version"] == 1
    code, out, _ = _run(capsys, "--database", demo_url, "export", str(workbook), "--plan", "1")
    assert code == 0 and workbook.read_bytes().startswith(b"PK")
    # Written straight into the file, table by table; the summary counts one plan's rows.
    assert out.startswith(f"Eksporteret til {workbook}: ") and "plan 1, " in out
    assert "indicator 3" in out and "measurement 0" not in out
    code, _, err = _run(capsys, "--database", demo_url, "export", str(backup))
    assert (code, err.strip()) == (2, f"gevinst: Filen {backup} findes allerede; brug --force "
                                      f"for at overskrive den.")
    code, _, err = _run(capsys, "--database", demo_url, "export", str(tmp_path / "x.txt"))
    assert code == 2 and "brug .json eller .xlsx" in err

    # Moving from the embedded DuckDB file to a PostgreSQL server:
    code, out, _ = _run(capsys, "--database", pg_url, "restore", str(backup))
    assert code == 0 and out.startswith(f"Gendannet fra {backup}: ") and "plan 2, " in out
    assert "indicator 5" in out and "measurement 109" in out
    assert _figures(pg_url) == 109
    code, _, err = _run(capsys, "--database", pg_url, "restore", str(backup))
    assert code == 2 and "Databasen er ikke tom" in err


@pytest.mark.parametrize("name", ["x.json", "x.xlsx"])
def test_an_export_that_cannot_be_written_is_refused(demo_url: str, tmp_path: Path, name: str,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "mangler" / name  # a folder that does not exist
    code, _, err = _run(capsys, "--database", demo_url, "export", str(target))
    assert code == 2 and err.startswith(f"gevinst: Filen {target} (")
    assert not target.parent.exists()


def test_restore_of_a_newer_backup(duckdb_file_url: str, tmp_path: Path,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "ny.json"
    path.write_text(json.dumps({"format": "gevinsttavlen-backup", "schema_version": 99,
                                "tables": {}}))
    code, _, err = _run(capsys, "--database", duckdb_file_url, "restore", str(path))
    assert code == 2
    assert "nyere version af Gevinsttavlen (skemaversion 99" in err


@pytest.fixture
def held_duckdb(tmp_path: Path) -> Iterator[str]:
    """A DuckDB file held open by another process, as a running dashboard holds it."""
    path = tmp_path / "holdt.duckdb"
    holder = subprocess.Popen(
        [sys.executable, "-c", "import duckdb, sys; c = duckdb.connect(sys.argv[1]); "
         "print('klar', flush=True); sys.stdin.read()", str(path)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "klar"
    yield f"duckdb:///{path}"
    holder.stdin.close()
    holder.wait(timeout=10)
    dispose_engine(f"duckdb:///{path}")


@pytest.mark.parametrize("command", [["import", "x.csv"], ["export", "x.json"],
                                     ["restore", "x.json"]])
def test_a_file_held_by_a_running_dashboard(held_duckdb: str, tmp_path: Path,
                                            command: list[str],
                                            capsys: pytest.CaptureFixture[str]) -> None:
    for name in ("x.csv", "x.json"):
        (tmp_path / name).write_text('{"format": "gevinsttavlen-backup", "schema_version": 1, '
                                     '"tables": {}}' if name.endswith("json") else
                                     "Indikator;Måned;Værdi\nRestancer;2026-10;1\n")
    command = [command[0], str(tmp_path / command[1])]
    if command[0] == "export":
        (tmp_path / "x.json").unlink()
    code, _, err = _run(capsys, "--database", held_duckdb, *command)
    assert code == 2
    assert "bruges af en anden proces (typisk et kørende dashboard)" in err


def test_import_with_a_column_mapping_and_the_plans_remembered_one(
        demo_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from tests.support.actors import SYSTEM
    from tracking.importing.reading import Column
    from tracking.services.import_mapping import save_import_mapping

    path = tmp_path / "noegletal.csv"
    path.write_bytes(csv_bytes([["Nøgletal", "Periode", "Antal"],
                                ["Sagsbehandlingstid (dage)", "okt 2026", "17,5"]], "cp1252"))
    code, _, err = _run(capsys, "--database", demo_url, "import", str(path), "--dry-run")
    assert code == 2 and "ingen overskriftsrække" in err
    code, out, _ = _run(capsys, "--database", demo_url, "import", str(path), "--dry-run",
                        "--map", "Indikator=Nøgletal", "--map", "Måned=Periode",
                        "--map", "Værdi=Antal")
    assert code == 0 and "1 nye" in out and "kolonner efter planens valg" in out
    save_import_mapping(get_engine(demo_url), 1, {
        Column.INDICATOR: "Nøgletal", Column.MONTH: "Periode", Column.VALUE: "Antal"}, SYSTEM)
    code, out, _ = _run(capsys, "--database", demo_url, "import", str(path), "--plan", "1")
    assert code == 0 and out.splitlines()[-1] == "Gemt: 1 nye og 0 rettede tal."


def _files_of_issue_15() -> dict[str, bytes]:
    from datetime import datetime

    from tests.tracking.office_files import Fmt, Formula, Text, office_xlsx

    return {
        "procent.xlsx": office_xlsx({"Vejledning": [["Indikator", "Måned", "Værdi"],
                                                    ["Frigjorte årsværk", "2026-03", 9]],
                                     "Tal": [["Indikator", "Måned", "Værdi"],
                                             ["Andel ansøgninger via selvbetjening",
                                              "okt 2026", Fmt(0.812, "0.0%")],
                                             ["Sagsbehandlingstid (dage)", "2026-09",
                                              Text("17,5")],
                                             ["Frigjorte årsværk", "2026-10",
                                              Formula("1+1")]]}),
        "bred.xlsx": office_xlsx({"Ark1": [
            ["Nøgletal", "Enhed", datetime(2026, 9, 1), datetime(2026, 10, 1), "I alt"],
            ["Sagsbehandlingstid (dage)", "dage", 18, 17.5, 35.5]]}),
        "engelsk.csv": csv_bytes([["Indicator", "Month", "Value"],
                                  ["Sagsbehandlingstid (dage)", "2026-09", "1,234,567"],
                                  ["Sagsbehandlingstid (dage)", "2026-10", "948,313"]],
                                 delimiter=","),
        "tvetydig.csv": csv_bytes([["Indikator", "Måned", "Værdi"],
                                   ["Sagsbehandlingstid (dage)", "2026-10", "948,313"]]),
    }


@pytest.mark.parametrize("name", list(_files_of_issue_15()))
def test_dry_run_and_the_preview_agree_on_every_file(demo_url: str, tmp_path: Path, name: str,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    from tracking.importing.preview import LineStatus, preview_file

    data = _files_of_issue_15()[name]
    path = tmp_path / name
    path.write_bytes(data)
    preview = preview_file(get_engine(demo_url), data, name, plan_id=1)
    code, out, err = _run(capsys, "--database", demo_url, "import", str(path), "--plan", "1",
                          "--dry-run")
    summary = next(line for line in out.splitlines() if line.startswith(name))
    assert (f"{preview.count(LineStatus.NEW)} nye, {preview.count(LineStatus.CORRECTED)} "
            f"rettede, {preview.count(LineStatus.UNCHANGED)} uændrede") in summary
    assert summary.endswith(f"{len(preview.errors)} fejl.")
    assert code == (2 if preview.errors else 0)
    assert len([line for line in err.splitlines() if line.startswith("  række")]) == len(
        preview.errors)
