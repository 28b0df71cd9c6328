"""The benchmark's tables and README section, from a results.json made up here."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench import report, run


def _data(values: dict[tuple[str, str, str], float]) -> dict:
    configs = sorted({(e, s) for e, s, _ in values}, key=lambda c: (c[0], "SML".index(c[1])))
    return {
        "machine": {"cpu": "Test CPU", "cores": 2, "memory_gb": 4.0, "python": "3.11",
                    "duckdb": "2", "streamlit": "1.67"},
        "settings": {"reps": 3, "page_reps": 2, "import_reps": 1, "browser_reps": 3},
        "total_seconds": 90.0, "load": {"start": [1.0, 2.0, 3.0], "end": [4.0, 5.0, 6.0]},
        "configs": [{"engine": e, "scale": s} for e, s in configs],
        "results": [{"engine": e, "scale": s, "op": op, "unit": "ms", "values": [v]}
                    for (e, s, op), v in values.items()],
    }


def _line(table: str, label: str) -> list[str]:
    line = next(x for x in table.splitlines() if x.startswith(f"| {label} |"))
    return [c.strip() for c in line.split("|")[1:-1]]


def test_targets_table_shows_engines_side_by_side_with_ratio_and_verdict() -> None:
    data = _data({
        ("DuckDB", "S", "click_goal"): 400.0, ("DuckDB", "L", "click_goal"): 2100.0,
        ("PostgreSQL", "S", "click_goal"): 500.0, ("PostgreSQL", "L", "click_goal"): 600.0,
        ("DuckDB", "S", "click_overview"): 300.0, ("DuckDB", "L", "click_overview"): 1200.0,
        ("PostgreSQL", "S", "click_overview"): 300.0,
        ("PostgreSQL", "L", "click_overview"): 1600.0,
    })
    table = report.targets_table(data)
    assert table.splitlines()[0] == ("| Mål | Enhed | Mål-værdi | DuckDB S | DuckDB L | "
                                     "DuckDB L/S | PostgreSQL S | PostgreSQL L | "
                                     "PostgreSQL L/S |")
    # A ratio target is judged on L/S, an absolute one on the value at L.
    assert _line(table, "Browser: klik til Mål tegnet") == [
        "Browser: klik til Mål tegnet", "ms", "≤ 1.5× S", "400", "2100", "5.25× ✗",
        "500", "600", "1.20× ✓"]
    assert _line(table, "Browser: klik til Oversigt tegnet")[3:] == [
        "300", "1200 ✓", "4.00×", "300", "1600 ✗", "5.33×"]
    assert "Skriv: ét tal" not in table  # nobody measured it: no row


def test_a_page_not_drawn_in_time_shows_as_more_than_the_limit() -> None:
    data = _data({("DuckDB", "S", "click_overview"): 300.0,
                  ("DuckDB", "L", "click_overview"): 180_000.0})
    data["results"][-1]["timed_out"] = True
    assert _line(report.targets_table(data), "Browser: klik til Oversigt tegnet")[3:] == [
        "300", "> 180000 ✗", "> 600×"]
    assert "| > 180000 |" in report.full_table(data)


def test_notes_name_the_machine_the_load_and_a_partial_run() -> None:
    data = _data({("DuckDB", "S", "memory"): 250.0})
    text = report.notes({**data, "full_run": False, "parts": ["browser"]})
    assert "Delvis kørsel" in text and "browser" in text
    assert "ved start 1.0 / 2.0 / 3.0, ved slut 4.0 / 5.0 / 6.0" in text
    assert "Test CPU, 2 kerner" in text
    assert "Belastning: ikke målt" in report.notes({**data, "load": None})


def test_readme_section_is_replaced_between_the_markers_only(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text(f"before\n{report.README_START}\nold table\n{report.README_END}\nafter\n")
    report.update_readme(readme, _data({("DuckDB", "S", "click_goal"): 400.0}))
    text = readme.read_text()
    assert text.startswith(f"before\n{report.README_START}\n") and text.endswith(
        f"{report.README_END}\nafter\n")
    assert "old table" not in text and "Browser: klik til Mål tegnet" in text
    readme.write_text("no markers\n")
    with pytest.raises(SystemExit, match="markers"):
        report.update_readme(readme, _data({("DuckDB", "S", "click_goal"): 400.0}))


def test_the_real_readme_has_the_markers() -> None:
    text = (Path(run.__file__).parents[1] / "README.md").read_text()
    assert report.README_START in text and report.README_END in text


def test_parts_engines_and_scales_are_chosen_and_checked() -> None:
    configs, parts = run.select(run.DEFAULT_PLAN, "duckdb,postgresql", "s,l", "browser")
    assert configs == [("duckdb", "S"), ("duckdb", "L"), ("postgresql", "S"),
                       ("postgresql", "L")]
    assert parts == ("browser",)
    assert run.select(run.DEFAULT_PLAN, None, None, None)[1] == report.PARTS
    with pytest.raises(SystemExit, match="unknown part"):
        run.select(run.DEFAULT_PLAN, None, None, "browsr")
    with pytest.raises(SystemExit, match="unknown scale"):
        run.select(run.DEFAULT_PLAN, None, "XL", None)
    with pytest.raises(SystemExit, match="README"):  # refused before anything runs
        run.main(["--only", "data", "--readme", "README.md"])
