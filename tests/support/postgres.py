"""Throwaway PostgreSQL cluster on loopback for real-database tests.

Typical use: one session-scoped :class:`PostgresCluster` and one
``create_database()`` per test (creating a database takes milliseconds,
``initdb`` takes about a second).

    with PostgresCluster() as pg:
        url = pg.create_database(unique_db_name())
        engine = sqlalchemy.create_engine(url)
"""

from __future__ import annotations

import atexit
import os
import pwd
import re
import shlex
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Mapping, Sequence
from pathlib import Path
from types import TracebackType

import psycopg
from psycopg import sql

__all__ = ["PostgresCluster", "find_pg_bindir", "free_port", "unique_db_name"]

HOST = "127.0.0.1"
# Plain identifiers only: they need no quoting in the URL and are valid in SQL.
_DB_NAME_RE = re.compile(r"[a-z_][a-z0-9_]{0,62}")
_INSTALL_HINT = (
    "PostgreSQL server binaries (initdb, pg_ctl) not found on PATH or in "
    "/usr/lib/postgresql/*/bin. Run `make test`, which installs the Debian "
    "`postgresql` package."
)


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that is free right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def unique_db_name(prefix: str = "test") -> str:
    """Return a fresh, valid database name such as ``test_3f2a9c1b0d4e``."""
    return f"{prefix}_{uuid.uuid4().hex[:12]}".lower()


def _version_key(path: Path) -> tuple[int, ...]:
    """Sort key for /usr/lib/postgresql/<version>/bin (``15`` < ``16``)."""
    return tuple(int(p) for p in re.findall(r"\d+", path.parent.name)) or (0,)


def find_pg_bindir() -> Path:
    """Directory holding ``initdb`` and ``pg_ctl``; RuntimeError if absent."""
    initdb, pg_ctl = shutil.which("initdb"), shutil.which("pg_ctl")
    if initdb and pg_ctl:
        return Path(initdb).parent
    candidates = [
        d
        for d in Path("/usr/lib/postgresql").glob("*/bin")
        if (d / "initdb").is_file() and (d / "pg_ctl").is_file()
    ]
    if not candidates:
        raise RuntimeError(_INSTALL_HINT)
    return max(candidates, key=_version_key)


def _ensure_postgres_user() -> None:
    """Create the ``postgres`` system user if it does not exist (root only)."""
    try:
        pwd.getpwnam("postgres")
    except KeyError:
        subprocess.run(
            ["useradd", "--system", "--user-group", "--no-create-home",
             "--shell", "/usr/sbin/nologin", "postgres"],
            check=True, capture_output=True, text=True,
        )  # fmt: skip


