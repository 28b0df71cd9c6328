"""The `gevinst` command: set up the database, load the demo plan, import figures from
a spreadsheet, export a backup (JSON or Excel) and restore one (JSON).

Every command takes --database URL (default: DATABASE_URL, else the DuckDB file) and
exits non-zero with a one-line message, never a traceback, on a known error.
"""

from __future__ import annotations

import argparse
import getpass
import sys
import time
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError

from tracking.auth import Actor
from tracking.backup import load_document, restore_document, write_document, write_workbook
from tracking.cli_tokens import add_token_commands
from tracking.cli_users import add_user_commands, ensure_first_admin
from tracking.config import database_url, default_language
from tracking.db import dispose_all, get_engine, init_schema, is_empty
from tracking.demo import load_demo
from tracking.errors import GevinstError, ValidationError
from tracking.i18n import translate
from tracking.importing.mapping import parse_map
from tracking.importing.preview import LineStatus, commit_import, preview_file, read_as
from tracking.readmodel.import_mapping import saved_import_mapping


def _engine(args: argparse.Namespace):
    engine = get_engine(database_url(args.database))
    init_schema(engine)
    return engine


def cmd_init(args: argparse.Namespace) -> str:
    fresh = init_schema(get_engine(database_url(args.database)))
    return "Database oprettet." if fresh else "Databasen fandtes allerede; skemaet er opdateret."


def cmd_demo(args: argparse.Namespace) -> str:
    plans = load_demo(_engine(args))
    return f"Demodata indlæst: {len(plans)} planer ({', '.join(p.name for p in plans)})."


def cmd_setup(args: argparse.Namespace) -> str:
    """What `make run` does: create the schema, load the demo if the database is empty,
    and create the first administrator if there are no accounts."""
    engine = _engine(args)
    if not is_empty(engine):
        lines = ["Databasen har allerede planer; demodata indlæses ikke."]
    else:
        lines = [f"Ny database med demodata: {len(load_demo(engine))} planer."]
    admin = ensure_first_admin(engine)
    if admin:
        lines.append(admin)
    return "\n".join(lines)


