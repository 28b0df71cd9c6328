"""What the benchmark measures (OPERATIONS, with their targets) and how it is shown:
results.md and README's benchmark section are both rendered from results.json, so the
two never disagree.

    python -m bench.report bench/results.json --readme README.md --md bench/results.md
"""

from __future__ import annotations

import argparse
import json
import statistics
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np

ENGINE_NAMES = {"duckdb": "DuckDB", "postgresql": "PostgreSQL", "sqlite": "SQLite"}
# The engines the targets are set for (SQLite is for small installations, run to M).
TARGET_ENGINES = ("DuckDB", "PostgreSQL")
README_START = "<!-- bench:start (written by `make bench`; edit bench/report.py) -->"
README_END = "<!-- bench:end -->"


class Target(NamedTuple):
    limit: float
    ratio: bool = False  # a limit on the largest scale's median over the smallest's (L/S)

    def text(self) -> str:
        return f"≤ {self.limit:g}× S" if self.ratio else f"< {self.limit:g}"

    def met(self, value: float) -> bool:
        return value <= self.limit if self.ratio else value < self.limit


class Operation(NamedTuple):
    key: str
    label: str
    unit: str
    target: Target | None  # at L, on DuckDB and PostgreSQL
    part: str  # which part of the run measures it (--only)


PARTS = ("data", "writes", "import", "reruns", "browser", "files")

OPERATIONS = [
    Operation("overview_read", "Oversigtens læsning (plan_overview, bevarede rækker)", "ms",
              Target(50), "data"),
    Operation("rollup", "  til sammenligning: den gamle join af alle mål og tal", "ms", None,
              "data"),
    Operation("rollup_floor", "  gulv: samme join direkte i driveren", "ms", None, "data"),
    Operation("board_data", "Én plans tavledata (serier, ideer, handlinger)", "ms", Target(30),
              "data"),
    Operation("forecast_plan", "Én plans prognoser, 12 mdr. frem", "ms", None, "data"),
    Operation("expected_all", "Forventet målopfyldelse, alle planer (Oversigts sortering)",
              "ms", None, "data"),
    Operation("record_figure", "Skriv: ét tal (record_actual)", "ms", Target(50), "writes"),
    Operation("move_card", "Skriv: flyt et kort (move_action)", "ms", Target(50), "writes"),
    Operation("concurrent_writes", "Skriv: 8 på én gang, gemte pr. sekund", "/s", None,
              "writes"),
    Operation("concurrent_errors", "  heraf databasefejl (ikke vores besked)", "stk.", None,
              "writes"),
    Operation("import_1000", "Import af 1.000 tal (preview + gem)", "ms", None, "import"),
    Operation("template_xlsx", "Skabelon (Excel) til én plan", "ms", None, "import"),
    Operation("export_xlsx", "Eksport af hele databasen til Excel (fil)", "s", None, "import"),
    Operation("export_xlsx_memory", "  heraf maks. hukommelse ud over processens", "MB", None,
              "import"),
    Operation("goal_rerun", "Mål-siden, rerun (server, cache ramt)", "ms", Target(300), "reruns"),
    Operation("goal_rerun_after_write", "Mål-siden, rerun efter et gemt tal (server)", "ms",
              Target(300), "reruns"),
    Operation("board_rerun", "Handleplan-siden, rerun (server)", "ms", Target(300), "reruns"),
    Operation("board_rerun_after_move", "Handleplan-siden, rerun efter et flyttet kort (server)",
              "ms", Target(300), "reruns"),
    Operation("empty_rerun", "  gulv: tom Streamlit-side, rerun", "ms", None, "reruns"),
    Operation("first_chart", "Browser: log ind til første graf", "ms", Target(2000), "browser"),
    Operation("click_goal", "Browser: klik til Mål tegnet", "ms", Target(1.5, ratio=True),
              "browser"),
    Operation("click_board", "Browser: klik til Tavle tegnet", "ms", Target(1.5, ratio=True),
              "browser"),
    Operation("click_action_plan", "Browser: klik til Handleplan tegnet", "ms",
              Target(1.5, ratio=True), "browser"),
    Operation("click_assessment", "Browser: klik til Vurdering tegnet", "ms",
              Target(1.5, ratio=True), "browser"),
    Operation("click_enter", "Browser: klik til Indtast tal tegnet", "ms",
              Target(1.5, ratio=True), "browser"),
    Operation("click_overview", "Browser: klik til Oversigt tegnet", "ms", Target(1500),
              "browser"),
    Operation("memory", "Dashboard-proces, maks. hukommelse", "MB", Target(500), "browser"),
    Operation("synth", "Syntetiske data skrevet (én gang)", "s", None, "data"),
]


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def p95(values: list[float]) -> float:
    return float(np.percentile(values, 95)) if values else float("nan")


