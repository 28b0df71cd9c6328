"""The `gevinst` command: set up the database and load the demo plan.

Every command takes --database URL (default: DATABASE_URL, else the DuckDB file) and
exits non-zero with a one-line message, never a traceback, on a known error.
"""

from __future__ import annotations

import argparse
import sys

from sqlalchemy.exc import SQLAlchemyError

from tracking.config import database_url, default_language
from tracking.db import dispose_all, get_engine, init_schema, is_empty
from tracking.demo import load_demo
from tracking.errors import GevinstError


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
    """What `make run` does: create the schema and load the demo if the database is empty."""
    engine = _engine(args)
    if not is_empty(engine):
        return "Databasen har allerede planer; demodata indlæses ikke."
    plans = load_demo(engine)
    return f"Ny database med demodata: {len(plans)} planer."


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
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    lang = default_language()
    try:
        print(args.func(args))
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
