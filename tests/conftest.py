"""What the browser tests share: a Streamlit server on a store, and a chromium page that may reach only it."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
WAIT_MS = 90_000


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
