"""`gevinst token create|revoke|list`: API tokens for source systems (/api/v1)."""

from __future__ import annotations

import argparse

from sqlalchemy import Engine

from tracking.cli_users import _actor, _by_email, _t, command_group
from tracking.readmodel.api_tokens import list_tokens
from tracking.services.api_tokens import create_token, revoke_token


def cmd_token_create(engine: Engine, args: argparse.Namespace) -> str:
    user = _by_email(engine, args.email)
    row, token = create_token(engine, user.id, actor=_actor(), label=args.label or "",
                              plan_ids=args.plan or [], read_only=args.read_only)
    scope = ""
    if row.plan_ids:
        scope += _t("cli.token_scope_plans", plans=", ".join(map(str, row.plan_ids)))
    if row.read_only:
        scope += _t("cli.token_scope_read_only")
    return _t("cli.token_created", id=row.id, email=row.email, scope=scope, token=token)


def cmd_token_revoke(engine: Engine, args: argparse.Namespace) -> str:
    row = revoke_token(engine, args.id, actor=_actor())
    return _t("cli.token_revoked", id=row.id, email=row.email)


def cmd_token_list(engine: Engine, args: argparse.Namespace) -> str:
    rows = list_tokens(engine)
    if not rows:
        return _t("cli.token_none")
    lines = []
    for r in rows:
        plans = "plan " + ",".join(map(str, r.plan_ids)) if r.plan_ids else "-"
        used = f"{r.last_used_at:%Y-%m-%d %H:%M}" if r.last_used_at else "-"
        access = "read-only" if r.read_only else "read-write"
        lines.append(f"{r.id:>4} {r.email:<32} {r.label:<20} {plans:<12} {access:<10} {used}")
    return "\n".join(lines)


def add_token_commands(sub: argparse._SubParsersAction, run) -> None:
    add = command_group(sub, "token", "API tokens: create, revoke, list",
                        "API tokens for other systems (/api/v1).", run)

    p = add("create", cmd_token_create, "make a token acting as the account (printed once)")
    p.add_argument("email", help="the account the token acts as, with its roles")
    p.add_argument("--plan", type=int, action="append",
                   help="only this plan (id); repeat for several")
    p.add_argument("--read-only", action="store_true", help="may read, not save figures")
    p.add_argument("--label", help="what the token is for, e.g. 'KSD-robot'")
    add("revoke", cmd_token_revoke, "revoke a token for good").add_argument(
        "id", type=int, help="the token's id (gevinst token list)")
    add("list", cmd_token_list, "list the active tokens")