def _read(path: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError:
        raise ValidationError("cli.file_missing", None, path=path) from None


def cmd_import(args: argparse.Namespace) -> str:
    """Preview a spreadsheet, print what it changes, and save it all or nothing."""
    lang = default_language()
    data = _read(args.file)
    engine = _engine(args)
    mapping = parse_map(args.map) if args.map else saved_import_mapping(engine, args.plan)
    preview = preview_file(engine, data, Path(args.file).name, args.plan, args.sheet,
                           mapping=mapping)
    table = preview.table
    if table.several_sheets:
        print(translate("import.sheet_used", lang, count=len(table.sheets), sheet=table.sheet))
    print(read_as(table, lang))
    print(translate("cli.import_summary", lang, name=Path(args.file).name,
                    count=len({r.number for r in table.rows}),
                    new=preview.count(LineStatus.NEW),
                    corrected=preview.count(LineStatus.CORRECTED),
                    unchanged=preview.count(LineStatus.UNCHANGED),
                    skipped=len(preview.skipped), errors=len(preview.errors)))
    for err in preview.errors:
        print(translate("cli.import_row_error", lang, row=err.row, column=err.column,
                        reason=err.message(lang)), file=sys.stderr)
    if preview.errors:
        raise ValidationError("cli.import_refused", None, count=len({e.row for e in
                                                                    preview.errors}))
    if args.dry_run:
        return translate("cli.import_dry_run", lang)
    if preview.corrections and not args.allow_corrections:
        print(translate("cli.import_corrections", lang), file=sys.stderr)
        raise ValidationError("error.import_corrections_unconfirmed", None,
                              count=preview.corrections)
    result = commit_import(engine, preview, Actor.system(args.actor),
                           allow_corrections=args.allow_corrections)
    return translate("cli.import_saved", lang, created=result.created,
                     corrected=result.corrected)


def _summary(counts: dict[str, int]) -> str:
    return ", ".join(f"{name} {n}" for name, n in counts.items()) or "0"


def cmd_export(args: argparse.Namespace) -> str:
    """A backup (.json, restorable) or a workbook (.xlsx, for people) of all or one plan."""
    path = Path(args.file)
    suffix = path.suffix.lower()
    if suffix not in (".json", ".xlsx"):
        raise ValidationError("cli.unknown_format", None, path=args.file)
    if path.exists() and not args.force:
        raise ValidationError("cli.file_exists", None, path=args.file)
    engine = _engine(args)
    # Both streamed from the database into the file, table by table; under a temporary
    # name until complete, so a failed export leaves no half file.
    part = path.with_name(path.name + ".part")
    try:
        if suffix == ".json":
            with part.open("w", encoding="utf-8") as out:
                counts = write_document(engine, out, args.plan)
        else:
            counts = write_workbook(engine, part, args.plan)
        part.replace(path)
    except OSError as exc:
        raise ValidationError("cli.file_missing", None, path=f"{args.file} ({exc.strerror})") \
            from None
    finally:
        part.unlink(missing_ok=True)
    return translate("cli.export_done", default_language(), path=args.file,
                     summary=_summary(counts))


def cmd_restore(args: argparse.Namespace) -> str:
    """Restore a JSON backup into an empty database (all or nothing)."""
    doc = load_document(_read(args.file))
    summary = restore_document(_engine(args), doc)
    return translate("cli.restore_done", default_language(), path=args.file,
                     summary=_summary(summary.rows))


def cmd_synth(args: argparse.Namespace) -> str:
    """Synthetic plans in bulk, for load tests and the benchmark (never on real data)."""
    from tracking.synth import generate, scale_of  # numpy/pyarrow only when asked for

    engine = _engine(args)
    if not is_empty(engine) and not args.add:
        raise ValidationError("cli.synth_not_empty", None)
    started = time.perf_counter()
    summary = generate(engine, scale_of(args.scale), seed=args.seed,
                       progress=lambda i, n: print(f"  {i}/{n}", file=sys.stderr)
                       if n > 1 and (i % 10 == 0 or i == n) else None)
    return translate("cli.synth_done", default_language(), scale=summary.scale,
                     summary=summary.text(), seconds=f"{time.perf_counter() - started:.0f}")


def cmd_rebuild(args: argparse.Namespace) -> str:
    """Recompute the overview's kept figures (`indicator_status`) from every figure."""
    from tracking.db import write_lock
    from tracking.kept_status import rebuild

    engine = _engine(args)
    started = time.perf_counter()
    with write_lock(engine), engine.begin() as conn:
        count = rebuild(conn)
    return translate("cli.rebuild_done", default_language(), count=count,
                     seconds=f"{time.perf_counter() - started:.1f}")


def cmd_remind(args: argparse.Namespace) -> str:
    """Send the reminders due today (or --date); for cron or a systemd timer."""
    from datetime import date

    from tracking.reminder_sending import run_reminders

    on = date.fromisoformat(args.date) if args.date else None
    report = run_reminders(_engine(args), on=on)
    lines = [report.summary(default_language())]
    lines += [f"  fejl: {r.person.email} {r.kind.value} {r.subject}" for r in report.failed]
    return "\n".join(lines)


def cmd_serve(args: argparse.Namespace) -> str:
    """The dashboard and the API in one process (uvicorn with Streamlit's ASGI app)."""
    _engine(args)  # the schema, before the first page or call
    dispose_all()
    # The server package sits above tracking (it imports Streamlit); imported only here.
    from server.serve import serve

    serve(port=args.port, address=args.address, database=args.database)
    return ""


def cmd_reference_cases(args: argparse.Namespace) -> str:
    """List the reference cases, or import more from a CSV."""
    from tracking.readmodel.reference_cases import list_reference_cases
    from tracking.services.reference_cases import import_reference_cases

    lang = default_language()
    engine = _engine(args)
    if args.action == "import":
        if not args.file:
            raise ValidationError("error.reference_empty", "file")
        try:
            text = Path(args.file).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise ValidationError("error.reference_file", "file", name=args.file,
                                  reason=str(exc)) from None
        keys = import_reference_cases(engine, text, Actor.system(_default_actor()))
        return translate("reference.imported", lang, count=len(keys), keys=", ".join(keys))
    return "\n".join(
        f"{c.key}: {c.municipality}, {c.title} [{c.unit}] "
        + " ".join(f"{m}:{v:.15g}" for m, v in c.points) + f" ({c.source})"
        for c in list_reference_cases(engine).values())


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="gevinst", description="Gevinsttavlen")
    parser.add_argument("--database", help="SQLAlchemy URL (default: DATABASE_URL or the "
                        "DuckDB file data/gevinsttavle.duckdb)")
    sub = parser.add_subparsers(dest="command", required=True)
    for name, func, text in [
        ("init", cmd_init, "create the database schema"),
        ("demo", cmd_demo, "load the demo plans (once)"),
        ("setup", cmd_setup, "create the schema, and load the demo if the database is empty"),
    ]:
        p = sub.add_parser(name, help=text)
        p.add_argument("--database", help=argparse.SUPPRESS, default=argparse.SUPPRESS)
        p.set_defaults(func=func)
    p = _sub(sub, "import", cmd_import, "import monthly figures from a CSV or Excel file")
    p.add_argument("file", help="the .csv or .xlsx file (layout: docs/import-export.md)")
    p.add_argument("--plan", type=int, help="only indicators of this plan (id)")
    p.add_argument("--sheet", help="the Excel sheet to read (default: the first with the "
                   "template's headers)")
    p.add_argument("--dry-run", action="store_true", help="show what would change; save nothing")
    p.add_argument("--map", action="append", metavar="ROLLE=OVERSKRIFT",
                   help="a column of a sheet whose headers are not recognised, e.g. "
                   "--map Indikator=Nøgletal --map Måned=Periode --map Værdi=Antal "
                   "(with --plan, the plan's remembered mapping is used without --map)")
    p.add_argument("--allow-corrections", action="store_true",
                   help="allow the file to change figures that are already saved")
    p.add_argument("--actor", default=_default_actor(), help="name written on the figures")
    p = _sub(sub, "export", cmd_export, "export everything (or one plan) to .json or .xlsx")
    p.add_argument("file", help="target file; .json is a restorable backup, .xlsx a workbook")
    p.add_argument("--plan", type=int, help="only this plan (id) and what belongs to it")
    p.add_argument("--force", action="store_true", help="overwrite an existing file")
    p = _sub(sub, "restore", cmd_restore, "restore a .json backup into an empty database")
    p.add_argument("file", help="a .json backup made by `gevinst export`")
    p = _sub(sub, "synth", cmd_synth, "add synthetic plans in bulk (S: 1 plan, M: 30, "
             "L: 98 municipalities of 30)")
    p.add_argument("--scale", choices=["S", "M", "L"], default="S", type=str.upper)
    p.add_argument("--seed", type=int, default=1, help="the same seed gives the same data")
    p.add_argument("--add", action="store_true",
                   help="add to a database that already has plans")
    _sub(sub, "rebuild", cmd_rebuild, "recompute the overview's kept figures per indicator "
         "(indicator_status) from every figure and target")
    p = _sub(sub, "remind", cmd_remind, "send the reminders due today by e-mail (cron, "
             "systemd timer); safe to run again")
    p.add_argument("--date", help="the day to send for, YYYY-MM-DD (default: today)")
    p = _sub(sub, "serve", cmd_serve, "run the dashboard and the API (/api/v1) in one "
             "server")
    p.add_argument("--port", type=int, default=8501)
    p.add_argument("--address", help="the address to listen on (default: all)")
    p = _sub(sub, "reference-cases", cmd_reference_cases, "list the reference cases, or "
             "import more from a CSV (layout: data/reference_cases.csv)")
    p.add_argument("action", choices=["list", "import"])
    p.add_argument("file", nargs="?", help="the .csv file to import")
    add_user_commands(sub, lambda func: lambda args: func(_engine(args), args))
    add_token_commands(sub, lambda func: lambda args: func(_engine(args), args))
    return parser


def _sub(sub, name: str, func, text: str) -> argparse.ArgumentParser:
    p = sub.add_parser(name, help=text, description=text)
    p.add_argument("--database", help=argparse.SUPPRESS, default=argparse.SUPPRESS)
    p.set_defaults(func=func)
    return p


def _default_actor() -> str:
    try:
        return f"{getpass.getuser()} (import)"
    except (KeyError, OSError):
        return "import"


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    lang = default_language()
    try:
        if output := args.func(args):
            print(output)
    except GevinstError as exc:
        print(f"gevinst: {exc.message(lang)}", file=sys.stderr)
        return 2
    except SQLAlchemyError as exc:
        print(f"gevinst: databasefejl: {str(exc).splitlines()[0]}", file=sys.stderr)
        return 3
    finally:
        dispose_all()
    return 0


if __name__ == "__main__":
    sys.exit(main())
