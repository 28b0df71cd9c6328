"""Run a Streamlit script as a real HTTP server for browser tests.

    with AppServer("dashboard/app.py", env={"GEVINST_DB_URL": url}) as app:
        page.goto(app.url)

    with AppServer(serve=True, env=...) as app:    # `gevinst serve`: pages and /api/v1
        httpx.get(f"{app.url}/api/v1/plans", headers=...)

Because the server is started with ``python -m streamlit`` from ``cwd`` (the repo
root by default), the repo root is on ``sys.path`` and ``import tracking`` works.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Mapping
from pathlib import Path
from types import TracebackType
from typing import NoReturn

__all__ = ["REPO_ROOT", "AppServer"]

REPO_ROOT = Path(__file__).resolve().parents[2]
HOST = "127.0.0.1"


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


class AppServer:
    """A ``streamlit run`` subprocess on a free loopback port."""

    def __init__(
        self,
        script: str = "dashboard/app.py",
        env: Mapping[str, str] | None = None,
        cwd: str = str(REPO_ROOT),
        *,
        start_timeout: float = 60.0,
        extra_args: list[str] | None = None,
        log_path: str | Path | None = None,
        serve: bool = False,
    ) -> None:
        """``env`` is layered over ``os.environ``; ``extra_args`` go after the defaults.

        ``serve``: run ``gevinst serve`` (uvicorn with the dashboard and the API) instead
        of ``streamlit run`` (the dashboard alone); ``script`` is then the dashboard's.

        The log goes to ``log_path`` (default: a new temp dir) and is kept after stop().
        """
        self.script = script
        self.env = dict(env or {})
        self.cwd = cwd
        self.start_timeout = start_timeout
        self.extra_args = list(extra_args or [])
        self.serve = serve
        self.port: int | None = None
        self._proc: subprocess.Popen[bytes] | None = None
        self.log_path = (
            Path(log_path)
            if log_path is not None
            else Path(tempfile.mkdtemp(prefix="streamlit-test-")) / "streamlit.log"
        )

    @property
    def url(self) -> str:
        """Base URL, e.g. ``http://127.0.0.1:8765``."""
        if self.port is None:
            raise RuntimeError("AppServer is not started")
        return f"http://{HOST}:{self.port}"

    @property
    def running(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    def log_text(self) -> str:
        """Everything the server wrote to stdout/stderr so far."""
        try:
            return self.log_path.read_text(errors="replace")
        except OSError:
            return ""

    def command(self, port: int) -> list[str]:
        """The exact command line used to launch the server."""
        if self.serve:
            return [sys.executable, "-m", "tracking.cli", "serve", "--port", str(port),
                    "--address", HOST, *self.extra_args]
        return [
            sys.executable, "-m", "streamlit", "run", self.script,
            "--server.port", str(port),
            "--server.headless", "true",
            "--server.address", HOST,
            "--browser.gatherUsageStats", "false",
            # No reloads mid-test, and no inotify watchers on the whole repo.
            "--server.fileWatcherType", "none",
            *self.extra_args,
        ]  # fmt: skip

    def start(self) -> AppServer:
        """Launch and wait for ``/_stcore/health``; RuntimeError with the log tail if not."""
        if self.running:
            return self
        self.port = _free_port()
        with self.log_path.open("wb") as log:
            self._proc = subprocess.Popen(
                self.command(self.port),
                cwd=self.cwd,
                env={**os.environ, **self.env},
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                # Own process group, so stop() also reaches anything Streamlit spawns.
                start_new_session=True,
            )
        try:
            self._wait_healthy()
        except BaseException:
            self.stop()
            raise
        return self

    def _wait_healthy(self) -> None:
        assert self._proc is not None
        health = f"{self.url}/_stcore/health"
        deadline = time.monotonic() + self.start_timeout
        while time.monotonic() < deadline:
            if self._proc.poll() is not None:
                self._fail(f"Streamlit exited with code {self._proc.returncode}")
            try:
                with urllib.request.urlopen(health, timeout=2) as resp:
                    if resp.status == 200 and resp.read().strip() == b"ok":
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass  # not listening yet
            time.sleep(0.2)
        self._fail(f"Streamlit not healthy after {self.start_timeout:.0f}s at {health}")

    def _fail(self, why: str, tail_lines: int = 60) -> NoReturn:
        tail = "\n".join(self.log_text().splitlines()[-tail_lines:])
        raise RuntimeError(
            f"{why}\ncommand: {self.command(self.port or 0)}\n--- log tail ---\n{tail}"
        )

    def stop(self, timeout: float = 10.0) -> None:
        """SIGTERM the process group, SIGKILL it if still alive after ``timeout``."""
        proc, self._proc = self._proc, None
        if proc is None:
            return
        for sig in (signal.SIGTERM, signal.SIGKILL):
            try:
                os.killpg(proc.pid, sig)
            except ProcessLookupError:
                break
            try:
                proc.wait(timeout=timeout)
                break
            except subprocess.TimeoutExpired:
                continue
        proc.wait(timeout=timeout)  # reap; raises only if even SIGKILL failed

    def __enter__(self) -> AppServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()