def _number(value: float, unit: str) -> str:
    digits = 0 if unit == "MB" or abs(value) >= 100 else 1
    return f"{value:.{digits}f}"


def _cell(row: dict[str, Any] | None) -> str:
    if row is None or not row["values"]:
        return "–"
    values, unit = row["values"], row["unit"]
    if row.get("timed_out"):
        return f"> {_number(max(values), unit)}"
    if len(values) == 1:
        return _number(values[0], unit)
    return f"{_number(median(values), unit)} / {_number(p95(values), unit)}"


def _index(data: dict[str, Any]) -> dict[tuple[str, str, str], dict[str, Any]]:
    return {(r["engine"], r["scale"], r["op"]): r for r in data["results"]}


def _configs(data: dict[str, Any]) -> list[tuple[str, str]]:
    return [(c["engine"], c["scale"]) for c in data["configs"]]


def full_table(data: dict[str, Any]) -> str:
    """Every operation (median / p95) for every engine and scale; rows nobody measured
    (a partial run) are left out; "> limit" where a page was not drawn in time."""
    configs = _configs(data)
    index = _index(data)
    lines = ["| Operation | Enhed | Mål (L) | " + " | ".join(f"{e} {s}" for e, s in configs)
             + " |", "|---|---|---|" + "---|" * len(configs)]
    for op in OPERATIONS:
        rows = [index.get((e, s, op.key)) for e, s in configs]
        if not any(r and r["values"] for r in rows):
            continue
        goal = op.target.text() if op.target else ""
        lines.append(f"| {op.label.strip()} | {op.unit} | {goal} | "
                     + " | ".join(_cell(r) for r in rows) + " |")
    return "\n".join(lines)


def _judged(text: str, ok: bool | None) -> str:
    return text if ok is None else f"{text} {'✓' if ok else '✗'}"


def targets_table(data: dict[str, Any]) -> str:
    """The operations with a target: medians per scale and the ratio largest/smallest
    scale, per engine side by side; ✓/✗ where the target is judged (at L; L/S for a
    ratio target)."""
    configs = _configs(data)
    engines = [e for e in dict.fromkeys(e for e, _ in configs) if e in TARGET_ENGINES] or \
        list(dict.fromkeys(e for e, _ in configs))
    index = _index(data)
    heads, columns = [], []
    for engine in engines:
        scales = [s for e, s in configs if e == engine]
        heads += [f"{engine} {s}" for s in scales]
        columns += [(engine, s) for s in scales]
        if len(scales) > 1:
            heads.append(f"{engine} {scales[-1]}/{scales[0]}")
            columns.append((engine, scales))
    lines = ["| Mål | Enhed | Mål-værdi | " + " | ".join(heads) + " |",
             "|---|---|---|" + "---|" * len(heads)]
    for op in OPERATIONS:
        if op.target is None:
            continue
        cells = []
        for engine, which in columns:
            if isinstance(which, str):  # one scale's median
                row = index.get((engine, which, op.key))
                value = median(row["values"]) if row and row["values"] else None
                judge = (which == "L" and not op.target.ratio and value is not None)
                text = "–" if value is None else _number(value, op.unit)
                text = f"> {text}" if row and row.get("timed_out") else text
                cells.append(_judged(text, op.target.met(value) if judge else None))
            else:  # the ratio of the largest scale to the smallest
                low = index.get((engine, which[0], op.key))
                high = index.get((engine, which[-1], op.key))
                if not (low and high and low["values"] and high["values"]):
                    cells.append("–")
                    continue
                ratio = median(high["values"]) / median(low["values"])
                judge = op.target.ratio and which[0] == "S" and which[-1] == "L"
                shown = f"{ratio:.0f}×" if ratio >= 10 else f"{ratio:.2f}×"
                shown = f"> {shown}" if high.get("timed_out") else shown
                cells.append(_judged(shown, op.target.met(ratio) if judge else None))
        if all(c == "–" for c in cells):
            continue
        lines.append(f"| {op.label.strip()} | {op.unit} | {op.target.text()} | "
                     + " | ".join(cells) + " |")
    return "\n".join(lines)


