"""`gevinst user ...` and the first administrator made by `gevinst setup`.

Passwords are generated and printed once, or read from standard input
(`--password-stdin`), never taken as an argument: arguments end up in shell history and
in the process list.
"""

from __future__ import annotations

import argparse
import getpass
import os
import secrets
import sys
from collections.abc import Callable

from sqlalchemy import Engine

from tracking.auth import Actor
from tracking.config import default_language
from tracking.errors import ValidationError
from tracking.i18n import translate
from tracking.readmodel.users import UserRow, find_user, has_active_admin, list_users
from tracking.services.users import (
    create_user,
    deactivate_user,
    reactivate_user,
    set_membership,
    set_password,
)

DEFAULT_ADMIN_EMAIL = "admin@localhost"


def _actor() -> Actor:
    try:
        return Actor.system(f"{getpass.getuser()} (CLI)")
    except (KeyError, OSError):
        return Actor.system("CLI")


def _t(key: str, **params: object) -> str:
    return translate(key, default_language(), **params)


def new_password() -> str:
    return secrets.token_urlsafe(12)  # 16 characters, 96 bits


def ensure_first_admin(engine: Engine) -> str | None:
    """Create the first administrator if there is no active one; the message to print.

    (The demo's people are accounts too, but none is an administrator.)

    E-mail from GEVINST_ADMIN_EMAIL (default admin@localhost); password from
    GEVINST_ADMIN_PASSWORD (for automation), else random and shown only in this message.
    """
    if has_active_admin(engine):
        return None
    email = os.environ.get("GEVINST_ADMIN_EMAIL") or DEFAULT_ADMIN_EMAIL
    given = os.environ.get("GEVINST_ADMIN_PASSWORD")
    password = given or new_password()
    create_user(engine, email, "Administrator", actor=Actor.system("setup"),
                password=password, is_admin=True)
    if given:
        return _t("cli.admin_created_env", email=email.lower())
    return _t("cli.admin_created", email=email.lower(), password=password)


def _by_email(engine: Engine, email: str) -> UserRow:
    user = find_user(engine, email)
    if user is None:
        raise ValidationError("cli.user_unknown", None, email=email)
    return user


def _password_from(args: argparse.Namespace) -> tuple[str, bool]:
    """(password, generated): from stdin if asked, else a new random one."""
    if getattr(args, "password_stdin", False):
        line = sys.stdin.readline().rstrip("\r\n")
        if not line:
            raise ValidationError("cli.stdin_empty", None)
        return line, False
    return new_password(), True


def cmd_user_add(engine: Engine, args: argparse.Namespace) -> str:
    password, generated = (None, False) if args.no_password else _password_from(args)
    user = create_user(engine, args.email, args.name, actor=_actor(), password=password,
                       is_admin=args.admin)
    lines = [_t("cli.user_added", email=user.email, name=user.name)]
    if password is None:
        lines.append(_t("cli.user_oidc_only"))
    elif generated:
        lines.append(_t("cli.user_password", password=password))
    return "\n".join(lines)


def cmd_user_passwd(engine: Engine, args: argparse.Namespace) -> str:
    user = _by_email(engine, args.email)
    password, generated = _password_from(args)
    set_password(engine, user.id, password, actor=_actor())
    lines = [_t("cli.password_set", email=user.email)]
    if generated:
        lines.append(_t("cli.user_password", password=password))
    return "\n".join(lines)


def cmd_user_list(engine: Engine, args: argparse.Namespace) -> str:
    users = list_users(engine)
    if not users:
        return _t("cli.no_users")
    lines = []
    for u in users:
        flags = [_t("users.active") if u.active else _t("users.inactive")]
        if u.is_admin:
            flags.append(_t("role.admin"))
        flags.append(_t("users.login_password") if u.has_password else _t("users.login_oidc"))
        lines.append(f"{u.email:<32} {u.name:<28} {', '.join(flags)}")
    return "\n".join(lines)


def cmd_user_deactivate(engine: Engine, args: argparse.Namespace) -> str:
    user = deactivate_user(engine, _by_email(engine, args.email).id, actor=_actor())
    return _t("cli.user_deactivated", email=user.email)


def cmd_user_activate(engine: Engine, args: argparse.Namespace) -> str:
    user = reactivate_user(engine, _by_email(engine, args.email).id, actor=_actor())
    return _t("cli.user_reactivated", email=user.email)


def cmd_user_role(engine: Engine, args: argparse.Namespace) -> str:
    user = _by_email(engine, args.email)
    role = None if args.role == "none" else args.role
    set_membership(engine, args.plan, user.id, role, actor=_actor())
    if role is None:
        return _t("users.role_ended", name=user.name)
    return _t("users.role_set", name=user.name, role=_t(f"role.{role}"))


def cmd_user_director(engine: Engine, args: argparse.Namespace) -> str:
    from tracking.services.reminders import set_director

    user = _by_email(engine, args.email)
    set_director(engine, user.id, args.value == "on", actor=_actor())
    return _t("users.director_set" if args.value == "on" else "users.director_unset",
              name=user.name)


def command_group(sub: argparse._SubParsersAction, name: str, help_text: str,
                  description: str, run) -> Callable[..., argparse.ArgumentParser]:
    """`gevinst NAME ...`: a command with subcommands, each taking --database too. Returns
    `add(subname, func, text)`, which adds one subcommand running `run(func)`."""
    group = sub.add_parser(name, help=help_text, description=description)
    group.add_argument("--database", help=argparse.SUPPRESS, default=argparse.SUPPRESS)
    cmds = group.add_subparsers(dest=f"{name}_command", required=True)

    def add(subname: str, func, text: str) -> argparse.ArgumentParser:
        p = cmds.add_parser(subname, help=text, description=text)
        p.add_argument("--database", help=argparse.SUPPRESS, default=argparse.SUPPRESS)
        p.set_defaults(func=run(func))
        return p

    return add


def add_user_commands(sub: argparse._SubParsersAction, run) -> None:
    """`gevinst user add|passwd|list|deactivate|activate|role|director`; `run(func)` wraps a
    command taking (engine, args) into one taking args."""
    add = command_group(sub, "user", "accounts: add, passwd, list, deactivate, activate, "
                        "role", "Manage accounts and their roles in plans.", run)

    p = add("add", cmd_user_add, "create an account (a random password is printed once)")
    p.add_argument("email")
    p.add_argument("--name", required=True, help="the person's name, shown on their changes")
    p.add_argument("--admin", action="store_true", help="administrator: users and all plans")
    p.add_argument("--password-stdin", action="store_true",
                   help="read the password from standard input instead")
    p.add_argument("--no-password", action="store_true",
                   help="no password: signs in only through OpenID Connect")
    p = add("passwd", cmd_user_passwd, "set a new password (random and printed once)")
    p.add_argument("email")
    p.add_argument("--password-stdin", action="store_true",
                   help="read the password from standard input instead")
    add("list", cmd_user_list, "list the accounts")
    add("deactivate", cmd_user_deactivate, "deactivate an account (it is kept)").add_argument(
        "email")
    add("activate", cmd_user_activate, "reactivate an account").add_argument("email")
    p = add("role", cmd_user_role, "give an account a role in a plan, or end it with 'none'")
    p.add_argument("email")
    p.add_argument("plan", type=int, help="the plan's id")
    p.add_argument("role", choices=["viewer", "member", "owner", "facilitator", "none"])
    p = add("director", cmd_user_director, "mark an account as a director's (lands on "
            "Oversigt, gets the monthly letter), or not")
    p.add_argument("email")
    p.add_argument("value", choices=["on", "off"])
