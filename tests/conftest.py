"""What the browser tests share: a Streamlit server on a store, and a chromium page that may reach only it."""
from __future__ import annotations

import ctypes
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
WAIT_MS = 90_000
PR_SET_CHILD_SUBREAPER = 36     # linux/prctl.h: orphans of our children become our children
LEFT_GRACE_S = 10.0


def _children() -> dict[int, str]:
    """The live processes whose parent is this one (from /proc), with their command lines."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace").strip()
        except OSError:
            continue
        state, ppid = stat.rsplit(")", 1)[1].split()[:2]
        if int(ppid) == os.getpid() and state != "Z":
            found[int(entry.name)] = cmdline
    return found


def _reap() -> None:
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return


@pytest.fixture(scope="session", autouse=True)
def no_process_left_behind() -> Iterator[None]:
    """Every process the tests start is stopped by the end of the session, its own children too.

    The test process becomes a child subreaper (Linux), so a server whose wrapper was stopped is
    reparented here instead of to init and is still seen; what is left is stopped, then reported."""
    try:
        subreaper = ctypes.CDLL(None, use_errno=True).prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0
    except (OSError, AttributeError):
        subreaper = False
    before = set(_children())
    yield
    end = time.monotonic() + LEFT_GRACE_S
    left = {}
    while time.monotonic() < end:
        _reap()
        left = {pid: cmd for pid, cmd in _children().items() if pid not in before}
        if not left:
            break
        time.sleep(0.2)
    for pid in left:
        with suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    _reap()
    assert not left, f"processes started by the tests are still running (now killed): {left}" + (
        "" if subreaper else " (orphans reparented to init were not seen: no child subreaper)")


@pytest.fixture
def page(server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--disable-background-networking"])
        context = browser.new_context(viewport={"width": 1440, "height": 1000}, device_scale_factor=1)
        context.set_default_timeout(WAIT_MS)
        blocked: list[str] = []

        def offline(route):
            if route.request.url.startswith(server):
                route.continue_()
            else:                      # no internet: the page must work without it
                blocked.append(route.request.url)
                route.abort()

        context.route("**/*", offline)
        pg = context.new_page()
        pg.blocked = blocked
        yield pg
        browser.close()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_healthy(url: str, proc: subprocess.Popen, deadline_s: float = 90.0) -> None:
    end = time.monotonic() + deadline_s
    while time.monotonic() < end:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited with code {proc.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError("streamlit did not become healthy")


@contextmanager
def streamlit_app(db: Path, log_path: Path) -> Iterator[str]:
    """``streamlit run dashboard/app.py`` on ``db``, local and headless; yields its URL once healthy."""
    port = free_port()
    env = {**os.environ, "VISIT_TIMELINE_DB_PATH": str(db)}
    with log_path.open("w") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "dashboard/app.py", "--server.port", str(port),
             "--server.address", "127.0.0.1", "--server.headless", "true",
             "--browser.gatherUsageStats", "false"],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        url = f"http://127.0.0.1:{port}"
        try:
            wait_healthy(url, proc)
            yield url
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()


# The store's tests run on SQLite and on a real PostgreSQL server (tests/pg.py).
from pg import backend, db_target, fresh_db, postgres_server  # noqa: E402, F401


@contextmanager
def http_server(handler: type[BaseHTTPRequestHandler]) -> Iterator[str]:
    """A local web server (127.0.0.1, a free port) answering with ``handler`` in a thread; its address.
    Stopped, and its thread joined, on the way out."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)