def _load(values: list[float] | None) -> str:
    return " / ".join(f"{v:.1f}" for v in values) if values else "ikke målt"


def notes(data: dict[str, Any]) -> str:
    s, m = data["settings"], data["machine"]
    load = data.get("load")
    scope = "" if data.get("full_run", True) else (
        f"**Delvis kørsel** (dele: {', '.join(data.get('parts', PARTS))}). ")
    busy = (f"Belastning (load average 1 / 5 / 15 min) ved start {_load(load['start'])}, "
            f"ved slut {_load(load['end'])}. " if load else "Belastning: ikke målt. ")
    return (f"{scope}Median / p95 over {s['reps']} runs (sider: {s['page_reps']}, import: "
            f"{s['import_reps']}, browser: {s['browser_reps']} besøg efter et opvarmende). "
            f"Maskine: {m['cpu']}, {m['cores']} kerner, {m['memory_gb']} GB; Python "
            f"{m['python']}, DuckDB {m['duckdb']}, Streamlit {m['streamlit']}. {busy}"
            f"Hele kørslen: {data['total_seconds'] / 60:.1f} min.")


def section(data: dict[str, Any]) -> str:
    """The targets, then every operation, then how it was measured (README and
    results.md)."""
    return (f"Målene, median; ✓/✗ hvor et mål vurderes (værdien ved L, eller L/S for et "
            f"forholdstal):\n\n{targets_table(data)}\n\nAlle operationer, median / "
            f"p95:\n\n{full_table(data)}\n\n{notes(data)}")


def results_markdown(data: dict[str, Any]) -> str:
    """results.md: the section, then the hostile uploads when they were measured."""
    text = section(data) + "\n"
    if data.get("bad_files"):
        from bench.bad_files import markdown

        text += ("\nUpload af fjendtlige og meget store filer (læsning i en ny proces):\n\n"
                 f"{markdown(data['bad_files'])}\n")
    return text


def update_readme(readme: Path, data: dict[str, Any]) -> None:
    """Replace README's benchmark section (between the markers) with `section(data)`."""
    text = readme.read_text()
    start, end = text.find(README_START), text.find(README_END)
    if start < 0 or end < start:
        raise SystemExit(f"{readme}: the markers {README_START!r} … {README_END!r} are missing")
    readme.write_text(text[:start + len(README_START)] + "\n\n" + section(data) + "\n\n"
                      + text[end:])


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(prog="bench.report", description=__doc__.splitlines()[0])
    p.add_argument("results", type=Path, help="results.json of a run")
    p.add_argument("--readme", type=Path, help="README whose benchmark section to rewrite")
    p.add_argument("--md", type=Path, help="results.md to write")
    args = p.parse_args(argv)
    data = json.loads(args.results.read_text())
    if args.readme:
        update_readme(args.readme, data)
    if args.md:
        args.md.write_text(results_markdown(data))
    if not (args.readme or args.md):
        print(results_markdown(data))


if __name__ == "__main__":
    main()