class PostgresCluster:
    """A private PostgreSQL server in a temp dir, trust auth on 127.0.0.1 only."""

    def __init__(
        self,
        *,
        superuser: str = "postgres",
        start_timeout: float = 60.0,
        locale: str = "C",
        settings: Mapping[str, str] | None = None,
    ) -> None:
        """``settings`` are extra/overriding ``postgres -c`` parameters."""
        self.superuser = superuser
        self.start_timeout = start_timeout
        self.locale = locale
        self.settings = dict(settings or {})
        self._as_root = os.geteuid() == 0
        self._bindir: Path | None = None
        self._tmp: Path | None = None
        self._port: int | None = None

    # -- properties -------------------------------------------------------
    @property
    def running(self) -> bool:
        return self._port is not None

    @property
    def port(self) -> int:
        if self._port is None:
            raise RuntimeError("PostgresCluster is not started")
        return self._port

    @property
    def base_dir(self) -> Path:
        """Temp dir holding ``data/``, ``server.log`` and the unix socket."""
        if self._tmp is None:
            raise RuntimeError("PostgresCluster is not started")
        return self._tmp

    @property
    def data_dir(self) -> Path:
        return self.base_dir / "data"

    @property
    def log_path(self) -> Path:
        return self.base_dir / "server.log"

    @property
    def admin_url(self) -> str:
        """SQLAlchemy URL of the maintenance database ``postgres``."""
        return self.url_for("postgres")

    def url_for(self, name: str) -> str:
        """SQLAlchemy URL for database ``name`` (which need not exist)."""
        return f"postgresql+psycopg://{self.superuser}@{HOST}:{self.port}/{name}"

    def log_text(self) -> str:
        """The server log so far ('' if none)."""
        try:
            return self.log_path.read_text(errors="replace")
        except OSError:
            return ""

    # -- lifecycle --------------------------------------------------------
    def start(self) -> PostgresCluster:
        """initdb + ``pg_ctl -w start``; raises RuntimeError with the log on failure."""
        if self.running:
            return self
        self._bindir = find_pg_bindir()
        self._tmp = Path(tempfile.mkdtemp(prefix="pgtest-"))
        # Safety net for aborted sessions; unregistered again by stop().
        atexit.register(self.stop)
        try:
            if self._as_root:
                # postgres refuses to run as root: hand the dir to the postgres user.
                _ensure_postgres_user()
                pw = pwd.getpwnam("postgres")
                os.chown(self._tmp, pw.pw_uid, pw.pw_gid)
            self._run(
                "initdb", "-D", str(self.data_dir), "-U", self.superuser,
                "--auth=trust", "--encoding=UTF8", f"--locale={self.locale}",
                "--no-sync", "--no-instructions",
            )  # fmt: skip
            port = free_port()
            self._run(
                "pg_ctl", "-D", str(self.data_dir), "-l", str(self.log_path),
                "-w", "-t", str(int(self.start_timeout)), "-o", self._server_options(port),
                "start",
                timeout=self.start_timeout + 15,
            )  # fmt: skip
            self._port = port
        except BaseException as exc:
            log = self.log_text()
            self.stop()
            if isinstance(exc, RuntimeError | subprocess.TimeoutExpired):
                msg = f"PostgreSQL failed to start: {exc}\n--- server log ---\n{log}"
                raise RuntimeError(msg) from exc
            raise
        return self

    def stop(self) -> None:
        """Immediate shutdown and removal of the temp dir. Idempotent."""
        atexit.unregister(self.stop)
        if self._tmp is None:
            return
        if self._bindir is not None and (self.data_dir / "postmaster.pid").exists():
            # Errors ignored: the server may already be gone; the dir goes regardless.
            self._run(
                "pg_ctl", "-D", str(self.data_dir), "-m", "immediate", "-w", "stop",
                check=False, timeout=30,
            )  # fmt: skip
        shutil.rmtree(self._tmp, ignore_errors=True)
        self._tmp = None
        self._port = None

    def __enter__(self) -> PostgresCluster:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    # -- databases --------------------------------------------------------
    def create_database(self, name: str) -> str:
        """``CREATE DATABASE name``; returns its SQLAlchemy (psycopg v3) URL."""
        self._check_name(name)
        self._admin_execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        return self.url_for(name)

    def drop_database(self, name: str) -> None:
        """Drop ``name`` if it exists, terminating any leftover connections."""
        self._check_name(name)
        self._admin_execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )

    # -- internals --------------------------------------------------------
    @staticmethod
    def _check_name(name: str) -> None:
        if not _DB_NAME_RE.fullmatch(name):
            raise ValueError(f"database name must match {_DB_NAME_RE.pattern!r}: {name!r}")

    def _admin_execute(self, stmt: sql.Composed) -> None:
        # CREATE/DROP DATABASE cannot run inside a transaction block.
        with psycopg.connect(
            host=HOST, port=self.port, user=self.superuser, dbname="postgres", autocommit=True
        ) as conn:
            conn.execute(stmt)

    def _server_options(self, port: int) -> str:
        """``postgres`` command line for ``pg_ctl -o`` (pg_ctl runs it via sh)."""
        settings = {
            "listen_addresses": HOST,
            "unix_socket_directories": str(self.base_dir),
            # Durability is pointless for a throwaway cluster; these make it much faster.
            "fsync": "off",
            "synchronous_commit": "off",
            "full_page_writes": "off",
            **self.settings,
        }
        parts = ["-p", str(port)]
        for key, value in settings.items():
            parts += ["-c", f"{key}={value}"]
        return shlex.join(parts)

    def _run(
        self, tool: str, *args: str, check: bool = True, timeout: float = 120
    ) -> subprocess.CompletedProcess[str]:
        """Run a PostgreSQL tool, as the ``postgres`` user when we are root."""
        assert self._bindir is not None
        cmd: Sequence[str] = [str(self._bindir / tool), *args]
        if self._as_root:
            cmd = ["runuser", "-u", "postgres", "--", *cmd]
        # cwd: the postgres user may not be allowed into the caller's cwd (e.g. /root).
        proc = subprocess.run(
            cmd, cwd=self._tmp, capture_output=True, text=True, timeout=timeout, check=False
        )
        if check and proc.returncode != 0:
            raise RuntimeError(
                f"{shlex.join(cmd)} exited with {proc.returncode}\n{proc.stdout}{proc.stderr}"
            )
        return proc
